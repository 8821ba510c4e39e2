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

The codes found are those of one pass of :data:`CODE` over the flow; to be fast, the pattern
only runs on the few stretches of text that can hold a code, and the commonest forms (``số
12/QĐ-UBND``, ``Quyết định số``) are read without it (see :func:`extract`).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any, NamedTuple, Protocol

import regex

from vanban_lint.document import Document, Span
from vanban_lint.extract.code_tables import tables


def _compiled(pattern: str, flags: int = 0) -> Callable[[], regex.Pattern]:
    """A function that compiles ``pattern`` on its first call: the regex module takes a
    millisecond or more per pattern, and a document may need none of these."""
    return cache(lambda: regex.compile(pattern, flags))


# A code group: an upper-case letter or Đ, then letters (CTr, QĐi, TTg, ThU) and digits (G16, QH15).
# A capital and two or more lower-case letters with a vowel is a word ("Quy chuẩn", "Than"), never
# a group (a slip such as "Ttg" has no vowel).
_G = r"[A-ZĐ](?!(?=[a-zđ]*[aeiouy])[a-zđ]{2,}(?![A-Za-zĐđ0-9]))[A-Za-zĐđ0-9]*"
# A stray space or two inside a code; a longer run is a gap between the columns of a page laid
# out as text (pdftotext -layout), and what follows it is another column.
_GAP = r"[ \t]{0,2}"
# Nothing glued before the number: not a letter, digit, or a code separator; nor the year of a
# standard after its colon ("QCVN 01:2022/BXD", "TCVN 5507:2002"), which is no document code.
_BEFORE = r"(?<![\p{L}0-9./\-–])(?<![0-9]:)"
_AFTER = r"(?![\p{L}0-9])"

CODE = _compiled(
    rf"""{_BEFORE}(?:
        (?P<pnum>[0-9]{{1,5}}){_GAP}[-–]{_GAP}(?P<ptype>[A-ZĐ][A-Za-zĐđ]{{0,5}}){_GAP}/{_GAP}(?P<piss>{_G}(?:-{_G})*){_AFTER}
      | (?P<snum>[0-9]{{1,5}}){_GAP}
        (?:/{_GAP}(?:(?P<syear>(?:19|20)[0-9][0-9]){_GAP}[/.]{_GAP})?|\.{_GAP}(?P<dyear>(?:19|20)[0-9][0-9]){_GAP}/{_GAP})
        (?:(?P<law>(?:UBTVQH|QH)[0-9](?:[ \t]?[0-9])?){_AFTER}
          |(?P<sfirst>{_G}){_GAP}-{_GAP}(?P<srest>{_G}(?:-{_G})*){_AFTER})
    )""",
    regex.VERBOSE,
)

# Where a code can be. Every character of a code is one of _RUN (digits, spaces and tabs, ASCII
# letters and Đ/đ, the separators), so each match of CODE lies inside one stretch of them (a
# "run"), and the characters around a run (read by the lookarounds) are the same whatever else
# the text holds. Every code has a "/" followed by an upper-case letter ("/QĐ", "NQ/TU") or by
# a year and a dot ("12/2019.NĐ-CP"): runs without one are skipped. Digits are ASCII (other
# scripts' digits are not numbers here), so the re and regex modules agree on them.
_DIGIT = "[0-9]"
_RUN = r"[0-9 \t\-–/.A-Za-zĐđ]"
_NOT_RUN = "[^" + _RUN[1:]
_ANCHOR = re.compile(rf"/[ \t]*(?:[A-ZĐ]|(?:19|20){_DIGIT}{_DIGIT}[ \t]*\.){_RUN}*")
_RUN_BEFORE = regex.compile(rf"{_RUN}*", regex.REVERSE)
# The commonest code, "số 12/QĐ-UBND", "số 12/2026/QĐ-UBND" or "số 15-NQ/TU", is read directly
# when nothing after it in its run can start a code (no digit): it is then the match of CODE in
# that run, as long as no letter follows it (CODE would backtrack). The rest of the run is taken
# along. Like _ANCHOR, the pattern starts with one character ("ố"), which the re module scans for
# fast; run apart, the two are several times faster than together.
_SAFE_AFTER = r"""[\n,;:()\[\]"'“”‘’!?*|…]"""  # no letter, digit nor _RUN character
_FAST = re.compile(
    rf"""ố[ \t](?P<num>[0-9]{{1,5}})
          (?:-(?P<ptype>[A-ZĐ][A-Za-zĐđ]{{0,5}})/(?P<piss>{_G}(?:-{_G})*)
            |/(?:(?P<syear>(?:19|20)[0-9][0-9])/)?(?!(?:UBTVQH|QH)[0-9])(?P<sfirst>{_G})-(?P<srest>{_G}(?:-{_G})*))
          (?:[ \t\-–/.][ \t\-–/.A-Za-zĐđ]*(?={_NOT_RUN}|\Z)|(?={_SAFE_AFTER}|\Z))""",
    re.VERBOSE,
)

# The header's number line is laid out by hand: a blank number is a run of spaces.
_WIDE = r"[ \t]*"
# The document's own number in its header: "Số: 58 /KH-UBND", "Số 34 -NQ/TU", a blank
# "Số:      /BC-UBND", an OCR-garbled "Số: II /2026/QĐ-UBND".
OWN = _compiled(
    rf"""(?<![\p{{L}}])Số{_WIDE}:?{_WIDE}(?P<num>[0-9]{{1,5}}|[IlO|]{{1,4}})?{_WIDE}
    (?P<body>(?:-{_WIDE}(?P<ptype>[A-ZĐ][A-Za-zĐđ]{{0,5}}){_WIDE}/{_WIDE}(?P<piss>{_G}(?:-{_G})*)
      |/{_WIDE}(?:(?P<syear>(?:19|20)[0-9][0-9]){_WIDE}/{_WIDE})?(?:(?P<law>(?:UBTVQH|QH)[0-9]{{1,2}})|(?P<sfirst>{_G}){_WIDE}-{_WIDE}(?P<srest>{_G}(?:-{_G})*))
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
# Only capitalised (or all capitals): "Bộ luật" (not "đồng bộ luật"), "Luật" (a common word).
# A type word in lower case is one only with "số" ("tại văn bản số", not "theo quy định 15/…").
_CAPITALISED_ONLY = {"Bộ luật", "Luật", "Dự án", "Chương trình", "Phương án", "Chiến lược", "Quy hoạch"}


def _word_forms(word: str) -> tuple[str, ...]:
    """How a type word may be written: capitalised, in lower case (unless _CAPITALISED_ONLY), in capitals."""
    lower = () if word in _CAPITALISED_ONLY else (word[0].lower() + word[1:],)
    return (word, *lower, word.upper())


def _word_pattern(word: str) -> str:
    """The forms of :func:`_word_forms` as a pattern (a shorter one compiles faster)."""
    rest = regex.escape(word[1:])
    first = word[0] if word in _CAPITALISED_ONLY else f"[{word[0]}{word[0].lower()}]"
    return f"{first}{rest}|{regex.escape(word.upper())}"


# Each form of a type word -> its name in _TYPE_WORDS; the forms by their last three letters,
# longest first.
_WORD_FORMS = {form: word for word in _TYPE_WORDS for form in _word_forms(word)}
_FORMS_BY_END: dict[str, list[str]] = {}
for form in sorted(_WORD_FORMS, key=len, reverse=True):
    _FORMS_BY_END.setdefault(form[-3:], []).append(form)
del form


@cache
def _type_before() -> regex.Pattern:
    """The type word, up to six qualifying words ("làm việc", "hành động", "phối hợp", a law's
    name; not an abbreviation such as "QĐ", which names a type itself), then "số" (with a stray
    colon); or the type word directly before the code ("Nghị định 71/2019/…"). Searched from the
    code backwards: the nearest type word, fast. Compiled on first use (a few milliseconds)."""
    tw = "|".join(_word_pattern(word) for word in _TYPE_WORDS)
    return regex.compile(
        rf"""(?<![\p{{L}}])(?P<word>{tw})
        (?:(?P<qual>(?:[ \t]+(?!(?:{tw})(?![\p{{L}}]))(?!số\b)(?!\p{{Lu}}{{2,}}(?![\p{{L}}]))[\p{{L}}&\-]+){{0,6}}?)[ \t]+(?i:số)[ \t]*(?::[ \t]*)?
          |[ \t]+(?:(?i:số)[ \t]*)?(?::[ \t]*)?)$""",
        regex.VERBOSE | regex.REVERSE,
    )


@cache
def _outer_before() -> regex.Pattern:
    """A type word followed by one to six words (no number, no punctuation) right before another
    type word: "Văn bản góp ý dự thảo | Thông tư số …", "Tờ trình đề nghị phê duyệt | Đề án số …".
    The number may belong to either (searched backwards from the inner type word)."""
    words = _capitalised_words()
    return regex.compile(rf"(?<![\p{{L}}])(?P<word>{words})(?:[ \t]+(?!số\b)[\p{{L}}\-]+){{1,6}}?[ \t]+$", regex.REVERSE)


# What _outer_before needs, looked for first: a match holds only letters, blanks and hyphens
# (_LETTERS_BEFORE, searched backwards, finds how far they go) and starts with the first word of a
# type word, capitalised or in capitals (_OUTER_FIRST, with the re module: several times faster).
_LETTERS_BEFORE = regex.compile(r"[\p{L}\- \t]*", regex.REVERSE)
_OUTER_FIRST = re.compile("|".join(sorted({form.split()[0] for w in _TYPE_WORDS for form in (w, w.upper())},
                                          key=lambda word: (-len(word), word))))  # the same pattern every run


def _capitalised_words() -> str:
    """The type words as a pattern, capitalised or in capitals only: a document named as such
    ("quy định chi tiết" in lower case is a verb, not a document)."""
    return "|".join(f"{regex.escape(w)}|{regex.escape(w.upper())}" for w in _TYPE_WORDS)


@cache
def _type_anywhere() -> regex.Pattern:
    """A document named by its type word, not the document itself ("Nghị định này")."""
    return regex.compile(rf"(?<![\p{{L}}])(?:{_capitalised_words()})(?![\p{{L}}])(?![ \t]+này\b)")


# A verb by which one document changes another: "Luật sửa đổi, bổ sung một số điều của Luật … số
# …", "Nghị định số A sửa đổi Nghị định số B …". In the passive ("được sửa đổi, bổ sung bởi /
# tại Nghị định số …") the document after it is the changing one.
_AMENDS = re.compile(r"(?<!được )(?<!được sửa đổi, )(?<!được sửa đổi )"
                     r"(?:sửa đổi|bổ sung|thay thế|bãi bỏ|hợp nhất)(?!.*\b(?:bởi|tại)\b)", re.S)
_AMENDS_WORDS = ("sửa đổi", "bổ sung", "thay thế", "bãi bỏ", "hợp nhất")  # what _AMENDS starts with
_AMENDS_WINDOW = 250
# A document number between the changing verb and the citation: the verb's object is another one.
_NUMBER_BETWEEN = re.compile(r"[0-9][ \t]*[/-][ \t]*[0-9A-ZĐ]")
_CLAUSE_END = regex.compile(r"[.;:!?\n]", regex.REVERSE)  # searched backwards: the nearest one


@cache
def _unregulated_name() -> regex.Pattern:
    """The name of a body outside NĐ 30 and HD05 (issuers.yaml: unregulated), as a proper name."""
    alts = "|".join(r"[ \t]+".join(regex.escape(w) for w in n.split()) for n in tables().unregulated_names)
    return regex.compile(rf"(?<![\p{{L}}])(?:{alts})(?![\p{{L}}])")


# How a body named first links to its own document: "Công ty X tại Văn bản số …", "… gửi kèm
# theo Văn bản số …", "Tập đoàn X (Văn bản số …". ("Công ty X … theo Giấy phép số …" names the
# holder of a licence, not its issuer.)
_SENT_BY = re.compile(r"(?:\btại|\bkèm theo|\()[ \t]*$")
# A State or Party body named between such a body and the citation is the issuer ("Công ty … đã
# được Sở Xây dựng cho ý kiến tại Văn bản số …").
_STATE_BODY = re.compile(r"\b(?:Sở|Bộ|Cục|Chi cục|Ủy ban|Uỷ ban|UBND|HĐND|Chính phủ|Thủ tướng|Văn phòng|Phòng|"
                         r"Ban|Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Đảng ủy|Công an|Tổng cục|Quốc hội)\b")

# The place of a local body named after "của": "UBND huyện Bảo Thắng", "Sở Công Thương tỉnh Lâm
# Đồng", within a few words and no punctuation.
_PLACE_OF = _compiled(r"[^\n,;.()]{0,40}?(?<![\p{L}])(?P<level>[Tt]ỉnh|[Tt]hành phố|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Xx]ã|"
                      r"[Pp]hường|[Tt]hị trấn)[ \t]+(?P<name>\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){0,3})")
# What _PLACE_OF needs, looked for first with the re module: a level within its reach (40
# characters, then the level) and, after blanks, a capital (the re module's [^\W\d_] takes every
# letter, str.isupper every capital); past 20 blanks, the pattern decides.
_PLACE_LEVEL = re.compile(r"(?:[Tt]ỉnh|[Tt]hành phố|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Xx]ã|[Pp]hường|[Tt]hị trấn)"
                          r"[ \t]{1,20}(?:(?=([^\W\d_]))|[ \t])")
_PLACE_REACH = 40 + len("thành phố") + 21


def _may_name_place(flow: str, pos: int) -> bool:
    """Whether _PLACE_OF may match at ``pos`` (False: it cannot)."""
    for m in _PLACE_LEVEL.finditer(flow, pos, pos + _PLACE_REACH):
        letter = m.group(1)
        if letter is None or letter.isupper():
            return True
    return False

TYPE_WINDOW = 90
# How far before a citation its issuer is looked for when named first ("Công ty … tại Văn bản số").
ISSUER_WINDOW = 160
# "Quyết định số 12/…": the longest form of a type word right before " số ", with one of
# _NO_LETTER before it, is what _type_before finds first; it is found without running it.
_SO = (" số ", " Số ", " SỐ ")
_NO_LETTER = " \t\n(\"“'["
# Between a code and its date: a comma or a bracket, "đã được ban hành", "ngày"; first, the
# footnote marker left off the code (see _without_marker: nothing else glues a digit to a code).
DATE_GAP = re.compile(r"(?:[0-9]{1,2})?[ \t]*[,(]?[ \t]*(?:(?:đã[ \t]+)?(?:được[ \t]+)?ban[ \t]+hành[ \t]+)?(?:ngày[ \t]*)?")
# Each run of spaces stands between two marks (not "[ \t]*,?[ \t]*": where the marks are absent,
# such runs meet and can split a long run of spaces in every way, a search that never ends on
# pdftotext's padding).
OF_BODY = re.compile(r"[ \t]*(?:,[ \t]*)?(?:\)[ \t]*)?(?:,[ \t]*)?của[ \t]+")
TERM_AFTER = _compiled(r"[ \t]*(?:,[ \t]*)?(?:\([ \t]*)?(?:khóa|khoá|Khóa|Khoá)[ \t]+(?P<term>[IVXLC]+)\b\)?")
# What OF_BODY or TERM_AFTER needs: most codes are followed by neither.
_TAIL_HINT = re.compile(r"[ \t,()]*(?:của|khóa|khoá|Khóa|Khoá)")


@cache
def _body_names() -> regex.Pattern:
    """The bodies of ``issuers.yaml: named_bodies``, longest name first, spaces flexible."""
    names = sorted(tables().body_names, key=len, reverse=True)
    alts = "|".join(r"[ \t]+".join(regex.escape(w) for w in n.split()) for n in names)
    return regex.compile(rf"(?i:{alts})(?![\p{{L}}])")


@lru_cache(maxsize=256)
def _body_name(written: str) -> str:
    """The canonical name of a body as written after "của"."""
    return tables().body_names[" ".join(written.lower().split())]


# An annex heading restating a document's number: "(Kèm theo Quyết định số …", "Ban hành kèm theo …";
# such a line starts with one of _ANNEX_FIRST (U+212A, the Kelvin sign, is a "k" to (?i)).
ANNEX_BEFORE = regex.compile(r"[ \t]*(?:\([ \t]*)?(?:(?i:ban[ \t]+hành)[ \t]+)?(?i:kèm[ \t]+theo)[ \t]+$")
_ANNEX_FIRST = " \t(bBkK\u212a"
# Every character ANNEX_BEFORE can match. The regex module's match over a stretch first looks
# for the pattern's words anywhere in it, which costs the whole stretch: on a long line, for
# each citation. The stretch is read back from the type word only as far as these go.
_ANNEX_CHARS = frozenset(" \t(\u212a" + "ban hành kèm theo" + "BAN HÀNH KÈM THEO")
# regex's \s, for normalising codes (the re module's \s also takes \x1c–\x1f); a code written
# the usual way (_TIDY) needs no normalising.
_SPACES = re.compile("[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_TIDY = re.compile(r"[0-9A-Za-zĐđ/\-]*")


class DateLike(Protocol):
    start: int
    end: int

    @property
    def date(self) -> dt.date | None: ...


class Citation(NamedTuple):
    """A document cited by number and code, or the document's own number (``is_own``).

    ``code`` is the code normalised (no spaces, ``/`` for a dot separator); ``raw_code`` the code
    as written. ``number`` is None for a blank draft number. ``groups`` are the letter groups of
    the code after the number (and year): ``("NQ", "TU")``, ``("QĐ", "UBND")``, ``("UBND", "VP")``.
    ``type_code`` is the type part: the Party type, the first State group when it is a known
    State type code (None for the công văn form), None for laws. ``issuer`` is the issuing body's
    code (joint issuers joined by ``-``).

    ``span`` covers the citation from its type word to its date, body and term, ``code_span`` the
    code and ``type_word_span`` the type word. Positions are kept as ints (``start``/``end``,
    ``code_start``/``code_end``, ``type_word_at``) and the spans made when asked for: a named
    tuple of spans stays in the garbage collector's care (only plain tuples leave it), and there
    are many citations. The last four fields are worked out once here for the rules: ``day``, the
    calendar date of ``date``; ``num``, the number as an int; ``head``, the first letter group
    after the number (the type part, or a công văn's issuer); ``issuers``, the parts of ``issuer``.

    ``outer_word`` is a type word that the type word qualifies ("Tờ trình đề nghị phê duyệt Đề
    án số …": Tờ trình), for the number may be the outer document's. ``unregulated`` marks the
    code of a company, cooperative or association (a group such as ``CTY``, or such a body named
    after the citation, or before it in the same clause, and no group a known State or Party
    body): NĐ 30 and HD05 do not govern its form. ``date_ambiguous``: the citation follows a
    document that changes it ("Luật sửa đổi, bổ sung … của Luật … số B ngày D"), with no date of
    its own in between: D may be that document's date. ``issuer_place``: the place of the body
    named after the citation when it is a local one ("của UBND huyện Bảo Thắng": "huyện Bảo
    Thắng"); each province, district and commune numbers its own documents.
    """

    start: int
    end: int
    code_start: int
    code_end: int
    raw_code: str
    code: str
    number: str | None
    system: str  # party | state | law
    groups: tuple[str, ...]
    type_code: str | None
    issuer: str
    year: int | None
    type_word: str | None
    type_word_at: tuple[int, int] | None  # (start, end)
    date: Any  # DateMention | None
    issuer_text: str | None  # the issuing body named after the code, canonical (issuers.yaml: named_bodies)
    term: str | None  # the khóa named after it, in Roman numerals
    is_own: bool
    in_annex: bool
    day: dt.date | None
    num: int | None
    head: str
    issuers: tuple[str, ...]
    outer_word: str | None = None  # a type word qualified by type_word ("Văn bản góp ý dự thảo Thông tư số")
    unregulated: bool = False  # the code of a body NĐ 30 and HD05 do not govern (a company, an association)
    date_ambiguous: bool = False  # the date may be that of another document of the sentence
    issuer_place: str | None = None  # the place of the local body named after it ("huyện Bảo Thắng")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def code_span(self) -> Span:
        return Span(self.code_start, self.code_end)

    @property
    def type_word_span(self) -> Span | None:
        return Span(*self.type_word_at) if self.type_word_at is not None else None


class OwnDocument(NamedTuple):
    """The document's own number line and date (``header_date`` of the dates extractor)."""

    citation: Citation
    date: Any  # DateMention | None


class Citations(NamedTuple):
    """All citations in document order, and the document's own number; ``numbered``, the
    citations with a number except the own number line (those the code rules check)."""

    items: list[Citation]
    own: OwnDocument | None
    numbered: list[Citation]


Shape = tuple[str, tuple[str, ...], int | None]  # system, groups, year
Code = tuple[int, int, str | None, Shape]  # start, end, number, shape
_first = operator.itemgetter(0)  # a Code's start
_start = operator.attrgetter("start")
_new = tuple.__new__  # a named tuple made from a tuple of its fields, without the call of its __new__


def _normalise(raw: str) -> str:
    if _TIDY.fullmatch(raw):
        return raw
    return _SPACES.sub("", raw).replace("–", "-").replace(".", "/")


def _shape(ptype: str | None, piss: str | None, year_text: str | None, law: str | None,
           sfirst: str | None, srest: str | None) -> Shape:
    """(system, groups, year) of a code from the groups of CODE or OWN (joint issuers, written
    without spaces, are split at "-")."""
    if ptype:
        return "party", (ptype, *piss.split("-")), None  # type: ignore[union-attr]
    year = int(year_text) if year_text else None
    if law:
        return "law", (law,), year
    return "state", (sfirst, *srest.split("-")), year  # type: ignore[union-attr,return-value]


@lru_cache(maxsize=4096)
def _classify(system: str, groups: tuple[str, ...]) -> tuple[str | None, str, tuple[str, ...], bool, bool]:
    """(type_code, issuer, issuer parts, marked, regulated) of a code; the same few codes come
    back all the time. ``marked``: a group marks a company (``CTY``); ``regulated``: a law's
    code, or a group is a known body, so that NĐ 30 or HD05 governs its form unless marked."""
    t = tables()
    if system == "party":
        type_code, issuer = groups[0], "-".join(groups[1:])
    elif system == "law":
        type_code, issuer = None, groups[0]
    elif t.is_type(groups[0]) or len(groups) == 1:
        type_code, issuer = groups[0], "-".join(groups[1:])
    else:
        type_code, issuer = None, "-".join(groups)
    marked = any(g in t.unregulated_groups for g in groups)
    regulated = system == "law" or any(t.known_issuer(g) for g in groups)
    return type_code, issuer, tuple(issuer.split("-")), marked, regulated


def _annex_label(flow: str, line_start: int, word_start: int) -> bool:
    """Whether the line up to the type word is an annex label (ANNEX_BEFORE): read back from the
    word first, so that the pattern is tried only on a stretch it could match whole."""
    k = word_start
    while k > line_start and flow[k - 1] in _ANNEX_CHARS:
        k -= 1
    return k == line_start and ANNEX_BEFORE.fullmatch(flow, line_start, word_start) is not None


@lru_cache(maxsize=1024)
def _is_date_gap(gap: str) -> bool:
    """Whether ``gap`` is all of what DATE_GAP takes ("ngày ", ", ngày ", " ban hành ngày ")."""
    return DATE_GAP.fullmatch(gap) is not None


class _Reader:
    """Reads citations off one document: its text, flow and dates, looked up once."""

    def __init__(self, doc: Document, dates: list[DateLike]) -> None:
        self.text = doc.text
        self.doc = doc
        self.flow = doc.flow
        self.line_starts = doc.line_starts
        self.dates = sorted(dates, key=_start)
        self.starts = [d.start for d in self.dates]
        self.codes: dict[str, tuple[str, str]] = {}  # see written()
        self.amends = _places(self.flow, _AMENDS_WORDS)
        self.amend_starts = [start for start, _ in self.amends]

    def date_after(self, offset: int) -> DateLike | None:
        """The date written right after ``offset``: after a comma or "ngày", within 40 characters."""
        i = bisect_left(self.starts, offset)
        if i == len(self.dates) or self.starts[i] - offset > 40:
            return None
        return self.dates[i] if _is_date_gap(self.flow[offset:self.starts[i]]) else None

    def type_word(self, code_start: int) -> tuple[int, int, str] | None:
        """Where the type word of the code at ``code_start`` is, and its name: the match of
        _type_before in the sentence before it, found without it for "… Quyết định số 12/…"."""
        flow = self.flow
        lo = max(0, code_start - TYPE_WINDOW)
        end = code_start - 4
        # " số " and the type words hold no line break: inside the window is not before lo.
        if end >= 0 and flow[end:code_start] in _SO:
            for form in _FORMS_BY_END.get(flow[end - 3:end], ()):
                start = end - len(form)
                if start >= lo and flow.startswith(form, start):
                    if start == 0 or flow[start - 1] in _NO_LETTER:
                        return start, end, _WORD_FORMS[form]
                    break  # something else before it: left to the pattern
        window_start = max(flow.rfind("\n", lo, code_start) + 1, lo)
        tw = _type_before().search(flow, window_start, code_start)
        if tw is None:
            return None
        start, end = tw.span(1)  # "word"
        if flow[start].islower() and "số" not in flow[end:code_start].lower():
            return None
        return start, end, _WORD_FORMS[flow[start:end]]

    def citation(self, code_start: int, code_end: int, number: str | None, shape: Shape,
                 own: bool = False) -> Citation:
        """The citation of the code ``[code_start, code_end)``, with what is written around it."""
        flow = self.flow
        system, groups, year = shape
        raw, code = self.written(code_start, code_end)
        type_code, issuer, issuers, marked, regulated = _classify(system, groups)
        # The type word before the code, within the sentence.
        word = word_at = None
        in_annex = False
        found = self.type_word(code_start)
        if found:
            word_start, word_end, word = found
            word_at = word_start, word_end
            # The line as written, not the joined paragraph.
            line_start = self.line_starts[bisect_right(self.line_starts, code_start) - 1]
            in_annex = flow[line_start] in _ANNEX_FIRST and _annex_label(flow, line_start, word_start)
        end = code_end
        date = self.date_after(end)
        if date is not None:
            end = date.end
        issuer_text = term = place = None
        if _TAIL_HINT.match(flow, end):
            of = OF_BODY.match(flow, end)
            if of:
                body = _body_names().match(flow, of.end())
                if body:
                    issuer_text = _body_name(body.group())
                    end = body.end()
                else:
                    at = _PLACE_OF().match(flow, of.end()) if _may_name_place(flow, of.end()) else None
                    place = f"{at['level'].lower()} {' '.join(at['name'].split())}" if at else None
            tm = TERM_AFTER().match(flow, end)
            if tm:
                term = tm.group("term")
                end = tm.end()
        start = word_start if found else code_start
        outer = self.outer_word(word_start) if found else None
        unregulated = not own and (marked or not regulated and self.named_unregulated(start, end))
        ambiguous = date is not None and self.date_ambiguous(start, code_start)
        return _new(Citation, (start, end, code_start, code_end, raw, code,
                               number, system, groups, type_code, issuer, year, word, word_at, date, issuer_text,
                               term, own, in_annex, date.date if date is not None else None,
                               int(number) if number and number.isdigit() else None, groups[0], issuers,
                               outer, unregulated, ambiguous, place))

    def written(self, code_start: int, code_end: int) -> tuple[str, str]:
        """The code as written and normalised, each distinct code made once (one string for all
        its citations)."""
        raw = self.text[code_start:code_end]
        known = self.codes.get(raw)
        if known is None:
            known = self.codes[raw] = raw, _normalise(raw)
        return known

    def clause_start(self, offset: int, window: int) -> int:
        """Where the clause holding ``offset`` starts, at most ``window`` characters before it."""
        lo = max(0, offset - window)
        m = _CLAUSE_END.search(self.flow, lo, offset)
        return m.end() if m else lo

    def outer_word(self, word_start: int) -> str | None:
        """The type word that the citation's type word qualifies, in the same clause (the words
        between them are letters and spaces only: no punctuation)."""
        flow = self.flow
        lo = max(0, word_start - TYPE_WINDOW)
        # The pattern ends at "$": at word_start, or before a line break there.
        stop = word_start - 1 if flow[word_start - 1:word_start] == "\n" else word_start
        if not _OUTER_FIRST.search(flow, _LETTERS_BEFORE.match(flow, lo, stop).start(), stop):
            return None
        m = _outer_before().search(flow, lo, word_start)
        return _WORD_FORMS[m.group("word")] if m else None

    def named_unregulated(self, start: int, end: int) -> bool:
        """Whether a company or an association is named as the issuer of the citation
        ``[start, end)`` whose code names no known body (see :class:`Citation`)."""
        of = OF_BODY.match(self.flow, end)
        if of and _unregulated_name().match(self.flow, of.end()):
            return True
        if not _SENT_BY.search(self.flow, max(0, start - 12), start):
            return False
        lo = self.clause_start(start, ISSUER_WINDOW)
        name = None
        for name in _unregulated_name().finditer(self.flow, lo, start):
            pass
        return name is not None and not _STATE_BODY.search(self.flow, name.end(), start)

    def amends_within(self, lo: int, hi: int) -> bool:
        """Whether one of :data:`_AMENDS_WORDS` is written inside ``flow[lo:hi]``."""
        starts, amends = self.amend_starts, self.amends
        i = bisect_left(starts, lo)
        while i < len(starts) and starts[i] < hi:
            if amends[i][1] <= hi:
                return True
            i += 1
        return False

    def date_ambiguous(self, start: int, code_start: int) -> bool:
        """Whether a document changing the cited one comes first in the sentence, with no date
        between them (see :class:`Citation`)."""
        flow = self.flow
        if start == code_start:
            return False  # no type word: the code may be the changing document's own
        if not self.amends_within(max(0, start - _AMENDS_WINDOW), start):
            return False
        lo = self.clause_start(start, _AMENDS_WINDOW)
        verb = None
        for verb in _AMENDS.finditer(flow, lo, start):
            pass
        if verb is None or _NUMBER_BETWEEN.search(flow, verb.end(), start):
            return False
        outer = None
        for outer in _type_anywhere().finditer(flow, lo, verb.start()):
            pass
        if outer is None:
            return False
        i = bisect_left(self.starts, outer.end())
        return i == len(self.starts) or self.starts[i] >= code_start


def _places(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each of ``words`` is written in ``text``, as (start, end), in order: one pass of the
    re module's fast search per word."""
    found = [(m.start(), m.end()) for word in words for m in re.finditer(re.escape(word), text)]
    found.sort()
    return found


def _own(doc: Document, reader: _Reader, header_date: DateLike | None) -> OwnDocument | None:
    """The number line in the header (its first :data:`HEADER_CHARS` characters), if any."""
    if doc.flow.find("Số", 0, HEADER_CHARS) < 0:
        return None
    m = OWN().search(doc.flow, 0, min(len(doc.flow), HEADER_CHARS))
    if m is None:
        return None
    num, ptype, piss, syear, law, sfirst, srest = m.group("num", "ptype", "piss", "syear", "law", "sfirst", "srest")
    code_start = m.start("num") if num else m.start("body")
    cit = reader.citation(code_start, m.end(), num, _shape(ptype, piss, syear, law, sfirst, srest), own=True)
    return OwnDocument(cit, header_date)


class _Shapes(dict):
    """The groups of each distinct code as read (those of :func:`_shape`) -> its shape without a
    footnote marker (:func:`_without_marker`) and the marker's length: worked out once, and one
    tuple of groups for all the citations of a code."""

    def __missing__(self, key: tuple) -> tuple[Shape, int]:
        value = self[key] = _without_marker(_shape(*key))
        return value


def _runs(flow: str, shapes: _Shapes, numbers: dict[str, str]) -> tuple[list[Code], list[str], list[int]]:
    """The codes read directly, and the runs left for :data:`CODE`: each as the run with the
    character before and after it, and the offset in ``flow`` of that first character. Each
    distinct number is one string (``numbers``)."""
    fast: list[Code] = []
    read_starts: list[int] = []  # the runs of the codes read directly
    read_ends: list[int] = []
    for a in _FAST.finditer(flow):
        num, ptype, piss, syear, sfirst, srest = a.groups()
        shape, marker = shapes[ptype, piss, syear, None, sfirst, srest]
        fast.append((a.start(1), a.end(3 if ptype else 6) - marker, numbers.setdefault(num, num), shape))
        read_starts.append(a.start() + 1)
        read_ends.append(a.end())
    pieces: list[str] = []
    offsets: list[int] = []
    i = 0
    for a in _ANCHOR.finditer(flow):
        while i < len(read_ends) and read_ends[i] <= a.start():
            i += 1
        if i < len(read_ends) and read_starts[i] <= a.start():
            continue  # a run read directly
        start = max(_RUN_BEFORE.match(flow, 0, a.start()).start() - 1, 0)
        pieces.append(flow[start:a.end() + 1])
        offsets.append(start)
    return fast, pieces, offsets


def _matches(pieces: list[str], offsets: list[int], shapes: _Shapes, numbers: dict[str, str]) -> list[Code]:
    """The matches of :data:`CODE` in the runs ``pieces``, all joined into one text: each piece
    is a run with the character before and after it (for the lookarounds), found at ``offsets``
    in the flow."""
    ends = list(accumulate(len(piece) for piece in pieces))
    codes: list[Code] = []
    k = 0
    for m in CODE().finditer("".join(pieces)):
        while ends[k] <= m.start():
            k += 1
        delta = offsets[k] - (ends[k] - len(pieces[k]))
        pnum, ptype, piss, snum, syear, dyear, law, sfirst, srest = m.groups()  # by index: faster than by name
        shape, marker = shapes[ptype, piss, syear or dyear, law, sfirst, srest]
        number = pnum or snum
        codes.append((m.start() + delta, m.end() + delta - marker, numbers.setdefault(number, number), shape))
    return codes


_MARKER = re.compile(r"(?P<group>.*?[A-Za-zĐđ])(?P<digits>[0-9]{1,2})")


def _without_marker(shape: Shape) -> tuple[Shape, int]:
    """The shape of a code without a footnote marker glued to its last group, as pdftotext and
    Word leave it ("105/2025/NĐ-CP2", "126-KL/TW1"), and the marker's length (0 when none):
    digits after a group that is a known issuer code, which no issuer code takes (G16, NL2 and
    QH15 are left alone: the first two are no known code, the last is a law's)."""
    system, groups, year = shape
    m = _MARKER.fullmatch(groups[-1]) if system != "law" and groups[-1][-1:].isdigit() else None
    if m is None or not tables().known_issuer(m["group"]) or tables().known_issuer(groups[-1]):
        return shape, 0
    return (system, (*groups[:-1], m["group"]), year), len(m["digits"])


def extract(doc: Document, dates: list[DateLike], header_date: DateLike | None) -> Citations:
    """The citation of every match of :data:`CODE` in ``doc.flow``, plus the header's own number.

    The matches are those of ``CODE.finditer(doc.flow)``, found only in the runs that can hold a
    code, the commonest form read directly."""
    reader = _Reader(doc, dates)
    own = _own(doc, reader, header_date)
    own_code = (own.citation.code_start, own.citation.code_end) if own else None
    shapes, numbers = _Shapes(), {}
    codes, pieces, offsets = _runs(doc.flow, shapes, numbers)
    if pieces:
        codes.extend(_matches(pieces, offsets, shapes, numbers))
        codes.sort(key=_first)
    items: list[Citation] = []
    own_found = False
    for start, end, number, shape in codes:
        if own_code and start < own_code[1] and end > own_code[0]:
            items.append(own.citation)  # type: ignore[union-attr]
            own_found = True
            continue
        items.append(reader.citation(start, end, number, shape))
    if own and not own_found:
        items.append(own.citation)
        items.sort(key=lambda c: c.code_start)
    return Citations(items, own, [c for c in items if not c.is_own and c.number is not None])
