"""The facts of one document, extracted lazily and at most once, shared by all checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar

from vanban_lint.document import Document

T = TypeVar("T")


class Facts:
    """Typed facts about ``doc``; each attribute runs its extractor on first use."""

    def __init__(self, doc: Document, today: dt.date | None = None) -> None:
        self.doc = doc
        self.today = today or dt.date.today()
        self._derived: dict[Callable[[Facts], Any], Any] = {}

    def derived(self, make: Callable[[Facts], T]) -> T:
        """``make(self)``, worked out once: what several checks derive alike from these facts."""
        if make not in self._derived:
            self._derived[make] = make(self)
        return self._derived[make]

    @cached_property
    def suppressions(self):
        """Inline ``<!-- vanban-lint … -->`` comments (``suppress.Suppression``)."""
        from vanban_lint.suppress import parse

        return parse(self.doc)

    @cached_property
    def forms(self):
        """Form appendices ("Mẫu số 01"…): fill-in templates, not prose (``extract.forms.Forms``)."""
        from vanban_lint.extract.forms import extract

        return extract(self.doc)

    @cached_property
    def footnotes(self):
        """Footnote references and definitions; form annotations are not footnotes."""
        from vanban_lint.extract.footnotes import extract

        return extract(self.doc, self.forms)

    @cached_property
    def header_block(self):
        """Quốc hiệu, Tiêu ngữ, Party title, Số line, place-and-date line (``extract.thethuc.Header``)."""
        from vanban_lint.extract.thethuc import header

        line = self.header_line
        return header(self.doc, line.start if line is not None else None)

    @cached_property
    def closing_block(self):
        """``Nơi nhận`` headings and signature marks (``extract.thethuc.Closing``)."""
        from vanban_lint.extract.thethuc import closing

        return closing(self.doc)

    @cached_property
    def headings(self):
        from vanban_lint.extract.headings import extract

        return extract(self.doc)

    @cached_property
    def terms(self):
        """Term ranges (nhiệm kỳ), local Party congresses, periods of cited plans (``extract.terms.Terms``)."""
        from vanban_lint.extract.terms import extract

        return extract(self.doc, self.citations)

    @cached_property
    def dates(self):
        """Every date, month and partly filled date line (``extract.dates.DateMention``)."""
        from vanban_lint.extract.dates import extract

        return extract(self.doc)

    @cached_property
    def header_line(self):
        """The date of the header's date line, even when partly blank; else None (read from the
        header's dates alone unless all the dates are extracted already)."""
        from vanban_lint.extract.dates import header_line

        return header_line(self.doc, self.__dict__.get("dates"))

    @cached_property
    def header_date(self):
        """The document's own date from its header date line, when filled in; else None."""
        line = self.header_line
        return line if line is not None and line.complete else None

    @cached_property
    def citation_set(self):
        """Citations by number and code and the own number line (``extract.citations.Citations``)."""
        from vanban_lint.extract.citations import extract

        return extract(self.doc, self.dates, self.header_date)

    @cached_property
    def citations(self):
        """Every citation by number and code, own number line included (``is_own``), in order."""
        return self.citation_set.items

    @cached_property
    def own_document(self):
        """The document's own number and date (``extract.citations.OwnDocument``), or None."""
        return self.citation_set.own

    @cached_property
    def numbers(self):
        """Numbers as written, quantities with units and fractions (``extract.numbers.Numbers``).

        Footnote markers, heading numbers, dates and document codes are not quantities: their
        spans are excluded, not parsed again.
        """
        from operator import attrgetter

        from vanban_lint.extract.numbers import extract

        def bounds(items: list, start: str = "start", end: str = "end"):
            # (start, end) pairs read in C: a long report holds tens of thousands of dates and codes
            return zip(map(attrgetter(start), items), map(attrgetter(end), items))

        span = attrgetter("span")
        excluded = [*map(span, self.footnotes.refs), *map(span, self.footnotes.defs), *map(span, self.headings),
                    *bounds(self.dates), *bounds(self.citations), *bounds(self.citations, "code_start", "code_end")]
        return extract(self.doc, excluded)

    @cached_property
    def number_groups(self):
        """Shares of a whole, breakdowns under a total, fractions with their percentage."""
        from vanban_lint.extract.number_groups import extract

        return extract(self.doc, self.numbers)
