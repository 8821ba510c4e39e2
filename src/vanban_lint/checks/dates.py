"""Date rules (family DT).

A date written in an official text must exist on the calendar, whatever form it takes; and the
document's own date line in the header follows the leading-zero rule of NĐ 30/2020 (Phụ lục I,
II.4.b: "đối với những số thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía
trước") and HD05 (Phần II, I.4.2.2: "Ngày dưới 10 và tháng dưới 3 phải thêm số không (0) phía
trước"), so that a digit cannot be added in front to forge the day or month. Dates in running
text are free in style (neither text prescribes one) and are never held to the header rule.

DT102–DT104 (dates of cited documents) are implemented with the citation rules.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from vanban_lint.diagnostics import Edit, Finding, Fix
from vanban_lint.document import Document
from vanban_lint.extract.dates import YEAR_MAX, YEAR_MIN, DateMention
from vanban_lint.facts import Facts
from vanban_lint.registry import check


def _written(doc: Document, mention: DateMention) -> str:
    """The date as written, with runs of blanks (and a hard wrap) shown as one space."""
    return " ".join(doc.text[mention.span.start:mention.span.end].split())


# A number glued to its keyword ("ngày15", "tháng54"): no one types that; it is what pdftotext
# makes of a number stamped into the blank of a typed date line, read from another layer of the
# PDF and interleaved with the typed text.
_GLUED = re.compile(r"(?:[Nn]gày|[Tt]háng|[Nn]ăm)[0-9]")


def _stamped(doc: Document, mention: DateMention) -> bool:
    """Whether the header date line was filled in over its template (see _GLUED): its parts, read
    from two layers, are not the date as printed."""
    return _GLUED.search(doc.text, max(0, mention.start - 4), mention.end) is not None


@check("DT101")
def impossible_date(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A day, month or year that no calendar has: 31/04, 30/02/2025, 12/13/2021, 15/8/024."""
    header = facts.header_line  # maybe read from the header's dates alone: equal, not the same object
    for mention in facts.dates:
        if mention.problem is None or (mention == header and _stamped(doc, mention)):
            continue
        args = {"date": _written(doc, mention), "day": mention.day, "month": mention.month,
                "year": mention.year}
        if mention.problem == "month":
            swapped = mention.day is not None and 1 <= mention.day <= 12 and mention.month <= 31  # type: ignore[operator]
            variant = "month-swapped" if swapped and mention.month != 0 else "month"
        elif mention.problem == "day":
            if mention.day == 0:
                variant = "day-zero"
            else:
                variant = "day"
                year = mention.year if mention.year is not None and YEAR_MIN <= mention.year <= YEAR_MAX else 2000
                args["days"] = calendar.monthrange(year, mention.month)[1]  # type: ignore[arg-type]
        else:
            written = doc.text[mention.year_span.start:mention.year_span.end]  # type: ignore[union-attr]
            variant = "year-digits" if len(written) != 4 else "year-range"
            args["year"] = written
        yield Finding(mention.span, args, variant)


def _expected_day(day: int) -> str:
    return f"{day:02d}"


def _expected_month(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


@check("DT105")
def header_date_leading_zero(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The header date line: day < 10 and months 1–2 take a leading 0, months 3–12 take none."""
    mention = facts.header_line
    if mention is None or mention.style != "words" or mention.problem is not None:
        return
    if mention.day is not None and mention.day_span is not None:
        written = doc.text[mention.day_span.start:mention.day_span.end]
        expected = _expected_day(mention.day)
        if written != expected:
            yield Finding(mention.day_span, {"written": written, "expected": expected}, "day",
                          fix=Fix((Edit(mention.day_span, expected),), safe=True))
    if mention.month is not None and mention.month_span is not None:
        written = doc.text[mention.month_span.start:mention.month_span.end]
        expected = _expected_month(mention.month)
        if written != expected:
            variant = "month-zero" if mention.month < 3 else "month-no-zero"
            yield Finding(mention.month_span, {"written": written, "expected": expected}, variant,
                          fix=Fix((Edit(mention.month_span, expected),), safe=True))
