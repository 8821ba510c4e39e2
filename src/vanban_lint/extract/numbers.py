"""Numbers in running text: how each is written, and the quantities and fractions they state.

Vietnamese writes numbers the CLDR ``vi`` way (decimal ``,``, group ``.``, groups of three;
percent ``#,##0%`` with no space): ``58.120,45 ha``, ``12.507 người``, ``27,4%``. See §5.2 of the
project's reference on Vietnamese document conventions. ``1.234`` is therefore one thousand two
hundred and thirty-four, never 1.234; only a form that no Vietnamese number can take
(``41.27%``, ``1,234,567``) is read as the English convention.

Every run of digits in :attr:`Document.flow` is read once, in one pass:

- a :class:`NumberToken` records how it is written (``style``) and, when the form is readable,
  its value; tokens inside footnote markers, heading numbers, dates and document codes (given as
  ``excluded`` spans by the facts), glued to a word (``Km2``, ``khoáng sản1``), part of a time
  (``14h30``), a telephone number, or right after a label word (``Điều 15``, ``khoản 2``,
  ``năm 2025``) are not tokens at all;
- a token followed by a unit or a counted noun from ``rules/data/units.yaml`` is a
  :class:`Quantity` (``is_percent`` for ``%``), with an optional multiplier word (``3,5 tỷ đồng``)
  and rate (``10.774 kg/tháng``); figures with a qualifier (``khoảng``, ``trên``) or in a range
  (``60-70%``) are marked ``approximate``;
- ``x/y`` followed by a counted noun (``12/12 xã``) is a :class:`Fraction`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from vanban_lint.data import load_table
from vanban_lint.document import Document, Span

# A run of digits with inner dots and commas, not glued to a word, a code or another number.
TOKEN = regex.compile(r"(?<![\p{L}\p{N}_.,/+:\\])\d+(?:[.,]\d+)*(?![\p{N}]|/\d|[.,]\d)")
FRACTION = regex.compile(r"(?<![\p{L}\p{N}_.,/+:\\-])(\d{1,6})/(\d{1,6})(?![\p{N}/\-.,]|\p{L})")

VI_GROUPED = regex.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
VI_DECIMAL = regex.compile(r"\d+,\d+")
PLAIN = regex.compile(r"\d+")
EN_DECIMAL = regex.compile(r"\d+\.\d{1,2}")
EN_THOUSANDS = regex.compile(r"[1-9]\d{0,2}(?:,\d{3}){2,}(?:\.\d+)?|[1-9]\d{0,2}(?:,\d{3})+\.\d+")
# A dot-grouped number with a group of four or more digits: a digit too many or a dot missing.
MALFORMED = regex.compile(r"[1-9]\d{0,2}(?:\.\d{3,})+(?:,\d+)?")
DATE_LIKE = regex.compile(r"\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\.(?:19|20)\d\d")

RANGE_BEFORE = regex.compile(r"\d[ \t]*(?:[-–÷]|đến|tới)[ \t]*$")
RANGE_AFTER = regex.compile(r"[ \t]*%?[ \t]*(?:[-–÷]|đến|tới)[ \t]*\d")
TIME_AFTER = regex.compile(r"[hg]\d|[ \t]*(?:giờ|h)[ \t]*\d|:\d\d")
SYMBOL_BEFORE = regex.compile(r"(?:[≥≤><~]|±)[ \t]*$")
WORD_BEFORE = regex.compile(r"(\p{L}+(?:[ \t]+\p{L}+){0,2})[ \t]*$")


@dataclass(frozen=True)
class NumberToken:
    """A number as written.

    ``style``: ``vi`` (a valid Vietnamese form, possibly plain digits), ``en_decimal``
    (``12.5``: a dot before one or two digits), ``en_thousands`` (``1,234,567`` or
    ``1,234.5``), ``malformed`` (``25.0000``), or ``other`` (section or version numbers such as
    ``2.1.3``, which are not quantities). ``value`` is the number read the Vietnamese way, or
    the English way for the ``en_*`` styles (``None`` when unreadable). ``grouped`` tells
    whether the integer part is written with group dots; ``unit_follows`` whether a unit or
    counted noun follows.
    """

    span: Span
    text: str
    style: str
    value: float | None
    decimals: int
    grouped: bool
    unit_follows: bool = False

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
        grouped = f"{int(whole):,}".replace(",", ".") if len(whole) > 3 or self.grouped else whole
        if whole.startswith("0") and len(whole) > 1:
            grouped = whole
        return f"{grouped},{frac}" if frac else grouped


@dataclass(frozen=True)
class Quantity:
    """A number with its unit: ``12.507 người``, ``27,4%``, ``3,5 tỷ đồng``.

    ``unit`` is the unit as listed in the data (``%`` for percentages) with its rate
    (``kg/tháng``); ``dimension`` and ``scale`` let quantities of one dimension be compared
    (``base_value`` = value × multiplier × scale); ``span`` covers the number, ``unit_span`` the
    unit. ``approximate`` is set for ``khoảng 40%``, ``trên 70%``, ``60-70%``.
    """

    token: NumberToken
    value: float
    multiplier: float
    unit: str
    dimension: str
    scale: float
    count: bool
    is_percent: bool
    approximate: bool
    span: Span
    unit_span: Span

    @property
    def base_value(self) -> float:
        return self.value * self.scale

    @property
    def rounding(self) -> float:
        """Half a unit of the last digit written, in the dimension's base unit (0 for a plain count)."""
        if self.token.decimals == 0 and self.multiplier == 1:
            return 0.0
        return 0.5 * 10 ** -self.token.decimals * self.multiplier * self.scale


@dataclass(frozen=True)
class Fraction:
    """``x/y`` of a counted noun: ``45/50 xã``; ``span`` covers ``x/y``."""

    part: int
    whole: int
    unit: str
    span: Span
    unit_span: Span


@dataclass
class Numbers:
    tokens: list[NumberToken]
    quantities: list[Quantity]
    fractions: list[Fraction]


@dataclass(frozen=True)
class _Vocabulary:
    unit_re: regex.Pattern
    units: dict[str, tuple[str, float, bool]]  # lower-case unit -> (dimension, scale, count)
    multipliers: dict[str, float]
    labels: frozenset[str]
    label_exceptions: frozenset[str]
    phone_re: regex.Pattern
    approximate_re: regex.Pattern


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    """The unit table of ``rules/data/units.yaml``, compiled once."""
    table = load_table("units")
    units: dict[str, tuple[str, float, bool]] = {}
    for row in table["units"]:
        name = row["unit"]
        count = bool(row.get("count"))
        units[name.lower()] = (row.get("dimension") or name, float(row.get("scale", 1)), count)
    multipliers = {k: float(v) for k, v in table["multipliers"].items()}
    unit_alt = _alternation(units)
    rate_alt = _alternation(table["rate_periods"])
    unit_re = regex.compile(
        rf"(?P<space>[ \t]?)(?:(?P<mult>{_alternation(multipliers)})[ \t]+)?"
        rf"(?P<unit>{unit_alt})(?P<rate>[ \t]*/[ \t]*(?:{rate_alt}))?(?![\p{{L}}\p{{N}}²³])",
        regex.IGNORECASE,
    )
    phone_re = regex.compile(rf"(?:^|[^\p{{L}}])(?:{_alternation(table['phone_words'])})\b[^\n]{{0,12}}$",
                             regex.IGNORECASE)
    approximate_re = regex.compile(rf"(?:^|[^\p{{L}}])(?:{_alternation(table['approximate_before'])})[ \t]*$",
                                   regex.IGNORECASE)
    return _Vocabulary(unit_re, units, multipliers,
                       frozenset(w.lower() for w in table["labels_before"]),
                       frozenset(w.lower() for w in table["label_exceptions_before_so"]),
                       phone_re, approximate_re)


def read_token(text: str, span: Span) -> NumberToken:
    """Classify one run of digits (see :class:`NumberToken`)."""
    if PLAIN.fullmatch(text):
        return NumberToken(span, text, "vi", float(text), 0, False)
    if VI_GROUPED.fullmatch(text):
        whole, _, frac = text.partition(",")
        return NumberToken(span, text, "vi", float(whole.replace(".", "") + "." + (frac or "0")), len(frac), True)
    if VI_DECIMAL.fullmatch(text):
        whole, frac = text.split(",")
        return NumberToken(span, text, "vi", float(f"{whole}.{frac}"), len(frac), False)
    if EN_DECIMAL.fullmatch(text):
        return NumberToken(span, text, "en_decimal", float(text), len(text.split(".")[1]), False)
    if EN_THOUSANDS.fullmatch(text):
        frac = text.partition(".")[2]
        return NumberToken(span, text, "en_thousands", float(text.replace(",", "")), len(frac), True)
    if MALFORMED.fullmatch(text) and not DATE_LIKE.fullmatch(text):
        return NumberToken(span, text, "malformed", None, 0, True)
    return NumberToken(span, text, "other", None, 0, False)


class _Intervals:
    """Sorted, merged spans for O(log n) overlap tests."""

    def __init__(self, spans: list[Span]) -> None:
        merged: list[list[int]] = []
        for sp in sorted(spans):
            if merged and sp.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], sp.end)
            else:
                merged.append([sp.start, sp.end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start


def extract(doc: Document, excluded: list[Span]) -> Numbers:
    """Tokens, quantities and fractions of ``doc`` (one pass over :attr:`Document.flow` each)."""
    voc = vocabulary()
    flow = doc.flow
    skip = _Intervals(excluded)
    tokens: list[NumberToken] = []
    quantities: list[Quantity] = []
    for m in TOKEN.finditer(flow):
        start, end = m.span()
        if skip.overlaps(start, end) or _not_a_number(flow, start, end, voc):
            continue
        token = read_token(m.group(), Span(start, end))
        um = voc.unit_re.match(flow, end)
        if um is not None:
            token = replace(token, unit_follows=True)
        tokens.append(token)
        if um is None or token.value is None:
            continue
        q = _quantity(flow, token, um, voc)
        if q is not None:
            quantities.append(q)
    fractions = []
    for m in FRACTION.finditer(flow):
        start, end = m.span()
        if skip.overlaps(start, end) or _label_before(flow, start, voc):
            continue
        um = voc.unit_re.match(flow, end)
        if um is None or not um.group("space") or um.group("mult") or um.group("rate"):
            continue
        unit = um.group("unit").lower()
        if not voc.units[unit][2]:
            continue
        fractions.append(Fraction(int(m.group(1)), int(m.group(2)), unit, Span(start, end),
                                  Span(um.start("unit"), um.end("unit"))))
    return Numbers(tokens, quantities, fractions)


def _not_a_number(flow: str, start: int, end: int, voc: _Vocabulary) -> bool:
    """Digits that are a time, a telephone number, part of a code, or a label (``Điều 15``)."""
    if TIME_AFTER.match(flow, end):
        return True
    before = flow[max(0, start - 2):start]
    if before.endswith("-") and len(before) == 2 and (before[0].isalnum()):
        return True  # "QĐ-12", "CV-5141": part of a code
    nxt = flow[end:end + 2]
    if nxt[:1] == "-" and nxt[1:2].isalpha():
        return True  # "21-NQ/TW"
    if voc.phone_re.search(flow, max(0, start - 40), start):
        return True
    return _label_before(flow, start, voc)


def _label_before(flow: str, start: int, voc: _Vocabulary) -> bool:
    m = WORD_BEFORE.search(flow, max(0, start - 40), start)
    if m is None:
        return False
    words = m.group(1).lower().split()
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        phrase = " ".join(words[-n:])
        if phrase in voc.labels:
            if phrase == "số" and len(words) >= 2 and (words[-2] in voc.label_exceptions
                                                      or " ".join(words[-3:-1]) in voc.label_exceptions):
                return False
            return True
    return False


def _quantity(flow: str, token: NumberToken, um: regex.Match, voc: _Vocabulary) -> Quantity | None:
    unit = um.group("unit").lower()
    dimension, scale, count = voc.units[unit]
    if unit != "%" and not um.group("space") and not um.group("unit")[0].isascii():
        return None  # a Vietnamese noun glued to digits is not a unit
    if unit == "%" and um.group("mult"):
        return None
    mult = voc.multipliers[um.group("mult").lower()] if um.group("mult") else 1.0
    rate = um.group("rate")
    unit_name = unit + ("/" + rate.split("/", 1)[1].strip().lower() if rate else "")
    if rate:
        dimension = f"{dimension}/{unit_name.split('/', 1)[1]}"
    start, end = token.span.start, token.span.end
    approximate = bool(
        voc.approximate_re.search(flow, max(0, start - 24), start)
        or SYMBOL_BEFORE.search(flow, max(0, start - 3), start)
        or RANGE_BEFORE.search(flow, max(0, start - 8), start)
        or RANGE_AFTER.match(flow, end)
    )
    value = (token.value or 0.0) * mult
    return Quantity(token, value, mult, "%" if unit == "%" else unit_name, dimension, scale,
                    count, unit == "%", approximate, token.span, Span(um.start("unit"), um.end()))
