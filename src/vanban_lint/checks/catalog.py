"""Citations checked against the catalog of known documents (family CA, :mod:`vanban_lint.catalog`).

The catalog, reviewed by a person, is the reference: a citation of one of its documents (the
same document as rules DT102 and DC110 mean it) with another date or a code a slip apart is
reported with the entry's place, and a document named as the legal basis ("Căn cứ …") of a
draft dated after the day the catalog says it was replaced is reported too. Without a catalog
(``catalog:`` in the configuration) these rules find nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from vanban_lint.checks.citation_dates import date_groups, one_document
from vanban_lint.checks.codes import dated_codes, two_codes_of_one_document
from vanban_lint.diagnostics import Finding
from vanban_lint.document import Document
from vanban_lint.extract.code_tables import tables
from vanban_lint.facts import Facts
from vanban_lint.registry import check


def catalog_option(options: dict):
    """The catalog given to the rule (:func:`vanban_lint.catalog.catalog_option`), or None;
    the catalog module is loaded only when a catalog is given."""
    if options.get("catalog") is None:
        return None
    from vanban_lint.catalog import catalog_option as read

    return read(options)

# A line that states the legal basis of the document: "Căn cứ Luật …;" (NĐ 30/2020 PL I II.7):
# what it cites must be in force on the document's date. Read from the start of the line as
# written to the citation, in the flow (a hard-wrapped basis line is read whole).
_BASIS = re.compile(r"[ \t>*+\-–#]*(?:\d+[.)][ \t]*)?Căn cứ\b[^;\n]*")


def _fmt(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@check("CA101")
def catalog_date(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A document of the catalog cited with another date than the catalog's."""
    catalog = catalog_option(options)
    if catalog is None:
        return
    for key, cits in date_groups(facts).items():
        for entry in catalog.by_key.get(key, ()):
            if not one_document([*cits, entry.citation]):
                continue  # another body, place or term named: another document
            for c in cits:
                if c.day != entry.date:
                    yield Finding(c.date.span, {"code": c.code, "date": _fmt(c.day), "expected": _fmt(entry.date),
                                                "where": catalog.where(entry)})


@check("CA102")
def catalog_code(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A document of the catalog (same number and date) cited under a code a slip apart."""
    catalog = catalog_option(options)
    if catalog is None:
        return
    t = tables()
    for c in dated_codes(facts):
        for entry in catalog.by_number.get((c.num, c.day), ()):
            known = entry.citation
            if c.groups != known.groups and two_codes_of_one_document(c, known, t) \
                    and two_codes_of_one_document(known, c, t):
                yield Finding(c.code_span, {"code": c.code, "expected": known.code, "where": catalog.where(entry)})
                break


@check("CA103")
def cited_after_replaced(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A document named as the legal basis ("Căn cứ …") of a draft dated on or after the day the
    catalog says it was replaced (the draft's header date, else today)."""
    catalog = catalog_option(options)
    if catalog is None:
        return
    own = facts.header_date.date if facts.header_date is not None and facts.header_date.date else facts.today
    flow = doc.flow
    for key, cits in date_groups(facts).items():
        for entry in catalog.by_key.get(key, ()):
            if entry.replaced_on is None or own < entry.replaced_on or not one_document([*cits, entry.citation]):
                continue
            for c in cits:
                line_start = doc.line_starts[doc.line_index(c.start)]  # the line as written; read joined

                if c.day == entry.date and _BASIS.fullmatch(flow, line_start, c.start):
                    yield Finding(c.code_span, {"code": c.code, "new": entry.replaced_by, "since": _fmt(entry.replaced_on),
                                                "own": _fmt(own), "where": catalog.where(entry)})


@check("CA104")
def catalog_issuer(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A document of the catalog (same code and date) named as issued by another body than the
    catalog's, where the code stands for the catalog's body only (as XF103 across files)."""
    catalog = catalog_option(options)
    if catalog is None:
        return
    t = tables()
    for key, cits in date_groups(facts).items():
        for entry in catalog.by_key.get(key, ()):
            known = entry.citation.issuer_text
            if known is None or t.body_codes.get(known) not in entry.citation.issuers:
                continue
            for c in cits:
                if c.day == entry.date and c.issuer_text and c.issuer_text != known \
                        and t.body_codes.get(c.issuer_text) not in c.issuers:
                    yield Finding(c.span, {"code": c.code, "body": c.issuer_text, "expected": known,
                                           "where": catalog.where(entry)})
