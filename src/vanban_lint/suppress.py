"""Inline suppression comments, the same in Markdown and plain text.

- ``<!-- vanban-lint disable-next-line FN101 DC102 -->``: the next non-blank line (a blank line
  between the comment and its target, as Prettier inserts, does not break it);
- ``<!-- vanban-lint disable-line FN101 -->``: the comment's own line;
- ``<!-- vanban-lint disable FN -->`` … ``<!-- vanban-lint enable FN -->``: a range;
- ``<!-- vanban-lint disable-file DT -->``: the whole file.

Codes are rule codes or prefixes (``FN``, ``FN1``); no code means every rule. A reason may follow
``--``: ``<!-- vanban-lint disable-line DC104 -- mã do Trung ương ban hành -->``.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from vanban_lint.document import Document, Span

COMMENT = regex.compile(
    r"<!--\s*vanban-lint\s+(?P<cmd>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<codes>[^>]*?)(?:\s--\s.*?)?\s*-->",
    regex.DOTALL,
)


class Suppression(NamedTuple):
    codes: tuple[str, ...]  # the codes or prefixes as written, upper-cased; empty: all rules
    first_line: int  # 1-based, inclusive
    last_line: int  # inclusive; a huge number for "to the end"
    span: Span  # the comment

    def covers(self, code: str, line: int) -> bool:
        return self.first_line <= line <= self.last_line and (
            not self.codes or any(code.startswith(c) for c in self.codes)
        )


def suppressed(sups: list[Suppression], places: list[tuple[str, int]]) -> list[bool]:
    """For each place (a rule's code, a 1-based line), whether one of ``sups`` covers it
    (:meth:`Suppression.covers`).

    One sweep down the lines: the suppressions in force are counted by the code or prefix they
    name (``""`` for all rules), and a rule's code is covered when one of its prefixes is in
    force. Thousands of comments and thousands of findings take time in proportion to their
    number, not to their product.
    """
    sups = [s for s in sups if s.first_line <= s.last_line]  # an empty range covers nothing
    by_start = sorted(range(len(sups)), key=lambda i: sups[i].first_line)
    by_end = sorted(range(len(sups)), key=lambda i: sups[i].last_line)
    in_force: dict[str, int] = {}
    out = [False] * len(places)
    started = ended = 0
    for k in sorted(range(len(places)), key=lambda i: places[i][1]):
        code, line = places[k]
        while started < len(by_start) and sups[by_start[started]].first_line <= line:
            for c in sups[by_start[started]].codes or ("",):
                in_force[c] = in_force.get(c, 0) + 1
            started += 1
        while ended < len(by_end) and sups[by_end[ended]].last_line < line:
            for c in sups[by_end[ended]].codes or ("",):  # counted in when its first line was passed
                in_force[c] -= 1
            ended += 1
        out[k] = any(in_force.get(code[:n]) for n in range(len(code) + 1))
    return out


def _codes(text: str) -> tuple[str, ...]:
    """The codes of a comment: every word, upper-cased (a malformed one then matches no rule)."""
    return tuple(t.upper() for t in regex.split(r"[\s,]+", text.strip()) if t)


def parse(doc: Document) -> list[Suppression]:
    """All suppressions declared in ``doc``."""
    if "vanban-lint" not in doc.text:
        return []
    out: list[Suppression] = []
    open_ranges: dict[tuple[str, ...], tuple[int, Span]] = {}
    end_of_file = 10**9
    for m in COMMENT.finditer(doc.text):
        codes = _codes(m.group("codes"))
        span = Span(m.start(), m.end())
        line = doc.position(m.start())[0]
        cmd = m.group("cmd")
        if cmd == "disable-line":
            out.append(Suppression(codes, line, doc.position(m.end())[0], span))
        elif cmd == "disable-next-line":
            target = _next_content_line(doc, m.end())
            out.append(Suppression(codes, target, target, span))
        elif cmd == "disable-file":
            out.append(Suppression(codes, 1, end_of_file, span))
        elif cmd == "disable":
            open_ranges.setdefault(codes, (line, span))
        else:  # enable
            keys = [codes] if codes in open_ranges else ([k for k in open_ranges] if not codes else [])
            for key in keys:
                start, start_span = open_ranges.pop(key)
                out.append(Suppression(key, start, line, start_span))
    out.extend(Suppression(codes, start, end_of_file, sp) for codes, (start, sp) in open_ranges.items())
    return out


def _next_content_line(doc: Document, offset: int) -> int:
    m = regex.compile(r"\n[ \t]*[^\s]").search(doc.text, offset)
    if not m:
        return doc.position(len(doc.text))[0] + 1
    return doc.position(m.end() - 1)[0]
