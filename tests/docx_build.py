"""Build small .docx packages from WordprocessingML snippets, for tests and rule examples.

A rule example whose ``filename`` ends in ``.docx`` has as its text the content of ``<w:body>``
(paragraphs, tables, ``w:sectPr``), the prefix ``w:`` bound to WordprocessingML; optional parts
follow a line ``=== word/<part>.xml`` and hold that part's inner XML (styles, numbering,
footnotes, headers), wrapped in their root element here.
"""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
ROOTS = {"styles": "w:styles", "numbering": "w:numbering", "footnotes": "w:footnotes", "endnotes": "w:endnotes",
         "settings": "w:settings", "comments": "w:comments"}
REL_TYPES = {"styles": "styles", "numbering": "numbering", "footnotes": "footnotes", "endnotes": "endnotes",
             "settings": "settings", "comments": "comments"}


def build(body: str, parts: dict[str, str] | None = None) -> bytes:
    """A .docx whose body is ``body``; ``parts`` maps part names (``word/styles.xml``) to inner XML.

    Parts named ``word/headerN.xml`` / ``word/footerN.xml`` get relationship ids ``rIdHN`` /
    ``rIdFN`` for ``w:headerReference`` / ``w:footerReference`` in the body's ``w:sectPr``.
    """
    parts = parts or {}
    rels = []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}</w:body></w:document>")
        for name, inner in parts.items():
            base = name.rsplit("/", 1)[-1][:-4]
            kind = base.rstrip("0123456789")
            if kind in ("header", "footer"):
                root = "w:hdr" if kind == "header" else "w:ftr"
                rels.append((f"rId{kind[0].upper()}{base[len(kind):]}", kind, base + ".xml"))
            else:
                root = ROOTS[kind]
                rels.append((f"rId{kind}", REL_TYPES[kind], base + ".xml"))
            zf.writestr(name, f"<{root} {NS}>{inner}</{root}>")
        rel_xml = "".join(f'<Relationship Id="{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                          f'relationships/{t}" Target="{target}"/>' for i, t, target in rels)
        zf.writestr("word/_rels/document.xml.rels",
                    f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel_xml}'
                    f"</Relationships>")
    return buf.getvalue()


def from_example(text: str) -> bytes:
    """Build a .docx from a rule example's text: the body, then ``=== word/<part>.xml`` sections."""
    chunks = text.split("\n=== ")
    parts = {}
    for chunk in chunks[1:]:
        name, _, inner = chunk.partition("\n")
        parts[name.strip()] = inner
    return build(chunks[0], parts)
