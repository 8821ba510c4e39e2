"""Citations of documents by number and code (số, ký hiệu), and the document's own number.

One grammar covers the three forms of the field:

- Party (HD05 II.I.3.2.2): ``số-LOẠI/CƠQUAN``: ``15-NQ/TU``, joint ``05-QC/BTCTU-BNCTU``;
- State (NĐ 30/2020 PL I II.3): ``số/LOẠI-CƠQUAN`` and, for normative documents,
  ``số/năm/LOẠI-CƠQUAN``: ``123/QĐ-UBND``, ``12/2026/QĐ-UBND``; a công văn has no type part:
  ``125/UBND-VP``;
- laws and resolutions of Quốc hội (Luật 64/2025 Điều 71): ``số/năm/QHk``, ``số/năm/UBTVQHk``.

The grammar is tolerant on purpose so that rules can complain: a code hard-wrapped across lines
or a page break (read from :attr:`Document.flow`), spaces inside it (``12 -ĐA/TU``), a dot for a
slash before the year (``17.2023/NĐ-CP``), letters swapped or Telex left in (``QiĐ``, ``QDD``).

Around the code it reads the type word before it (``Quyết định số``, ``Thông báo làm việc số``,
with or without ``số``, with a stray ``số:``), the date right after it (the first
:class:`DateMention` of the dates extractor, after ``,`` / ``ngày`` / ``ban hành``), the issuing
body (``của Ban Bí thư``) and the term (``khóa XII``). Footnote bodies are body text.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import regex

from vanban_lint.document import Document, Span
from vanban_lint.extract.code_tables import tables

# A code group: an upper-case letter or Đ, then letters (CTr, QĐi, TTg, ThU) and digits (G16, QH15).
_G = r"[A-ZĐ][A-Za-zĐđ0-9]*"
_GAP = r"[ \t]*"
# Nothing glued before the number: not a letter, digit, or a code separator.
_BEFORE = r"(?<![\p{L}\d./\-–])"
_AFTER = r"(?![\p{L}\d])"

CODE = regex.compile(
    rf"""{_BEFORE}(?:
        (?P<pnum>\d{{1,5}}){_GAP}[-–]{_GAP}(?P<ptype>[A-ZĐ][A-Za-zĐđ]{{0,5}}){_GAP}/{_GAP}(?P<piss>{_G}(?:-{_G})*){_AFTER}
      | (?P<snum>\d{{1,5}}){_GAP}
        (?:/{_GAP}(?:(?P<syear>(?:19|20)\d\d){_GAP}[/.]{_GAP})?|\.{_GAP}(?P<dyear>(?:19|20)\d\d){_GAP}/{_GAP})
        (?:(?P<law>(?:UBTVQH|QH)\d(?:[ \t]?\d)?){_AFTER}
          |(?P<sfirst>{_G}){_GAP}-{_GAP}(?P<srest>{_G}(?:-{_G})*){_AFTER})
    )""",
    regex.VERBOSE,
)

# The document's own number in its header: "Số: 58 /KH-UBND", "Số 34 -NQ/TU", a blank
# "Số:      /BC-UBND", an OCR-garbled "Số: II /2026/QĐ-UBND".
OWN = regex.compile(
    rf"""(?<![\p{{L}}])Số{_GAP}:?{_GAP}(?P<num>\d{{1,5}}|[IlO|]{{1,4}})?{_GAP}
    (?P<body>(?:-{_GAP}(?P<ptype>[A-ZĐ][A-Za-zĐđ]{{0,5}}){_GAP}/{_GAP}(?P<piss>{_G}(?:-{_G})*)
      |/{_GAP}(?:(?P<syear>(?:19|20)\d\d){_GAP}/{_GAP})?(?:(?P<law>(?:UBTVQH|QH)\d{{1,2}})|(?P<sfirst>{_G}){_GAP}-{_GAP}(?P<srest>{_G}(?:-{_G})*))
    )){_AFTER}""",
    regex.VERBOSE,
)
HEADER_CHARS = 1500

_TYPE_WORDS = sorted(
    ["Nghị quyết liên tịch", "Nghị quyết", "Quyết định", "Quy định", "Quy chế", "Chỉ thị", "Kết luận",
     "Kế hoạch", "Hướng dẫn", "Thông tri", "Thông báo kết luận", "Thông báo", "Thông cáo", "Báo cáo",
     "Công văn", "Văn bản", "Chương trình", "Đề án", "Phương án", "Dự án", "Tờ trình", "Biên bản",
     "Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Thông tư liên tịch", "Thông tư", "Công điện",
     "Giấy mời", "Quy hoạch", "Chiến lược"],
    key=len, reverse=True,
)
# Only capitalised (or all capitals): "Bộ luật" (not "đồng bộ luật"), "Văn bản"/"Luật" (common words).
_CAPITALISED_ONLY = {"Bộ luật", "Luật", "Văn bản", "Dự án", "Chương trình", "Phương án", "Chiến lược", "Quy hoạch"}


def _word_pattern(word: str) -> str:
    rest = regex.escape(word[1:])
    first = word[0] if word in _CAPITALISED_ONLY else f"[{word[0]}{word[0].lower()}]"
    return f"{first}{rest}|{regex.escape(word.upper())}"


_TW = "|".join(_word_pattern(w) for w in _TYPE_WORDS)
# The type word, up to six qualifying words ("làm việc", "hành động", "phối hợp", a law's name),
# then "số" (with a stray colon); or the type word directly before the code ("Nghị định 71/2019/…").
TYPE_BEFORE = regex.compile(
    rf"""(?<![\p{{L}}])(?P<word>{_TW})
    (?:(?P<qual>(?:[ \t]+(?!(?:{_TW})(?![\p{{L}}]))(?!số\b)[\p{{L}}&\-]+){{0,6}}?)[ \t]+(?i:số)[ \t]*:?[ \t]*
      |[ \t]+(?i:số)?[ \t]*:?[ \t]*)$""",
    regex.VERBOSE | regex.REVERSE,  # searched from the code backwards: the nearest type word, fast
)
TYPE_WINDOW = 90
# Between a code and its date: a comma or a bracket, "đã được ban hành", "ngày".
DATE_GAP = regex.compile(r"[ \t]*[,(]?[ \t]*(?:(?:đã[ \t]+)?(?:được[ \t]+)?ban[ \t]+hành[ \t]+)?(?:ngày[ \t]*)?")
OF_BODY = regex.compile(r"[ \t]*,?[ \t]*\)?[ \t]*,?[ \t]*của[ \t]+")
TERM_AFTER = regex.compile(r"[ \t]*,?[ \t]*\(?[ \t]*(?:khóa|khoá|Khóa|Khoá)[ \t]+(?P<term>[IVXLC]+)\b\)?")


@lru_cache(maxsize=1)
def _body_names() -> regex.Pattern:
    """The bodies of ``issuers.yaml: named_bodies``, longest name first, spaces flexible."""
    names = sorted(tables().body_names, key=len, reverse=True)
    alts = "|".join(r"[ \t]+".join(regex.escape(w) for w in n.split()) for n in names)
    return regex.compile(rf"(?i:{alts})(?![\p{{L}}])")
# An annex heading restating a document's number: "(Kèm theo Quyết định số …", "Ban hành kèm theo …".
ANNEX_BEFORE = regex.compile(r"[ \t]*\(?[ \t]*(?:(?i:ban[ \t]+hành)[ \t]+)?(?i:kèm[ \t]+theo)[ \t]+$")


class DateLike(Protocol):
    span: Span

    @property
    def date(self) -> dt.date | None: ...


@dataclass(frozen=True)
class Citation:
    """A document cited by number and code, or the document's own number (``is_own``).

    ``code`` is the code normalised (no spaces, ``/`` for a dot separator); ``raw_code`` the code
    as written. ``number`` is None for a blank draft number. ``groups`` are the letter groups of
    the code after the number (and year): ``("NQ", "TU")``, ``("QĐ", "UBND")``, ``("UBND", "VP")``.
    ``type_code`` is the type part: the Party type, the first State group when it is a known
    State type code (None for the công văn form), None for laws. ``issuer`` is the issuing body's
    code (joint issuers joined by ``-``).
    """

    span: Span
    code_span: Span
    raw_code: str
    code: str
    number: str | None
    system: str  # party | state | law
    groups: tuple[str, ...]
    type_code: str | None
    issuer: str
    year: int | None
    type_word: str | None
    type_word_span: Span | None
    date: Any  # DateMention | None
    issuer_text: str | None  # the issuing body named after the code, canonical (issuers.yaml: named_bodies)
    term: str | None  # the khóa named after it, in Roman numerals
    is_own: bool = False
    in_annex: bool = False

    @property
    def day(self) -> dt.date | None:
        return self.date.date if self.date is not None else None

    @property
    def num(self) -> int | None:
        return int(self.number) if self.number and self.number.isdigit() else None

    @property
    def issuers(self) -> tuple[str, ...]:
        return tuple(self.issuer.split("-"))

    @property
    def head(self) -> str:
        """The first letter group after the number: the type part, or a công văn's issuer."""
        return self.groups[0]

    @property
    def signature(self) -> tuple:
        """What must agree for two citations to be one document (number restarts aside)."""
        return (self.system, self.num, self.year, self.groups)


@dataclass(frozen=True)
class OwnDocument:
    """The document's own number line and date (``header_date`` of the dates extractor)."""

    citation: Citation
    date: Any  # DateMention | None


_SPACES = regex.compile(r"\s+")
_JOINT = regex.compile(r"\s*-\s*")


def _normalise(raw: str) -> str:
    return _SPACES.sub("", raw).replace("–", "-").replace(".", "/")


def _groups(m: regex.Match) -> tuple[str, tuple[str, ...], int | None]:
    """(system, groups, year) of a CODE or OWN match."""
    if m.group("ptype"):
        return "party", (m.group("ptype"), *_JOINT.split(m.group("piss"))), None
    year_text = m.group("syear") or (m.groupdict().get("dyear"))
    year = int(year_text) if year_text else None
    if m.group("law"):
        return "law", (m.group("law"),), year
    return "state", (m.group("sfirst"), *_JOINT.split(m.group("srest"))), year


def _classify(system: str, groups: tuple[str, ...]) -> tuple[str | None, str]:
    """(type_code, issuer) of a code."""
    t = tables()
    if system == "party":
        return groups[0], "-".join(groups[1:])
    if system == "law":
        return None, groups[0]
    if t.is_type(groups[0], "state") or t.is_type(groups[0], "party") or len(groups) == 1:
        return groups[0], "-".join(groups[1:])
    return None, "-".join(groups)


class _Dates:
    """Date mentions sorted by start, for the first date after an offset."""

    def __init__(self, dates: list[DateLike]) -> None:
        self.dates = sorted(dates, key=lambda d: d.span.start)
        self.starts = [d.span.start for d in self.dates]

    def right_after(self, flow: str, offset: int) -> DateLike | None:
        i = bisect_left(self.starts, offset)
        if i == len(self.dates):
            return None
        d = self.dates[i]
        if d.span.start - offset > 40:
            return None
        gap = DATE_GAP.match(flow, offset, d.span.start)
        return d if gap and gap.end() == d.span.start else None


def _citation(doc: Document, m: regex.Match, dates: _Dates, own: bool = False) -> Citation:
    flow = doc.flow
    system, groups, year = _groups(m)
    if own:
        num = m.group("num")
        code_start = m.start("num") if num else m.start("body")
    else:
        num = m.group("pnum") or m.group("snum")
        code_start = m.start()
    raw = doc.text[code_start:m.end()]
    type_code, issuer = _classify(system, groups)
    # The type word before the code, within the sentence.
    word = word_span = None
    in_annex = False
    lo = max(0, code_start - TYPE_WINDOW)
    window_start = max(flow.rfind("\n", lo, code_start) + 1, lo)
    tw = TYPE_BEFORE.search(flow, window_start, code_start)
    if tw:
        word = _canonical_word(tw.group("word"))
        word_span = Span(tw.start("word"), tw.end("word"))
        line_start = doc.text.rfind("\n", 0, code_start) + 1  # the line as written, not the joined paragraph
        in_annex = bool(ANNEX_BEFORE.fullmatch(flow, line_start, tw.start("word")))
    end = m.end()
    date = dates.right_after(flow, end)
    if date is not None:
        end = date.span.end
    issuer_text = term = None
    of = OF_BODY.match(flow, end)
    if of:
        body = _body_names().match(flow, of.end())
        if body:
            issuer_text = tables().body_names[" ".join(body.group().lower().split())]
            end = body.end()
    tm = TERM_AFTER.match(flow, end)
    if tm:
        term = tm.group("term")
        end = tm.end()
    start = word_span.start if word_span else code_start
    return Citation(Span(start, end), Span(code_start, m.end()), raw, _normalise(raw),
                    num, system, groups, type_code, issuer, year, word, word_span, date, issuer_text, term,
                    own, in_annex)


def _canonical_word(word: str) -> str:
    lower = word.lower()
    for w in _TYPE_WORDS:
        if w.lower() == lower:
            return w
    return word


@dataclass
class Citations:
    """All citations in document order, and the document's own number."""

    items: list[Citation]
    own: OwnDocument | None


def extract(doc: Document, dates: list[DateLike], header_date: DateLike | None) -> Citations:
    """One pass of :data:`CODE` over ``doc.flow``, plus the header's own number."""
    flow = doc.flow
    index = _Dates(dates)
    own: OwnDocument | None = None
    own_span: Span | None = None
    m = OWN.search(flow, 0, min(len(flow), HEADER_CHARS))
    if m:
        cit = _citation(doc, m, index, own=True)
        own_span = cit.code_span
        own = OwnDocument(cit, header_date)
    items: list[Citation] = []
    for m in CODE.finditer(flow):
        if own_span and m.start() < own_span.end and m.end() > own_span.start:
            items.append(own.citation)
            continue
        items.append(_citation(doc, m, index))
    if own and own.citation not in items:
        items.append(own.citation)
        items.sort(key=lambda c: c.code_span.start)
    return Citations(items, own)
