"""Applying fix edits safely.

Edits are mapped back to the file as written, applied from the end so that offsets stay valid,
and skipped when they overlap an edit already taken (the next run picks them up). Files are
written atomically (a temporary file renamed over the original), so an interrupted ``--fix``
never leaves a half-written draft. Only fixes marked safe are applied unless ``unsafe`` is set.
"""

from __future__ import annotations

import os
from bisect import bisect_left, insort

from vanban_lint.diagnostics import Diagnostic
from vanban_lint.document import Document


def fixed_source(doc: Document, diagnostics: list[Diagnostic], unsafe: bool = False) -> tuple[str, int]:
    """The source with the applicable fixes applied, and how many diagnostics were fixed.

    The ranges taken are kept sorted, so that each fix is checked against its two neighbours
    only, and the source is rebuilt once: thousands of fixes cost no rescans."""
    edits: list[tuple[int, int, str]] = []
    fixed = 0
    taken: list[tuple[int, int]] = []  # sorted, disjoint ranges of the source already edited
    for d in diagnostics:
        if d.fix is None or (not d.fix.safe and not unsafe):
            continue
        mapped = sorted((doc.to_source(e.span.start), doc.to_source(e.span.end), e.replacement) for e in d.fix.edits)
        if any(_overlaps(taken, s, e) for s, e, _ in mapped) or _self_overlapping(mapped):
            continue
        for s, e, _ in mapped:
            insort(taken, (s, e))
        edits.extend(mapped)
        fixed += 1
    source = doc.source
    pieces = []
    pos = 0
    for start, end, repl in sorted(edits):
        pieces.append(source[pos:start])
        pieces.append(repl)
        pos = end
    pieces.append(source[pos:])
    return "".join(pieces), fixed


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a range of ``taken`` (sorted and disjoint): only the
    ranges right before and right after it can."""
    i = bisect_left(taken, (start, end))
    return any(not (end <= s2 or start >= e2) for s2, e2 in taken[max(0, i - 1):i + 1])


def _self_overlapping(mapped: list[tuple[int, int, str]]) -> bool:
    return any(b[0] < a[1] for a, b in zip(mapped, mapped[1:]))


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


def write_atomically(path: str, text: str, had_bom: bool) -> None:
    """Replace ``path`` with ``text`` (UTF-8, keeping a BOM if the file had one)."""
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".vanban-lint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig" if had_bom else "utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
