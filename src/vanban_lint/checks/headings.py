"""Heading numbering rules (family HD).

Sections of a báo cáo or kế hoạch are numbered Roman I, II, III… at the first level and Arabic
1, 2, 3… (then 1.1, 1.2…) below, restarting under each parent (HD05 Phần II and NĐ 30/2020
Phụ lục I on the layout of the body text). A skipped or repeated number means a section was
deleted, moved or mis-typed; in OCR text it may also be a recognition error, so it is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from vanban_lint.diagnostics import Finding, Related
from vanban_lint.document import Document
from vanban_lint.extract.headings import Heading
from vanban_lint.facts import Facts
from vanban_lint.numerals import int_to_roman
from vanban_lint.registry import check

_RANK = {"part": 0, "chapter": 1, "roman": 2, "arabic": 3}


def _level(h: Heading) -> tuple[int, int]:
    return (_RANK[h.kind], h.depth if h.kind == "arabic" else 1)


def _label(h: Heading, n: int) -> str:
    if h.kind == "roman":
        return int_to_roman(n)
    return ".".join([*map(str, h.numbers[:-1]), str(n)])


@check("HD101")
def heading_numbering(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Siblings must run 1, 2, 3…: report a skipped number, a repeated one, or one out of order.

    A heading numbered 1 always starts a new list; a deeper Arabic heading (2.1) must sit
    under its parent (2.)."""
    last: dict[tuple[int, int], Heading] = {}
    note_markers = {d.span.start for d in facts.footnotes.defs}
    for h in facts.headings:
        if h.kind not in _RANK:
            continue
        level = _level(h)
        if h.weak:
            prev = last.get(level)
            expected = prev.numbers[-1] + 1 if prev is not None else 1
            if h.span.start in note_markers or h.numbers[-1] != expected:
                continue
        for key in [k for k in last if k > level]:
            del last[key]
        n = h.numbers[-1]
        prev = last.get(level)
        last[level] = h
        if h.kind == "arabic" and h.depth > 1:
            parent = last.get((_RANK["arabic"], h.depth - 1))
            if parent is not None and parent.numbers != h.numbers[:-1]:
                yield Finding(h.span, {"label": h.label, "parent": parent.label}, "parent",
                              (Related(parent.span, "parent", {"label": parent.label}),))
                continue
        if n == 1:
            continue
        if prev is None:
            missing = ", ".join(_label(h, k) for k in range(1, n))
            yield Finding(h.span, {"label": h.label, "missing": missing}, "start")
        elif n == prev.numbers[-1]:
            yield Finding(h.span, {"label": h.label}, "repeat", (Related(prev.span, "previous", {"label": prev.label}),))
        elif n > prev.numbers[-1] + 1:
            missing = ", ".join(_label(h, k) for k in range(prev.numbers[-1] + 1, n))
            yield Finding(h.span, {"label": h.label, "prev": prev.label, "missing": missing}, "gap",
                          (Related(prev.span, "previous", {"label": prev.label}),))
        elif n < prev.numbers[-1]:
            yield Finding(h.span, {"label": h.label, "prev": prev.label}, "order",
                          (Related(prev.span, "previous", {"label": prev.label}),))
