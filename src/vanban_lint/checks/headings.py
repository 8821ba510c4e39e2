"""Heading numbering rules (family HD).

Sections of a báo cáo or kế hoạch are numbered Roman I, II, III… at the first level and Arabic
1, 2, 3… (then 1.1, 1.2…) below, restarting under each parent (HD05 Phần II and NĐ 30/2020
Phụ lục I on the layout of the body text). Normative documents number Phần, Chương, Mục, Điều,
khoản: Mục restart in each Chương, khoản in each Điều, while Chương and Điều run on through the
document. A skipped or repeated number means a section was deleted, moved or mis-typed; in OCR
text it may also be a recognition error, so it is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from vanban_lint.diagnostics import Finding, Related
from vanban_lint.document import Document
from vanban_lint.extract.headings import Heading
from vanban_lint.facts import Facts
from vanban_lint.numerals import int_to_roman
from vanban_lint.registry import check

_RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3, "roman": 4, "arabic": 5}
_CHECKED = frozenset({"part", "chapter", "section", "roman", "arabic"})

# What a heading does to the numbering of the levels below it (rank of the deeper kind → how):
# "keep" runs on (Chương across Phần, Điều across Chương), "soft" may run on or restart at 1
# (Roman sections under a Phần or Chương of a report), anything else restarts.
_RUNS_ON = {
    "part": {"chapter": "keep", "article": "keep", "roman": "soft"},
    "chapter": {"article": "keep", "roman": "soft"},
    "section": {"article": "keep", "roman": "soft"},
}


def _level(h: Heading) -> tuple[int, int]:
    return (_RANK[h.kind], h.depth if h.kind == "arabic" else 1)


def _label(h: Heading, n: int) -> str:
    """The label ``h`` would carry with last number ``n``, in its own style."""
    if h.kind == "roman":
        return int_to_roman(n)
    if h.kind in ("part", "chapter", "section"):
        word, _, numeral = h.label.rpartition(" ")
        return f"{word.strip()} {int_to_roman(n) if numeral.isalpha() else n}"
    return ".".join([*map(str, h.numbers[:-1]), str(n)])


class _Levels:
    """The last heading seen at each level, with the resets the levels above impose."""

    def __init__(self) -> None:
        self.last: dict[tuple[int, int], Heading] = {}
        self.soft: set[tuple[int, int]] = set()  # levels that may restart at 1 or run on
        self.garbled = 0  # OCR debris lines seen so far
        self.garbled_at: dict[tuple[int, int], int] = {}

    def clear(self) -> None:
        self.last.clear()
        self.soft.clear()

    def enter(self, h: Heading) -> None:
        """Reset the levels below ``h`` as its kind prescribes."""
        level = _level(h)
        runs_on = _RUNS_ON.get(h.kind, {})
        for key in [k for k in self.last if k > level]:
            how = runs_on.get(self.last[key].kind)
            if how == "keep":
                continue
            if how == "soft":
                self.soft.add(key)
                continue
            del self.last[key]
            self.soft.discard(key)

    def record(self, h: Heading) -> None:
        level = _level(h)
        self.last[level] = h
        self.soft.discard(level)
        self.garbled_at[level] = self.garbled

    def unreadable_since(self, level: tuple[int, int]) -> bool:
        """Whether an OCR-garbled label came since the last heading at ``level``."""
        return self.garbled > self.garbled_at.get(level, 0)


@check("HD101")
def heading_numbering(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Siblings must run 1, 2, 3…: report a skipped number, a repeated one, or one out of order.

    A heading numbered 1 always starts a new list; a deeper Arabic heading (2.1) must sit
    under its parent (2.). Quoted text (the provisions an amending document inserts) is not
    the document's own numbering; a Phụ lục or Mẫu restarts every level."""
    levels = _Levels()
    note_markers = {d.span.start for d in facts.footnotes.defs}
    for h in facts.headings:
        if h.quoted:
            continue
        if h.kind == "appendix":
            levels.clear()
            continue
        if h.kind == "garbled":
            levels.garbled += 1
            continue
        if h.kind not in _RANK or not h.numbers:
            continue
        level = _level(h)
        if h.weak:
            prev = levels.last.get(level)
            expected = prev.numbers[-1] + 1 if prev is not None else 1
            if h.span.start in note_markers or h.numbers[-1] != expected:
                continue
        levels.enter(h)
        prev = levels.last.get(level)
        soft = level in levels.soft
        unreadable = levels.unreadable_since(level)
        levels.record(h)
        if h.kind not in _CHECKED:
            continue
        yield from _compare(h, prev, soft, unreadable, levels)


def _compare(h: Heading, prev: Heading | None, soft: bool, unreadable: bool, levels: _Levels) -> Iterator[Finding]:
    """The finding, if any, for ``h`` after ``prev``, the last heading at its level."""
    n = h.numbers[-1]
    if h.kind == "arabic" and h.depth > 1:
        parent = levels.last.get((_RANK["arabic"], h.depth - 1))
        if parent is not None and parent.numbers != h.numbers[:-1]:
            yield Finding(h.span, {"label": h.label, "parent": parent.label}, "parent",
                          (Related(parent.span, "parent", {"label": parent.label}),))
            return
    if n == 1:
        return
    if prev is None:
        if not unreadable:
            missing = ", ".join(_label(h, k) for k in range(1, n))
            yield Finding(h.span, {"label": h.label, "missing": missing}, "start")
        return
    p = prev.numbers[-1]
    if n == p + 1 or (soft and n == 1):
        return
    related = (Related(prev.span, "previous", {"label": prev.label}),)
    if n == p:
        yield Finding(h.span, {"label": h.label}, "repeat", related)
    elif n > p + 1:
        if not unreadable:
            missing = ", ".join(_label(h, k) for k in range(p + 1, n))
            yield Finding(h.span, {"label": h.label, "prev": prev.label, "missing": missing}, "gap", related)
    else:
        yield Finding(h.span, {"label": h.label, "prev": prev.label}, "order", related)
