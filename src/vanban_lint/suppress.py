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

from dataclasses import dataclass

import regex

from vanban_lint.document import Document

COMMENT = regex.compile(
    r"<!--\s*vanban-lint\s+(?P<cmd>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<codes>[^>]*?)(?:\s--\s.*?)?\s*-->",
    regex.DOTALL,
)


@dataclass(frozen=True)
class Suppression:
    codes: tuple[str, ...]  # empty: all rules
    first_line: int  # 1-based, inclusive
    last_line: int  # inclusive; a huge number for "to the end"

    def covers(self, code: str, line: int) -> bool:
        return self.first_line <= line <= self.last_line and (
            not self.codes or any(code.startswith(c) for c in self.codes)
        )


def parse(doc: Document) -> list[Suppression]:
    """All suppressions declared in ``doc``."""
    if "vanban-lint" not in doc.text:
        return []
    out: list[Suppression] = []
    open_ranges: dict[tuple[str, ...], int] = {}
    end_of_file = 10**9
    for m in COMMENT.finditer(doc.text):
        codes = tuple(c.upper() for c in regex.findall(r"[A-Za-z]{2}\d{0,3}", m.group("codes")))
        line = doc.position(m.start())[0]
        cmd = m.group("cmd")
        if cmd == "disable-line":
            out.append(Suppression(codes, line, doc.position(m.end())[0]))
        elif cmd == "disable-next-line":
            target = _next_content_line(doc, m.end())
            out.append(Suppression(codes, target, target))
        elif cmd == "disable-file":
            out.append(Suppression(codes, 1, end_of_file))
        elif cmd == "disable":
            open_ranges.setdefault(codes, line)
        else:  # enable
            keys = [codes] if codes in open_ranges else ([k for k in open_ranges] if not codes else [])
            for key in keys:
                out.append(Suppression(key, open_ranges.pop(key), line))
    out.extend(Suppression(codes, start, end_of_file) for codes, start in open_ranges.items())
    return out


def _next_content_line(doc: Document, offset: int) -> int:
    m = regex.compile(r"\n[ \t]*[^\s]").search(doc.text, offset)
    if not m:
        return doc.position(len(doc.text))[0] + 1
    return doc.position(m.end() - 1)[0]
