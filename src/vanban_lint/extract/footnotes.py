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

import re
from bisect import bisect_right
from typing import NamedTuple

import regex

from vanban_lint.document import Document, Span

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_INT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# Patterns without Unicode property classes use stdlib ``re``: it scans literal prefixes and
# character sets several times faster than ``regex`` over a whole document.
MD_DEF = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
MD_REF = re.compile(r"\[\^([^\]\s]+)\]")
SUP_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
SUP_DEF = re.compile(f"^[ \\t]*([{SUPERSCRIPT_DIGITS}]+)", re.MULTILINE)
# Units whose square or cube is written with a superscript: 15 km², 200 m³.
UNIT_BEFORE = regex.compile(r"(?:^|[^\p{L}])(?:k|c|d|h|m)?m$|(?:^|[^\p{L}])(?:ha|tấn|người)/k?m$")

PLAIN_BODY = re.compile(r"^[ \t]*([0-9]{1,2})[ \t]+(?=\S)", re.MULTILINE)  # then a capital, a quote or (
_BODY_OPENERS = "\"“("
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
    if any(c in text for c in SUPERSCRIPT_DIGITS):
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
    for m in MD_REF.finditer(text):
        start, end = m.start(), m.end()
        line_start = text.rfind("\n", 0, start) + 1
        if text.startswith(":", end) and start - line_start <= 3 and not text[line_start:start].strip(" "):
            body_end = _body_end(doc, doc.line_index(start), MD_DEF.match)
            defs.append(FootnoteDef(m.group(1), Span(start, end), Span(end + 1, max(body_end, end + 1)), form))
        else:
            refs.append((m.group(1), Span(start, end), form))


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


class _Body(NamedTuple):
    """A line that may hold a plain-digit footnote body: "  3 Khi khai thác…"."""

    line_start: int
    number: int
    num_start: int
    num_end: int
    end: int  # where the body text starts


# With the newline as a literal prefix, stdlib ``re`` skips to candidate lines at once.
_PLAIN_BODY_NL = re.compile(r"\n[ \t]*([0-9]{1,2})[ \t]+(?=\S)")


def _plain_bodies(text: str) -> list[_Body]:
    out = []
    first = PLAIN_BODY.match(text)
    matches = ([(first, 0)] if first else []) + [(m, m.start() + 1) for m in _PLAIN_BODY_NL.finditer(text)]
    for m, line_start in matches:
        if int(m.group(1)) > 0 and (text[m.end()].isupper() or text[m.end()] in _BODY_OPENERS):
            out.append(_Body(line_start, int(m.group(1)), m.start(1), m.end(1), m.end()))
    return out


def _plain(doc: Document, defs: list[FootnoteDef], refs: list) -> None:
    """Pair plain-digit markers with the bodies that confirm them: each body takes the nearest
    unpaired marker with its number before it."""
    text = doc.body
    bodies = _plain_bodies(text)
    if not bodies:
        return
    body_lines = {doc.line_index(b.line_start) for b in bodies}
    by_number: dict[int, list[Span]] = {}
    for m in PLAIN_WORD_REF.finditer(text):
        if m.group(1).lower() in PLAIN_NOT_WORD or doc.line_index(m.start(2)) in body_lines and _at_line_start(text, m):
            continue
        by_number.setdefault(int(m.group(2)), []).append(Span(m.start(2), m.end(2)))
    for m in PLAIN_YEAR_REF.finditer(text):
        by_number.setdefault(int(m.group(2)), []).append(Span(m.start(2), m.end(2)))
    for spans in by_number.values():
        spans.sort()
    pairs: list[tuple[Span, _Body]] = []
    for body in bodies:
        spans = by_number.get(body.number)
        if not spans:
            continue
        i = bisect_right(spans, (body.line_start, body.line_start)) - 1
        if i >= 0:
            pairs.append((spans.pop(i), body))
    # One pair alone is only trusted when it is footnote 1; otherwise it may be a coincidence.
    if not pairs or (len(pairs) == 1 and pairs[0][1].number != 1):
        return

    def starts_body(line: str) -> bool:
        m = PLAIN_BODY.match(line)
        return bool(m) and (line[m.end()].isupper() or line[m.end()] in _BODY_OPENERS)

    for ref_span, body in pairs:
        label = str(body.number)
        end = _body_end(doc, doc.line_index(body.line_start), starts_body)
        defs.append(FootnoteDef(label, Span(body.num_start, body.num_end), Span(body.end, max(end, body.end)), "plain"))
        refs.append((label, ref_span, "plain"))


def _at_line_start(text: str, m: regex.Match) -> bool:
    line_start = text.rfind("\n", 0, m.start()) + 1
    return not text[line_start:m.start()].strip()
