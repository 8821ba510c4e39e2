"""The header and closing blocks of a document (thể thức): what they say and where they are.

NĐ 30/2020 Phụ lục I (State) and Hướng dẫn 05-HD/VPTW (Party; 36-HD/VPTW before 27/5/2026) fix
the parts of a document's first lines: the Quốc hiệu ``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` and
Tiêu ngữ ``Độc lập - Tự do - Hạnh phúc`` (State) or ``ĐẢNG CỘNG SẢN VIỆT NAM`` (Party), the issuing
body, the ``Số`` line, the place-and-date line, the type name; and of its closing: ``Nơi nhận:``
with its list and the signature block (``TM.``, ``KT.``, ``TL.``, ``TUQ.``, ``Q.``; Party ``T/M``,
``K/T``, ``T/L``). They are found by their words, in the first :data:`HEADER_LINES` lines for the
header (a header laid out as a table reads as cells joined by ``|`` on one line) and anywhere for
the closing marks, whatever the format (.md, .txt or .docx), so that a check reads one model.

A Quốc hiệu is the phrase in capitals (``… nước Cộng hòa xã hội chủ nghĩa Việt Nam`` in a căn cứ
is not); it is recognised with its diacritics, spaces or case wrong, so that the variant can be
reported. The system of the document is the one its header names; when it names neither, the
caller decides (rule option ``system``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import NamedTuple

import regex

from vanban_lint.document import Document, Span

HEADER_LINES = 15
HD05_FROM = dt.date(2026, 5, 27)  # Hướng dẫn 05-HD/VPTW, in force from the day it was signed

QUOC_HIEU = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"

# Letters only, diacritics kept loose: any case, any spacing; "nước" before it means a căn cứ.
_QH = regex.compile(r"(?<![\p{L}])C\p{L}NG[ \t]*H\p{L}\p{L}[ \t]*X\p{L}[ \t]*H\p{L}I[ \t]*CH\p{L}[ \t]*"
                    r"NGH\p{L}A[ \t]*VI\p{L}T[ \t]*NAM(?![\p{L}])", regex.IGNORECASE)
_TN = regex.compile(r"(?<![\p{L}])Đ\p{L}C[ \t]*L\p{L}P(?P<s1>[^\p{L}\n|]{0,6})T\p{L}[ \t]*DO"
                    r"(?P<s2>[^\p{L}\n|]{0,6})H\p{L}NH[ \t]*PH\p{L}C(?![\p{L}])", regex.IGNORECASE)
_PARTY = regex.compile(r"(?<![\p{L}])Đ\p{L}NG[ \t]*C\p{L}NG[ \t]*S\p{L}N[ \t]*VI\p{L}T[ \t]*NAM(?![\p{L}])",
                       regex.IGNORECASE)
# A company or cooperative as the issuer: the first cell of one of the first lines names it.
_COMPANY = regex.compile(r"(?:^|\n)[ \t]*(?:TỔNG[ \t]+)?(?:CÔNG[ \t]+TY|CTY|HỢP[ \t]+TÁC[ \t]+XÃ|DOANH[ \t]+NGHIỆP)\b")
_NUOC = regex.compile(r"(?:nước|Nước|NƯỚC)[ \t]*$")
# The own number line: "Số:" or "Số" at the start of a line or cell, then a number or a blank and "/".
_NUMBER_LINE = regex.compile(r"(?:^|(?<=\|[ \t]{0,3}))[ \t]*(?P<word>Số)(?P<colon>[ \t]*:)?(?=[ \t]*(?:\d|[ \t]*[/…._]))",
                             regex.MULTILINE)
# The place-and-date line: a place (capitalised words) then "ngày", at the start of a line or cell.
_PLACE_DATE = regex.compile(
    r"(?:^|(?<=\|[ \t]{0,3}))[ \t]*(?P<place>\p{Lu}[\p{L}.]*(?:[ \t]+\p{Lu}[\p{L}.]*){0,4})"
    r"(?P<sep>[ \t]*(?:,[ \t]*)?)(?P<ngay>ngày)\b", regex.MULTILINE)
# Signature marks before the collective's name or the title; where they stand is checked in
# :func:`_sign_place` (start of a line or cell, or after the end of the recipients list).
_SIGN = regex.compile(r"(?P<mark>T(?:UQ|M|L|/M|/L|\.M|\.L)|K(?:T|/T|\.T))(?P<dot>\.?)(?=[ \t]+(?:\p{Lu}{2,}|Q\.))")
# Where _SIGN may match, found with the re module: its first letter, when a mark and a blank
# follow. One pattern per first letter: the re module scans for one character many times faster
# than for either of two.
_SIGN_STARTS = (re.compile(r"T(?=(?:UQ|M|L|/M|/L|\.M|\.L)\.?[ \t])"), re.compile(r"K(?=(?:T|/T|\.T)\.?[ \t])"))
_NOI_NHAN = re.compile(r"(?P<word>N[ơo]i[ \t]+nh[ậâa]n)(?P<colon>[ \t]*:)?")


class Mark(NamedTuple):
    """A part found in the text: its span and the text as written."""

    span: Span
    text: str


class Header(NamedTuple):
    """The parts of the header block found in the first lines (None when absent)."""

    quoc_hieu: Mark | None
    tieu_ngu: Mark | None
    party: Mark | None
    number_word: Mark | None      # the word "Số" of the own number line, with its colon if any
    place_date: Mark | None       # from the place to "ngày"
    place_sep: Mark | None        # what stands between the place and "ngày" (", " expected)
    system: str | None            # "state", "party" or None when the header names neither
    company: bool = False         # issued by a company or cooperative: NĐ 30 binds it only if State-owned


class Closing(NamedTuple):
    """The closing marks: ``Nơi nhận`` headings and signature marks, in order."""

    noi_nhan: list[Mark]
    signs: list[Mark]


def _header_limit(doc: Document) -> int:
    starts = doc.line_starts
    return starts[HEADER_LINES] if len(starts) > HEADER_LINES else len(doc.text)


def _folded(text: str) -> str:
    """Upper case without diacritics and spaces: what a variant of a fixed phrase must equal."""
    base = unicodedata.normalize("NFD", text.upper().replace("Đ", "D"))
    return "".join(ch for ch in base if ch.isalpha() and not unicodedata.combining(ch))


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def header(doc: Document, date_at: int | None = None) -> Header:
    """Find the header parts in the first :data:`HEADER_LINES` lines of ``doc``.

    ``date_at`` is the offset of the header's own date when the dates extractor found the date
    line (``extract.dates.header_line``: a place then "ngày", with or without its comma); else
    the line is looked for here, at the start of a line or table cell.
    """
    text = doc.body
    limit = _header_limit(doc)
    qh = tn = party = None
    for m in _QH.finditer(text, 0, limit):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        alone = not text[line_start:m.start()].strip() and not text[m.end():line_end if line_end >= 0 else None].strip()
        if _folded(m[0]) == "CONGHOAXAHOICHUNGHIAVIETNAM" and (_mostly_upper(m[0]) or alone) \
                and not _NUOC.search(text, line_start, m.start()):
            qh = Mark(Span(m.start(), m.end()), m[0])
            break
    for m in _TN.finditer(text, 0, limit):
        if _folded(m[0]) == "DOCLAPTUDOHANHPHUC" and "," not in m["s1"] + m["s2"]:
            tn = Mark(Span(m.start(), m.end()), m[0])
            break
    for m in _PARTY.finditer(text, 0, limit):
        if _folded(m[0]) == "DANGCONGSANVIETNAM" and _mostly_upper(m[0]):
            party = Mark(Span(m.start(), m.end()), m[0])
            break
    number = None
    m = _NUMBER_LINE.search(text, 0, limit)
    if m is not None:
        number = Mark(Span(m.start("word"), m.end()), m[0].strip())
    place_date, sep = _place_date(doc, limit, date_at)
    system = "party" if party is not None and qh is None else "state" if qh is not None or tn is not None else None
    top = doc.line_starts[4] if len(doc.line_starts) > 4 else len(text)
    return Header(qh, tn, party, number, place_date, sep, system, _COMPANY.search(text, 0, top) is not None)


_NGAY = regex.compile(r"(?:[Nn]gày|NGÀY)")
_PLACE_END = regex.compile(r"(\p{Lu}[\p{L}.]*(?:[ \t]+\p{Lu}[\p{L}.]*){0,4})[ \t]*(,?)[ \t]*$")


def _place_date(doc: Document, limit: int, date_at: int | None) -> tuple[Mark | None, Mark | None]:
    """The place-and-date line (place to "ngày") and what separates the place from "ngày"."""
    text = doc.body
    if date_at is not None:
        line_start = text.rfind("\n", 0, date_at) + 1
        words = list(_NGAY.finditer(text, line_start, date_at))
        if words:
            ngay = words[-1]
            m = _PLACE_END.search(text, line_start, ngay.start())
            if m is not None:
                return (Mark(Span(m.start(1), ngay.end()), text[m.start(1):ngay.end()]),
                        Mark(Span(m.end(1), ngay.start()), text[m.end(1):ngay.start()]))
    for m in _PLACE_DATE.finditer(text, 0, limit):
        if m["place"].split()[0] in ("Số", "Căn", "Hôm", "Vào", "Từ", "Trong", "Đến"):
            continue
        return (Mark(Span(m.start("place"), m.end("ngay")), m[0].strip()),
                Mark(Span(m.start("sep"), m.end("sep")), m["sep"]))
    return None, None


def closing(doc: Document) -> Closing:
    """Every ``Nơi nhận`` heading and signature mark of ``doc``."""
    text = doc.body
    noi = [Mark(Span(m.start("word"), m.end()), m[0].strip()) for m in _NOI_NHAN.finditer(text)
           if _starts_cell(text, m.start())]
    signs = [Mark(Span(m.start("mark"), m.end("dot")), m["mark"] + m["dot"]) for m in _signs(text)
             if _sign_place(text, m.start())]
    return Closing(noi, signs)


def _signs(text: str) -> list[regex.Match]:
    """The matches of ``_SIGN.finditer(text)``, the pattern tried only where one may start."""
    found: list[regex.Match] = []
    end = 0
    for start in sorted(m.start() for pattern in _SIGN_STARTS for m in pattern.finditer(text)):
        if start >= end:
            m = _SIGN.match(text, start)
            if m is not None:
                found.append(m)
                end = m.end()
    return found


def _starts_cell(text: str, at: int) -> bool:
    """Only blanks stand between ``at`` and the start of its line or table cell (``|``)."""
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n|"


def _sign_place(text: str, at: int) -> bool:
    """A signing mark stands at the start of a line or table cell, or after the recipients list
    ends (``- Lưu: VT.   KT. GIÁM ĐỐC`` on one line of a text conversion); not inside a word or code."""
    if at > 0 and (text[at - 1].isalpha() or text[at - 1] in "/."):
        return False
    if _starts_cell(text, at):
        return True
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return 0 < at - 1 - i <= 40 and i >= 0 and text[i] in ".;)"


def party_profile(doc_date: dt.date | None, today: dt.date) -> str:
    """``HD05`` for a Party document dated from 27/5/2026 (an undated draft: judged by today), else ``36-HD``."""
    return "HD05" if (doc_date or today) >= HD05_FROM else "36-HD"
