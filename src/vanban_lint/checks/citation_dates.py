"""Dates of cited documents (rules DT102–DT104 of family DT).

A document has one date of issue, so every citation of it carries that date. Two citations name
the same document when system, number, type and issuer agree and nothing separates them:
Party numbers restart with each term of the issuing cấp ủy (HD05 II.I.3.1.1(b)), State numbers
every year (NĐ 30/2020 Điều 15.1), and a citation naming another body that shares the code
(Bộ Chính trị / Ban Bí thư) is another document. A document cannot cite, as issued, a
document dated after its own date; and the number and date restated at the head of its annex
("Kèm theo Quyết định số …") are its own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from vanban_lint.diagnostics import Finding, Related
from vanban_lint.document import Document
from vanban_lint.extract.citations import Citation
from vanban_lint.extract.code_tables import tables
from vanban_lint.facts import Facts
from vanban_lint.registry import check


def _fmt(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _series(c: Citation) -> object | None:
    """The numbering period the citation's date falls in; None when that cannot be told."""
    if c.system == "party":
        return _party_term(c.issuer, c.day)
    return c.year or c.day.year


@lru_cache(maxsize=4096)
def _party_term(issuer: str, day: dt.date) -> str | None:
    return tables().party_term(issuer, day)


def _restated_own(c: Citation, facts: Facts) -> bool:
    own = facts.own_document
    return own is not None and c.in_annex and c.groups == own.citation.groups


class Conflict(NamedTuple):
    """A citation whose date differs from the date most citations of the same document carry."""

    citation: Citation
    main: dt.date
    others: list[Citation]


# The end of a quotation that a correction or an amendment replaces: “A” thành “B”.
_REPLACED = re.compile(r"[ \t]*[”\"][ \t]*(?:được[ \t]+)?(?:sửa[ \t]+)?thành\b")

_QUOTES = frozenset('”"')
_BLANK_QUOTES = frozenset(a + b for a in " \t" for b in ' \t”"')


def date_groups(facts: Facts) -> dict[tuple, list[Citation]]:
    """The dated citations of each document, in order: the key is one document (system, number,
    letter groups and numbering period). A date that may be another document's
    (``date_ambiguous``), the own number and its restatement in an annex take no part."""
    return facts.derived(_date_groups)


def _date_groups(facts: Facts) -> dict[tuple, list[Citation]]:
    groups: dict[tuple, list[Citation]] = defaultdict(list)
    own = facts.own_document
    own_groups = own.citation.groups if own is not None else None  # for _restated_own, inlined
    flow = facts.doc.flow
    for c in facts.citations:
        if c.day is None or c.num is None or c.is_own or c.date_ambiguous or (c.in_annex and c.groups == own_groups):
            continue
        end = c.end
        # _REPLACED starts with blanks and a quote: most citations end otherwise.
        if (flow[end:end + 1] in _QUOTES or flow[end:end + 2] in _BLANK_QUOTES) and _REPLACED.match(flow, end):
            continue  # “… ngày 12 tháng 6 năm 2023” thành “…”: the wrong text a correction quotes
        key = document_key(c)
        if key is not None:
            groups[key].append(c)
    return groups


def document_key(c: Citation) -> tuple | None:
    """What makes a numbered, dated citation one document: system, number, letter groups and the
    numbering period its date falls in (None when that period cannot be told)."""
    series = _series(c)
    return None if series is None else (c.system, c.num, c.groups, series)


def one_document(cits: list[Citation]) -> bool:
    """Citations under one key of :func:`date_groups` name one document unless they name another
    body, place or term."""
    return not several_issuers(cits) and len({c.term for c in cits if c.term}) <= 1


def date_conflicts(facts: Facts) -> list[Conflict]:
    """The citations of a document dated otherwise than most of its citations (rule DT102)."""
    return facts.derived(_date_conflicts)


def _date_conflicts(facts: Facts) -> list[Conflict]:
    out: list[Conflict] = []
    for cits in date_groups(facts).values():
        first_pos: dict[dt.date, int] = {}  # each day's first citation (cits are in order)
        for c in cits:
            first_pos.setdefault(c.day, c.code_start)  # type: ignore[arg-type]
        if len(first_pos) < 2:
            continue
        if not one_document(cits):
            continue  # another body, place or term named: several documents
        days = Counter(c.day for c in cits)
        main = max(days, key=lambda d: (days[d], -first_pos[d]))
        others = [c for c in cits if c.day == main]
        out.extend(Conflict(c, main, others) for c in cits if c.day != main)
    return out


def several_issuers(cits: Iterable[Citation]) -> bool:
    """Whether the citations name two bodies (Bộ Chính trị, Ban Bí thư) or the local bodies of two
    places (UBND tỉnh Lào Cai, UBND huyện Bảo Thắng): the same code is then several documents."""
    cits = list(cits)
    bodies = {c.issuer_text for c in cits if c.issuer_text}
    places = {c.issuer_place for c in cits if c.issuer_place}
    return len(bodies) > 1 or len(places) > 1


def _year_disagrees(c: Citation) -> bool:
    """The year in the code is not the year of the date: rule DC107 reports it."""
    return c.year is not None and c.day is not None and c.day.year != c.year


def year_slips(facts: Facts) -> list[tuple[Citation, Citation]]:
    """Pairs (citation, other) of a State code without a year cited twice on the same day and
    month of two years (``217/QĐ-UBND ngày 14/5/2025``, ``… ngày 14/5/2024``): State numbers
    restart every year, but one agency giving the same number to two documents on the same day
    of two years is far less likely than a mistyped year. ``citation`` is the later place of the
    rarer year (the later place when both are as common)."""
    by_code: dict[tuple, list[Citation]] = defaultdict(list)
    own = facts.own_document
    own_groups = own.citation.groups if own is not None else None
    for c in facts.citations:
        if (c.system != "state" or c.year is not None or c.is_own or c.num is None or c.day is None
                or c.date_ambiguous or (c.in_annex and c.groups == own_groups)):
            continue
        by_code[(c.num, c.groups)].append(c)
    pairs: list[tuple[Citation, Citation]] = []
    for cits in by_code.values():
        if several_issuers(cits):
            continue  # two bodies named: two documents
        by_day: dict[tuple[int, int], dict[int, list[Citation]]] = defaultdict(lambda: defaultdict(list))
        for c in cits:
            by_day[(c.day.month, c.day.day)][c.day.year].append(c)  # type: ignore[union-attr]
        for years in by_day.values():
            if len(years) != 2:
                continue
            (ya, a), (yb, b) = sorted(years.items(), key=lambda kv: (len(kv[1]), -kv[1][0].code_start))
            pairs.extend((c, b[0]) for c in a)
    return pairs


@check("DT102")
def citation_date_conflict(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The same document cited with different dates: report the odd ones out."""
    for c, main, others in date_conflicts(facts):
        related = tuple(Related(o.date.span, "other", {"date": _fmt(main)}) for o in others[:3])
        yield Finding(c.date.span, {"code": c.code, "date": _fmt(c.day), "main": _fmt(main),
                                    "count": len(others)}, related=related)


@check("DT107")
def citation_year_slip(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The same State code cited on the same day and month of two years, with the other place.
    Annual documents issued at the same time each year with the same low number are two
    documents, which the text alone cannot tell: a preview rule."""
    for c, other in year_slips(facts):
        yield Finding(c.date.span, {"code": c.code, "date": _fmt(c.day), "main": _fmt(other.day)},
                      related=(Related(other.date.span, "other", {"date": _fmt(other.day)}),))


@check("DT106")
def citation_date_outside_term(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A central Party document dated outside the khóa named beside it: "Kết luận số 37-KL/TW
    ngày 08/3/2023 của Bộ Chính trị (khóa XI)" (khóa XIII began on 31/01/2021). Only the central
    terms are known to the day; a date inside a changeover window is left alone."""
    t = tables()
    for c in facts.citations:
        if c.system != "party" or c.term is None or c.day is None or c.date_ambiguous:
            continue
        if not (c.issuer == "TW" or c.issuer.endswith("TW")):
            continue
        term = t.party_term(c.issuer, c.day)
        if term is not None and term != c.term:
            yield Finding(c.date.span, {"code": c.code, "date": _fmt(c.day), "term": c.term, "expected": term})


def _own_bound(doc: Document, facts: Facts) -> tuple[dt.date, str, object] | None:
    """The latest day the document can bear: its header date, or the end of the month (year)
    of a draft's partly filled date line ("ngày    tháng 4 năm 2026" → 30/4/2026)."""
    if facts.header_date is not None and facts.header_date.date:
        return facts.header_date.date, "own", facts.header_date
    line = facts.header_line
    if line is None or line.year is None or line.problem is not None or line.day is not None:
        return None
    if line.month is not None:
        return dt.date(line.year, line.month, calendar.monthrange(line.year, line.month)[1]), "month", line
    return dt.date(line.year, 12, 31), "year", line


@check("DT103")
def cited_after_own_date(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A cited document dated after the citing document's own date, or after today."""
    bound = _own_bound(doc, facts)
    latest = min(bound[0], facts.today) if bound is not None else facts.today  # a later day is reported
    for c in facts.citations:
        if c.day is None or c.day <= latest:
            continue
        if c.is_own or c.date_ambiguous or _restated_own(c, facts) or _year_disagrees(c):
            continue  # a date whose year disagrees with the code's is reported once, by DC107
        if bound is not None and c.day > bound[0]:
            day, variant, mention = bound
            own_text = _fmt(day) if variant == "own" else (
                f"tháng {mention.month}/{mention.year}" if variant == "month" else f"năm {mention.year}")
            yield Finding(c.date.span, {"code": c.code, "date": _fmt(c.day), "own": own_text}, "own",
                          related=(Related(mention.span, "own", {"date": own_text}),))
        elif c.day > facts.today:
            yield Finding(c.date.span, {"code": c.code, "date": _fmt(c.day), "today": _fmt(facts.today)}, "today")


@check("DT104")
def annex_restates_other_number(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The annex heading's "Kèm theo <loại> số …, ngày …" must repeat the header's number and date."""
    own = facts.own_document
    if own is None:
        return
    header = own.citation
    own_day = own.date.date if own.date is not None else None
    for c in facts.citations:
        if not _restated_own(c, facts) or c.is_own:
            continue
        if c.year is not None and header.year is not None and c.year != header.year:
            continue  # another year: another document (an amending decree restating the annex it replaces)
        same_day = own_day is not None and c.day == own_day
        if header.num is not None and c.num is not None and c.num != header.num and (same_day or c.day is None):
            yield Finding(c.code_span, {"code": c.code, "own": header.code}, "number",
                          related=(Related(header.code_span, "header", {"code": header.code}),))
        elif own_day is not None and c.day is not None and c.day != own_day and c.num == header.num:
            yield Finding(c.date.span, {"code": c.code, "date": _fmt(c.day), "own": _fmt(own_day)}, "date",
                          related=(Related(own.date.span, "header_date", {"date": _fmt(own_day)}),))
