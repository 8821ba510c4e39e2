"""Terms of elected bodies: Quốc hội khóa, national Party congresses, local Party congresses and
the year ranges written after them (``nhiệm kỳ 2021 - 2026``).

Facts for the TM rules:

- :class:`TermRange`: a year range introduced by ``nhiệm kỳ`` (or in parentheses right after a
  khóa), with the kind of body whose term it is (``state``, ``party_local``, ``party_central``,
  from ``rules/data/elected_bodies.yaml``) when the clause before it names exactly one kind,
  and the Quốc hội khóa or national congress named in that clause (its anchor);
- :class:`Congress`: "Đại hội (đại biểu) Đảng bộ tỉnh … lần thứ XV (, nhiệm kỳ …)": a local Party
  congress with its body, ordinal and term;
- :class:`Horizon`: the period in the title of a cited document ("Đề án số 12-ĐA/TU về … giai đoạn
  2021 - 2025, định hướng đến năm 2030").

The years of a Quốc hội khóa and of a national congress come from ``rules/data/terms.yaml``
(the same table the code rules use). Everything is read from :attr:`Document.flow`, so a range
broken across lines is read whole; the patterns scan :attr:`Document.flow_lower` (same offsets),
which is much faster than case-insensitive matching, and the labels are read back from ``flow``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from vanban_lint.data import load_table, require_fields
from vanban_lint.document import Document, Span
from vanban_lint.errors import ConfigError
from vanban_lint.extract.code_tables import tables
from vanban_lint.numerals import WORD_ORDINALS, roman_to_int

_ROMAN = r"[ivxl]+"
_ORDINAL = rf"(?:{_ROMAN}\b|(?:{'|'.join(WORD_ORDINALS)})(?!\w))"
_RANGE = r"(?P<first>[0-9]{4})\s*[-–—]\s*(?P<last>[0-9]{4})(?![0-9])"
_KHOA = r"kh(?:óa|oá|oa)"

# Lower-case patterns, matched on flow_lower.
_TERM_RANGE = re.compile(rf"nhiệm\s+kỳ\s*(?:\(\s*)?{_RANGE}")
_QH = re.compile(rf"quốc\s+hội\s+(?:nước\s+cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam\s+)?{_KHOA}\s+"
                 rf"(?P<ord>{_ROMAN})\b(?:\s*\(\s*{_RANGE}\s*\))?")
_NATIONAL = re.compile(
    rf"đại\s+hội\s+(?:(?:đại\s+biểu\s+)?(?:đảng\s+)?toàn\s+quốc\s+lần\s+thứ\s+(?P<a>{_ROMAN})\b"
    rf"|(?:lần\s+thứ\s+)?(?P<b>{_ROMAN})\s+của\s+đảng\b)(?:\s*\(\s*{_RANGE}\s*\))?")
_LOCAL = re.compile(
    rf"đại\s+hội\s+(?:đại\s+biểu\s+)?đảng\s+bộ\s+(?P<body>(?:[^\W\d]+\s+){{1,6}}?)lần\s+thứ\s+(?P<ord>{_ORDINAL})"
    rf"(?:\s*(?:[,(]\s*)?nhiệm\s+kỳ\s*{_RANGE})?")
# A cited document's title starts with "về" right after the citation (and its issuer); its period
# is the first "giai đoạn A - B" of that title, before the clause ends or another document is named.
_TITLE = re.compile(r"\s*(?:,\s*)?(?:của\s+[^,.;:\n]{1,60}?\s+)?(?:về|Về|V/v)\s")  # runs of spaces apart
_PERIOD = re.compile(rf"giai\s+đoạn\s+{_RANGE}(?:\s*(?:[,;]\s*)?(?:và\s+)?(?:định\s+hướng|tầm\s+nhìn)\s+(?:đến|tới)"
                     rf"\s+năm\s+(?P<until>[0-9]{{4}}))?")
_PERIOD_START = re.compile(r"giai\s+đoạn")
_TITLE_END = re.compile(r"[.;:!?()\n“”\"]|\bsố\s+[0-9]")
_TITLE_MAX = 250
# A clause ends at these; a term range belongs to the bodies named since.
_CLAUSE_END = re.compile(r"[.;:!?\n]")
_CLAUSE_MAX = 200


class Anchor(NamedTuple):
    """A Quốc hội khóa or a national Party congress, with the year its term began."""

    kind: str  # quoc_hoi | congress
    label: str  # the khóa or ordinal as written (Roman)
    start_year: int
    span: Span


class TermRange(NamedTuple):
    """``nhiệm kỳ A - B``: the years, the kind of body it belongs to, the anchor of its clause."""

    first: int
    last: int
    span: Span
    body: str | None  # state | party_local | party_central; None when unknown or mixed
    anchor: Anchor | None


class Congress(NamedTuple):
    """A local Party congress: "Đại hội Đảng bộ tỉnh Lào Cai lần thứ XV, nhiệm kỳ 2020 - 2025"."""

    body: tuple[str, ...]  # lower-case words of the body ("tỉnh", "lào", "cai")
    ordinal: int
    ordinal_text: str
    ordinal_span: Span
    term: tuple[int, int] | None


class Horizon(NamedTuple):
    """The period in a cited document's title: "… giai đoạn 2021 - 2025, định hướng đến năm 2030"."""

    code: str  # the cited document's code, normalised
    first: int
    last: int
    until: int | None  # the "định hướng / tầm nhìn đến năm" year
    span: Span


class Terms(NamedTuple):
    ranges: list[TermRange]
    congresses: list[Congress]
    horizons: list[Horizon]


class BodyTable(NamedTuple):
    """``rules/data/elected_bodies.yaml``: body words and the grid of each kind's terms."""

    pattern: re.Pattern
    kind_of: dict[str, str | None]  # word -> kind (None: another kind of body)
    end_mod5: dict[str, tuple[int, ...]]
    max_years: dict[str, int]
    grid_from: dict[str, int]


@lru_cache(maxsize=1)
def body_table() -> BodyTable:
    """Load and validate the elected bodies table (once per process)."""
    where = "rules/data/elected_bodies.yaml"
    doc = load_table("elected_bodies")
    require_fields(where, doc, {"bodies": list, "other_bodies": dict})
    kind_of: dict[str, str | None] = {}
    end_mod5: dict[str, tuple[int, ...]] = {}
    max_years: dict[str, int] = {}
    grid_from: dict[str, int] = {}
    for i, row in enumerate(doc["bodies"]):
        w = f"{where}: bodies[{i}]"
        require_fields(w, row, {"name": str, "words": list, "end_years_mod5": list, "max_years": int,
                                "grid_from": int, "source": str})
        if not all(isinstance(m, int) and 0 <= m < 5 for m in row["end_years_mod5"]):
            raise ConfigError(f"{w}: end_years_mod5 must be numbers from 0 to 4")
        end_mod5[row["name"]] = tuple(row["end_years_mod5"])
        max_years[row["name"]] = row["max_years"]
        grid_from[row["name"]] = row["grid_from"]
        for word in row["words"]:
            kind_of[word] = row["name"]
    other = require_fields(f"{where}: other_bodies", doc["other_bodies"], {"words": list, "source": str})
    for word in other["words"]:
        if word in kind_of:
            raise ConfigError(f"{where}: '{word}' is listed as a body and as another body")
        kind_of[word] = None
    words = sorted(kind_of, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
    return BodyTable(pattern, kind_of, end_mod5, max_years, grid_from)


def _start_years() -> tuple[dict[int, int], dict[int, int]]:
    """Quốc hội khóa -> election year; national congress ordinal -> congress year."""
    t = tables()
    qh = {k: term.start_earliest.year for k, term in t.quoc_hoi.items()}
    congress = {roman_to_int(term.name): term.start_earliest.year for term in t.party_central}
    return qh, congress


def ordinal_value(text: str) -> int:
    """``"XV"`` → 15, ``"nhất"`` → 1."""
    return WORD_ORDINALS.get(text.lower()) or roman_to_int(text.upper())


def extract(doc: Document, citations: list) -> Terms:
    """Term ranges, local congresses and the periods of cited plans in ``doc``."""
    flow, lower = doc.flow, doc.flow_lower
    horizons = _horizons(flow, citations) if "giai đoạn" in lower else []
    has_qh, has_congress = "quốc hội" in lower, "đại hội" in lower
    qh = list(_QH.finditer(lower)) if has_qh else []
    national = list(_NATIONAL.finditer(lower)) if has_congress else []
    ranges = _ranges(flow, lower, qh, national) if "nhiệm kỳ" in lower or qh or national else []
    congresses = _congresses(flow, lower) if has_congress else []
    return Terms(ranges, congresses, horizons)


def _horizons(flow: str, citations: list) -> list[Horizon]:
    """The period of each cited document whose title ("về …") names one."""
    out: list[Horizon] = []
    periods = [m.start() for m in _PERIOD_START.finditer(flow)]  # where _PERIOD can match
    if not periods:
        return out
    for c in citations:
        i = bisect_left(periods, c.end)
        if i == len(periods) or periods[i] >= c.end + _TITLE_MAX:
            continue  # no period in reach
        if c.is_own or c.number is None or not _TITLE.match(flow, c.end):
            continue
        stop = _TITLE_END.search(flow, c.end + 1, c.end + _TITLE_MAX)
        m = _PERIOD.search(flow, c.end, stop.start() if stop else c.end + _TITLE_MAX)
        if m:
            until = int(m["until"]) if m["until"] else None
            out.append(Horizon(c.code, int(m["first"]), int(m["last"]), until, Span(m.start(), m.end())))
    return out


def _anchors(qh: list[re.Match], national: list[re.Match]) -> list[Anchor]:
    qh_years, congress_years = _start_years()
    out: list[Anchor] = []
    for m in qh:
        year = qh_years.get(roman_to_int(m["ord"].upper()))
        if year is not None:
            out.append(Anchor("quoc_hoi", m["ord"].upper(), year, Span(m.start(), m.end("ord"))))
    for m in national:
        label = (m["a"] or m["b"]).upper()
        year = congress_years.get(roman_to_int(label))
        if year is not None:
            out.append(Anchor("congress", label, year, Span(m.start(), m.end("a" if m["a"] else "b"))))
    return sorted(out, key=lambda a: a.span.start)


def _clause_start(flow: str, end: int) -> int:
    """Where the clause that ends at ``end`` begins (at most ``_CLAUSE_MAX`` characters back)."""
    lo = max(0, end - _CLAUSE_MAX)
    last = lo
    for m in _CLAUSE_END.finditer(flow, lo, end):
        last = m.end()
    return last


def _ranges(flow: str, lower: str, qh: list[re.Match], national: list[re.Match]) -> list[TermRange]:
    table = body_table()
    anchors = _anchors(qh, national)
    anchor_starts = [a.span.start for a in anchors]
    found: list[tuple[int, int, int, int]] = [
        (m.start("first"), m.end("last"), int(m["first"]), int(m["last"])) for m in _TERM_RANGE.finditer(lower)]
    for m in (*qh, *national):  # "Quốc hội khóa XV (2021 - 2026)"
        if m["first"]:
            found.append((m.start("first"), m.end("last"), int(m["first"]), int(m["last"])))
    out: list[TermRange] = []
    for start, end, first, last in sorted(set(found)):
        clause = _clause_start(flow, start)
        kinds = {table.kind_of[w.group()] for w in table.pattern.finditer(flow, clause, start)}
        body = next(iter(kinds)) if len(kinds) == 1 else None
        i = bisect_left(anchor_starts, start) - 1  # the last anchor before the range, if in its clause
        anchor = anchors[i] if i >= 0 and anchor_starts[i] >= clause else None
        out.append(TermRange(first, last, Span(start, end), body, anchor))
    return out


def _congresses(flow: str, lower: str) -> list[Congress]:
    out: list[Congress] = []
    for m in _LOCAL.finditer(lower):
        term = (int(m["first"]), int(m["last"])) if m["first"] else None
        ordinal = flow[m.start("ord"):m.end("ord")]  # as written: Roman numerals in capitals
        out.append(Congress(tuple(m["body"].split()), ordinal_value(ordinal), ordinal,
                            Span(m.start("ord"), m.end("ord")), term))
    return out
