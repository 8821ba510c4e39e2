"""Number rules (family NB): sums of shares and parts, fractions, and the Vietnamese number format.

A report's figures must agree with each other: shares of one whole cannot exceed 100%, a
breakdown that claims to be complete must add up, parts cannot exceed their total, ``x/y`` of a
count cannot have x > y, and a percentage stated for a fraction must be that fraction. Numbers are
written the CLDR ``vi`` way (decimal ``,``, group ``.``; reference §5.2). Rounding is allowed:
``tolerance`` percentage points per share (reference §5.2: 0,01–0,05), half a unit of the last
written digit for absolute figures.
"""

from __future__ import annotations

from collections.abc import Iterator

from vanban_lint.diagnostics import Edit, Finding, Fix, Related
from vanban_lint.document import Document, Span
from vanban_lint.extract.number_groups import Breakdown, ShareGroup
from vanban_lint.extract.numbers import NumberToken, Quantity
from vanban_lint.facts import Facts
from vanban_lint.registry import check


def fmt(value: float, decimals: int = 2) -> tuple[str, str]:
    """``value`` written the Vietnamese way and the English way, without trailing zeros."""
    en = f"{value:,.{decimals}f}"
    if "." in en:
        en = en.rstrip("0").rstrip(".")
    vi = en.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return vi, en


def _num_args(name: str, value: float, decimals: int = 2) -> dict[str, str]:
    vi, en = fmt(value, decimals)
    return {name: vi, f"{name}_en": en}


def _group_span(qs: tuple[Quantity, ...]) -> Span:
    return Span(qs[0].start, qs[-1].unit_end)


def _share_tolerance(group: ShareGroup, options: dict) -> float:
    """The rounding allowed on the sum: per share, ``tolerance`` points or half a unit of its last
    written digit, whichever is larger (whole percentages may each be 0,5 point off)."""
    tolerance = float(options.get("tolerance", 0.05))
    return sum(max(tolerance, 0.5 * 10 ** -q.decimals) for q in group.shares)


@check("NB101")
def shares_exceed_whole(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Shares of one whole (``chiếm``, ``cơ cấu``) add up to more than 100%."""
    for group in facts.number_groups.shares:
        total = group.total
        if total > 100 and total > 100 + _share_tolerance(group, options):  # the tolerance is positive
            yield Finding(_group_span(group.shares), {**_num_args("sum", total), "count": len(group.shares)})


@check("NB102")
def incomplete_shares(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A complete set of shares (``cơ cấu``, ``nam … nữ``, ``… còn lại``) adds up to less than 100%."""
    for group in facts.number_groups.shares:
        if group.complete_by and group.total < 100 - _share_tolerance(group, options):
            yield Finding(_group_span(group.shares), {**_num_args("sum", group.total), "count": len(group.shares)},
                          variant=group.complete_by)


def _breakdown_args(b: Breakdown) -> dict:
    scale = b.total.scale * b.total.multiplier
    return {**_num_args("total", b.total.value), **_num_args("sum", b.parts_sum / scale),
            "unit": b.total.unit, "marker": b.marker, "count": len(b.parts)}


@check("NB103")
def parts_exceed_total(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Parts listed under ``trong đó`` / ``gồm`` add up to more than their total."""
    for b in facts.number_groups.breakdowns:
        parts_sum, total = b.parts_sum, b.total.base_value
        if parts_sum > total and parts_sum > total + b.rounding:  # the rounding is never negative
            yield Finding(Span(b.total.start, b.total.unit_end), _breakdown_args(b),
                          related=(Related(_group_span(b.parts), "parts", {"marker": b.marker}),))


@check("NB104")
def parts_do_not_add_up(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Parts that claim to be the whole (``gồm``, ``nam … nữ``) add up to less than their total."""
    for b in facts.number_groups.breakdowns:
        if b.complete and b.parts_sum < b.total.base_value - b.rounding:
            yield Finding(Span(b.total.start, b.total.unit_end), _breakdown_args(b),
                          related=(Related(_group_span(b.parts), "parts", {"marker": b.marker}),))


@check("NB105")
def fraction_exceeds_whole(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """``x/y`` of a counted noun with x > y (``23/21 xã``)."""
    for f in facts.numbers.fractions:
        if f.part > f.whole:
            yield Finding(Span(f.start, f.unit_end), {"part": f.part, "whole": f.whole, "unit": f.unit})


@check("NB106")
def percent_disagrees_with_fraction(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A percentage stated for a fraction differs from x/y by more than its last written digit."""
    for fp in facts.number_groups.fraction_percents:
        f, pct = fp.fraction, fp.percent
        if f.whole == 0 or f.part > f.whole:
            continue
        actual = 100 * f.part / f.whole
        # Accept rounding and truncation to the digits the writer used.
        if abs(actual - pct.value) >= 10 ** -pct.decimals:
            yield Finding(Span(pct.start, pct.unit_end),
                          {"stated": pct.text, **_num_args("actual", actual, max(pct.decimals, 1)),
                           "part": f.part, "whole": f.whole, "unit": f.unit},
                          related=(Related(f.span, "fraction", {"part": f.part, "whole": f.whole}),))


def _reformat(token: NumberToken) -> Finding:
    fixed = token.vietnamese()
    return Finding(token.span, {"text": token.text, "fixed": fixed}, fix=Fix((Edit(token.span, fixed),), safe=True))


@check("NB201")
def english_decimal_point(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """``41.27%``, ``12.5 ha``: a dot before one or two digits, then a unit, is an English decimal."""
    for t in facts.numbers.nonstandard:
        if t.style == "en_decimal" and t.unit_follows:
            yield _reformat(t)


@check("NB202")
def english_thousands_separator(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """``1,234,567 đồng``, ``1,234.5 ha``: commas grouping thousands (English convention)."""
    for t in facts.numbers.nonstandard:
        if t.style == "en_thousands":
            yield _reformat(t)


@check("NB203")
def malformed_digit_group(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """``25.0000``, ``2.4510.300.000``: a group of four or more digits after a group dot."""
    for t in facts.numbers.nonstandard:
        if t.style == "malformed" and (t.unit_follows or t.text.count(".") >= 2):
            yield Finding(t.span, {"text": t.text})


@check("NB204")
def mixed_digit_grouping(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A figure of four digits or more without group dots, in a document that groups figures of its kind."""
    for q in facts.numbers.ungrouped:
        grouped = facts.numbers.grouped_like(q)
        if grouped is None:
            continue
        t = q.token
        fixed = t.vietnamese()
        yield Finding(t.span, {"text": t.text, "fixed": fixed, "example": grouped.text},
                      related=(Related(grouped.span, "grouped", {"text": grouped.text}),),
                      fix=Fix((Edit(t.span, fixed),), safe=True))
