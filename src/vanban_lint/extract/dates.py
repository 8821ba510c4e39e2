"""Dates: every calendar date written in a document, and the document's own date line.

Forms met in administrative and Party texts (reference §3):

- ``16/6/2022``, ``09/01/2026`` (``slash``): the usual form in citations, HD05's own text;
- ``22-10-2018``, ``18-2-2019`` (``dash``): Tạp chí Cộng sản and Party press style;
- ``16.6.2022`` (``dot``): occasional, accepted only with a four-digit year;
- ``ngày 27 tháng 12 năm 2025`` (``words``): the header date line required by NĐ 30/2020
  (Phụ lục I, II.4.b) and HD05 (Phần II, I.4.2.2), and formal prose;
- ranges ``19-23/1/2026``, ``24/3–8/4/2021``, ``ngày 19-23 tháng 01 năm 2026``: the end is a
  date; the start is reported as a date only when it provably precedes the end in the same
  month and year (``28-3/2/2026`` runs from 28 January, which the text does not say).

A number triple is a date only when it is clearly one: it has a year (four digits; shorter
years only after the word "ngày"), or it follows the word "ngày". Fractions and counts
(``45/50 xã``), document numbers and codes (``12/2026/QĐ-UBND``, ``06/03/2026/HCNM``,
``NQ-34-NQ-TU-27-12-2025.pdf``), thousands (``1.250.000``), year ranges (``2021 - 2025``) and
article numbers (``Điều 15.1``) are not dates. ``tháng 5/2025`` and ``tháng 4 năm 2026`` are
recorded as month mentions (``day`` is None); a blank draft date line
(``ngày      tháng 6  năm 2026``) is recorded with the parts that are filled in.

Extraction reads :attr:`Document.flow`, so a date hard-wrapped across lines (``ngày 27 tháng`` /
``12 năm 2025``) is seen whole. The results are those of one pass of :data:`_DATE` over the
flow; to be fast, that pattern only runs on the few stretches of the text that can hold a date
(see :func:`extract`).
"""

from __future__ import annotations

import calendar
import datetime
import heapq
import operator
import re
from functools import cache
from itertools import accumulate
from typing import NamedTuple

import regex

from vanban_lint.document import Document, Span

__all__ = ["DateMention", "extract", "header_line", "header_date", "HEADER_LINES"]

YEAR_MIN, YEAR_MAX = 1900, 2100
# The header (quốc hiệu, issuer, number, place and date) is at the top of the first page.
HEADER_LINES = 40

_WS = r"[^\S\n]*"  # spaces inside one logical line (flow has joined hard wraps already)
_KW_NGAY = "(?:[Nn]gày|NGÀY)"
_KW_THANG = "(?:[Tt]háng|THÁNG)"
_KW_NAM = "(?:[Nn]ăm|NĂM)"
# A blank left in a draft for the day or month: spaces, dots, ellipses, underscores.
_FILL = r"[.…_]*"
# A year in words form; shorter than four digits only when it is not a "20....." placeholder.
_WYEAR = r"(?P<y>[0-9]{4}(?![0-9])|[0-9]{3}(?![0-9.…]))"
# The start of a range before a slash date: "19-" in 19-23/1/2026, "24/3–" in 24/3–8/4/2021.
_RANGE = rf"(?:(?P<rd>[0-9]{{1,2}})(?:/(?P<rm>[0-9]{{1,2}}))?{_WS}[-–]{_WS}(?=[0-9]{{1,2}}/))?"

# Every date starts with "ngày", "tháng" or a digit: that test first, so that most positions of
# the text fail at once; then the branches, grouped by their first character. Compiled by
# _date_pattern.
_DATE = rf"""
    (?=[0-9]|[Nn]gày|NGÀY|[Tt]háng|THÁNG)
  (?:
    (?<!\p{{L}})(?P<ngay>{_KW_NGAY}){_WS}:?{_WS}
    (?:
      # 1. words form, possibly a day range or with blanks: ngày 27 tháng 12 năm 2025
        (?:(?P<rd>[0-9]{{1,2}}){_WS}[-–]{_WS})?
        (?:(?P<d>[0-9]{{1,2}})|{_FILL}){_WS}
        (?P<kw>{_KW_THANG}){_WS}
        (?:(?P<m>[0-9]{{1,2}})(?![0-9/])|{_FILL})
        (?:{_WS},?{_WS}{_KW_NAM}{_WS}{_WYEAR})?
      # 2. numeric form, the year optional: ngày 16/6/2022, ngày 19-23/1/2026, ngày 30/4
      #    (a stray space around a slash: ngày 09 /4/2026, stamped into a blank)
      | {_RANGE}
        (?P<d>[0-9]{{1,2}})(?:[ \t](?=/))?(?P<sep>[/.\-])(?:(?<=/)[ \t])?(?P<m>[0-9]{{1,2}})
        (?:(?:[ \t](?=/))?(?P=sep)(?:(?<=/)[ \t])?(?P<y>[0-9]{{4}}|[0-9]{{3}}))?
        (?![0-9/]|[-.][0-9]|-\p{{L}}|{_WS}{_KW_THANG})
    )
  | (?<![\p{{L}}0-9])(?=[0-9])
    (?:
      # 3. numeric form with a four-digit year: 16/6/2022, 22-10-2018, 16.6.2022, 19-23/1/2026
        (?<![/.,\-–])
        {_RANGE}
        (?P<d>[0-9]{{1,2}})(?P<sep>[/.\-])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<y>[0-9]{{4}})
        (?![0-9/]|[-.,][0-9]|-\p{{L}})
      # 4. words form with a four-digit year, without "ngày": 27 tháng 12 năm 2025
      | (?P<d>[0-9]{{1,2}}){_WS}(?P<kw>{_KW_THANG}){_WS}(?P<m>[0-9]{{1,2}}){_WS},?{_WS}
        {_KW_NAM}{_WS}(?P<y>[0-9]{{4}})(?![0-9])
    )
    # 5. a month: tháng 5/2025, tháng 4 năm 2026
  | (?<!\p{{L}})(?P<kw>{_KW_THANG}){_WS}(?P<m>[0-9]{{1,2}})
    (?:(?P<sep>/)(?P<y>[0-9]{{4}})(?![0-9/])|{_WS},?{_WS}{_KW_NAM}{_WS}(?P<y>[0-9]{{4}})(?![0-9]))
  )
    """


Part = tuple[int, int] | None  # (start, end) of a written part in the flow, or None


class DateMention(NamedTuple):
    """A date (or a month, or a draft's partly blank date line) written in the text.

    ``span`` covers the date itself without the word "ngày" (``16/6/2022``,
    ``27 tháng 12 năm 2025``, ``tháng 5/2025``); ``day_span``/``month_span``/``year_span`` the
    digits of each part that is written. ``valid`` means a real calendar date with a four-digit
    year in 1900–2100, and ``date`` is then that calendar date (None otherwise); ``problem``
    says why a written date cannot exist (``"day"``: 31/04 or day 0, ``"month"``: 12/13/2021 or
    month 0, ``"year"``: 15/8/024) and is None for correct dates, months and blanks.

    Positions are kept as ints (``start``/``end``; ``parts``, the (start, end) of the day, month
    and year, counted from ``start``) and the spans made when asked for: a named tuple of spans
    stays in the garbage collector's care (only plain tuples leave it), and there are many dates.
    Counted from ``start``, the parts of dates written alike are the same, and one tuple serves
    them all (as do the calendar date and the numbers of dates written the same way).
    """

    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    style: str  # "slash", "dash", "dot" or "words"
    valid: bool
    problem: str | None
    has_ngay: bool
    parts: tuple[Part, Part, Part]  # day, month, year, from start
    date: datetime.date | None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def day_span(self) -> Span | None:
        return self._part_span(self.parts[0])

    @property
    def month_span(self) -> Span | None:
        return self._part_span(self.parts[1])

    @property
    def year_span(self) -> Span | None:
        return self._part_span(self.parts[2])

    def _part_span(self, part: Part) -> Span | None:
        return Span(self.start + part[0], self.start + part[1]) if part is not None else None

    @property
    def complete(self) -> bool:
        """Day, month and year are all written (the date may still be impossible)."""
        return self.day is not None and self.month is not None and self.year is not None


_STYLE = {"/": "slash", "-": "dash", ".": "dot"}
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _check(day: int | None, month: int | None, year_text: str | None) -> tuple[bool, str | None]:
    """(valid, problem) for the parts as written."""
    year = int(year_text) if year_text else None
    year_ok = year_text is not None and len(year_text) == 4 and YEAR_MIN <= year <= YEAR_MAX  # type: ignore[operator]
    if month is not None and not 1 <= month <= 12:
        return False, "month"
    if day is not None:
        # Without a usable year, 29 February is possible.
        if month is None:
            last = 31
        elif month == 2 and calendar.isleap(year if year_ok else 2000):  # type: ignore[arg-type]
            last = 29
        else:
            last = _MONTH_DAYS[month]
        if not 1 <= day <= last:
            return False, "day"
    if year_text is not None and not year_ok:
        return False, "year"
    return day is not None and month is not None and year_ok, None


def _plausible(day: int | None, month: int | None, has_year: bool, has_ngay: bool) -> bool:
    """Whether the numbers can be meant as a date at all.

    Without a year, "ngày 45/50" is a ratio, not a date: a year-less day/month must look like
    one (day 1–31, month 1–12) to be taken; "ngày 31/4" is, and it is impossible. A month
    without a day must be 1–12 unless "ngày" announces a date: "lương tháng 13/2025" is the
    thirteenth-month salary.
    """
    if not has_year:
        return (day is None or 1 <= day <= 31) and (month is None or 1 <= month <= 12)
    if day is None and not has_ngay:
        return month is not None and 1 <= month <= 12
    return True


def _mentions(flow: str, has_ngay: bool, sep: Part, d: Part, m: Part, y: Part, kw: Part,
              rd: Part, rm: Part) -> list[DateMention]:
    """The mentions of one match of :data:`_DATE`, from the positions of its groups: the date,
    and the start of a range when it is certain."""
    style = _STYLE[flow[sep[0]]] if sep is not None else "words"
    y_text = flow[y[0]:y[1]] if y is not None else None
    if style == "dot" and y_text is None:
        return []  # "ngày 16.6" is too close to article and section numbers
    if d is None and m is None and y is None:
        return []  # "ngày      tháng      năm" with nothing filled in
    day = int(flow[d[0]:d[1]]) if d is not None else None
    month = int(flow[m[0]:m[1]]) if m is not None else None
    if not _plausible(day, month, y is not None, has_ngay):
        return []
    valid, problem = _check(day, month, y_text)
    written = [p for p in (d, kw if d is None else None, m, y) if p is not None]
    year = int(y_text) if y_text is not None else None
    start = min(p[0] for p in written)
    out = [DateMention(start, max(p[1] for p in written), day, month, year, style,
                       valid, problem, has_ngay, _from(start, (d, m, y)),
                       datetime.date(year, month, day) if valid else None)]  # type: ignore[arg-type]
    if rd is not None and day is not None and month is not None and problem is None:
        r_day = int(flow[rd[0]:rd[1]])
        r_month = int(flow[rm[0]:rm[1]]) if rm is not None else month
        if (r_month, r_day) < (month, day):
            r_valid, r_problem = _check(r_day, r_month, y_text)
            if r_problem is None:
                out.append(DateMention(rd[0], (rm or rd)[1], r_day, r_month, year, style, r_valid, None,
                                       has_ngay, _from(rd[0], (rd, rm, None)),
                                       datetime.date(year, r_month, r_day) if r_valid else None))  # type: ignore[arg-type]
    return out


def _from(start: int, parts: tuple[Part, Part, Part]) -> tuple[Part, Part, Part]:
    """``parts`` counted from ``start``."""
    return tuple(None if p is None else (p[0] - start, p[1] - start) for p in parts)  # type: ignore[return-value]


_Fields = tuple  # the fields of a DateMention after start and end


def _slash_fields(written: str) -> _Fields:
    """The fields after start and end of the DateMention of "ngày D/M/YYYY", from "D/M/YYYY":
    what :func:`_mentions` makes of it."""
    d, m, y = written.split("/")
    day, month = int(d), int(m)
    valid, problem = _check(day, month, y)
    year = int(y)
    parts = ((0, len(d)), (len(d) + 1, len(d) + 1 + len(m)), (len(written) - 4, len(written)))
    return (day, month, year, "slash", valid, problem, True, parts,
            datetime.date(year, month, day) if valid else None)


# Where a date can be. Every character of a match is one of _RUN: a digit, a space, a letter of
# "ngày", "tháng" or "năm", or the punctuation of the forms above; so each match lies inside one
# stretch of them (a "run"), and the characters around a run (read by the lookarounds) are the
# same whatever else the text holds. A match holds "ngày" or "tháng" or a day, month and year
# joined by one separator; runs without one are skipped. Digits are ASCII: the digits of other
# scripts (٣, 𑽓) are not numbers here, and the re and regex modules agree on them.
_DIGIT = "[0-9]"
_RUN = (r"[0-9:,/.\-–…_nNgGàÀyYtThHáÁăĂmM"
        "\t\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")  # regex's [^\S\n]
_NOT_RUN = "[^" + _RUN[1:]
# The commonest date, "…, ngày 16/6/2022 của…", is read directly when a blank, a comma, a bracket
# or a quote stands before "ngày" and nothing after the year in its run can start another date
# (only " ,." and letters that spell no keyword): it is then the match of _DATE there (form 2
# above). A date before it in the run has an anchor before it, so it is met first, with the run.
_FAST_BEFORE = r"""[\n ,(\["'“‘*|]"""
# One pattern per first character (the rare "à", "À", "á", "Á" or a separator): the re module
# scans for one character several times faster than for a set of them. The lookbehinds come
# after it. A "/" right after "ngày D" is left to the "à" of "ngày", found anyway.
_ANCHORS = tuple(re.compile(pattern, re.VERBOSE) for pattern in (
    rf"""à(?:(?<={_FAST_BEFORE}[Nn]gà)y\ (?P<d>[0-9][0-9]?)/(?P<m>[0-9][0-9]?)/(?P<y>[0-9]{{4}})
            (?=[ ,.]*[nNgGyYtThHmM]*{_NOT_RUN})
          | (?<=[Nn]gà)y{_RUN}*)""",
    rf"À(?<=NGÀ)Y{_RUN}*",
    rf"á(?<=[Tt]há)ng{_RUN}*",
    rf"Á(?<=THÁ)NG{_RUN}*",
    rf"/(?<![Nn]gày\ [0-9]/)(?<![Nn]gày\ [0-9][0-9]/){_DIGIT}{_DIGIT}?/{_DIGIT}{_RUN}*",
    rf"\.{_DIGIT}{_DIGIT}?\.{_DIGIT}{_RUN}*",
    rf"-{_DIGIT}{_DIGIT}?-{_DIGIT}{_RUN}*",
))
_RUN_BEFORE = regex.compile(rf"{_RUN}*", regex.REVERSE)
_start = operator.methodcaller("start")
_first = operator.itemgetter(0)  # a DateMention's start


@cache
def _date_pattern() -> regex.Pattern:
    """:data:`_DATE`, compiled on first use: dates of the commonest form are read without it."""
    return regex.compile(_DATE, regex.VERBOSE)


def _runs(flow: str) -> tuple[list[DateMention], list[str], list[int]]:
    """The dates read directly, and the runs left for :data:`_DATE`: each as the run with the
    character before and after it, and the offset in ``flow`` of that first character."""
    fast: list[DateMention] = []
    pieces: list[str] = []
    offsets: list[int] = []
    known: dict[str, _Fields] = {}  # each distinct "D/M/YYYY" read directly: its fields
    new = tuple.__new__
    pos = 0
    for a in heapq.merge(*(anchor.finditer(flow) for anchor in _ANCHORS), key=_start):
        if a.start() < pos:
            continue  # in a run already taken
        pos = a.end()
        if a.lastgroup == "y":  # "ngày D/M/YYYY" read directly: D starts after "ày "
            written = flow[a.start() + 3:pos]
            fields = known.get(written)
            if fields is None:
                fields = known[written] = _slash_fields(written)
            fast.append(new(DateMention, (a.start() + 3, pos, *fields)))
            continue
        start = max(_RUN_BEFORE.match(flow, 0, a.start()).start() - 1, 0)
        pieces.append(flow[start:pos + 1])
        offsets.append(start)
    return fast, pieces, offsets


def _matches(flow: str, pieces: list[str], offsets: list[int]) -> list[DateMention]:
    """The mentions of the matches of :data:`_DATE` in the runs ``pieces``, all joined into one
    text: each piece is a run with the character before and after it (for the lookarounds),
    found at ``offsets`` in ``flow``."""
    pattern = _date_pattern()
    groups = tuple(pattern.groupindex[name] for name in ("ngay", "sep", "d", "m", "y", "kw", "rd", "rm"))
    out: list[DateMention] = []
    ends = list(accumulate(len(piece) for piece in pieces))
    k = 0
    for m in pattern.finditer("".join(pieces)):
        while ends[k] <= m.start():
            k += 1
        delta = offsets[k] - (ends[k] - len(pieces[k]))
        regs = m.regs
        ngay, sep, d, mo, y, kw, rd, rm = ((regs[i][0] + delta, regs[i][1] + delta) if regs[i][0] >= 0 else None
                                          for i in groups)
        out.extend(_mentions(flow, ngay is not None, sep, d, mo, y, kw, rd, rm))
    return out


def extract(doc: Document) -> list[DateMention]:
    """Every date, month and partly filled date line in ``doc.flow``, sorted by position.

    The same as ``_DATE.finditer(doc.flow)``, run only on the runs that can hold a date, the
    commonest form read directly."""
    return _extract(doc.flow)


def _extract(flow: str) -> list[DateMention]:
    """:func:`extract` of the text ``flow``."""
    out, pieces, offsets = _runs(flow)
    if pieces:  # the dates read directly are in order already
        out.extend(_matches(flow, pieces, offsets))
        out.sort(key=_first)
    return out


_RUN_END = re.compile(_NOT_RUN)


def _before(doc: Document, limit: int) -> list[DateMention]:
    """The dates of ``doc.flow`` that start before ``limit``, and maybe a few more: those of the
    flow up to the first character after ``limit`` that no run holds, that character included.
    Each match of :data:`_DATE` lies in one run and reads at most one character around it, so the
    runs before that character give the same dates as in the whole flow."""
    end = _RUN_END.search(doc.flow, limit)
    return _extract(doc.flow[:end.end()]) if end else extract(doc)


# A word of a place name on the date line: "Lào Cai", "Thành phố Huế", "Đặc khu Phú Quý",
# "TP. Hồ Chí Minh", "Phường 3"; or dots left for it in a template. Markdown emphasis may open
# the line: "*Hà Nội, ngày …*".
_PLACE_WORD = regex.compile(r"[*_]*(?:\p{Lu}[\p{L}.]*|phố|khu|[0-9]{1,3})|[.…_]{2,}")
# What may stand right before the place name: a column of the header table ("|"), the "*" under
# a Party issuer, the end of the motto "Hạnh phúc", or a token with no lower-case letter
# (a number and symbol such as "34-NQ/TU" that OCR put on the same line).
_BEFORE_PLACE = regex.compile(r"(?:^|[|*\t]|\s{2,}|\bphúc\s+|(?:^|\s)[^\s\p{Ll}]+\s+)$", regex.MULTILINE)


_NGAY_WORD = regex.compile(_KW_NGAY)
_NGAY_WINDOW = 120
# How far before "ngày" the place name and what stands before it are read: a place of six words
# fits many times over, and a long line is not read again for each of its dates.
_PLACE_WINDOW = 300


def _after_place(text: str, line_start: int, end: int) -> bool:
    """True when the line's text before "ngày" (``text[line_start:end]``) ends with a place name
    and a comma, the way the date line of a header does: ``Lào Cai, `` / ``… | Hà Nội, `` /
    ``-NQ/TU Lào Cai ``. Only the last :data:`_PLACE_WINDOW` characters are read."""
    lo = max(line_start, end - _PLACE_WINDOW)
    line = text[lo:end]
    comma = line.rstrip().endswith(",")
    words = line.rstrip().removesuffix(",").rstrip().split(" ")
    floor = 1 if lo > line_start else 0  # a window's first word may be cut: never part of the place
    cut = len(words)
    while cut > floor and len(words) - cut < 6 and _PLACE_WORD.fullmatch(words[cut - 1]):
        cut -= 1
    if cut == len(words):
        return False
    if not comma and not any(ch.islower() for w in words[cut:] for ch in w):
        return False  # "số 2010/GP - BTNMT ngày …": a code's issuer and the code's date, no place
    before_end = lo + len(" ".join(words[:cut])) + (1 if cut else 0)
    return bool(_BEFORE_PLACE.search(text, lo, before_end))


def header_line(doc: Document, dates: list[DateMention] | None = None) -> DateMention | None:
    """The document's own date line ``<Địa danh>, ngày … tháng … năm …`` in the header (the
    first :data:`HEADER_LINES` lines), even when a draft leaves parts blank; None if absent.

    The line is recognised by the place name before "ngày" (NĐ 30/2020 Phụ lục I, II.4;
    HD05 Phần II, I.4), so that a citation such as ``Quyết định số 11/2026/QĐ-UBND ngày 29
    tháng 01 năm 2026`` or ``… tổ chức tại Lào Cai ngày …`` in the first lines is not taken.

    ``dates`` are those of :func:`extract`; without them, only the header's are extracted.
    """
    starts = doc.line_starts
    limit = starts[HEADER_LINES] if len(starts) > HEADER_LINES else len(doc.text)
    if dates is None:
        dates = _before(doc, limit)
    for mention in dates:
        if mention.start >= limit:
            break
        if not mention.has_ngay:
            continue
        # The word "ngày" is close before the date: only blanks and a colon stand between.
        window = max(0, mention.start - _NGAY_WINDOW)
        words = list(_NGAY_WORD.finditer(doc.text, window, mention.start))
        if not words:
            continue
        found = words[-1]  # the "ngày" nearest the date
        line_start = starts[doc.line_index(found.start())]
        if _after_place(doc.text, line_start, found.start()):
            return mention
    return None


def header_date(doc: Document, dates: list[DateMention]) -> DateMention | None:
    """The document's own date, when its header date line is filled in completely."""
    mention = header_line(doc, dates)
    return mention if mention is not None and mention.complete else None
