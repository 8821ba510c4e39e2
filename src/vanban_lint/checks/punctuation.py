"""Punctuation rules (family PU).

PU101: quotation marks and parentheses must be balanced. An opening mark
without its closing one (or the reverse) usually means text was cut while editing, and a
quotation whose end cannot be found changes what the document attributes to whom.

Marks are judged where they belong: a parenthesis within its paragraph (or a run of paragraphs
on consecutive lines: a title or a two-column header whose lines were not joined); a quotation
within its paragraph or within a quoted passage. A quoted passage is what an amending document
inserts (``Sửa đổi khoản 2 như sau: “2. …`` … ``… hồ sơ.”.``): it opens with an unclosed mark at
the start of a paragraph or after a colon and closes at the first closing mark without its
opening one, however many paragraphs later; paragraphs inside it may reopen the quotation at
their start (the Vietnamese convention for a quotation of several paragraphs). List labels,
check boxes, conversion junk and seconds signs are not marks to pair (``extract.marks``).

PU102-PU104: the spacing of ``, . ; : ! ?`` (a space before the mark, none after it) and a mark
typed twice, judged on their shape in the line: numbers, times and scales, formulas, legends
of symbols, dotted blanks of forms, ellipses, abbreviations, addresses and codes are not
sentences. PU105: straight and curly double quotation marks mixed in one document. PU106:
Markdown strong emphasis that does not pair up within its paragraph. OCR-shaped text is left
to the recogniser's errors (``looks_ocr``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import regex

from vanban_lint.diagnostics import Edit, Finding, Fix
from vanban_lint.document import Document, Span, find_all
from vanban_lint.extract.marks import (CLOSE, EITHER, LINE, OPEN, is_check_box, is_junk_at,
                                       is_seconds_sign, list_label_at, looks_ocr, quote_shape)
from vanban_lint.facts import Facts
from vanban_lint.registry import check

_PARENS = regex.compile(r"[()（）]")
_PAREN_CHARS = "()（）"
# How many paragraphs later a parenthesis left open may still close: lines of a title or a
# two-column header that were not joined, a page break with its running header in between.
PAREN_CARRY = 4
# Double quotation marks: curly, straight, and a doubled single quote used as one (‘‘…’’).
_QUOTES = regex.compile(r"‘‘|’’|[“”\"]")
_QUOTE_CHARS = "‘’“”\""  # the first characters of _QUOTES
_HAS_WORD = re.compile(r"\w")
# The mark that should pair with one left alone, for the message.
_OTHER_CLOSE = {"“": "”", '"': '"', "‘": "’", "”": "”"}
_OTHER_OPEN = {"”": "“", '"': '"', "’": "‘", "“": "“"}
# What may follow the closing mark of a quoted passage at the end of its paragraph.
_TRAILING = " \t.;,:!?…)"
# A line that introduces the text an amending document inserts or replaces.
_INSTRUCTION = re.compile(r"\b(?:sửa đổi|bổ sung|thay thế|như sau)\b", re.IGNORECASE)
# What a quoted passage of a normative text starts with: an article, chapter, section, appendix,
# a numbered clause or a lettered point.
_QUOTED_UNIT = re.compile(r"(?:Điều|Chương|Mục|Phần|Phụ lục|PHỤ LỤC)\s"
                          r"|\d{1,3}(?:\.\d{1,3})*[.)]\s|[a-zđ]\d{0,2}\)\s")
# What may stand before a mark that opens its line: indentation and Markdown emphasis.
_LEAD = " \t\u00a0*_"


class _Mark(NamedTuple):
    pos: int
    width: int
    role: str  # OPEN, CLOSE or EITHER


@check("PU101")
def unbalanced_marks(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Parentheses and quotation marks left open or closing nothing; nothing in OCR-shaped text."""
    if looks_ocr(doc.body):
        return
    yield from _runs(_parentheses(doc))
    yield from _runs(_quotations(doc))


def _runs(findings: Iterable[Finding]) -> Iterator[Finding]:
    """Marks of one kind left unbalanced side by side (``((((``) are one finding over the run:
    one mistake, and no flood of findings from a pasted or generated run of marks."""
    run: Finding | None = None
    for f in findings:
        if run is not None and f.variant == run.variant and f.args == run.args and f.span.start == run.span.end:
            run = run._replace(span=Span(run.span.start, f.span.end))
            continue
        if run is not None:
            yield run
        run = f
    if run is not None:
        yield run


# ----------------------------------------------------------------------------- parentheses

def _parentheses(doc: Document) -> Iterator[Finding]:
    """Parentheses balance within a paragraph; one left open may close in one of the next few
    paragraphs (a title or a two-column header whose lines were not joined, a sentence cut by a
    page break and its running header). A ``)`` that ends a list label is no mark; a mark in a
    junk token pairs but is never reported; an unclosed check box ``(`` is not reported either."""
    text, flow = doc.text, doc.flow
    carried: list[tuple[int, int]] = []  # (mark, paragraph) opened and not closed before
    for index, para in _paragraphs_with(doc, _PARENS, _PAREN_CHARS):
        expired = [pos for pos, k in carried if index - k > PAREN_CARRY]
        yield from _report_unclosed(text, flow, expired)
        carried = [(pos, k) for pos, k in carried if index - k <= PAREN_CARRY]
        stack: list[int] = []
        for m in _PARENS.finditer(flow, para.start, para.end):
            pos = m.start()
            if m.group() in "(（":
                stack.append(pos)
                continue
            label = list_label_at(text, flow, pos, _line_start(doc, pos))
            if label == LINE:
                continue
            if stack:
                stack.pop()
            elif label is not None:
                continue
            elif carried:
                carried.pop()
            elif not is_junk_at(flow, pos):
                yield Finding(Span(pos, pos + 1), {"mark": ")", "other": "("}, "close")
        carried.extend((pos, index) for pos in stack)
    yield from _report_unclosed(text, flow, [pos for pos, _ in carried])


def _paragraphs_with(doc: Document, pattern: regex.Pattern, first: str) -> Iterator[tuple[int, Span]]:
    """The paragraphs (with their index) where ``pattern`` occurs, in order; ``first`` holds the
    characters a match of ``pattern`` starts with. The candidates are found by ``str.find`` (far
    faster than a pattern's scan of a large text) and each tried once: a paragraph without a
    mark changes nothing but the age of what is carried over, which the index says."""
    paragraphs, flow = doc.paragraphs, doc.flow
    starts = [p.start for p in paragraphs]
    candidates = find_all(flow, first)
    k = 0
    while k < len(candidates):
        pos = candidates[k]
        k += 1
        if not pattern.match(flow, pos):
            continue
        index = bisect_right(starts, pos) - 1
        para = paragraphs[index] if index >= 0 else None
        if para is not None and pos < para.end:
            yield index, para
            k = bisect_left(candidates, para.end, k)


def _report_unclosed(text: str, flow: str, stack: list[int]) -> Iterator[Finding]:
    for pos in stack:
        if not is_check_box(text, pos, len(text)) and not is_junk_at(flow, pos):
            yield Finding(Span(pos, pos + 1), {"mark": "(", "other": ")"}, "open")


# ----------------------------------------------------------------------------- quotations

def _quotations(doc: Document) -> Iterator[Finding]:
    """Quotation marks pair within a paragraph; what is left open or closes nothing is judged
    against the quoted passage (see the module docstring). A mark opened mid-sentence may still
    close in the next paragraph (a quotation over lines that were not joined)."""
    flow = doc.flow
    junk: set[int] = set()  # marks in junk tokens: they pair but are never reported
    passage: int | None = None  # the opening mark of the open quoted passage
    tentative: tuple[int, int] | None = None  # (mark, paragraph) opened mid-sentence, unclosed
    findings: list[Finding] = []
    for index, para in _paragraphs_with(doc, _QUOTES, _QUOTE_CHARS):
        marks = _marks(doc, para, junk)
        if tentative is not None and tentative[1] != index - 1:
            findings.append(_open(flow, tentative[0]))
            tentative = None
        if not marks:
            continue
        pending, excess = _pair(marks)
        if passage is not None and not pending and not excess and _reopens_and_closes(doc, para, marks):
            passage = None
            continue
        for pos in excess:
            if tentative is not None:
                tentative = None
            elif passage is not None:
                passage = None
            else:
                findings.append(_close(flow, pos))
        if tentative is not None:
            findings.append(_open(flow, tentative[0]))
            tentative = None
        for k, pos in enumerate(pending):
            if passage is not None and _starts_line(doc, pos):
                continue  # the quotation reopened at the start of a paragraph of the passage
            if k == 0 and _opens_passage(doc, para, pos):
                passage = pos
            elif k == len(pending) - 1:
                tentative = (pos, index)
            else:
                findings.append(_open(flow, pos))
    if tentative is not None:
        findings.append(_open(flow, tentative[0]))
    if passage is not None:
        findings.append(_open(flow, passage))
    yield from (f for f in findings if f.span.start not in junk)


def _marks(doc: Document, para: Span, junk: set[int]) -> list[_Mark]:
    """The quotation marks of a paragraph with the role their shape gives them (marks in junk
    tokens are added to ``junk``); seconds signs and the marks of a paragraph without a word are
    left out."""
    flow = doc.flow
    if not _HAS_WORD.search(flow, para.start, para.end):
        return []
    found = [m for m in _QUOTES.finditer(flow, para.start, para.end)
             if not (m.group() == '"' and is_seconds_sign(flow, m.start())) and not _alone(doc, m.start())]
    last_straight = max((m.start() for m in found if m.group() == '"'), default=-1)
    out = []
    for m in found:
        pos, mark = m.start(), m.group()
        if is_junk_at(flow, pos):
            junk.add(pos)
        shape = quote_shape(flow, pos, len(mark), para.start, para.end)
        if mark in ("“", "‘‘"):
            role = CLOSE if shape == CLOSE else OPEN
        elif mark in ("”", "’’"):
            role = OPEN if shape == OPEN else CLOSE
        else:  # a straight mark closes by its shape only when no straight mark follows it
            role = shape if shape == OPEN or pos == last_straight else EITHER
        out.append(_Mark(pos, len(mark), role))
    return out


def _alone(doc: Document, pos: int) -> bool:
    """A mark alone on its line as written quotes nothing (conversion debris)."""
    text = doc.text
    after = pos + 1
    while after < len(text) and text[after] in " \t\u00a0":
        after += 1
    return (after == len(text) or text[after] == "\n") and _starts_line(doc, pos, " \t\u00a0")


def _line_start(doc: Document, pos: int) -> int:
    return doc.line_starts[doc.line_index(pos)]


def _pair(marks: list[_Mark]) -> tuple[list[int], list[int]]:
    """Pair the marks in order: the opening marks left unclosed and the closing marks that
    close nothing. A straight mark of unclear shape closes an open quotation, else opens one."""
    pending: list[int] = []
    excess: list[int] = []
    for mark in marks:
        if mark.role == OPEN or (mark.role == EITHER and not pending):
            pending.append(mark.pos)
        elif pending:
            pending.pop()
        else:
            excess.append(mark.pos)
    return pending, excess


def _opens_passage(doc: Document, para: Span, pos: int) -> bool:
    """An unclosed opening mark opens a quoted passage when it follows a colon (``… như sau:
    “2. …``), or starts its line and either opens a block (``“Điều 4. …``, ``“2. …``) or stands
    below a line that ends with a colon or is an amending instruction (``Sửa đổi, bổ sung
    Điều 6`` / ``“Điều 6. …``)."""
    before = pos
    while before > para.start and doc.flow[before - 1] in _LEAD:
        before -= 1
    if before > para.start and doc.flow[before - 1] == ":":
        return True
    if not _starts_line(doc, pos):
        return False
    if _QUOTED_UNIT.match(doc.text, pos + 1):
        return True
    above = _line_above(doc, pos)
    return above.endswith(":") or bool(_INSTRUCTION.search(above))


def _line_above(doc: Document, pos: int) -> str:
    """The nearest line above the line of ``pos`` that is not blank, stripped."""
    for index in range(doc.line_index(pos) - 1, -1, -1):
        span = doc.line_span(index)
        line = doc.text[span.start:span.end].strip()
        if line:
            return line
    return ""


def _starts_line(doc: Document, pos: int, lead: str = _LEAD) -> bool:
    """Only white space or emphasis (``lead``) stands before ``pos`` on its line as written (a
    line that opens with a quotation mark is not always a paragraph of its own in the flow view)."""
    text, start = doc.text, pos
    while start > 0 and text[start - 1] in lead:
        start -= 1
    return start == 0 or text[start - 1] == "\n"


def _reopens_and_closes(doc: Document, para: Span, marks: list[_Mark]) -> bool:
    """Inside a quoted passage, a paragraph whose first mark opens it and whose last mark ends
    it reopens the quotation and closes the passage (``“3. … hồ sơ.”.``)."""
    first, last = marks[0], marks[-1]
    return (first.role != CLOSE and _starts_line(doc, first.pos)
            and last.role != OPEN and not doc.flow[last.pos + last.width:para.end].strip(_TRAILING))


def _open(flow: str, pos: int) -> Finding:
    mark = flow[pos]
    return Finding(Span(pos, pos + 1), {"mark": mark, "other": _OTHER_CLOSE.get(mark, "”")}, "open")


def _close(flow: str, pos: int) -> Finding:
    mark = flow[pos]
    return Finding(Span(pos, pos + 1), {"mark": mark, "other": _OTHER_OPEN.get(mark, "“")}, "close")


# ----------------------------------------------------------------------------- spacing

# A space before a mark that ends a clause or a sentence: one space (a run of spaces is a
# pdftotext column gap or an aligned form) after a word, a number or a closing bracket, and the
# mark followed by white space or the end of its line. (Patterns with a literal first character
# or a plain class scan a large text faster with ``re`` than with ``regex``.)
_SPACE_BEFORE = re.compile(r" ([,;:.!?])(?=[ \t\n]|$)")
_BEFORE_SPACE = regex.compile(r"[\p{L}\p{N})\]”’%]")
# What after a spaced mark makes it part of a dotted blank of a form or an ellipsis ("số . ..").
_BLANK_AFTER = frozenset(".…_")
# The longest symbol a legend explains before a spaced colon (``Ktn : hệ số…``).
_LEGEND_SYMBOL = 5
# How far along its line the context of a mark is looked at (long lines stay linear).
_LINE_REACH = 400
# A mark glued to the next letter after a lower-case letter (``kinh tế,xã hội``, ``năm 2025.Theo``):
# the candidates of PU103, judged by their words (:func:`_glued_mark`); ``[^\W\d_]`` lets
# through a few numeric signs besides the letters, which the judgement turns away.
_GLUED = re.compile(r"[,;:!?.](?=[^\W\d_])")
# What may not stand before the word before a glued mark: it would make the word part of an
# abbreviation with inner dots, an address, a file name or a code.
_NOT_BEFORE_WORD = frozenset(".@/\\_-")
# The longest word looked back at before a glued mark.
_MAX_WORD = 30
# Two marks where one belongs: the same mark doubled (``,,``), or two different ones of the set
# (``,;``, ``;.``); a period after a plain word followed by a comma or semicolon (``đồng.,``).
# Ellipses, dotted blanks, abbreviations (``v.v.,``) and the ``:::`` fence of a Pandoc block
# are not doubled marks.
_DOUBLED = regex.compile(r"(?<![.…,;:])([,;]|:(?!::))(?:\1)+(?![.…,;:])"
                         r"|(?<![.…,;:])[,;:][,;:](?![.…,;:])"
                         r"|(?<![.…,;:])[,;]\.(?![.…,;:\p{L}\p{N}])"
                         r"|(?<=(?<![\p{L}\p{N}.])\p{Ll}{2,})\.[,;](?![.…,;:])")


@check("PU102")
def space_before_mark(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """One space between a word and the comma, period, semicolon, colon, question or
    exclamation mark that follows it (``huyện .``, ``hồ sơ ,``); nothing in OCR-shaped text. Not
    reported: a colon that is an operator or a legend's (``_colon_operator``), a mark followed by
    dots or underscores (the blank of a form, ``Số . ..``), a run of spaces (a column gap), a
    line of short symbols (``_symbol_line``). The fix deletes the space."""
    body = doc.body
    if looks_ocr(body):
        return
    for m in _SPACE_BEFORE.finditer(body):
        if not m.start() or not _BEFORE_SPACE.match(body, m.start() - 1):
            continue
        mark, pos = m.group(1), m.start(1)
        nxt = _next_visible(body, pos + 1)
        if nxt in _BLANK_AFTER or nxt == mark:
            continue
        if (mark == ":" and _colon_operator(body, m.start(), nxt)) or _symbol_line(body, m.start()):
            continue
        yield Finding(Span(m.start(), pos + 1), {"mark": mark},
                      fix=Fix((Edit(Span(m.start(), pos), ""),), safe=True))


def _colon_operator(text: str, space: int, nxt: str) -> bool:
    """Whether the spaced colon after ``space`` is no punctuation: a time or a scale between two
    numbers (``8 : 30``, ``1 : 2.000``), the division sign of a formula (a line holding ``=``:
    ``Kqđ = Cm : Cmax``), or the colon of a legend after one short symbol (``f : hệ số kiên cố``,
    ``(1) : Tên đầy đủ``)."""
    if text[space - 1].isdigit() and nxt.isdigit():
        return True
    floor = max(0, space - _LINE_REACH)
    start = text.rfind("\n", floor, space) + 1 or floor
    end = text.find("\n", space, space + _LINE_REACH)
    line = text[start:end if end >= 0 else space + _LINE_REACH]
    head = text[start:space].strip(" \t\u00a0")
    return "=" in line or "⁼" in line or (len(head) <= _LEGEND_SYMBOL and " " not in head)


def _symbol_line(text: str, pos: int) -> bool:
    """Whether the line of ``pos`` holds only short symbols without Vietnamese letters (``Qthn ,
    Qtht``, ``K1 , K2``): a legend or a table cell of codes, not a sentence."""
    start, end = _line_bounds(text, pos)
    tokens = [t for t in text[start:end].split() if any(c.isalnum() for c in t)]
    return all(t.isascii() and len(t) <= _LEGEND_SYMBOL for t in tokens)


def _next_visible(text: str, pos: int) -> str:
    """The first character after ``pos`` on its line that is not a space ("" at the line end)."""
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    return text[pos] if pos < len(text) and text[pos] != "\n" else ""


@check("PU103")
def no_space_after_mark(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A comma, semicolon, colon, question or exclamation mark glued to the next word, or a
    period glued to the capitalised word of the next sentence (``kinh tế,xã hội``,
    ``năm 2025.Theo``), after a lower-case word; nothing in OCR-shaped text. Abbreviations with
    inner dots, addresses, file names and codes do not have that shape. The fix inserts a space."""
    body = doc.body
    if looks_ocr(body):
        return
    for m in _GLUED.finditer(body):
        pos = m.start()
        if _glued_mark(body, pos):
            yield Finding(Span(pos, pos + 1), {"mark": body[pos]},
                          fix=Fix((Edit(Span(pos + 1, pos + 1), " "),), safe=True))


def _glued_mark(text: str, pos: int) -> bool:
    """Whether the mark at ``pos``, glued to the letter after it, follows a lower-case word of two
    letters or more standing on its own (not after a digit, a capital or ``.@/\\_-``), and is
    followed by a word: two letters, or for a period a capital and a lower-case letter."""
    start, floor = pos, max(0, pos - _MAX_WORD)
    while start > floor and text[start - 1].isalpha() and text[start - 1].islower():
        start -= 1
    if pos - start < 2 or (start and (text[start - 1].isalnum() or text[start - 1] in _NOT_BEFORE_WORD)):
        return False
    nxt = text[pos + 1:pos + 3]
    if len(nxt) < 2 or not nxt[0].isalpha():
        return False
    if text[pos] == ".":
        return nxt[0].isupper() and nxt[1].islower()
    return nxt[1].isalpha()


# Where a doubled mark may start: the cheap scan before ``_DOUBLED`` is tried.
_TWO_MARKS = regex.compile(r"[,;:][,;:.]|\.[,;]")


@check("PU104")
def doubled_marks(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Two punctuation marks where one belongs (``,,``, ``;;``, ``,;``, ``đồng.,``); ellipses,
    dotted blanks and abbreviations are left alone, and OCR-shaped text is not judged. A mark
    doubled gets a safe fix that keeps one; two different marks get none (which one was meant is
    the writer's choice)."""
    body = doc.body
    if looks_ocr(body):
        return
    last = 0
    for candidate in _TWO_MARKS.finditer(body):
        m = _DOUBLED.match(body, candidate.start()) if candidate.start() >= last else None
        if m is None:
            continue
        last = m.end()
        run = m.group()
        span = Span(m.start(), m.end())
        fix = Fix((Edit(span, run[0]),), safe=True) if len(set(run)) == 1 else None
        yield Finding(span, {"marks": run}, fix=fix)


# ----------------------------------------------------------------------------- quote styles

_CURLY = frozenset("“”")


@check("PU105")
def mixed_quote_styles(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Straight (``"``) and curly (``“ ”``) double quotation marks in one document: every mark of
    the style used less is reported, each with its own fix. Seconds signs (``21°05'04"``), marks
    in junk tokens, a straight mark standing alone between spaces or cell separators (a ditto
    mark in a table) and OCR-shaped text are left out. A curly mark becomes ``"``; a straight one
    becomes ``“`` or ``”`` when its shape says which, and has no fix otherwise."""
    body = doc.body
    if '"' not in body or looks_ocr(body) or not any(c in body for c in _CURLY):
        return
    straight = [m.start() for m in re.finditer('"', body) if _quotes_text(body, m.start())]
    curly = [m.start() for m in re.finditer("[“”]", body)]
    if not straight or not curly:
        return
    if len(curly) < len(straight):
        for pos in curly:
            yield Finding(Span(pos, pos + 1), {"mark": body[pos], "style": '"'}, "curly",
                          fix=Fix((Edit(Span(pos, pos + 1), '"'),), safe=True))
        return
    for pos in straight:
        shape = quote_shape(body, pos, 1, *_line_bounds(body, pos))
        curly_mark = {OPEN: "“", CLOSE: "”"}.get(shape)
        fix = Fix((Edit(Span(pos, pos + 1), curly_mark),), safe=True) if curly_mark else None
        yield Finding(Span(pos, pos + 1), {"mark": '"', "style": "“…”"}, "straight", fix=fix)


def _quotes_text(text: str, pos: int) -> bool:
    """Whether the straight ``"`` at ``pos`` is a quotation mark: not a seconds sign, not in a
    junk token, not alone between white space or cell separators (a ditto mark)."""
    if is_seconds_sign(text, pos) or is_junk_at(text, pos):
        return False
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not (before in " \t\n|" and after in " \t\n|")


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    """The line around ``pos``, at most ``_LINE_REACH`` characters on each side."""
    floor = max(0, pos - _LINE_REACH)
    start = text.rfind("\n", floor, pos) + 1 or floor
    end = text.find("\n", pos, pos + _LINE_REACH)
    return start, end if end >= 0 else min(len(text), pos + _LINE_REACH)


# ----------------------------------------------------------------------------- Markdown emphasis

# A run of asterisks not escaped by a backslash.
_STARS = regex.compile(r"(?<!\\)\*+")
# The longest run that marks emphasis (``***`` is bold italic); longer runs are rules or blanks.
_MAX_EMPHASIS = 3


class _Run(NamedTuple):
    pos: int
    width: int


@check("PU106")
def unpaired_emphasis(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """In a Markdown file, strong emphasis (``**``, ``***``) that does not pair up within its
    paragraph: opened and never closed, or closed by a run of another width (``**Kết quả đạt
    được*``). A closing run with nothing open is not reported: after a word it is as often a
    note mark (``Tổng số**``) as a lost opening. A run of asterisks is opening when a word follows it and white
    space (or the start) comes before it, closing the other way round (CommonMark's left- and
    right-flanking runs). Bullets (``* ``),
    multiplication signs between spaces, note marks in brackets (``(*)``, ``(**)``) and single
    asterisks left alone (a note mark after a word) are not judged."""
    if doc.format != "markdown":
        return
    flow = doc.flow
    for para in doc.paragraphs:
        if "*" in flow[para.start:para.end]:
            yield from _emphasis_in(flow, para)


def _emphasis_in(flow: str, para: Span) -> Iterator[Finding]:
    stack: list[_Run] = []
    for m in _STARS.finditer(flow, para.start, para.end):
        run = _Run(m.start(), m.end() - m.start())
        before = flow[run.pos - 1] if run.pos > para.start else " "
        after = flow[m.end()] if m.end() < para.end else " "
        if run.width > _MAX_EMPHASIS or (before.isspace() and after.isspace()) or (before in "([" and after in ")]"):
            continue
        opens = not after.isspace() and (not _is_punct(after) or before.isspace() or _is_punct(before))
        closes = not before.isspace() and (not _is_punct(before) or after.isspace() or _is_punct(after))
        if closes and stack and (not opens or stack[-1].width == run.width):
            top = stack.pop()
            if top.width != run.width and max(top.width, run.width) > 1:
                yield _emphasis(run, "mismatch", top.width)
        elif opens:
            stack.append(run)
    yield from (_emphasis(run, "open", run.width) for run in stack if run.width > 1)


def _is_punct(ch: str) -> bool:
    """A punctuation mark or a symbol, as CommonMark's flanking rules count them."""
    return unicodedata.category(ch)[0] in "PS"


def _emphasis(run: _Run, variant: str, width: int) -> Finding:
    return Finding(Span(run.pos, run.pos + run.width), {"mark": "*" * run.width, "other": "*" * width}, variant)
