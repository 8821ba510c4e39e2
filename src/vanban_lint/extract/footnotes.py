"""Footnote references and definitions, in the four forms drafts use.

1. Markdown: references ``[^1]`` / ``[^ghi-chu]``, definitions ``[^1]: …`` at the start of a line
   (with indented or lazy continuation lines).
2. Unicode superscripts: a run of ``¹²³…`` at the start of a line opens a definition, anywhere
   else it is a reference. Not footnotes: powers and units (``10⁶``, ``km²``, ``0,4 m ³``,
   ``d⁰,⁴``), chemistry (``NaClO²`` as typed, the charge ``Cr⁶⁺``), the numero sign ``N⁰``
   (footnotes never start at 0), and a parenthesised ``⁽¹⁾``: Word writes footnote references
   as bare superscript numbers, ``⁽¹⁾`` is a form's field annotation or an inline enumerator.
3. Plain digits stuck to a word or a year, as pdftotext leaves Word footnotes: ``khoáng sản1.``,
   ``năm 20243.`` (the year 2024, then footnote 3), with bodies on lines that start with the
   number. This form is recognised only where bodies confirm references and the confirmed
   footnotes are numbered 1, 2, 3… each once, so that ordinary numbers (table rows, a clause
   number wrapped to the start of a line, the formula ``SbCl5``) never become footnotes; a code
   keeps its footnote (``QĐ-TTg1`` = QĐ-TTg, footnote 1).
4. Word footnotes (.docx) reach this module as Markdown footnotes written by the docx reader.

Inside a form appendix (``extract.forms``) and a "Nơi nhận" list, superscript and plain
numbers are field annotations and copy counts, explained in the form's own "Ghi chú" list that
restarts with every form: they are neither references nor definitions. Markdown and Word
footnotes stay footnotes everywhere.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import NamedTuple

import regex

from vanban_lint.document import Document, Span, line_starts_matching
from vanban_lint.extract.forms import Forms
from vanban_lint.extract.forms import extract as extract_forms

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MAX_LABEL_DIGITS = 18  # a longer run of digits labelling a footnote is a name, not a count
_SUP_TO_INT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# Patterns without Unicode property classes use stdlib ``re``: it scans literal prefixes and
# character sets several times faster than ``regex`` over a whole document.
MD_DEF = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
MD_REF = re.compile(r"\[\^([^\]\s]+)\]")  # what a marker is; found by _md_refs, which scans in linear time
_LABEL_RUN = re.compile(r"[^\]\s]*")  # what MD_REF's label may hold
SUP_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
SUP_DEF = re.compile(f"^[ \\t]*([{SUPERSCRIPT_DIGITS}]+)", re.MULTILINE)
# Units whose square or cube is written with a superscript: 15 km², 200 m³, 50 mg/Nm³.
UNIT_BEFORE = regex.compile(r"(?:^|[^\p{L}])(?:k|c|d|h|m|N)?m$|(?:^|[^\p{L}])(?:ha|tấn|người)/k?m$")

# A year (or a date's year) right before a superscript: the superscript is a footnote marker.
YEAR_BEFORE = re.compile(r"(?<![0-9.,])(?:19|20)[0-9][0-9]$")
# Chemical element symbols: a formula such as "KBrO" or "NaClO" before a digit is chemistry.
ELEMENTS = frozenset(
    "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se "
    "Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb "
    "Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm "
    "Bk Cf Es Fm Md No Lr".split()
)
_SYMBOL = regex.compile(r"\p{Lu}\p{Ll}?")
_LETTERS_BEFORE = regex.compile(r"\p{L}+$")
# The heading of a recipients list; its items may carry the number of copies (``Bộ Quốc phòng⁸``).
RECIPIENTS = re.compile(r"[ \t]*Nơi nhận[ \t]*:")  # at a line start (document.line_starts_matching)
_LIST_ITEM = re.compile(r"[ \t]*[-+•]")

PLAIN_BODY = re.compile(r"^[ \t]*([0-9]{1,2})[ \t]+(?=\S)", re.MULTILINE)  # then a capital, a quote or (
_BODY_OPENERS = "\"“("
# A lower-case word with digits stuck to it, then punctuation or a space: "luật1." "sản2,".
# A footnote number stuck to the word before it ("sản1."): one or two digits after a lower-case
# letter, then punctuation, a space or the end. Found from the digits (a scan that starts at
# every letter of the text is ten times slower); the word is read back (:func:`_glued_numbers`).
PLAIN_WORD_REF = regex.compile(r"(?<=\p{Ll})[0-9]{1,2}(?=[.,;:)”\"\s]|$)")
# A year with a footnote number stuck to it: "năm 20243." = 2024 + footnote 3.
PLAIN_YEAR_REF = regex.compile(r"(?<=\b(?:năm|Năm)\s)((?:19|20)[0-9][0-9])([0-9]{1,2})(?=[.,;:)”\"\s]|$)")
_LAST_WORD = regex.compile(r"(\p{L}+)[ \t]*$")
# Words that take a number as a unit or a symbol (m2, km2, CO2 are excluded by case already).
PLAIN_NOT_WORD = frozenset({"m", "km", "cm", "mm", "dm", "ha", "kg", "l", "x", "lần", "số", "mục", "điểm"})
# Words after which a line break puts a number at the start of the next line: "tại Điều" /
# "7 Luật Địa chất…", "điểm c khoản" / "1 Điều 26…" is a wrapped reference, not a footnote body.
NUMBER_TAKING = frozenset({
    "điều", "khoản", "điểm", "mục", "tiết", "chương", "phần", "lục", "mẫu", "số", "năm", "tháng",
    "ngày", "trang", "bảng", "hình", "biểu",
})


class FootnoteRef(NamedTuple):
    """A footnote marker in the text (``in_def``: index of the definition whose body holds it)."""

    label: str
    span: Span
    form: str
    in_def: int | None = None

    @property
    def number(self) -> int | None:
        return _number(self.label)


class FootnoteDef(NamedTuple):
    """A footnote body: ``span`` is its marker, ``body`` the text that follows."""

    label: str
    span: Span
    body: Span
    form: str

    @property
    def number(self) -> int | None:
        return _number(self.label)


def _number(label: str) -> int | None:
    """The number a label of ASCII digits counts, or None: a label of more than
    ``MAX_LABEL_DIGITS`` digits is a name, not a count (Python reads at most 4,300 digits as a
    number, and a long run of digits only slowly)."""
    return int(label) if len(label) <= MAX_LABEL_DIGITS and label.isascii() and label.isdigit() else None


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


def extract(doc: Document, forms: Forms | None = None) -> Footnotes:
    """All footnote references and definitions of ``doc``, in document order."""
    text = doc.body
    defs: list[FootnoteDef] = []
    refs: list[tuple[str, Span, str]] = []
    if "[^" in text:
        _markdown(doc, defs, refs, "word" if doc.format == "docx" else "markdown")
    outside = _prose(doc, forms if forms is not None else extract_forms(doc))
    if any(c in text for c in SUPERSCRIPT_DIGITS):
        _superscript(doc, defs, refs, outside)
    _plain(doc, defs, refs, outside)
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


def _md_refs(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, label)`` of each match of MD_REF in ``text``, as its ``finditer`` finds them,
    in linear time: where a label runs into a space or the end without its "]", every "[^" inside
    that run fails the same way and is passed over (the pattern tries each one again: a line of
    "[^[^[^…" took the square of its length)."""
    pos = text.find("[^")
    while pos >= 0:
        run_end = _LABEL_RUN.match(text, pos + 2).end()
        if run_end > pos + 2 and text.startswith("]", run_end):
            yield pos, run_end + 1, text[pos + 2:run_end]
            pos = text.find("[^", run_end + 1)
        else:
            pos = text.find("[^", max(run_end, pos + 1))


def _markdown(doc: Document, defs: list[FootnoteDef], refs: list, form: str) -> None:
    text = doc.body
    for start, end, label in _md_refs(text):
        line_start = doc.line_starts[doc.line_index(start)]
        if text.startswith(":", end) and start - line_start <= 3 and not text[line_start:start].strip(" "):
            body_end = _body_end(doc, doc.line_index(start), MD_DEF.match)
            defs.append(FootnoteDef(label, Span(start, end), Span(end + 1, max(body_end, end + 1)), form))
        else:
            refs.append((label, Span(start, end), form))


def _prose(doc: Document, forms: Forms) -> Callable[[int], bool]:
    """A test of whether an offset is prose: outside every form and "Nơi nhận" list."""
    spans: list[Span] = []
    for sp in sorted([f.span for f in forms.items] + _recipient_lists(doc)):
        if spans and sp.start <= spans[-1].end:  # a "Nơi nhận" list inside a form
            spans[-1] = Span(spans[-1].start, max(spans[-1].end, sp.end))
        else:
            spans.append(sp)
    starts = [sp.start for sp in spans]

    def outside(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i < 0 or offset >= spans[i].end

    return outside


def _recipient_lists(doc: Document) -> list[Span]:
    """"Nơi nhận:" and the list items below it (``- Bộ Tư pháp;``), where numbers count copies."""
    text = doc.body
    out = []
    for line_start in line_starts_matching(text, RECIPIENTS):
        i = doc.line_index(line_start)
        end = doc.line_span(i).end
        while i + 1 < len(doc.line_starts):
            line = doc.line_span(i + 1)
            if not _LIST_ITEM.match(text, line.start, line.end):
                break
            end, i = line.end, i + 1
        out.append(Span(line_start, end))
    return out


def _superscript(doc: Document, defs: list[FootnoteDef], refs: list, outside: Callable[[int], bool]) -> None:
    text = doc.body
    def_markers = set()
    for line_start in line_starts_matching(text, SUP_DEF):
        m = SUP_DEF.match(text, line_start)
        span = Span(m.start(1), m.end(1))
        if (not outside(span.start) or _is_power(text, span.start)
                or not _may_be_marker(text, span.start, span.end)):
            continue
        def_markers.add(span.start)
        end = _body_end(doc, doc.line_index(m.start()), SUP_DEF.match)
        defs.append(FootnoteDef(m.group(1).translate(_SUP_TO_INT), span, Span(m.end(), max(end, m.end())),
                                "superscript"))
    for m in SUP_RUN.finditer(text):
        start = m.start()
        if start in def_markers or not outside(start):
            continue
        if _is_power(text, start):
            # "m³⁵": the unit's cube, then footnote 5.
            if not (text[start] in "²³" and m.end() - start > 1 and not text[start - 1].isdigit()):
                continue
            start += 1
        if _may_be_marker(text, start, m.end()):
            refs.append((text[start:m.end()].translate(_SUP_TO_INT), Span(start, m.end()), "superscript"))


def _may_be_marker(text: str, start: int, end: int) -> bool:
    """Whether the superscript digits ``text[start:end]`` can be a footnote number: not ``⁰…``
    (the numero sign N⁰, degrees), not a parenthesised annotation ``⁽¹⁾`` / ``(¹)``, not a
    charge ``⁶⁺``, not a digit typed as a superscript in a chemical formula (``KBrO³``)."""
    if text[start] == "⁰" or text[end:end + 1] in ("⁾", "⁺", "⁻") or text[start - 1:start] == "⁽":
        return False
    if text[start - 1:start] == "(" and text[end:end + 1] == ")":  # "(¹)": a label in brackets
        return False
    return not _is_formula(text[max(0, start - 12):start])


def _is_formula(before: str) -> bool:
    """Whether the letters at the end of ``before`` are a chemical formula of two or more
    element symbols, one of them of two letters (``NaClO``, ``KBrO``, ``SbCl``); a Vietnamese
    word or acronym (``Luật``, ``UBND``, ``TTg``) is not."""
    m = _LETTERS_BEFORE.search(before)
    if not m:
        return False
    symbols = _SYMBOL.findall(m.group())
    return (len(symbols) >= 2 and "".join(symbols) == m.group() and all(x in ELEMENTS for x in symbols)
            and any(len(x) == 2 for x in symbols))


def _is_power(text: str, pos: int) -> bool:
    """A superscript right after a number (10⁶), a closing bracket, a sign (10⁻³), an exponent's
    decimal comma (``d⁰,⁴``) or a unit (km², ``0,4 m ³``) is a power, not a footnote; after a
    year (``năm 2025¹``, ``giai đoạn 2021-2025¹²``, ``15/3/2025²``) it is a footnote marker."""
    if pos == 0:
        return False
    before = text[max(0, pos - 12):pos]
    if before[-1].isdigit():
        return not YEAR_BEFORE.search(before)
    if before[-1] in ")]⁻⁺":  # (a+b)², 10⁻³
        return True
    if before[-1] in ",." and len(before) > 1 and before[-2] in SUPERSCRIPT_DIGITS:
        return True
    if text[pos] in "²³" and UNIT_BEFORE.search(before.rstrip(" ")):
        return True
    return False


class _Body(NamedTuple):
    """A line that may hold a plain-digit footnote body: "  3 Khi khai thác…"."""

    line_start: int
    number: int
    num_start: int
    num_end: int
    end: int  # where the body text starts


def _plain_bodies(text: str, outside: Callable[[int], bool]) -> list[_Body]:
    out = []
    for line_start in line_starts_matching(text, PLAIN_BODY):
        m = PLAIN_BODY.match(text, line_start)
        if (int(m.group(1)) > 0 and (text[m.end()].isupper() or text[m.end()] in _BODY_OPENERS)
                and outside(line_start) and not _wrapped_number(text, line_start)):
            out.append(_Body(line_start, int(m.group(1)), m.start(1), m.end(1), m.end()))
    return out


def _wrapped_number(text: str, line_start: int) -> bool:
    """Whether the line before ``line_start`` ends with a word that takes a number ("tại Điều"),
    so that the number opening this line continues it rather than opening a footnote body."""
    prev_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
    m = _LAST_WORD.search(text, prev_start, max(line_start - 1, prev_start))
    return bool(m) and m.group(1).lower() in NUMBER_TAKING


def _plain(doc: Document, defs: list[FootnoteDef], refs: list, outside: Callable[[int], bool]) -> None:
    """Pair plain-digit markers with the bodies that confirm them: each body takes the nearest
    unpaired marker with its number before it. The pairs are kept only when they are footnotes
    1, 2, 3… each once: anything else is a coincidence of table rows and numbers."""
    text = doc.body
    bodies = _plain_bodies(text, outside)
    if not bodies:
        return
    body_lines = {doc.line_index(b.line_start) for b in bodies}
    by_number: dict[int, list[Span]] = {}
    for word_start, m in _glued_numbers(text):
        word = text[word_start:m.start()]
        if (word.lower() in PLAIN_NOT_WORD or not outside(m.start()) or _is_formula(word)
                or doc.line_index(m.start()) in body_lines and _at_line_start(doc, text, word_start)):
            continue
        by_number.setdefault(int(m.group()), []).append(Span(m.start(), m.end()))
    for m in PLAIN_YEAR_REF.finditer(text):
        if outside(m.start(2)):
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
    if sorted(body.number for _, body in pairs) != list(range(1, len(pairs) + 1)):
        return

    def starts_body(line: str) -> bool:
        m = PLAIN_BODY.match(line)
        return bool(m) and (line[m.end()].isupper() or line[m.end()] in _BODY_OPENERS)

    for ref_span, body in pairs:
        label = str(body.number)
        end = _body_end(doc, doc.line_index(body.line_start), starts_body)
        defs.append(FootnoteDef(label, Span(body.num_start, body.num_end), Span(body.end, max(end, body.end)), "plain"))
        refs.append((label, ref_span, "plain"))


_NON_BLANK = regex.compile(r"[^\s\x1c-\x1f]")


def _at_line_start(doc: Document, text: str, pos: int) -> bool:
    """Only blanks stand between the start of the line of ``pos`` and ``pos`` (read up to the first non-blank)."""
    line_start = doc.line_starts[doc.line_index(pos)]
    return _NON_BLANK.search(text, line_start, pos) is None


def _glued_numbers(text: str) -> Iterator[tuple[int, regex.Match]]:
    """The numbers of :data:`PLAIN_WORD_REF` with the start of the word they are stuck to: the
    whole run of letters before them, which no letter and no digit may precede (``2a12.`` and
    ``ab`` inside a longer token are not a word and its footnote)."""
    for m in PLAIN_WORD_REF.finditer(text):
        start = m.start()
        while start and text[start - 1].isalpha():
            start -= 1
        if start and text[start - 1] in "0123456789":
            continue
        yield start, m
