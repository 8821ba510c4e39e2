"""Headings: Markdown ``#`` headings and the field's own numbered headings.

Administrative and Party drafts number their sections ``Phần thứ nhất`` / ``PHẦN I``, then Roman
``I.`` / ``I-`` (HD05 and NĐ 30 both use Roman numerals for the first level of a báo cáo), then
Arabic ``1.``, ``1.1.``, then letters ``a)``. Normative documents (NĐ 30/2020 Phụ lục I, Luật Ban
hành VBQPPL) number ``Phần`` / ``Chương`` / ``Mục`` / ``Điều`` / khoản ``1.`` / điểm ``a)``:
Điều numbers run on through the whole document, khoản restart in each Điều. A numbered line
counts as a heading when its label is followed by text on the same line.

What is *not* the document's own numbering is marked rather than dropped:

- ``quoted``: a line inside a quotation that starts a line and runs over several lines — the text
  an amending document inserts (``Sửa đổi khoản 2 Điều 5 như sau:`` / ``“2. …”``);
- an ``appendix`` line (``PHỤ LỤC II``, ``Mẫu số 01``) starts a new numbering of its own;
- ``N)`` labels (``paren``) are a list style of their own, and the letters of an OCR'd ``g)``
  often come out as ``8)``: they are recorded but never compared with ``N.`` headings;
- a ``garbled`` label (``„2:``, ``$.``, ``._``, ``©)``, ``2,``) is OCR debris where a label was:
  symbols a recognition engine puts for a digit or letter, or a number with the wrong
  punctuation. Checks treat it as an unreadable number.

A number followed by a space and a capital letter, without its dot, is recorded as a *weak*
heading: OCR drops such dots, but pdftotext footnote bodies look the same, so checks use weak
headings only where they fill the expected place. Page breaks (form feeds), non-breaking spaces
after a label and Markdown emphasis around a heading (``**4. Kết quả**``) are read through.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import regex

from vanban_lint.document import Document, Span
from vanban_lint.numerals import WORD_ORDINALS, roman_to_int

# A Roman numeral from I to XXXIX, not empty.
ROMAN = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
_ROMAN = regex.compile(ROMAN)
LETTERS = "abcdđeghiklmnopqrstuvxy"  # the Vietnamese order of điểm labels

_SP = r"[ \t\u00a0\u2002-\u200a\u202f]"  # a space, non-breaking or not
# What may follow a label: a letter, after optional emphasis; or the dots of a form's blank.
_TEXT = r"(?=(?:\*\*|__|\*|_)?\p{L}|[.…_]{3})"
# After a Chương/Phần/Mục numeral: the end of the line, punctuation, or a title in capitals.
_TITLE_END = rf"(?=[ \t\u00a0]*(?:$|[.:\-–]|(?:\*\*|__)|{_SP}+\p{{Lu}}))"

HEADING = regex.compile(
    rf"""^[ \t\f\u00a0]*(?:
        (?P<md>\#{{1,6}})[ \t]+(?=\S)
    )?(?P<quote>[“‘])?(?P<em>\*\*|__|\*(?!\*)|_(?!_))?(?:
        (?P<part>(?:Phần|PHẦN){_SP}+(?:(?:thứ|THỨ){_SP}+(?P<ord>\p{{L}}+)|(?P<part_roman>{ROMAN})\b{_TITLE_END}|(?P<part_num>[0-9]{{1,2}})\b{_TITLE_END}))
      | (?P<chapter>(?:Chương|CHƯƠNG){_SP}*(?:(?P<ch_roman>[IVX]+(?:[ ][IVX]+)*)|(?<=\s)(?P<ch_num>[0-9]{{1,2}}))\b{_TITLE_END})
      | (?P<bare_chapter>(?:Chương|CHƯƠNG))[ \t]*$
      | (?P<section>(?:Mục|MỤC){_SP}+(?:(?P<sec_roman>{ROMAN})|(?P<sec_num>[0-9]{{1,2}}))\b(?!\.[0-9])(?=[ \t\u00a0]*(?:$|[.:\-–])))
      | (?P<article>(?:Điều|ĐIỀU){_SP}+(?P<art_num>[0-9]{{1,3}})(?P<art_suffix>[a-zđ]?)(?=[ \t\u00a0]*[.:]))
      | (?P<table>(?:STT|TT|Stt)(?=\t|[ \t]{{2,}}\S))
      | (?P<appendix>(?:Phụ{_SP}+lục|PHỤ{_SP}+LỤC|Mẫu{_SP}+số|MẪU{_SP}+SỐ)(?:{_SP}+[\w.\-/]{{1,8}})?(?=[ \t\u00a0]*(?:$|[.:\-–(]|\*)))
      | (?P<roman_l>l{{1,3}})\.{_SP}+(?=\p{{Lu}})
      | (?P<letter>[A-HK-UWYZĐ])\.{_SP}+{_TEXT}
      | (?P<roman>{ROMAN})(?:[ \t]*[.)]|[\-–]|[ \t]+[\-–](?={_SP}+\p{{Lu}}{{2}})){_SP}*{_TEXT}
      | (?P<arabic>[0-9]{{1,2}}(?:\.[0-9]{{1,2}}){{0,3}})(?:[ ]?\.{_SP}+{_TEXT}|\.(?=\p{{Lu}}\p{{Ll}}))
      | (?P<dotted>[0-9]{{1,2}}(?:\.[0-9]{{1,2}}){{1,3}}){_SP}+(?=\p{{Lu}})
      | (?P<paren>[0-9]{{1,2}})\){_SP}+{_TEXT}
      | (?P<alpha>[a-zđ])\){_SP}+{_TEXT}
      | (?P<weak>[0-9]{{1,2}})[ ]+(?=\p{{Lu}})
      | (?P<garbled>[^\s\p{{Ll}}]{{0,2}}[©®§¿¡„‚¬¢£¥€™@$%&~`^_{{}}¤\\ŠŽŸÆØÞÐŒ][^\s\p{{Ll}}]{{0,2}}|[0-9]{{1,2}}[,:;]|[0-9]{{1,2}}[A-Za-z]\.|[^\s\p{{Ll}}0-9]{{1,2}}[;,])[ ]+(?:[0-9lI]{{1,2}}[,.:;\-][ ]+)?(?=\p{{Lu}}\p{{Ll}})
    )?""",
    regex.VERBOSE | regex.MULTILINE,
)


class Heading(NamedTuple):
    """A heading line.

    ``kind``: ``part``, ``chapter``, ``section`` (Mục), ``letter`` (``A.``, ``B.``: groups of an
    appendix or a report, above Roman numerals), ``article`` (Điều), ``roman``, ``arabic``,
    ``paren`` (``1)``), ``alpha``, ``appendix`` (a Phụ lục or Mẫu that restarts numbering),
    ``table`` (the ``STT``/``TT`` header row of a table laid out with tabs or spaces, whose rows
    are numbered on their own; rows of a table flattened with `` | `` are never headings),
    ``garbled`` (OCR debris in a label's place) or ``markdown`` (unnumbered).
    ``numbers``: the numbering as integers (``4.1.`` → ``(4, 1)``; empty when not comparable,
    as ``Điều 5a``); ``label`` as written.
    """

    kind: str
    label: str
    numbers: tuple[int, ...]
    md_level: int | None
    span: Span  # the label (or the ``#`` marks of an unnumbered Markdown heading)
    line_span: Span
    weak: bool = False  # "1 Đổi mới…" (a number without its dot, or a footnote body), "l." for "I."
    quoted: bool = False  # inside a quotation: another document's numbering

    @property
    def depth(self) -> int:
        return len(self.numbers)


# The lower-case letters of the alphabets a Vietnamese text uses (Latin with its extensions).
_LOWER = "".join(c for c in map(chr, range(0x61, 0x2000)) if c.islower())
# The first characters of a line that can be a heading: stdlib ``re`` jumps between newlines. A
# capital followed by a lower-case letter starts only the words of the labels (Phần, Phụ lục,
# Chương, Mục, Mẫu, Điều, Stt): the other sentences of a text, most of its lines, are skipped.
_CANDIDATE = re.compile(rf"\n[ \t\f\u00a0]*(?=[#*_0-9lŠŽŸÆØÞÐŒ]|[^\w\s]|[a-zđ]\)|[A-ZĐ](?![{_LOWER}])"
                        r"|Ph|Ch|M[ụẫ]|Đi|St)")
_TABLE_ROW = re.compile(r" \| |\t\S")  # a table flattened to text: cells joined by " | " or tabs

def extract(doc: Document) -> list[Heading]:
    """Every heading of ``doc``, in order."""
    out = []
    body = doc.body
    starts = [0] + [m.start() + 1 for m in _CANDIDATE.finditer(body)]
    quoted = doc.quoted_lines
    for start in starts:
        end = body.find("\n", start)
        if end == -1:
            end = len(body)
        if end - start < 2:
            continue
        m = HEADING.match(body, start, end)
        if not m or m.end() == m.start():
            continue
        if m.lastgroup != "table" and (_TABLE_ROW.search(body, m.end(), end) or _in_toc(body, m.end(), end)):
            continue
        md_level = len(m.group("md")) if m.group("md") else None
        h = _classify(m, md_level, Span(start, end))
        if h is not None:
            if m.group("quote") or (quoted and doc.line_index(start) in quoted):
                h = h._replace(quoted=True)
            out.append(h)
    return out


def _is_toc_entry(line: str) -> bool:
    """``II. CĂN CỨ ĐIỀU CHỈNH …………… 10``: a table-of-contents line, dot leaders and a page number."""
    head = line.rstrip().rstrip("0123456789").rstrip()
    return len(head) < len(line.rstrip()) and head.endswith(("....", "…"))


def _in_toc(body: str, start: int, end: int) -> bool:
    """Whether the line ``body[start:end]`` is a table-of-contents entry, alone or wrapped."""
    if _is_toc_entry(body[start:end]):
        return True
    after = body.find("\n", end + 1)
    return end < len(body) and _is_toc_entry(body[end + 1:after if after != -1 else len(body)])


def _numeral(roman: str | None, arabic: str | None) -> int:
    return roman_to_int(roman) if roman else int(arabic)


def _classify(m: regex.Match, md_level: int | None, line_span: Span) -> Heading | None:
    """The heading ``m`` reads. The label's kind is the last group the match closed: the named
    alternative of :data:`HEADING` that matched (its inner groups close before it)."""
    kind = m.lastgroup

    def make(kind: str, group: str, numbers: tuple[int, ...], weak: bool = False) -> Heading:
        return Heading(kind, m.group(group), numbers, md_level, Span(m.start(group), m.end(group)), line_span, weak)

    if kind == "part":
        if m.group("ord"):
            number = WORD_ORDINALS.get(m.group("ord").lower())
            if number is None:
                return None
        else:
            number = _numeral(m.group("part_roman"), m.group("part_num"))
        return make("part", "part", (number,))
    if kind == "chapter":
        roman = (m.group("ch_roman") or "").replace(" ", "")  # "CHƯƠNG V I": letter-spaced
        if roman and not _ROMAN.fullmatch(roman):
            return None
        return make("chapter", "chapter", (_numeral(roman, m.group("ch_num")),))
    if kind == "bare_chapter":  # "CHƯƠNG" whose numeral was lost
        return make("garbled", "bare_chapter", ())
    if kind == "roman_l":  # "l. Phân quyền": a lower-case L typed or read for I
        return make("roman", "roman_l", (len(m.group("roman_l")),), weak=True)
    if kind == "letter":
        return make("letter", "letter", (ord(m.group("letter")),))
    if kind == "section":
        return make("section", "section", (_numeral(m.group("sec_roman"), m.group("sec_num")),))
    if kind == "article":
        numbers = () if m.group("art_suffix") else (int(m.group("art_num")),)
        return make("article", "article", numbers)
    if kind in ("appendix", "table", "garbled"):
        return make(kind, kind, ())
    if kind == "roman":
        return make("roman", "roman", (roman_to_int(m.group("roman")),))
    if kind in ("arabic", "dotted"):  # "3.1 Lựa chọn": a dotted number without its final dot
        return make("arabic", kind, tuple(int(x) for x in m.group(kind).split(".")))
    if kind == "paren":
        return make("paren", "paren", (int(m.group("paren")),))
    if kind == "weak":
        return make("arabic", "weak", (int(m.group("weak")),), weak=True)
    if kind == "alpha":
        return make("alpha", "alpha", (LETTERS.find(m.group("alpha")) + 1,))
    if md_level:
        return Heading("markdown", "", (), md_level, Span(m.start("md"), m.end("md")), line_span)
    return None
