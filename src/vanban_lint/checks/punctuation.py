"""Punctuation rules (family PU).

PU101: quotation marks and parentheses must be balanced. An opening mark
without its closing one (or the reverse) usually means text was cut while editing, and a
quotation whose end cannot be found changes what the document attributes to whom.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from vanban_lint.diagnostics import Finding
from vanban_lint.document import Document, Span
from vanban_lint.facts import Facts
from vanban_lint.registry import check

_MARKS = regex.compile(r'[“”"()]')
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
    """Straight quotes balance within a paragraph, parentheses within a paragraph and the line
    after it, curly quotes within a few paragraphs (a quoted list of clauses opens in one
    paragraph and closes in a later one)."""
    flow = doc.flow
    open_quotes: list[tuple[int, int]] = []  # (offset, paragraph index)
    parens: list[int] = []
    prev_end = -2
    for index, para in enumerate(doc.paragraphs):
        while open_quotes and index - open_quotes[0][1] > QUOTE_WINDOW:
            pos = open_quotes.pop(0)[0]
            yield Finding(Span(pos, pos + 1), {"mark": "“", "other": "”"}, "open")
        # A parenthesis may close on the very next line (a title or a two-column header whose
        # lines were not joined); after a blank line, what is still open is reported.
        if para.start != prev_end + 1:
            for pos in parens:
                yield Finding(Span(pos, pos + 1), {"mark": "(", "other": ")"}, "open")
            parens = []
        prev_end = para.end
        straight: list[int] = []
        for m in _MARKS.finditer(flow, para.start, para.end):
            ch, pos = m.group(), m.start()
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
        if len(straight) % 2:
            pos = straight[-1]
            yield Finding(Span(pos, pos + 1), {"mark": '"', "other": '"'}, "open")
    for pos in parens:
        yield Finding(Span(pos, pos + 1), {"mark": "(", "other": ")"}, "open")
    for pos, _ in open_quotes:
        yield Finding(Span(pos, pos + 1), {"mark": "“", "other": "”"}, "open")
