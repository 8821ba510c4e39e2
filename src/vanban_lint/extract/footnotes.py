"""Footnote references and definitions, in the four forms drafts use.

1. Markdown: references ``[^1]`` / ``[^ghi-chu]``, definitions ``[^1]: …`` at the start of a line
   (with indented or lazy continuation lines).
2. Unicode superscripts: a run of ``¹²³…`` at the start of a line opens a definition, anywhere
   else it is a reference; ``km²``, ``m³``, ``10⁶`` are units and powers, not footnotes.
3. Plain digits stuck to a word or a year, as pdftotext leaves Word footnotes: ``khoáng sản1.``,
   ``năm 20243.`` (the year 2024, then footnote 3), with bodies on lines that start with the
   number. This form is recognised only where a body confirms a reference, so that ordinary
   numbers never become footnotes.
4. Word footnotes (.docx) reach this module as Markdown footnotes written by the docx reader.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

import regex

from vanban_lint.document import Document, Span

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_INT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

MD_DEF = regex.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:", regex.MULTILINE)
MD_REF = regex.compile(r"\[\^([^\]\s]+)\]")
SUP_RUN = regex.compile(f"[{SUPERSCRIPT_DIGITS}]+")
SUP_DEF = regex.compile(f"^[ \\t]*([{SUPERSCRIPT_DIGITS}]+)", regex.MULTILINE)
# Units whose square or cube is written with a superscript: 15 km², 200 m³.
UNIT_BEFORE = regex.compile(r"(?:^|[^\p{L}])(?:k|c|d|h|m)?m$|(?:^|[^\p{L}])(?:ha|tấn|người)/k?m$")

PLAIN_BODY = regex.compile(r"^[ \t]*(\d{1,2})[ \t]+(?=[\p{Lu}\"“(])", regex.MULTILINE)
# A lower-case word with digits stuck to it, then punctuation or a space: "luật1." "sản2,".
PLAIN_WORD_REF = regex.compile(r"(?<![\p{L}\d])(\p{L}*\p{Ll})(\d{1,2})(?=[.,;:)”\"\s]|$)")
# A year with a footnote number stuck to it: "năm 20243." = 2024 + footnote 3.
PLAIN_YEAR_REF = regex.compile(r"(?<=\b(?:năm|Năm)\s)((?:19|20)\d\d)(\d{1,2})(?=[.,;:)”\"\s]|$)")
# Words that take a number as a unit or a symbol (m2, km2, CO2 are excluded by case already).
PLAIN_NOT_WORD = frozenset({"m", "km", "cm", "mm", "dm", "ha", "kg", "l", "x", "lần", "số", "mục", "điểm"})


class FootnoteRef(NamedTuple):
    """A footnote marker in the text (``in_def``: index of the definition whose body holds it)."""

    label: str
    span: Span
    form: str
    in_def: int | None = None

    @property
    def number(self) -> int | None:
        return int(self.label) if self.label.isdigit() else None


class FootnoteDef(NamedTuple):
    """A footnote body: ``span`` is its marker, ``body`` the text that follows."""

    label: str
    span: Span
    body: Span
    form: str

    @property
    def number(self) -> int | None:
        return int(self.label) if self.label.isdigit() else None


class Footnotes(NamedTuple):
    refs: list[FootnoteRef]
    defs: list[FootnoteDef]

    @property
    def forms(self) -> list[str]:
        """Forms present, in order of first appearance."""
        seen: dict[str, int] = {}
        for item in [*self.refs, *self.defs]:
            seen.setdefault(item.form, item.span.start)
            seen[item.form] = min(seen[item.form], item.span.start)
        return sorted(seen, key=seen.get)


def extract(doc: Document) -> Footnotes:
    """All footnote references and definitions of ``doc``, in document order."""
    text = doc.body
    defs: list[FootnoteDef] = []
    refs: list[tuple[str, Span, str]] = []
    if "[^" in text:
        _markdown(doc, defs, refs, "word" if doc.format == "docx" else "markdown")
    if SUP_RUN.search(text):
        _superscript(doc, defs, refs)
    _plain(doc, defs, refs)
    defs.sort(key=lambda d: d.span.start)
    body_starts = [d.body.start for d in defs]
    out_refs = []
    for label, span, form in sorted(refs, key=lambda r: r[1].start):
        i = bisect_right(body_starts, span.start) - 1
        owner = i if i >= 0 and span.start < defs[i].body.end else None
        out_refs.append(FootnoteRef(label, span, form, owner))
    return Footnotes(out_refs, defs)


def _body_end(doc: Document, line_index: int, starts_def) -> int:
    """End of a definition body that starts on ``line_index``: lazy continuation lines, and
    indented paragraphs after a blank line, up to the next definition or heading."""
    text = doc.body
    n = len(doc.line_starts)
    end = doc.line_span(line_index).end
    i = line_index + 1
    while i < n:
        sp = doc.line_span(i)
        line = text[sp.start:sp.end]
        if not line.strip():
            j = i + 1
            while j < n and not text[doc.line_span(j).start:doc.line_span(j).end].strip():
                j += 1
            if j < n and text[doc.line_span(j).start:doc.line_span(j).end].startswith(("    ", "\t")):
                i = j
                continue
            break
        if starts_def(line) or line.lstrip().startswith("#"):
            break
        end = sp.end
        i += 1
    return end


def _markdown(doc: Document, defs: list[FootnoteDef], refs: list, form: str) -> None:
    text = doc.body
    def_markers = set()
    for m in MD_DEF.finditer(text):
        span = Span(m.start() + m.group().index("["), m.end() - 1)
        def_markers.add(span.start)
        end = _body_end(doc, doc.line_index(m.start()), MD_DEF.match)
        defs.append(FootnoteDef(m.group(1), span, Span(m.end(), max(end, m.end())), form))
    for m in MD_REF.finditer(text):
        if m.start() not in def_markers:
            refs.append((m.group(1), Span(m.start(), m.end()), form))


def _superscript(doc: Document, defs: list[FootnoteDef], refs: list) -> None:
    text = doc.body
    def_markers = set()
    for m in SUP_DEF.finditer(text):
        span = Span(m.start(1), m.end(1))
        if _is_power(text, span.start):
            continue
        def_markers.add(span.start)
        end = _body_end(doc, doc.line_index(m.start()), SUP_DEF.match)
        defs.append(FootnoteDef(m.group(1).translate(_SUP_TO_INT), span, Span(m.end(), max(end, m.end())),
                                "superscript"))
    for m in SUP_RUN.finditer(text):
        start = m.start()
        if start in def_markers:
            continue
        if _is_power(text, start):
            # "m³⁵": the unit's cube, then footnote 5.
            if not (text[start] in "²³" and m.end() - start > 1 and not text[start - 1].isdigit()):
                continue
            start += 1
        refs.append((text[start:m.end()].translate(_SUP_TO_INT), Span(start, m.end()), "superscript"))


def _is_power(text: str, pos: int) -> bool:
    """A superscript right after a digit (10⁶) or a unit (km², m³) is a power, not a footnote."""
    if pos == 0:
        return False
    before = text[max(0, pos - 12):pos]
    if before[-1].isdigit() or before[-1] in ")]":
        return True
    if text[pos] in "²³" and UNIT_BEFORE.search(before):
        return True
    return False


def _plain(doc: Document, defs: list[FootnoteDef], refs: list) -> None:
    """Pair plain-digit markers with the bodies that confirm them."""
    text = doc.body
    bodies = [m for m in PLAIN_BODY.finditer(text) if int(m.group(1)) > 0]
    if not bodies:
        return
    body_lines = {doc.line_index(m.start()) for m in bodies}
    candidates: list[tuple[int, Span]] = []
    for m in PLAIN_WORD_REF.finditer(text):
        if m.group(1).lower() in PLAIN_NOT_WORD or doc.line_index(m.start(2)) in body_lines and _at_line_start(text, m):
            continue
        candidates.append((int(m.group(2)), Span(m.start(2), m.end(2))))
    for m in PLAIN_YEAR_REF.finditer(text):
        candidates.append((int(m.group(2)), Span(m.start(2), m.end(2))))
    if not candidates:
        return
    candidates.sort(key=lambda c: c[1].start)
    used: set[int] = set()
    pairs: list[tuple[Span, regex.Match]] = []
    for body in bodies:
        number = int(body.group(1))
        best = None
        for i, (n, span) in enumerate(candidates):
            if span.start >= body.start():
                break
            if n == number and i not in used:
                best = i
        if best is not None:
            used.add(best)
            pairs.append((candidates[best][1], body))
    # One pair alone is only trusted when it is footnote 1; otherwise it may be a coincidence.
    if not pairs or (len(pairs) == 1 and pairs[0][1].group(1) != "1"):
        return
    starts_body = regex.compile(r"[ \t]*\d{1,2}[ \t]+[\p{Lu}\"“(]").match
    for ref_span, body in pairs:
        label = str(int(body.group(1)))
        marker = Span(body.start(1), body.end(1))
        end = _body_end(doc, doc.line_index(body.start()), starts_body)
        defs.append(FootnoteDef(label, marker, Span(body.end(), max(end, body.end())), "plain"))
        refs.append((label, ref_span, "plain"))


def _at_line_start(text: str, m: regex.Match) -> bool:
    line_start = text.rfind("\n", 0, m.start()) + 1
    return not text[line_start:m.start()].strip()
