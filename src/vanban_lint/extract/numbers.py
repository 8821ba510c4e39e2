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
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from vanban_lint.data import load_table
from vanban_lint.document import Document, Span

# A run of digits with inner dots and commas, not glued to a word, a code (``QĐ-12``,
# ``21-NQ``) or another number, not a time (``14h30``); ``{label}`` is filled in with the label
# words of the data, tested by a lookbehind after the first digit so that it costs nothing
# where there is no number.
TOKEN = (r"(?<![\p{{L}}\p{{N}}_.,/⁄∕+:\\]|[\p{{L}}\p{{N}}]-)\d(?<!{label}\d)\d*(?:[.,]\d+)*"
         r"(?![\p{{N}}]|/\d|[.,]\d|-\p{{L}}|(?:[hg]|[ \t]*giờ[ \t]*|:)\d\d)")
FRACTION = regex.compile(r"(?<![\p{L}\p{N}_.,/⁄∕+:\\-])(\d{1,6})/(\d{1,6})(?![\p{N}/\-.,]|\p{L})")

VI_GROUPED = regex.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
VI_DECIMAL = regex.compile(r"\d+,\d+")
EN_DECIMAL = regex.compile(r"\d+\.\d{1,2}")
EN_THOUSANDS = regex.compile(r"[1-9]\d{0,2}(?:,\d{3}){2,}(?:\.\d+)?|[1-9]\d{0,2}(?:,\d{3})+\.\d+")
# A dot-grouped number with a group of four or more digits: a digit too many or a dot missing.
MALFORMED = regex.compile(r"[1-9]\d{0,2}(?:\.\d{3,})+(?:,\d+)?")
DATE_LIKE = regex.compile(r"\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\.(?:19|20)\d\d")

RANGE_AFTER = regex.compile(r"[ \t]*%?[ \t]*(?:[-–÷]|đến|tới)[ \t]*\d")


class NumberToken(NamedTuple):
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


class Quantity(NamedTuple):
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
    """``tokens``: every number written with a separator or followed by a unit (a bare integer
    such as a table cell or an ordinal is not kept); ``quantities`` and ``fractions`` in order."""

    tokens: list[NumberToken]
    quantities: list[Quantity]
    fractions: list[Fraction]


@dataclass(frozen=True)
class _Vocabulary:
    token_re: regex.Pattern
    unit_re: regex.Pattern
    units: dict[str, tuple[str, float, bool]]  # lower-case unit -> (dimension, scale, count)
    multipliers: dict[str, float]
    label_re: regex.Pattern  # matches before a number that is a label ("Điều 15")
    approximate_re: regex.Pattern  # matches before an approximate figure ("khoảng 40%", "60-70%")
    phone_re: regex.Pattern  # matches inside a telephone number


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
    labels = [w for w in table["labels_before"] if w.lower() != "số"]
    not_so = _alternation(table["label_exceptions_before_so"])
    # The three patterns below are only lookbehinds, matched at the start of a number (one
    # attempt each), never searched through the text.
    label = rf"(?<!\p{{L}})(?:{_alternation(labels)}|(?<!(?:{not_so})[ \t]+)số)[ \t]+"
    token_re = regex.compile(TOKEN.format(label=label), regex.IGNORECASE)
    label_re = regex.compile(rf"(?<={label})", regex.IGNORECASE)
    approximate_re = regex.compile(
        rf"(?<=(?<!\p{{L}})(?:{_alternation(table['approximate_before'])})[ \t]+|[≥≤><~±][ \t]*"
        rf"|\d[ \t]*%?[ \t]*[-–÷][ \t]*)",
        regex.IGNORECASE)
    phone_re = regex.compile(
        rf"(?<=(?<!\p{{L}})(?:{_alternation(table['phone_words'])})(?!\p{{L}})[^\n\d]{{0,12}}[\d .()+-]{{0,16}})",
        regex.IGNORECASE)
    return _Vocabulary(token_re, unit_re, units, multipliers, label_re, approximate_re, phone_re)


def read_token(text: str, span: Span, unit_follows: bool = False) -> NumberToken:
    """Classify one run of digits (see :class:`NumberToken`)."""
    if text.isdigit():
        return NumberToken(span, text, "vi", float(text), 0, False, unit_follows)
    if VI_GROUPED.fullmatch(text):
        whole, _, frac = text.partition(",")
        return NumberToken(span, text, "vi", float(whole.replace(".", "") + "." + (frac or "0")), len(frac), True,
                           unit_follows)
    if VI_DECIMAL.fullmatch(text):
        whole, frac = text.split(",")
        return NumberToken(span, text, "vi", float(f"{whole}.{frac}"), len(frac), False, unit_follows)
    if EN_DECIMAL.fullmatch(text):
        return NumberToken(span, text, "en_decimal", float(text), len(text.split(".")[1]), False, unit_follows)
    if EN_THOUSANDS.fullmatch(text):
        frac = text.partition(".")[2]
        return NumberToken(span, text, "en_thousands", float(text.replace(",", "")), len(frac), True, unit_follows)
    if MALFORMED.fullmatch(text) and not DATE_LIKE.fullmatch(text):
        return NumberToken(span, text, "malformed", None, 0, True, unit_follows)
    return NumberToken(span, text, "other", None, 0, False, unit_follows)


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
    """Tokens, quantities and fractions of ``doc``.

    One pass over :attr:`Document.flow` per pattern; what stands before a number (a label, a
    qualifier, a telephone word) is tested with lookbehind-only patterns matched at its start.
    """
    voc = vocabulary()
    flow = doc.flow
    skip = _Intervals(excluded)
    is_label, is_phone = voc.label_re.match, voc.phone_re.match
    tokens: list[NumberToken] = []
    quantities: list[Quantity] = []
    unit_match = voc.unit_re.match
    for m in voc.token_re.finditer(flow):
        start, end = m.span()
        text = m.group()
        um = unit_match(flow, end)
        if um is None and text.isdigit():
            continue  # a bare integer (table cell, ordinal, year): no rule reads it
        if skip.overlaps(start, end):
            continue
        token = read_token(text, Span(start, end), um is not None)
        if token.style != "vi" and is_phone(flow, start):
            continue
        tokens.append(token)
        if um is not None and token.value is not None:
            q = _quantity(flow, token, um, voc, bool(voc.approximate_re.match(flow, start)))
            if q is not None:
                quantities.append(q)
    fractions = []
    for m in FRACTION.finditer(flow):
        start, end = m.span()
        if skip.overlaps(start, end) or is_label(flow, start):
            continue
        um = unit_match(flow, end)
        if um is None or not um.group("space") or um.group("mult") or um.group("rate"):
            continue
        unit = um.group("unit").lower()
        if not voc.units[unit][2]:
            continue
        fractions.append(Fraction(int(m.group(1)), int(m.group(2)), unit, Span(start, end),
                                  Span(um.start("unit"), um.end("unit"))))
    return Numbers(tokens, quantities, fractions)


def _quantity(flow: str, token: NumberToken, um: regex.Match, voc: _Vocabulary, approx: bool) -> Quantity | None:
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
    approximate = approx or bool(RANGE_AFTER.match(flow, token.span.end))
    value = (token.value or 0.0) * mult
    return Quantity(token, value, mult, "%" if unit == "%" else unit_name, dimension, scale,
                    count, unit == "%", approximate, token.span, Span(um.start("unit"), um.end()))
