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


@check("PU101")
def unbalanced_marks(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Parentheses and straight quotes balance within a paragraph; curly quotes within a few
    paragraphs, since a quoted list of clauses opens in one paragraph and closes in a later one."""
    flow = doc.flow
    open_quotes: list[tuple[int, int]] = []  # (offset, paragraph index)
    for index, para in enumerate(doc.paragraphs):
        while open_quotes and index - open_quotes[0][1] > QUOTE_WINDOW:
            pos = open_quotes.pop(0)[0]
            yield Finding(Span(pos, pos + 1), {"mark": "“", "other": "”"}, "open")
        parens: list[int] = []
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
            elif not _LIST_LABEL.search(flow, max(para.start, pos - 6), pos + 1):
                yield Finding(Span(pos, pos + 1), {"mark": ch, "other": "("}, "close")
        for pos in parens:
            yield Finding(Span(pos, pos + 1), {"mark": "(", "other": ")"}, "open")
        if len(straight) % 2:
            pos = straight[-1]
            yield Finding(Span(pos, pos + 1), {"mark": '"', "other": '"'}, "open")
    for pos, _ in open_quotes:
        yield Finding(Span(pos, pos + 1), {"mark": "“", "other": "”"}, "open")
