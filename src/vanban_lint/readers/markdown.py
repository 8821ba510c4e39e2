"""Markdown reader (.md, .markdown): masks front matter, code, HTML comments, URLs and link targets."""

from __future__ import annotations

import regex

from vanban_lint.document import Document, occurs
from vanban_lint.readers.text import common_masks

FRONT_MATTER = regex.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", regex.DOTALL)
FENCE_OPEN = regex.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*$", regex.MULTILINE)
BACKTICKS = regex.compile(r"`+")
LINK_TARGET = regex.compile(r"\]\(([^)\s]++)(?:\s+\"[^\"]*\")?\)")
TARGET_RUN = regex.compile(r"[^)\s]*+")
LIST_OR_NOTE = regex.compile(r"[ \t]*(?:[-+*]|[0-9]{1,3}[.)])[ \t]|\[\^[^\]]+\]:")


def markdown_masks(text: str) -> list[tuple[int, int]]:
    """Ranges of a Markdown text that must not be linted."""
    out = common_masks(text)
    m = FRONT_MATTER.match(text)
    if m:
        out.append((0, m.end()))
    # Each construct is looked for only when its marker occurs at all: a draft rarely has code.
    if occurs(text, "```") or occurs(text, "~~~"):
        out.extend(_fenced_blocks(text))
    if occurs(text, "\n    ") or occurs(text, "\n\t") or text.startswith(("    ", "\t")):
        out.extend(_indented_blocks(text))
    if "`" in text:
        out.extend(_code_spans(text))
    if occurs(text, "]("):
        out.extend(_link_targets(text))
    return out


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code: a run of backticks up to the next run of the same length; a run that no
    run of its length follows is literal. A span across a blank line is not code (it is still
    skipped whole). Each run is read once: the next run of each length is found by a table."""
    runs = [(m.start(), m.end()) for m in BACKTICKS.finditer(text)]
    next_same: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        next_same[i] = last.get(length)
        last[length] = i
    out = []
    i = 0
    while i < len(runs):
        j = next_same[i]
        if j is None:
            i += 1
            continue
        start, end = runs[i][0], runs[j][1]
        if text.find("\n\n", start, end) < 0:
            out.append((start, end))
        i = j + 1
    return out


def _link_targets(text: str) -> list[tuple[int, int]]:
    """Targets of inline links ``[text](target "title")``. When a ``](`` opens no target, none
    of the ``](`` inside the same run of non-blank characters does: the run is skipped whole."""
    out = []
    pos = 0
    while (start := text.find("](", pos)) >= 0:
        m = LINK_TARGET.match(text, start)
        if m:
            out.append((m.start(1), m.end(1)))
            pos = m.end()
        else:
            pos = max(start + 1, TARGET_RUN.match(text, start + 2).end())
    return out


def _fenced_blocks(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    while True:
        m = FENCE_OPEN.search(text, pos)
        if not m:
            return out
        fence = m.group(2)
        close = regex.compile(r"^ {0,3}" + regex.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$",
                              regex.MULTILINE)
        c = close.search(text, m.end())
        end = c.end() if c else len(text)
        out.append((m.start(), end))
        pos = end


def _indented_blocks(text: str) -> list[tuple[int, int]]:
    """Indented code: 4+ spaces after a blank line, outside lists and footnote bodies."""
    out = []
    prev_blank = True
    in_container = False
    offset = 0
    in_code = False
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            prev_blank = True
            offset += len(line) + 1
            continue
        indented = line.startswith("    ") or line.startswith("\t")
        if indented and (in_code or (prev_blank and not in_container)):
            out.append((offset, offset + len(line)))
            in_code = True
        else:
            in_code = False
            if not indented:
                in_container = bool(LIST_OR_NOTE.match(line))
        prev_blank = False
        offset += len(line) + 1
    return out


def read(path: str, source: str) -> Document:
    """Build a Markdown :class:`Document`."""
    return Document.from_source(path, source, "markdown", mask_fn=markdown_masks)
