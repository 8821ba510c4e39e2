"""Word (.docx) reader: body paragraphs and real Word footnotes mapped to the common model.

A .docx file is a ZIP of XML parts (ECMA-376). The reader writes one line per paragraph of
``word/document.xml`` (table cells included, in reading order), then one line per footnote of
``word/footnotes.xml``. A Word footnote reference becomes ``[^n]`` and its body ``[^n]: …``, n being
the number Word displays (footnotes are numbered by order of reference); the footnote extractor
records them in the ``word`` form. Digits typed by hand and formatted as superscript become
Unicode superscripts, so that a hand-made marker inside a real footnote is still seen.

Reported positions are therefore "line = paragraph": line N is the N-th paragraph, and footnote
bodies follow the body text. Nothing in the file is executed; XML entities are not expanded
beyond the five predefined ones (the standard-library parser refuses external entities).
"""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree as ET

from vanban_lint.document import Document
from vanban_lint.errors import InputError
from vanban_lint.readers.text import common_masks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MAX_PART = 200 * 1024 * 1024  # refuse zip bombs


def read(path: str, data: bytes) -> Document:
    """Build a :class:`Document` from the bytes of a .docx file."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            body = _part(zf, path, "word/document.xml", required=True)
            notes = _part(zf, path, "word/footnotes.xml", required=False)
    except zipfile.BadZipFile:
        raise InputError(path, "không phải tệp .docx hợp lệ (not a valid .docx/ZIP file)") from None
    numbers: dict[str, int] = {}
    lines = [_paragraph_text(p, numbers) for p in body.iter(f"{W}p")]
    if notes is not None:
        bodies: dict[str, str] = {}
        for fn in notes.iter(f"{W}footnote"):
            if fn.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            fid = fn.get(f"{W}id", "")
            bodies[fid] = " ".join(_paragraph_text(p, numbers, inside=fid) for p in fn.iter(f"{W}p")).strip()
        for fid, n in sorted(numbers.items(), key=lambda kv: kv[1]):
            if fid in bodies:
                lines.append(f"[^{n}]: {bodies[fid]}")
    source = "\n".join(lines) + "\n"
    return Document.from_source(path, source, "docx", mask_fn=common_masks)


def _part(zf: zipfile.ZipFile, path: str, name: str, required: bool) -> ET.Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        if required:
            raise InputError(path, f"tệp .docx thiếu phần {name} (missing {name})") from None
        return None
    if info.file_size > MAX_PART:
        raise InputError(path, f"phần {name} quá lớn ({info.file_size} byte)")
    try:
        return ET.fromstring(zf.read(name))
    except ET.ParseError as exc:
        raise InputError(path, f"XML hỏng trong {name} ({exc})") from None


def _paragraph_text(p: ET.Element, numbers: dict[str, int], inside: str | None = None) -> str:
    """The text of one paragraph, with footnote references as ``[^n]``."""
    out: list[str] = []
    for run in p.iter(f"{W}r"):
        props = run.find(f"{W}rPr")
        valign = props.find(f"{W}vertAlign") if props is not None else None
        superscript = valign is not None and valign.get(f"{W}val") == "superscript"
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                text = child.text or ""
                out.append(text.translate(_SUPERSCRIPT) if superscript and text.strip().isdigit() else text)
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append(" ")
            elif tag == f"{W}footnoteReference":
                fid = child.get(f"{W}id", "")
                numbers.setdefault(fid, len(numbers) + 1)
                out.append(f"[^{numbers[fid]}]")
            elif tag == f"{W}footnoteRef" and inside is not None:
                continue  # the automatic number at the start of a footnote body
    return "".join(out).replace("\n", " ")
