"""Punctuation rules (family PU).

PU101: quotation marks and parentheses must be balanced. An opening mark
without its closing one (or the reverse) usually means text was cut while editing, and a
quotation whose end cannot be found changes what the document attributes to whom.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

import regex

from vanban_lint.diagnostics import Finding
from vanban_lint.document import Document, Span
from vanban_lint.facts import Facts
from vanban_lint.registry import check

_MARKS = re.compile(r'[“”"()]')
# "a)", "1)", "đ)", "IV)": a list label, which has no opening parenthesis.
_LIST_LABEL = regex.compile(r"(?:^|[\s;:,.(])(?:\d{1,2}|[a-zđ]|[IVX]{1,4})\)$", regex.MULTILINE)
# A quotation may run over several paragraphs (a quoted clause list): it must close within this many.
QUOTE_WINDOW = 12


def _is_list_label(text: str, flow: str, pos: int) -> bool:
    """A ")" that ends a list label: "a)", "1)", "IV)" inline, or any one character at the start
    of a line as written ("ø)", "&)" are OCR readings of "g)", "a)")."""
    line_start = text.rfind("\n", 0, pos) + 1
    head = text[line_start:pos].strip()
    if len(head) <= 1 or (len(head) <= 4 and (head.isdigit() or head.isupper())):
        return True
    return bool(_LIST_LABEL.search(flow, max(0, pos - 6), pos + 1))


@check("PU101")
def unbalanced_marks(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Straight quotes balance within a paragraph, parentheses within a run of paragraphs on
    consecutive lines (a title or a two-column header whose lines were not joined), curly quotes
    within a few paragraphs (a quoted list of clauses opens in one paragraph and closes later)."""
    flow = doc.flow
    paragraphs = doc.paragraphs
    para_starts = [p.start for p in paragraphs]
    open_quotes: list[tuple[int, int]] = []  # (offset, paragraph index)
    parens: list[int] = []
    straight: list[int] = []
    current = block = -1
    for m in _MARKS.finditer(flow):
        pos, ch = m.start(), m.group()
        index = bisect_right(para_starts, pos) - 1
        if index != current:
            yield from _close_paragraph(straight)
            straight = []
            new_block = _block_of(paragraphs, index, current, block)
            if new_block != block:
                yield from _report_open(parens, "(", ")")
                parens = []
            current, block = index, new_block
            while open_quotes and index - open_quotes[0][1] > QUOTE_WINDOW:
                yield from _report_open([open_quotes.pop(0)[0]], "“", "”")
        if ch == "“":
            open_quotes.append((pos, index))
        elif ch == "”":
            if open_quotes:
                open_quotes.pop()
            else:
                yield Finding(Span(pos, pos + 1), {"mark": ch, "other": "“"}, "close")
        elif ch == '"':
            straight.append(pos)
        elif ch == "(":
            parens.append(pos)
        elif parens:
            parens.pop()
        elif not _is_list_label(doc.text, flow, pos):
            yield Finding(Span(pos, pos + 1), {"mark": ch, "other": "("}, "close")
    yield from _close_paragraph(straight)
    yield from _report_open(parens, "(", ")")
    yield from _report_open([pos for pos, _ in open_quotes], "“", "”")


def _block_of(paragraphs: list[Span], index: int, previous: int, block: int) -> int:
    """The run of paragraphs on consecutive lines that holds ``index``, continuing from
    ``previous`` (in ``block``) when every paragraph between them follows on the next line."""
    if previous < 0:
        return index
    for k in range(previous + 1, index + 1):
        if paragraphs[k].start != paragraphs[k - 1].end + 1:
            return index
    return block


def _report_open(positions: list[int], mark: str, other: str) -> Iterator[Finding]:
    for pos in positions:
        yield Finding(Span(pos, pos + 1), {"mark": mark, "other": other}, "open")


def _close_paragraph(straight: list[int]) -> Iterator[Finding]:
    if len(straight) % 2:
        pos = straight[-1]
        yield Finding(Span(pos, pos + 1), {"mark": '"', "other": '"'}, "open")
