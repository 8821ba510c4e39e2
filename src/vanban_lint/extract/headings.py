"""Headings: Markdown ``#`` headings and the field's own numbered headings.

Administrative and Party drafts number their sections ``Phần thứ nhất`` / ``PHẦN I``, then Roman
``I.`` / ``I-`` (HD05 and NĐ 30 both use Roman numerals for the first level of a báo cáo), then
Arabic ``1.``, ``1.1.``, then letters ``a)``. A numbered line counts as a heading when its label is
followed by text on the same line. A number followed by a space and a capital letter, without
its dot, is recorded as a *weak* heading: OCR drops such dots, but pdftotext footnote bodies
look the same, so checks use weak headings only where they fill the expected place.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import regex

from vanban_lint.document import Document, Span
from vanban_lint.numerals import roman_to_int

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{1,3}|V)"
ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}

HEADING = regex.compile(
    rf"""^[ \t]*(?:
        (?P<md>\#{{1,6}})[ \t]+(?=\S)
    )?(?:
        (?P<part>(?:Phần|PHẦN)[ \t]+(?:thứ|THỨ)[ \t]+(?P<ord>\p{{L}}+)|(?:Phần|PHẦN)[ \t]+(?P<part_roman>{ROMAN})\b)
      | (?P<chapter>(?:Chương|CHƯƠNG)[ \t]+(?P<ch_roman>{ROMAN})\b)
      | (?P<roman>{ROMAN})[ \t]*[.\-–)][ \t]*(?=\p{{L}})
      | (?P<arabic>[0-9]{{1,2}}(?:\.[0-9]{{1,2}}){{0,3}})(?:\.|\))[ \t]+(?=\p{{L}})
      | (?P<alpha>[a-zđ])\)[ \t]+(?=\p{{L}})
      | (?P<weak>[0-9]{{1,2}})[ \t]+(?=\p{{Lu}})
    )?""",
    regex.VERBOSE | regex.MULTILINE,
)


class Heading(NamedTuple):
    """A heading line.

    ``kind``: ``part``, ``chapter``, ``roman``, ``arabic``, ``alpha`` or ``markdown`` (unnumbered).
    ``numbers``: the numbering as integers (``4.1.`` → ``(4, 1)``); ``label`` as written.
    """

    kind: str
    label: str
    numbers: tuple[int, ...]
    md_level: int | None
    span: Span  # the label (or the ``#`` marks of an unnumbered Markdown heading)
    line_span: Span
    weak: bool = False  # "1 Đổi mới…": a number without its dot (OCR), or a footnote body

    @property
    def depth(self) -> int:
        return len(self.numbers)


# The first character of a line that can be a heading: stdlib ``re`` jumps between newlines.
_CANDIDATE = re.compile(r"\n[ \t]*(?=[#0-9IVXPpCca-zđ])")


def extract(doc: Document) -> list[Heading]:
    """Every heading of ``doc``, in order."""
    out = []
    body = doc.body
    starts = [0] + [m.start() + 1 for m in _CANDIDATE.finditer(body)]
    for start in starts:
        end = body.find("\n", start)
        if end == -1:
            end = len(body)
        if end - start < 2:
            continue
        m = HEADING.match(body, start, end)
        if not m or m.end() == m.start():
            continue
        md_level = len(m.group("md")) if m.group("md") else None
        h = _classify(m, md_level, Span(start, end))
        if h is not None:
            out.append(h)
    return out


def _classify(m: regex.Match, md_level: int | None, line_span: Span) -> Heading | None:
    if m.group("part"):
        word = (m.group("ord") or "").lower()
        number = ORDINALS.get(word) or (roman_to_int(m.group("part_roman")) if m.group("part_roman") else None)
        if number is None:
            return None
        return Heading("part", m.group("part"), (number,), md_level, Span(m.start("part"), m.end("part")), line_span)
    if m.group("chapter"):
        return Heading("chapter", m.group("chapter"), (roman_to_int(m.group("ch_roman")),), md_level,
                       Span(m.start("chapter"), m.end("chapter")), line_span)
    if m.group("roman"):
        return Heading("roman", m.group("roman"), (roman_to_int(m.group("roman")),), md_level,
                       Span(m.start("roman"), m.end("roman")), line_span)
    if m.group("arabic"):
        nums = tuple(int(x) for x in m.group("arabic").split("."))
        return Heading("arabic", m.group("arabic"), nums, md_level, Span(m.start("arabic"), m.end("arabic")), line_span)
    if m.group("weak"):
        return Heading("arabic", m.group("weak"), (int(m.group("weak")),), md_level,
                       Span(m.start("weak"), m.end("weak")), line_span, weak=True)
    if m.group("alpha"):
        letter = m.group("alpha")
        index = "abcdđeghiklmnopqrstuvxy".find(letter) + 1
        return Heading("alpha", letter, (index,), md_level, Span(m.start("alpha"), m.end("alpha")), line_span)
    if md_level:
        return Heading("markdown", "", (), md_level, Span(m.start("md"), m.end("md")), line_span)
    return None
