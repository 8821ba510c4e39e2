"""Numbers in running text: how each is written, and the quantities and fractions they state.

Vietnamese writes numbers the CLDR ``vi`` way (decimal ``,``, group ``.``, groups of three;
percent ``#,##0%`` with no space): ``58.120,45 ha``, ``12.507 người``, ``27,4%``. See §5.2 of the
project's reference on Vietnamese document conventions. ``1.234`` is therefore one thousand two
hundred and thirty-four, never 1.234; only a form that no Vietnamese number can take
(``41.27%``, ``1,234,567``) is read as the English convention.

A run of digits in :attr:`Document.flow` is a number token unless it lies inside a footnote
marker, heading number, date or document code (given as ``excluded`` spans by the facts), is
glued to a word (``Km2``, ``khoáng sản1``), is part of a time (``14h30``) or a telephone number,
or stands right after a label word (``Điều 15``, ``khoản 2``, ``năm 2025``). Then:

- a :class:`NumberToken` records how it is written (``style``) and, when the form is readable,
  its value;
- a token followed by a unit or a counted noun from ``rules/data/units.yaml`` is a
  :class:`Quantity` (``is_percent`` for ``%``), with an optional multiplier word (``3,5 tỷ đồng``)
  and rate (``10.774 kg/tháng``); figures with a qualifier (``khoảng``, ``trên``) or in a range
  (``60 - 70%``, ``5%-7%``) are marked ``approximate`` (``60-70%`` reads like a code: no figure);
- ``x/y`` followed by a counted noun (``12/12 xã``) is a :class:`Fraction`.

A long document holds tens of thousands of numbers and the rules read few of them, so
:class:`Numbers` reads lazily: the tokens that a format rule reads are found by patterns that
only match their forms, and quantities are read only in the sentences a caller asks for.
"""

# No ``from __future__ import annotations``: NamedTuple would compile each field's annotation
# string at import (milliseconds per module).

import re
import sys
from bisect import bisect_right
from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import NamedTuple

import regex

from vanban_lint.data import load_table
from vanban_lint.document import Document, Span

# A run of digits with inner dots and commas, not glued to a word, a code (``QĐ-12``,
# ``21-NQ``) or another number, not a time (``14h30``). The head is its first digit; the label
# words of the data (``Điều``, ``năm``) are tested by a lookbehind after it, so that they cost
# nothing where there is no number. A token is always a whole run of digits, dots and commas.
# "(?=\d)" first: the lookbehind is then tried only where a digit stands (about 25 % faster scans).
TOKEN_HEAD = r"(?=[0-9])(?<![\p{L}\p{N}_.,/⁄∕+:\\]|[\p{L}\p{N}]-)[0-9]"
TOKEN_TAIL = r"[0-9]*(?:[.,][0-9]+)*(?![\p{N}]|/[0-9]|[.,][0-9]|-\p{L}|(?:[hg]|[ \t]*giờ[ \t]*|:)[0-9][0-9])"
# Led by its slash, and the numerator read by a lookbehind: the scan looks for the slash, which
# is much faster than trying every place where a number could start.
FRACTION = r"/(?<=(?<![\p{L}\p{N}_.,/⁄∕+:\\-])([0-9]{1,6})/)([0-9]{1,6})(?![\p{N}/\-.,]|\p{L})"

# The written forms of a token with a separator, tried in this order against the whole token.
VI_GROUPED = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?"
VI_DECIMAL = r"[0-9]+,[0-9]+"
EN_DECIMAL = r"[0-9]+\.[0-9]{1,2}"
EN_THOUSANDS = r"[1-9][0-9]{0,2}(?:,[0-9]{3}){2,}(?:\.[0-9]+)?|[1-9][0-9]{0,2}(?:,[0-9]{3})+\.[0-9]+"
# A dot-grouped number with a group of four or more digits: a digit too many or a dot missing.
MALFORMED = r"[1-9][0-9]{0,2}(?:\.[0-9]{3,})+(?:,[0-9]+)?"
FORMS = (rf"(?P<vi_grouped>{VI_GROUPED})|(?P<vi_decimal>{VI_DECIMAL})|(?P<en_decimal>{EN_DECIMAL})"
         rf"|(?P<en_thousands>{EN_THOUSANDS})|(?P<malformed>{MALFORMED})")
DATE_LIKE = r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{1,2}\.(?:19|20)[0-9][0-9]"
# Codes written with dots that a malformed number could be mistaken for: the code of an
# administrative procedure in the national database (mã thủ tục hành chính, one digit, a dot, six
# digits: ``2.000140``) and a standard designated with its year (``SP 485.1311500.2020``).
# The second form is tested group by group (see _code_like): as a pattern, its last two groups
# are split off a repetition of any length, which costs the square of a long run of groups.
CODE_LIKE = r"[1-9]\.(?!0{6})[0-9]{6}"
YEAR = r"(?:19|20)[0-9][0-9]"

# Where a token of a given form may start: a digit not glued to a word, a number or a code (a
# looser test than the token pattern's, which is matched at each place found). A run ends where
# no digit follows, nor a dot or comma and a digit.
_RUN_START = r"(?<![\p{L}\p{N}_.,/⁄∕+:\\])"
_RUN_END = r"(?![.,]?[0-9])"
# A dot group of one, two or four or more digits, or a comma group followed by a separator:
# every English or malformed form holds one, no Vietnamese form does. Two patterns, each led by
# its separator as a literal (the digit before it tested by a lookbehind), which the standard re
# module finds about twice as fast as the regex module (and much faster than a class of two).
NONSTANDARD_MARKS = (r"\.(?<=[0-9]\.)(?:[0-9]{1,2}(?![.,]?[0-9])|[0-9]{4})", r",(?<=[0-9],)[0-9]{3}[.,][0-9]")
GROUPED_RUN = rf"{_RUN_START}{VI_GROUPED}{_RUN_END}"
# Four digits or more without group dots, not led by 0 (then, added from the data, a lookahead
# for the first letter of a unit or multiplier word, ignoring case in that lookahead only: a
# case-insensitive scan is twice as slow); led by the four digits, which is faster.
UNGROUPED_RUN = r"[1-9][0-9]{3}(?<![\p{L}\p{N}_.,/⁄∕+:\\][0-9]{4})[0-9]*(?:,[0-9]+)?" + _RUN_END

RANGE_AFTER = r"[ \t]*(?:%[ \t]*)?(?:[-–÷]|đến|tới)[ \t]*[0-9]"

# Technical notation rather than prose, tested around a quantity: a relation, a product sign or
# a coordinate axis before the number (``f = 2030 kg/cm²``, ``< 2600 m2``, ``6000 mm x 2400 mm``,
# ``X: 2456789 m``), a product sign after its unit (``6000 mm x 2400 mm``).
FORMULA_BEFORE = r"(?:[=<>≤≥≈]|(?<!\p{L})[x×*]|(?<!\p{L})[XYZxyz][ \t]*:)[ \t]*\Z"
FORMULA_AFTER = r"[ \t]*[x×*][ \t]*[0-9]"
# A power of ten as the unit of a column or chart, not a figure: ``Khối lượng (1000 tấn)``,
# ``Đơn vị tính: 1000 đồng``. The number is led by one of these and is 1 followed by zeros.
SCALE_BEFORE = r"(?:\(|(?<!\p{L})(?:đơn vị tính|đơn vị|đvt)[ \t]*:?)[ \t]*\Z"


_new = tuple.__new__  # a named tuple made from a tuple of its fields, without the call of its __new__
_UNREAD = object()  # not yet in Numbers._readings
_UNCACHED = object()  # a match whose quantity is read anew at each place (see Numbers._reading)


class NumberToken(NamedTuple):
    """A number as written, at ``[start, end)``.

    ``style``: ``vi`` (a valid Vietnamese form, possibly plain digits), ``en_decimal``
    (``12.5``: a dot before one or two digits), ``en_thousands`` (``1,234,567`` or
    ``1,234.5``), ``malformed`` (``25.0000``), or ``other`` (section or version numbers such as
    ``2.1.3``, which are not quantities). ``value`` is the number read the Vietnamese way, or
    the English way for the ``en_*`` styles (``None`` when unreadable). ``grouped`` tells
    whether the integer part is written with group dots; ``unit_follows`` whether a unit or
    counted noun follows.
    """

    start: int
    end: int
    text: str
    style: str
    value: float | None
    decimals: int
    grouped: bool
    unit_follows: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def vietnamese(self) -> str | None:
        """The same value written the Vietnamese way (groups of three, decimal comma)."""
        if self.value is None or self.style in ("malformed", "other"):
            return None
        if self.style == "en_decimal":
            whole, frac = self.text.split(".")
        elif self.style == "en_thousands":
            whole, _, frac = self.text.replace(",", "").partition(".")
        else:
            whole, _, frac = self.text.replace(".", "").partition(",")
        grouped = _grouped(whole) if len(whole) > 3 or self.grouped else whole
        if whole.startswith("0") and len(whole) > 1:
            grouped = whole
        return f"{grouped},{frac}" if frac else grouped


def _grouped(digits: str) -> str:
    """ASCII ``digits`` without leading zeros in groups of three joined by dots (``1.234.567``),
    written from the string: Python reads at most 4,300 digits as a number."""
    head = len(digits) % 3 or 3
    return ".".join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])


class Quantity(NamedTuple):
    """A number with its unit: ``12.507 người``, ``27,4%``, ``3,5 tỷ đồng``.

    The number's fields (``start`` to ``grouped``, ``number`` being its value) are those of its
    :attr:`token`, kept flat so that a quantity is one object. ``value`` is the number times the
    multiplier word. ``unit`` is the unit as listed in the data (``%`` for percentages) with its
    rate (``kg/tháng``); ``dimension`` and ``scale`` let quantities of one dimension be compared
    (``base_value`` = value × scale); ``unit_start`` and ``unit_end`` bound the unit (with
    multiplier word and rate). A unit divided by another word that is not a rate period is a
    compound unit of its own dimension (``2300 kG/cm2``: ``kg/cm2``). ``approximate`` is set
    for ``khoảng 40%``, ``trên 70%``, ``60 - 70%``.
    """

    start: int
    end: int
    text: str
    style: str
    number: float
    decimals: int
    grouped: bool
    value: float
    multiplier: float
    unit: str
    dimension: str
    scale: float
    count: bool
    is_percent: bool
    approximate: bool
    unit_start: int
    unit_end: int

    @property
    def token(self) -> NumberToken:
        return NumberToken(self.start, self.end, self.text, self.style, self.number, self.decimals, self.grouped, True)

    @property
    def span(self) -> Span:
        """The number."""
        return Span(self.start, self.end)

    @property
    def unit_span(self) -> Span:
        return Span(self.unit_start, self.unit_end)

    @property
    def base_value(self) -> float:
        return self.value * self.scale

    @property
    def rounding(self) -> float:
        """Half a unit of the last digit written, in the dimension's base unit (0 for a plain count)."""
        if self.decimals == 0 and self.multiplier == 1:
            return 0.0
        return 0.5 * 10 ** -self.decimals * self.multiplier * self.scale


class Fraction(NamedTuple):
    """``x/y`` of a counted noun: ``45/50 xã``; ``[start, end)`` covers ``x/y``."""

    part: int
    whole: int
    unit: str
    start: int
    end: int
    unit_start: int
    unit_end: int

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def unit_span(self) -> Span:
        return Span(self.unit_start, self.unit_end)


class _Vocabulary:
    """The patterns and unit table of ``rules/data/units.yaml``, compiled once (see :func:`vocabulary`)."""

    __slots__ = ("number_re", "units", "multipliers", "label_re", "phone_re", "fraction_re", "nonstandard_res", "grouped_re",
                 "ungrouped_re", "form_re", "date_like", "code_like", "year", "scale_label", "formula_before", "formula_after", "per_unit")

    def __init__(self, table: dict) -> None:
        units: dict[str, tuple[str, float, bool]] = {}  # lower-case unit -> (dimension, scale, count)
        for row in table["units"]:
            name = row["unit"]
            units[name.lower()] = (row.get("dimension") or name, float(row.get("scale", 1)), bool(row.get("count")))
        self.units = units
        self.multipliers = {k: float(v) for k, v in table["multipliers"].items()}
        # Four groups: space, multiplier word, unit, rate.
        unit = (rf"([ \t]?)(?:({alternation(self.multipliers)})[ \t]+)?"
                rf"({alternation(units)})([ \t]*/[ \t]*{alternation(table['rate_periods'])})?(?![\p{{L}}\p{{N}}²³])")
        labels = [w for w in table["labels_before"] if w.lower() != "số"]
        not_so = alternation(table["label_exceptions_before_so"], backward=True)
        # The label, approximate and phone patterns are lookbehinds, tested at the start of a
        # number only, never searched through the text.
        label = rf"(?<!\p{{L}})(?:{alternation(labels, backward=True)}|(?<!{not_so}[ \t]+)số)[ \t]+"
        approximate = (rf"(?<!\p{{L}}){alternation(table['approximate_before'], backward=True)}[ \t]+|[≥≤><~±][ \t]*"
                       rf"|[0-9](?:[ \t]*%)?[ \t]*[-–÷][ \t]*")
        # A token and the unit after it, if any. Groups: 1 the token; 2 set when a qualifier
        # stands before it, 3 when a range goes on after it (case-sensitive); 4-7 the unit.
        self.number_re = regex.compile(
            rf"({TOKEN_HEAD}(?<!{label}[0-9])(?:(?<=(?:{approximate})[0-9])())?{TOKEN_TAIL})"
            rf"(?:(?=(?-i:{RANGE_AFTER}))())?(?:{unit})?", regex.IGNORECASE)
        # ``x/y`` and the unit after it, if any (groups 3-6).
        self.fraction_re = regex.compile(rf"{FRACTION}(?:{unit})?", regex.IGNORECASE)
        self.label_re = regex.compile(rf"(?<={label})", regex.IGNORECASE)
        self.phone_re = regex.compile(
            rf"(?<=(?<!\p{{L}}){alternation(table['phone_words'], backward=True)}(?!\p{{L}})[^\n0-9]{{0,12}}[0-9 .()+-]{{0,16}})",
            regex.IGNORECASE)
        self.nonstandard_res = tuple(re.compile(p) for p in NONSTANDARD_MARKS)
        self.grouped_re = regex.compile(GROUPED_RUN)
        first = "".join(sorted({regex.escape(w[0]) for w in [*units, *self.multipliers]}))
        self.ungrouped_re = regex.compile(rf"{UNGROUPED_RUN}(?=[ \t]?(?i:[{first}]))")
        self.form_re = regex.compile(FORMS)
        self.date_like = regex.compile(DATE_LIKE)
        self.code_like = regex.compile(CODE_LIKE)
        self.year = regex.compile(YEAR)
        self.scale_label = regex.compile(SCALE_BEFORE, regex.IGNORECASE)
        self.formula_before = regex.compile(FORMULA_BEFORE)
        self.formula_after = regex.compile(FORMULA_AFTER)
        self.per_unit = regex.compile(r"/[ \t]*(\p{L}[\p{L}\p{N}²³]*)")


def alternation(words: Iterable[str], backward: bool = False) -> str:
    """A group matching any of ``words``, factored on shared beginnings (on shared endings when
    ``backward``, for lookbehinds, which are matched from the end).

    The factored form dispatches on one character where a flat alternation tries every word.
    Where several words match at one place they are prefixes of one another, and the longest
    is tried first, as in a flat alternation sorted longest first: the match is the same.
    """
    root: dict = {}
    for word in sorted(words):  # a set of words gives one pattern text, whatever the hash seed
        node = root
        for ch in reversed(word) if backward else word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return f"(?:{_branches(root, backward)})"


def _branches(node: dict, backward: bool) -> str:
    alts = []
    for ch, child in node.items():
        if ch:
            rest = _branches(child, backward)
            rest = f"(?:{rest})?" if "" in child and rest else rest if len(child) == 1 or not rest else f"(?:{rest})"
            alts.append(rest + _escape(ch) if backward else _escape(ch) + rest)
    return "|".join(alts)


@lru_cache(maxsize=None)
def _escape(ch: str) -> str:
    """``regex.escape`` of one character, worked out once per character (the vocabularies'
    patterns are built at start-up from thousands of characters of a few dozen kinds)."""
    return regex.escape(ch)


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    """The unit table and number patterns, compiled on first use."""
    return _Vocabulary(load_table("units"))


def read_token(text: str, start: int, end: int, unit_follows: bool = False) -> NumberToken:
    """Classify one run of digits at ``[start, end)`` (see :class:`NumberToken`)."""
    return NumberToken(start, end, text, *written_form(text), unit_follows)


@lru_cache(maxsize=1 << 16)
def written_form(text: str) -> tuple[str, float | None, int, bool]:
    """``(style, value, decimals, grouped)`` of a run of digits (see :class:`NumberToken`).

    Cached: a report repeats its figures.
    """
    if text.isdigit():
        return "vi", float(text), 0, False
    voc = vocabulary()
    m = voc.form_re.fullmatch(text)
    form = m.lastgroup if m else "other"
    if form == "vi_grouped" or form == "vi_decimal":
        whole, _, frac = text.partition(",")
        return "vi", float(whole.replace(".", "") + "." + (frac or "0")), len(frac), form == "vi_grouped"
    if form == "en_decimal":
        return form, float(text), len(text.split(".")[1]), False
    if form == "en_thousands":
        return form, float(text.replace(",", "")), len(text.partition(".")[2]), True
    if form == "malformed" and not voc.date_like.fullmatch(text) and not _code_like(text, voc):
        return form, None, 0, True
    return "other", None, 0, False


def _code_like(text: str, voc: "_Vocabulary") -> bool:
    """Whether ``text`` is written like a code with dots (``CODE_LIKE``): a procedure's code, or
    groups of digits of which the last is a year and the one before it has four digits or more
    (``485.1311500.2020``)."""
    if voc.code_like.fullmatch(text):
        return True
    groups = text.split(".")
    return (len(groups) >= 3 and voc.year.fullmatch(groups[-1]) is not None and len(groups[-2]) >= 4
            and all(g.isascii() and g.isdigit() for g in groups))


class _Intervals:
    """Spans sorted by start with the running maximum of their ends: an overlap test is one bisect."""

    __slots__ = ("starts", "max_ends")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(spans)
        self.starts = [start for start, _ in pairs]
        self.max_ends = max_ends = []
        top = -1
        for _, end in pairs:  # a plain loop: accumulate() calling max() is three times slower
            if end > top:
                top = end
            max_ends.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.max_ends[i] > start


class _GroupedFigures:
    """The first figure written with group dots (``1.250 ha``, ``12.500 tấn/năm``) of each kind
    (:func:`figure_kind`), found by reading the grouped figures in order only until the kind
    asked for is found: few figures are ungrouped, and each asks for one kind."""

    __slots__ = ("numbers", "runs", "found")

    def __init__(self, numbers: "Numbers") -> None:
        self.numbers = numbers
        self.runs = numbers._voc.grouped_re.finditer(numbers.flow)
        self.found: dict[str, Quantity] = {}

    def first(self, kind: str) -> Quantity | None:
        numbers, found = self.numbers, self.found
        match, flow = numbers._voc.number_re.match, numbers.flow
        while kind not in found:
            run = next(self.runs, None)
            if run is None:
                return None
            q = numbers._quantity(match(flow, run.start()))
            if q is not None:
                found.setdefault(figure_kind(q), q)
                found.setdefault("large", q)  # any grouped figure shows that large ones are grouped
        return found[kind]


class Numbers:
    """The numbers of one text, read on demand.

    ``fractions``, ``nonstandard`` (tokens in an English or malformed form) and ``ungrouped``
    (figures of four digits or more without group dots) cover the whole text, and
    :meth:`grouped_like` finds a grouped figure of the same kind; :meth:`quantities_in` reads the
    quantities of one stretch of it.

    A counted noun in title case after a number is not its unit: ``8.2 Người lao động…``,
    ``1.1 Nhà thầu khảo sát`` are a section number and the first word of its heading.
    """

    def __init__(self, flow: str, excluded: Iterable[tuple[int, int]]) -> None:
        self.flow = flow
        self._voc = vocabulary()
        self._skip = _Intervals(excluded)
        self._readings: dict[str, tuple | None] = {}  # the text of a match -> see _reading

    def _token_at(self, start: int) -> NumberToken | None:
        """The token starting at ``start``, read exactly as a scan of the whole text reads it,
        or None (no token there, an excluded span, a telephone number)."""
        voc, flow = self._voc, self.flow
        m = voc.number_re.match(flow, start)
        if m is None or self._skip.overlaps(start, m.end(1)):
            return None
        token = read_token(m.group(1), start, m.end(1), m.start(6) >= 0 and not self._heading_word(m.group(6)))
        return token if token.style == "vi" or not voc.phone_re.match(flow, start) else None

    def _heading_word(self, unit_text: str) -> bool:
        """Whether a unit as written is a counted noun in title case ("Người", "Công trình"): the
        first word of a heading or sentence after a section number, not a unit."""
        return self._voc.units[unit_text.lower()][2] and _title_case(unit_text)

    def _run_start(self, pos: int, known: int = -1) -> int:
        """The start of the run of digits, dots and commas around ``pos``, or ``known`` if the
        run is read back that far (an offset whose run start the caller has)."""
        flow = self.flow
        while pos and pos != known and (flow[pos - 1] in ".," or flow[pos - 1].isdecimal()):
            pos -= 1
        return pos

    def _run_starts(self, marks: list[int]) -> set[int]:
        """The starts of the runs around ``marks`` (offsets in order), as :meth:`_run_start` finds
        them; a run is read back once, however many marks it holds (``1.0000.0000…``)."""
        starts = set()
        last = last_start = -1
        for pos in marks:
            start = self._run_start(pos, last)
            if start == last:  # the previous mark's run, already read back
                start = last_start
            starts.add(start)
            last, last_start = pos, start
        return starts

    @cached_property
    def nonstandard(self) -> list[NumberToken]:
        """Tokens in an English form (``en_decimal``, ``en_thousands``) or ``malformed``, in order.

        Each holds a mark that no Vietnamese form has (``NONSTANDARD_MARKS``); a token is one whole
        run, so it is read from the start of the run around each mark.
        """
        flow = self.flow
        marks = sorted(m.start() for p in self._voc.nonstandard_res for m in p.finditer(flow))
        tokens = (self._token_at(start) for start in sorted(self._run_starts(marks)) if flow[start].isdecimal())
        return [t for t in tokens if t is not None and t.style in ("en_decimal", "en_thousands", "malformed")]

    @cached_property
    def _grouped_figures(self) -> _GroupedFigures:
        return _GroupedFigures(self)

    def grouped_like(self, q: Quantity) -> Quantity | None:
        """The first figure written with group dots of the kind of ``q`` (:func:`figure_kind`), or None.

        Only such a figure shows that the document itself groups figures like ``q``: four-digit
        figures may stand without a separator (ISO 80000-1 allows "1000"), and technical texts
        commonly group lengths in metres but not dimensions in millimetres.
        """
        return self._grouped_figures.first(figure_kind(q))

    @cached_property
    def ungrouped(self) -> list[Quantity]:
        """Figures in running prose whose integer part has four digits or more without group dots
        (``2043754 cái``), in order.

        Not prose: a figure on a table row (cells joined with ``|`` or tabs: columns of specs and
        codes), in a formula or a product of dimensions (``f = 2030 kg/cm²``, ``6000 mm x 2400
        mm``), or a power of ten that is the unit of a column (``Khối lượng (1000 tấn)``).
        """
        voc, flow = self._voc, self.flow
        found = []
        line_start = line_end = -1  # the line of the last figure read (its end at its newline)
        table_row = False
        for run in voc.ungrouped_re.finditer(flow):
            q = self._quantity(voc.number_re.match(flow, run.start()))
            if q is None:
                continue
            if q.start > line_end:  # a new line, read once however many figures it holds
                line_start = flow.rfind("\n", max(line_end, 0), q.start) + 1
                line_end = flow.find("\n", q.start)
                if line_end < 0:
                    line_end = len(flow)
                line = flow[line_start:line_end]
                table_row = "|" in line or "\t" in line.strip(" \t")
            if not table_row and self._in_prose(q, line_start):
                found.append(q)
        return found

    def _in_prose(self, q: Quantity, line_start: int) -> bool:
        """Whether the quantity ``q``, on a line that is not a table row, stands in running prose
        (see :attr:`ungrouped`)."""
        flow, voc = self.flow, self._voc
        before = max(line_start, q.start - 16)
        if voc.formula_before.search(flow, before, q.start) or voc.formula_after.match(flow, q.unit_end):
            return False
        return not (q.text.strip("0") == "1" and voc.scale_label.search(flow, before, q.start))

    @cached_property
    def fractions(self) -> list[Fraction]:
        """Every ``x/y`` followed by a counted noun, in order."""
        out = []
        for m in self._voc.fraction_re.finditer(self.flow):
            part, whole, space, mult_word, unit_text, rate = m.groups()
            start = m.start(1)
            if (not space or mult_word or rate or self._skip.overlaps(start, m.end(2))
                    or self._voc.label_re.match(self.flow, start)):
                continue
            unit = unit_text.lower()
            if self._voc.units[unit][2]:
                out.append(Fraction(int(part), int(whole), unit, start, m.end(2), m.start(5), m.end(5)))
        return out

    def quantities_in(self, start: int, end: int) -> list[Quantity]:
        """The quantities whose number starts in ``[start, end)``, in order.

        ``start`` and ``end`` must not cut a number, nor stand right before a digit, a dot or a
        comma followed by a digit, ``/``, ``-``, ``h``, ``g``, ``:``, a space or ``giờ``
        (sentence bounds never do): a number's extent and what follows it are read within them.
        """
        quantity = self._quantity
        return [q for m in self._voc.number_re.finditer(self.flow, start, end) if (q := quantity(m)) is not None]

    def percent_at(self, sign: int, start: int = 0) -> Quantity | None:
        """The percentage whose ``%`` sign is at ``sign`` and whose number starts at ``start`` or
        later, as :meth:`quantities_in` reads it, or None.

        Its number ends right before the sign or before one space or tab: it is read from the
        start of that run of digits (a token is always a whole run, see ``TOKEN_HEAD``).
        """
        flow = self.flow
        end = sign - 1 if sign and flow[sign - 1] in " \t" else sign
        if end <= start or not flow[end - 1].isdecimal():
            return None
        run = self._run_start(end)
        q = self._quantity(self._voc.number_re.match(flow, run)) if run >= start else None
        return q if q is not None and q.is_percent and q.unit_start == sign else None

    def _quantity(self, m: regex.Match | None) -> Quantity | None:
        """The quantity of a ``number_re`` match, or None (no match, no unit, excluded, unreadable).

        What a quantity reads from its figure and unit as written is read once per distinct text
        of the match (:meth:`_reading`): how a match splits into its groups depends on that text
        alone. The rest is read at each place: the span, whether the figure is excluded or
        approximate (words around it), and where it is not all in the text (the telephone number
        test of a non-Vietnamese form, a compound unit after it) the whole quantity.
        """
        if m is None:
            return None
        # (start, end) of the match and of each group, (-1, -1) for a group that took no part.
        (_, match_end), (start, end), (qualified, _), (ranged, _), _, _, (unit_start, _), _ = m.regs
        if unit_start < 0:
            return None
        skip = self._skip
        i = bisect_right(skip.starts, end - 1) - 1
        if i >= 0 and skip.max_ends[i] > start:
            return None  # excluded (the test of _Intervals.overlaps, inlined: this is a hot path)
        flow = self.flow
        reading = self._readings.get(key := flow[start:match_end], _UNREAD)
        if reading is _UNREAD:
            reading = self._readings[key] = self._reading(m)
        if reading is None:
            return None
        if reading is _UNCACHED or flow.startswith("/", match_end):
            return self._quantity_read(m)
        return _new(Quantity, (start, end, *reading, qualified >= 0 or ranged >= 0, unit_start, match_end))

    def _reading(self, m: regex.Match) -> tuple | None:
        """The fields of the quantity of ``m`` from ``text`` to ``is_percent`` without a compound
        unit, None when the text of the match is never a quantity, or ``_UNCACHED`` when they
        depend on its place (a figure in a non-Vietnamese form: the telephone number test)."""
        start, end = m.span(1)
        if written_form(self.flow[start:end])[0] != "vi":
            return _UNCACHED
        q = self._quantity_read(m, compound=False)
        return None if q is None else q[2:14]

    def _quantity_read(self, m: regex.Match, compound: bool = True) -> Quantity | None:
        """The quantity of a ``number_re`` match with a unit, not excluded, read in full; with
        ``compound``, a unit divided by a word after the match is read as a compound unit."""
        (_, match_end), (start, end), (qualified, _), (ranged, _), space, mult, (unit_start, unit_end), rate = m.regs
        voc, flow = self._voc, self.flow
        text = sys.intern(flow[start:end])  # one string for each figure as written: a report repeats them
        style, number, decimals, grouped = written_form(text)
        if number is None or (style != "vi" and voc.phone_re.match(flow, start)):
            return None
        unit_text = flow[unit_start:unit_end]
        unit = sys.intern(unit_text.lower())
        if unit == "%":
            if mult[0] >= 0:
                return None
        elif space[0] == space[1] and not unit_text[0].isascii():
            return None  # a Vietnamese noun glued to digits is not a unit
        dimension, scale, count = voc.units[unit]
        if count and _title_case(unit_text):
            return None  # a counted noun in title case: the first word of a heading (see Numbers)
        multiplier = voc.multipliers[flow[mult[0]:mult[1]].lower()] if mult[0] >= 0 else 1.0
        unit_name = unit
        if rate[0] >= 0:
            period = flow[rate[0]:rate[1]].split("/", 1)[1].strip().lower()
            unit_name = f"{unit}/{period}"
            dimension = f"{dimension}/{period}"
        elif (compound and unit != "%" and flow.startswith("/", match_end)
              and (per := voc.per_unit.match(flow, match_end))):
            # A compound unit (kG/cm2, đồng/kg, m3/day): a dimension of its own.
            denominator = per.group(1).lower()
            unit_name, dimension, match_end = f"{unit}/{denominator}", f"{dimension}/{denominator}", per.end()
        value = number if multiplier == 1.0 else number * multiplier  # the same float where it can be
        return Quantity(start, end, text, style, number, decimals, grouped, value, multiplier,
                        "%" if unit == "%" else unit_name, dimension, scale, count, unit == "%",
                        qualified >= 0 or ranged >= 0, unit_start, match_end)


def _title_case(word: str) -> bool:
    """Whether ``word`` is written in title case ("Người", "Công trình"), not in capitals."""
    return word[0].isupper() and not word.isupper()


def figure_kind(q: Quantity) -> str:
    """``large`` for a figure of five digits or more (Vietnamese groups them all: any grouped
    figure is one of its kind); for a four-digit figure, ``count`` for a count of a noun (``1.250
    đảng viên`` and ``1500 lượt``), else its unit: ``1.800 ha`` and ``1730,76 ha`` are of one kind;
    ``2.300 kg`` and ``2300 kG/cm2``, ``1.400 m`` and ``4500 mm`` of two."""
    if len(q.text.partition(",")[0].replace(".", "")) > 4:
        return "large"
    return "count" if q.count else q.unit


def extract(doc: Document, excluded: Iterable[tuple[int, int]]) -> Numbers:
    """The numbers of ``doc``; ``excluded`` spans (markers, headings, dates, codes), as ``(start,
    end)`` pairs or :class:`Span`, hold none."""
    return Numbers(doc.flow, excluded)
