"""Word (.docx) reader: the text as Word displays it, mapped to the common model, and its layout.

A .docx file is a ZIP of XML parts (ECMA-376, WordprocessingML). The reader writes:

- one line per body paragraph, and one line per table row with its cells joined by `` | `` (the
  paragraphs of a cell joined by a space, nested tables flattened into their cell), in reading
  order; the text of a text box or shape follows, one line per paragraph, the paragraph that
  anchors it (``mc:Fallback`` copies are skipped, so a text box is read once);
- text formatted "All caps" in capitals, as Word shows it;
- automatic numbering (``w:numPr``, directly or through the paragraph style, or through a
  numbering style) rendered as Word displays it: ``numbering.xml`` levels with their format (decimal, Roman, letters, bullets…),
  ``lvlText`` templates (``%1.%2.``), ``isLgl``, start values, restarts of lower levels, ``num``
  overrides (``startOverride``, ``lvl``) applied the first time that list is used;
- tracked changes accepted: insertions and moves kept, deletions and moved-from text dropped, a
  deleted paragraph mark joins its paragraph to the next (nothing between, as in Word), a deleted
  table row is dropped; comments are not text;
- after the body, one blank line, then the text of the headers and footers (each distinct part
  once, page-number fields left out), then Word footnotes ``[^n]: …`` (n as Word numbers them, by
  order of reference) and endnotes ``[^i]: …`` (lower Roman, Word's default).

Positions are therefore "line = paragraph or table row"; :meth:`Layout.where` names the place as a
person finds it in Word (paragraph number, or table, row and cell). Digits typed by hand in
superscript become Unicode superscripts, so a hand-made footnote marker is still seen.

The formatting the thể thức checks need (:class:`Layout`: page size and margins of each section,
run fonts, sizes, bold/italic/caps, paragraph alignment and line spacing, page-number fields) is
resolved as Word resolves it: document defaults, then the style chain (``basedOn``), then direct
formatting; theme fonts through ``theme1.xml``.

Safety: nothing in the file is executed or fetched. A file that is not a ZIP, that has more than
:data:`MAX_PARTS` parts, a part larger than :data:`MAX_PART` bytes once inflated, more than
:data:`MAX_TOTAL` bytes inflated in all, or a part inflating more than :data:`MAX_RATIO` times its
compressed size (past 1 MB), an XML part with a ``DOCTYPE`` or entity declaration (refused
before parsing), broken or too deeply nested XML, or no main document part, is refused with a
clear per-file error; sizes are checked while inflating, not trusted from the ZIP directory.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import NamedTuple
from xml.etree import ElementTree as ET

from vanban_lint.document import Document
from vanban_lint.errors import InputError
from vanban_lint.numerals import int_to_roman
from vanban_lint.readers.text import common_masks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

MAX_PARTS = 5_000                 # a real document has tens of parts; thousands is a bomb
MAX_PART = 64 * 1024 * 1024       # one XML part, inflated (the largest real one seen: 12 MB)
MAX_TOTAL = 128 * 1024 * 1024     # all the parts read, inflated (images are never read)
MAX_RATIO = 200                   # inflated / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024

# Containers whose children are read as if they were in place of the container.
_TRANSPARENT = {f"{W}{t}" for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple",
                                     "sdt", "sdtContent", "bdo", "dir", "r")}
_DROPPED = {f"{W}{t}" for t in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "instrText", "delText")}
_CHANGES = {f"{W}{t}" for t in ("ins", "del", "moveFrom", "moveTo")}
_FORMAT_CHANGES = {f"{W}{t}" for t in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                                        "tcPrChange", "numberingChange")}
_NOTE_SKIP = ("separator", "continuationSeparator", "continuationNotice")
_PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES")
_FLD_SIMPLE = f"{W}fldSimple"


# --------------------------------------------------------------------------- layout model
class RunStyle(NamedTuple):
    """Resolved character formatting of a run (size in points; None when nothing sets it)."""

    font: str | None
    size: float | None
    bold: bool
    italic: bool
    caps: bool


class Piece(NamedTuple):
    """A stretch ``[start, end)`` of one output line written with one :class:`RunStyle`."""

    start: int
    end: int
    style: RunStyle


class Para(NamedTuple):
    """One Word paragraph as written on an output line: where it is and how it is formatted."""

    line: int                 # 0-based output line
    start: int                # column where the paragraph's text starts on that line
    end: int
    pieces: tuple[Piece, ...]
    align: str | None         # w:jc
    line_rule: str | None     # w:spacing lineRule: auto, exact, atLeast
    line_value: int | None    # w:spacing line (240ths of a line for auto, twips otherwise)
    first_indent: int | None  # twips
    place: str                # "body", "table", "textbox", "header", "note"
    where: tuple              # ("para", 12), ("cell", table, row, cell), ("textbox",), ("header",), ("note", id)


class Section(NamedTuple):
    """Page set-up of one section (lengths in twips)."""

    width: int | None
    height: int | None
    top: int | None
    bottom: int | None
    left: int | None
    right: int | None
    mirrored: bool
    title_page: bool          # w:titlePg: a different first page
    page_number_in: tuple[str, ...]  # where a PAGE field is: "header", "footer", "first-header"…
    paragraphs: int           # number of body paragraphs in the section


class Layout:
    """What the thể thức checks read from a Word file besides its text.

    ``paras`` are in output-line order; ``changes`` counts unaccepted insertions, deletions and
    moves, ``format_changes`` unaccepted formatting changes; lines ``0 .. body_lines-1`` are the
    body (headers, footers and notes follow).
    """

    __slots__ = ("paras", "sections", "changes", "format_changes", "first_change_line", "body_lines", "_lines")

    def __init__(self, paras: tuple[Para, ...], sections: tuple[Section, ...], changes: int, format_changes: int,
                 first_change_line: int | None, body_lines: int) -> None:
        self.paras = paras
        self.sections = sections
        self.changes = changes
        self.format_changes = format_changes
        self.first_change_line = first_change_line
        self.body_lines = body_lines
        self._lines = [p.line for p in paras]

    def paras_on(self, line: int) -> list[Para]:
        """The paragraphs written on output line ``line`` (0-based), found by bisection."""
        return list(self.paras[bisect_left(self._lines, line):bisect_right(self._lines, line)])

    def where(self, line: int, column: int, lang: str = "vi") -> str:
        """The place of (0-based line, 0-based column) as a person finds it in Word."""
        best = None
        for p in self.paras_on(line):
            if p.start <= column:
                best = p
        return describe(best.where if best is not None else ("line", line + 1), lang)


_PLACES = {
    "vi": {"para": "đoạn {0}", "cell": "bảng {0}, hàng {1}, ô {2}", "textbox": "hộp văn bản",
           "header": "đầu trang hoặc chân trang", "note": "chú thích", "line": "dòng {0}"},
    "en": {"para": "paragraph {0}", "cell": "table {0}, row {1}, cell {2}", "textbox": "text box",
           "header": "header or footer", "note": "note", "line": "line {0}"},
}


def describe(where: tuple, lang: str = "vi") -> str:
    """A :attr:`Para.where` in words: ``bảng 2, hàng 3, ô 1`` / ``table 2, row 3, cell 1``."""
    return _PLACES.get(lang, _PLACES["vi"])[where[0]].format(*where[1:])


# --------------------------------------------------------------------------- package
def read(path: str, data: bytes) -> Document:
    """Build a :class:`Document` from the bytes of a .docx file; its :class:`Layout` is ``doc.layout``."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(path, "không phải tệp .docx hợp lệ (not a valid .docx/ZIP file)") from None
    with zf:
        package = _Package(path, zf)
        try:
            source, layout = _Reader(package).run()
        except RecursionError:
            raise InputError(path, "cấu trúc XML lồng nhau quá sâu (XML nested too deeply)") from None
    doc = Document.from_source(path, source, "docx", mask_fn=common_masks)
    doc.layout = layout
    return doc


class _Package:
    """The ZIP with its limits: parts are inflated with bounded reads and parsed without DTDs."""

    def __init__(self, path: str, zf: zipfile.ZipFile) -> None:
        self.path = path
        self.zf = zf
        self.read_total = 0
        infos = zf.infolist()
        if len(infos) > MAX_PARTS:
            raise InputError(path, f"tệp .docx có {len(infos)} phần, quá giới hạn {MAX_PARTS} (too many parts)")
        self.names = {i.filename for i in infos}

    def xml(self, name: str, required: bool = False) -> ET.Element | None:
        """Parse part ``name``; None when absent (an error when ``required``)."""
        if name not in self.names:
            if required:
                raise InputError(self.path, f"tệp .docx thiếu phần {name} (missing part {name})")
            return None
        raw = self._inflate(name)
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raw = raw.decode("utf-16").encode("utf-8")
        if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
            raise InputError(self.path, f"phần {name} có khai báo DOCTYPE/ENTITY, bị từ chối (XML with a DTD refused)")
        try:
            return ET.fromstring(raw)
        except ET.ParseError as exc:
            raise InputError(self.path, f"XML hỏng trong {name} ({exc})") from None

    def _inflate(self, name: str) -> bytes:
        info = self.zf.getinfo(name)
        try:
            with self.zf.open(info) as fh:
                raw = fh.read(MAX_PART + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, RuntimeError, EOFError,
                ValueError) as exc:
            raise InputError(self.path, f"không giải nén được phần {name} ({exc})") from None
        if len(raw) > MAX_PART:
            raise InputError(self.path, f"phần {name} quá lớn (trên {MAX_PART // 2**20} MB khi giải nén)")
        if len(raw) > RATIO_FLOOR and len(raw) > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(self.path, f"phần {name} nén bất thường (tỉ lệ trên {MAX_RATIO}:1, ZIP bomb?)")
        self.read_total += len(raw)
        if self.read_total > MAX_TOTAL:
            raise InputError(self.path, f"tệp .docx quá lớn khi giải nén (trên {MAX_TOTAL // 2**20} MB)")
        return raw

    def rels(self, part: str) -> dict[str, str]:
        """Relationship id -> target part name, for ``part``."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root.iter(f"{PKG_REL}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = name
            out["type:" + rel.get("Type", "").rsplit("/", 1)[-1]] = name
        return out

    def main_part(self) -> str:
        """The main document part named by ``_rels/.rels`` (``word/document.xml`` by default)."""
        return self.rels("").get("type:officeDocument", "word/document.xml")


# --------------------------------------------------------------------------- styles
def _on(el: ET.Element | None) -> bool | None:
    """A toggle property: None when absent, else its value (``w:val`` false/0/off means off)."""
    if el is None:
        return None
    return el.get(_VAL, "true") not in ("false", "0", "off", "none")


class _Styles:
    """Document defaults, style chains and theme fonts, resolved the way Word does."""

    def __init__(self, styles: ET.Element | None, theme: ET.Element | None) -> None:
        self.by_id: dict[str, ET.Element] = {}
        self.default_para: str | None = None
        self.default_rpr: list[ET.Element] = []
        self.default_ppr: list[ET.Element] = []
        self.theme = {"major": None, "minor": None}
        self._chains: dict[tuple[str, str], list[ET.Element]] = {}
        self._merged: dict[tuple[int, ...], RunStyle] = {}
        if theme is not None:
            for key in ("major", "minor"):
                latin = theme.find(f".//{A}{key}Font/{A}latin")
                self.theme[key] = latin.get("typeface") if latin is not None else None
        if styles is None:
            return
        rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        ppr = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
        self.default_rpr = [rpr] if rpr is not None else []
        self.default_ppr = [ppr] if ppr is not None else []
        for st in styles.iter(f"{W}style"):
            sid = st.get(f"{W}styleId", "")
            self.by_id[sid] = st
            if st.get(f"{W}type") == "paragraph" and st.get(f"{W}default") in ("1", "true"):
                self.default_para = sid

    def chain(self, sid: str | None, child: str) -> list[ET.Element]:
        """``child`` elements (``rPr``/``pPr``) of style ``sid`` and its ancestors, base first."""
        if sid is None:
            return []
        key = (sid, child)
        if key not in self._chains:
            out: list[ET.Element] = []
            seen: set[str] = set()
            cur: str | None = sid
            while cur is not None and cur not in seen and cur in self.by_id:
                seen.add(cur)
                st = self.by_id[cur]
                el = st.find(f"{W}{child}")
                if el is not None:
                    out.append(el)
                based = st.find(f"{W}basedOn")
                cur = based.get(f"{W}val") if based is not None else None
            self._chains[key] = out[::-1]
        return self._chains[key]

    def run_style(self, layers: list[ET.Element]) -> RunStyle:
        """Merge ``rPr`` layers (lowest priority first) into a :class:`RunStyle` (cached on the layers)."""
        key = tuple(map(id, layers))
        style = self._merged.get(key)
        if style is None:
            style = RunStyle(None, None, False, False, False)
            for rpr in layers:
                style = self.apply(style, rpr)
            self._merged[key] = style
        return style

    def apply(self, style: RunStyle, rpr: ET.Element) -> RunStyle:
        """``style`` with the properties set in ``rpr`` on top."""
        font, size, bold, italic, caps = style
        for el in rpr:
            tag = el.tag
            if tag == _RFONTS:
                font = self._font(el) or font
            elif tag == _SZ:
                val = el.get(_VAL, "")
                if val.isdigit():
                    size = int(val) / 2
            elif tag == _B:
                bold = bool(_on(el))
            elif tag == _I:
                italic = bool(_on(el))
            elif tag == _CAPS:
                caps = bool(_on(el))
        return RunStyle(font, size, bold, italic, caps)

    def _font(self, fonts: ET.Element) -> str | None:
        attrib = fonts.attrib
        name = attrib.get(_HANSI) or attrib.get(_ASCII)
        if name:
            return name
        theme = attrib.get(_HANSI_THEME) or attrib.get(_ASCII_THEME)
        if theme:
            return self.theme["major" if theme.startswith("major") else "minor"]
        return None


_RFONTS, _SZ, _B, _I, _CAPS, _VAL = (f"{W}{t}" for t in ("rFonts", "sz", "b", "i", "caps", "val"))
_HANSI, _ASCII, _HANSI_THEME, _ASCII_THEME = (f"{W}{t}" for t in ("hAnsi", "ascii", "hAnsiTheme", "asciiTheme"))


def _ppr_value(layers: list[ET.Element], path: str, attr: str) -> str | None:
    """The last value of ``attr`` on ``path`` across ``pPr`` layers (lowest priority first)."""
    value = None
    for ppr in layers:
        el = ppr.find(path)
        if el is not None and el.get(f"{W}{attr}") is not None:
            value = el.get(f"{W}{attr}")
    return value


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- numbering
class _Level(NamedTuple):
    fmt: str
    text: str
    start: int
    restart: int | None  # lvlRestart: 0 = never restart
    legal: bool
    suffix: str


def _level(lvl: ET.Element) -> _Level:
    def val(tag: str, default: str | None = None) -> str | None:
        el = lvl.find(f"{W}{tag}")
        return el.get(f"{W}val", default) if el is not None else default

    return _Level(val("numFmt", "decimal") or "decimal", val("lvlText", "") or "", _int(val("start", "1")) or 0,
                  _int(val("lvlRestart")), _on(lvl.find(f"{W}isLgl")) is True, val("suff", "tab") or "tab")


def _format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word's number format ``fmt`` (decimal for unknown formats)."""
    if fmt in ("upperRoman", "lowerRoman"):
        if not 0 < n < 4000:  # Word too falls back to digits; a huge start must not build a huge label
            return str(n)
        roman = int_to_roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        if not 0 < n <= 780:  # a..z, aa..zz, … up to 30 letters, as Word writes them
            return str(n)
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word repeats: aa, bb…
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """List counters, shared by the ``num`` instances of one abstract list as Word shares them."""

    def __init__(self, root: ET.Element | None, styles: _Styles) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, _Level | None]]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        links: dict[str, str] = {}  # abstract list -> numbering style it takes its levels from
        for ab in root.iter(f"{W}abstractNum"):
            ab_id = ab.get(f"{W}abstractNumId", "")
            self.abstract[ab_id] = {_int(lvl.get(f"{W}ilvl")) or 0: _level(lvl) for lvl in ab.iter(f"{W}lvl")}
            link = ab.find(f"{W}numStyleLink")
            if link is not None and not self.abstract[ab_id]:
                links[ab_id] = link.get(f"{W}val", "")
        for num in root.iter(f"{W}num"):
            ab = num.find(f"{W}abstractNumId")
            overrides: dict[int, tuple[int | None, _Level | None]] = {}
            for ov in num.iter(f"{W}lvlOverride"):
                start = ov.find(f"{W}startOverride")
                lvl = ov.find(f"{W}lvl")
                overrides[_int(ov.get(f"{W}ilvl")) or 0] = (
                    _int(start.get(f"{W}val")) if start is not None else None,
                    _level(lvl) if lvl is not None else None)
            if ab is not None:
                self.nums[num.get(f"{W}numId", "")] = (ab.get(f"{W}val", ""), overrides)
        for ab_id, style in links.items():  # a list defined by a numbering style (w:numStyleLink)
            for ppr in styles.chain(style, "pPr"):
                target = ppr.find(f"{W}numPr/{W}numId")
                linked = self.nums.get(target.get(f"{W}val", "")) if target is not None else None
                if linked is not None and linked[0] != ab_id:
                    self.abstract[ab_id] = self.abstract.get(linked[0], {})

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance list ``num_id`` at level ``ilvl`` and return the label Word shows (with its suffix)."""
        if num_id not in self.nums:
            return None
        ab_id, overrides = self.nums[num_id]
        levels = dict(self.abstract.get(ab_id, {}))
        for k, (_, lvl) in overrides.items():
            if lvl is not None:
                levels[k] = lvl
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(ab_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for k, (start, _) in overrides.items():
                if start is not None:
                    counters[k] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0 and (restart is None or restart > ilvl):
                del counters[deeper]
        if level.fmt == "bullet":
            text = "-" if level.text.strip() in ("-", "–", "−") else "•" if level.text else ""
        else:
            text = level.text
            for k in range(9):
                if f"%{k + 1}" in text:
                    sub = levels.get(k)
                    n = counters.get(k, sub.start if sub else 1)
                    fmt = "decimal" if (level.legal and sub and sub.fmt != "none") else (sub.fmt if sub else "decimal")
                    text = text.replace(f"%{k + 1}", _format_number(n, fmt))
        if not text:
            return ""
        return text + ("" if level.suffix == "nothing" else " ")


# --------------------------------------------------------------------------- reader
class _Line:
    """An output line being built: text pieces and the paragraphs on it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.paras: list[tuple[int, int, list[Piece], ET.Element | None, str, str]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)


class _Reader:
    """Walks the main part, its notes and its headers and footers into lines and a :class:`Layout`."""

    def __init__(self, pkg: _Package) -> None:
        self.pkg = pkg
        main = pkg.main_part()
        self.main = main
        self.root = pkg.xml(main, required=True)
        self.rels = pkg.rels(main)
        self.styles = _Styles(pkg.xml(self.rels.get("type:styles", "word/styles.xml")),
                              pkg.xml(self.rels.get("type:theme", "word/theme/theme1.xml")))
        self.numbering = _Numbering(pkg.xml(self.rels.get("type:numbering", "word/numbering.xml")), self.styles)
        self.lines: list[str] = []
        self.paras: list[Para] = []
        self.notes: dict[str, dict[str, int]] = {"footnote": {}, "endnote": {}}
        self.changes = 0
        self.format_changes = 0
        self.first_change: int | None = None
        self.place = "body"
        self.counter = {"para": 0, "table": 0}
        self.field_depth: list[bool] = []  # a stack: True while inside a page-number field
        self.page_field_seen = False
        self.page_parts: set[str] = set()
        settings = pkg.xml(self.rels.get("type:settings", "word/settings.xml"))
        self.mirrored = settings is not None and _on(settings.find(f"{W}mirrorMargins")) is True

    # -- top level
    def run(self) -> tuple[str, Layout]:
        body = self.root.find(f"{W}body")
        sections: list[tuple[ET.Element | None, int]] = []
        if body is not None:
            sections = self._blocks(body)
        body_lines = len(self.lines)
        secs = self._headers_and_footers(sections)
        self._notes()
        layout = Layout(tuple(self.paras), tuple(secs), self.changes, self.format_changes, self.first_change,
                        body_lines)
        return "\n".join(self.lines) + "\n", layout

    def _blocks(self, container: ET.Element) -> list[tuple[ET.Element | None, int]]:
        """Write the block-level children of ``container``; return its sections (sectPr, paragraphs)."""
        sections: list[tuple[ET.Element | None, int]] = []
        count = 0
        pending: _Line | None = None  # a paragraph whose mark was deleted: joined to the next
        pending_boxes: list[ET.Element] = []
        for el in self._children(container):
            tag = el.tag
            if tag == f"{W}p":
                self.counter["para"] += 1
                count += 1
                line = pending or _Line()
                where = (self.place,) if self.place in ("textbox", "header") else ("para", self.counter["para"])
                boxes = pending_boxes + self._paragraph(el, line, where)
                ppr = el.find(f"{W}pPr")
                if ppr is not None and ppr.find(f"{W}rPr/{W}del") is not None:
                    self._count_change(len(self.lines))
                    pending, pending_boxes = line, boxes
                    continue
                pending, pending_boxes = None, []
                self._emit(line)
                for box in boxes:
                    self._textbox(box)
                sect = ppr.find(f"{W}sectPr") if ppr is not None else None
                if sect is not None:
                    sections.append((sect, count))
                    count = 0
            elif tag == f"{W}tbl":
                if pending is not None:
                    self._emit(pending)
                    for box in pending_boxes:
                        self._textbox(box)
                    pending, pending_boxes = None, []
                self._table(el)
            elif tag == f"{W}sectPr":
                sections.append((el, count))
        if pending is not None:
            self._emit(pending)
            for box in pending_boxes:
                self._textbox(box)
        return sections

    def _children(self, el: ET.Element) -> Iterator[ET.Element]:
        """Children of ``el``, looking through transparent containers and tracked insertions."""
        for child in el:
            tag = child.tag
            if tag in _CHANGES:
                self._count_change(len(self.lines))
            if tag in _FORMAT_CHANGES:
                self.format_changes += 1
            if tag in _DROPPED or tag == f"{MC}Fallback":
                continue
            if tag == _FLD_SIMPLE and (child.get(f"{W}instr") or "").split()[:1] in ([f] for f in _PAGE_FIELDS):
                self.page_field_seen = True  # a page number: not text
                continue
            if tag in _TRANSPARENT and tag != f"{W}r" or tag in (f"{MC}AlternateContent", f"{MC}Choice"):
                yield from self._children(child)
            else:
                yield child

    def _count_change(self, line: int) -> None:
        self.changes += 1
        if self.first_change is None:
            self.first_change = line

    def _emit(self, line: _Line) -> None:
        index = len(self.lines)
        text = "".join(line.parts).replace("\n", " ")
        self.lines.append(text)
        for start, end, pieces, ppr_el, where, place in line.paras:
            self.paras.append(self._para(index, start, end, pieces, ppr_el, where, place))

    def _para(self, index: int, start: int, end: int, pieces: list[Piece], p: ET.Element | None, where: tuple,
              place: str) -> Para:
        layers = self._ppr_layers(p)
        line_rule = _ppr_value(layers, f"{W}spacing", "lineRule")
        line_value = _int(_ppr_value(layers, f"{W}spacing", "line"))
        if line_value is not None and line_rule is None:
            line_rule = "auto"
        indent = _int(_ppr_value(layers, f"{W}ind", "firstLine"))
        hanging = _int(_ppr_value(layers, f"{W}ind", "hanging"))
        if hanging:
            indent = -hanging
        return Para(index, start, end, tuple(pieces), _ppr_value(layers, f"{W}jc", "val"), line_rule, line_value,
                    indent, place, where)

    def _ppr_layers(self, p: ET.Element | None) -> list[ET.Element]:
        ppr = p.find(f"{W}pPr") if p is not None else None
        sid = self._pstyle(ppr)
        return [*self.styles.default_ppr, *self.styles.chain(sid, "pPr"), *([ppr] if ppr is not None else [])]

    def _pstyle(self, ppr: ET.Element | None) -> str | None:
        el = ppr.find(f"{W}pStyle") if ppr is not None else None
        return el.get(f"{W}val") if el is not None else self.styles.default_para

    # -- paragraphs
    def _paragraph(self, p: ET.Element, line: _Line, where: tuple) -> list[ET.Element]:
        """Append the text of paragraph ``p`` to ``line``; return its text boxes (written after it)."""
        start = line.length
        ppr = p.find(f"{W}pPr")
        if ppr is not None and ppr.find(f"{W}pPrChange") is not None:
            self.format_changes += 1
        sid = self._pstyle(ppr)
        para_rpr = [*self.styles.default_rpr, *self.styles.chain(sid, "rPr")]
        pieces: list[Piece] = []
        label = self._number_label(ppr, sid)
        if label:
            mark = ppr.find(f"{W}rPr") if ppr is not None else None
            pieces.append(Piece(line.length, line.length + len(label),
                                self.styles.run_style(para_rpr + ([mark] if mark is not None else []))))
            line.add(label)
        boxes: list[ET.Element] = []
        self._inline(p, line, para_rpr, pieces, boxes)
        line.paras.append((start, line.length, pieces, p, where, self.place))
        return boxes

    def _number_label(self, ppr: ET.Element | None, sid: str | None) -> str | None:
        num_id = ilvl = None
        for layer in [*self.styles.chain(sid, "pPr"), *([ppr] if ppr is not None else [])]:
            num = layer.find(f"{W}numPr")
            if num is None:
                continue
            nid = num.find(f"{W}numId")
            lvl = num.find(f"{W}ilvl")
            if nid is not None:
                num_id = nid.get(f"{W}val")
            if lvl is not None:
                ilvl = _int(lvl.get(f"{W}val"))
        if num_id is None or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl or 0)

    def _inline(self, el: ET.Element, line: _Line, para_rpr: list[ET.Element], pieces: list[Piece],
                boxes: list[ET.Element]) -> None:
        for child in self._children(el):
            tag = child.tag
            if tag == f"{W}r":
                self._run(child, line, para_rpr, pieces, boxes)
            elif tag in (f"{W}p", f"{W}tbl"):  # block content nested in a run container (rare)
                boxes.append(child)

    def _run(self, run: ET.Element, line: _Line, para_rpr: list[ET.Element], pieces: list[Piece],
             boxes: list[ET.Element]) -> None:
        rpr = run.find(f"{W}rPr")
        if rpr is not None and rpr.find(f"{W}rPrChange") is not None:
            self.format_changes += 1
        rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
        if rpr is not None and _on(rpr.find(f"{W}vanish")):
            return
        layers = [*para_rpr, *self.styles.chain(rstyle.get(f"{W}val") if rstyle is not None else None, "rPr")]
        style = None
        valign = rpr.find(f"{W}vertAlign") if rpr is not None else None
        superscript = valign is not None and valign.get(f"{W}val") == "superscript"
        for child in _run_items(run):
            tag = child.tag
            text = None
            if tag == f"{W}t":
                if self.field_depth and self.field_depth[-1]:
                    self.page_field_seen = True
                    continue
                text = child.text or ""
                if superscript and text.strip().isdigit():
                    text = text.translate(_SUPERSCRIPT)
                if text:
                    style = style or self._style(layers, rpr)
                    if style.caps:  # "All caps" formatting: Word shows the letters in capitals
                        text = text.upper()
            elif tag == f"{W}tab":
                text = "\t"
            elif tag in (f"{W}br", f"{W}cr"):
                text = " "
            elif tag == f"{W}noBreakHyphen":
                text = "-"
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                text = self._note_ref(tag == f"{W}endnoteReference", child.get(f"{W}id", ""))
            elif tag == f"{W}fldChar":
                self._field_char(child)
            elif tag == f"{W}instrText":
                self._field_instr(child.text or "")
            elif tag == f"{W}txbxContent":
                boxes.append(child)
            if text:
                style = style or self._style(layers, rpr)
                pieces.append(Piece(line.length, line.length + len(text), style))
                line.add(text)

    def _style(self, layers: list[ET.Element], rpr: ET.Element | None) -> RunStyle:
        style = self.styles.run_style(layers)
        return self.styles.apply(style, rpr) if rpr is not None else style

    def _field_char(self, el: ET.Element) -> None:
        kind = el.get(f"{W}fldCharType")
        if kind == "begin":
            self.field_depth.append(False)
        elif kind == "end" and self.field_depth:
            self.field_depth.pop()

    def _field_instr(self, instr: str) -> None:
        words = instr.split()
        if self.field_depth and words and words[0].upper() in _PAGE_FIELDS:
            self.field_depth[-1] = True

    def _note_ref(self, endnote: bool, nid: str) -> str:
        kind = "endnote" if endnote else "footnote"
        numbers = self.notes[kind]
        numbers.setdefault(nid, len(numbers) + 1)
        n = numbers[nid]
        return f"[^{int_to_roman(n).lower()}]" if endnote else f"[^{n}]"

    # -- tables and text boxes
    def _table(self, tbl: ET.Element) -> None:
        self.counter["table"] += 1
        number = self.counter["table"]
        rows = [c for c in self._children(tbl) if c.tag == f"{W}tr"]
        for r, tr in enumerate(rows, 1):
            if tr.find(f"{W}trPr/{W}del") is not None:  # a deleted row: gone once accepted
                self._count_change(len(self.lines))
                continue
            line = _Line()
            boxes: list[ET.Element] = []
            cells = [c for c in self._children(tr) if c.tag == f"{W}tc"]
            for c, tc in enumerate(cells, 1):
                if c > 1:
                    line.add(" | ")
                self._cell(tc, line, ("cell", number, r, c), boxes)
            self._emit(line)
            for box in boxes:
                self._textbox(box)

    def _cell(self, tc: ET.Element, line: _Line, where: tuple, boxes: list[ET.Element]) -> None:
        first = True
        saved, self.place = self.place, "table" if self.place == "body" else self.place
        for el in self._children(tc):
            if el.tag == f"{W}p":
                if not first:
                    line.add(" ")
                first = False
                boxes.extend(self._paragraph(el, line, where))
            elif el.tag == f"{W}tbl":  # nested table: flattened into the cell
                for tr in (c for c in self._children(el) if c.tag == f"{W}tr"):
                    for inner in (c for c in self._children(tr) if c.tag == f"{W}tc"):
                        if not first:
                            line.add(" ")
                        first = False
                        self._cell(inner, line, where, boxes)
        self.place = saved

    def _textbox(self, box: ET.Element) -> None:
        saved, self.place = self.place, "textbox"
        if box.tag == f"{W}txbxContent":
            self._blocks(box)
        elif box.tag == f"{W}p":
            line = _Line()
            inner = self._paragraph(box, line, ("textbox",))
            self._emit(line)
            for b in inner:
                self._textbox(b)
        elif box.tag == f"{W}tbl":
            self._table(box)
        self.place = saved

    # -- headers, footers, notes
    def _headers_and_footers(self, sections: list[tuple[ET.Element | None, int]]) -> list[Section]:
        out: list[Section] = []
        written: set[str] = set()
        first = True
        saved, self.place = self.place, "header"
        for sect, count in sections:
            page_number_in: list[str] = []
            for ref in sect.iter() if sect is not None else ():
                if ref.tag not in (f"{W}headerReference", f"{W}footerReference"):
                    continue
                name = self.rels.get(ref.get(f"{R}id", ""))
                if name is None:
                    continue
                kind = ("header" if ref.tag == f"{W}headerReference" else "footer")
                typ = ref.get(f"{W}type", "default")
                lines_before = len(self.lines)
                if name in written:
                    has_page = name in self.page_parts
                else:
                    written.add(name)
                    if first:
                        self.lines.append("")
                        first = False
                    self.page_field_seen = False
                    root = self.pkg.xml(name)
                    if root is not None:
                        self._blocks(root)
                    has_page = self.page_field_seen
                    if has_page:
                        self.page_parts.add(name)
                    if all(not ln.strip() for ln in self.lines[lines_before:]):
                        del self.lines[lines_before:]
                        self.paras = [p for p in self.paras if p.line < lines_before]
                if has_page:
                    page_number_in.append(kind if typ == "default" else f"{typ}-{kind}")
            out.append(_section(sect, tuple(page_number_in), count, self.mirrored))
        self.place = saved
        return out

    def _notes(self) -> None:
        saved, self.place = self.place, "note"
        for kind, default in (("footnote", "footnotes"), ("endnote", "endnotes")):
            numbers = self.notes[kind]
            if not numbers:
                continue
            root = self.pkg.xml(self.rels.get(f"type:{default}", f"word/{default}.xml"))
            if root is None:
                continue
            bodies: dict[str, tuple[str, list]] = {}
            for note in root.iter(f"{W}{kind}"):
                if note.get(f"{W}type") in _NOTE_SKIP:
                    continue
                line = _Line()
                for p in note.iter(f"{W}p"):
                    if line.length:
                        line.add(" ")
                    self._paragraph(p, line, ("note",))
                bodies[note.get(f"{W}id", "")] = (line, [])
            for nid, n in sorted(numbers.items(), key=lambda kv: kv[1]):
                if nid not in bodies:
                    continue
                label = int_to_roman(n).lower() if kind == "endnote" else str(n)
                body, _ = bodies[nid]
                prefix = f"[^{label}]: "
                line = _Line()
                line.add(prefix)
                text = "".join(body.parts).strip()
                lead = len("".join(body.parts)) - len("".join(body.parts).lstrip())
                line.add(text)
                for start, end, pieces, p, where, place in body.paras:
                    shift = len(prefix) - lead
                    line.paras.append((max(start + shift, len(prefix)), end + shift,
                                       [Piece(pc.start + shift, pc.end + shift, pc.style) for pc in pieces],
                                       p, where, place))
                self._emit(line)
        self.place = saved


_RUN_TEXT = {f"{W}{t}" for t in ("t", "tab", "br", "cr", "noBreakHyphen", "footnoteReference", "endnoteReference",
                                  "fldChar", "instrText")}


def _run_items(run: ET.Element) -> Iterator[ET.Element]:
    """The content of a run that makes text, and the text boxes of its drawings (not their insides).

    In ``mc:AlternateContent`` only the first ``mc:Choice`` is read: ``mc:Fallback`` repeats the
    same text box for older readers.
    """
    for child in run:
        tag = child.tag
        if tag in _RUN_TEXT:
            yield child
        elif tag == f"{W}txbxContent":
            yield child
        elif tag == f"{MC}AlternateContent":
            choice = child.find(f"{MC}Choice")
            if choice is not None:
                yield from _run_items(choice)
        elif tag not in (f"{W}rPr", f"{MC}Fallback"):
            yield from _run_items(child)


def _section(sect: ET.Element | None, page_number_in: tuple[str, ...], count: int, mirrored: bool) -> Section:
    """A section's page set-up as Word prints it: a negative top or bottom margin is its size (the
    text does not move for the header), the gutter adds to the left (inside) margin."""
    def get(tag: str, attr: str) -> int | None:
        el = sect.find(f"{W}{tag}") if sect is not None else None
        return _int(el.get(f"{W}{attr}")) if el is not None else None

    def size(value: int | None) -> int | None:
        return abs(value) if value is not None else None

    mar = sect.find(f"{W}pgMar") if sect is not None else None
    left = right = None
    if mar is not None:
        left = _int(mar.get(f"{W}left", mar.get(f"{W}start")))
        right = _int(mar.get(f"{W}right", mar.get(f"{W}end")))
        if left is not None:
            left += _int(mar.get(f"{W}gutter")) or 0
    title = _on(sect.find(f"{W}titlePg")) if sect is not None else None
    return Section(get("pgSz", "w"), get("pgSz", "h"), size(get("pgMar", "top")), size(get("pgMar", "bottom")), left,
                   right, mirrored, bool(title), page_number_in, count)
