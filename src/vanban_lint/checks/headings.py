"""Heading numbering rules (family HD).

Sections of a báo cáo or kế hoạch are numbered Roman I, II, III… at the first level and Arabic
1, 2, 3… (then 1.1, 1.2…) below, restarting under each parent (HD05 Phần II and NĐ 30/2020
Phụ lục I on the layout of the body text). Normative documents number Phần, Chương, Mục, Điều,
khoản: Mục restart in each Chương, khoản in each Điều, while Chương and Điều run on through the
document. A skipped or repeated number means a section was deleted, moved or mis-typed; in OCR
text it may also be a recognition error, so it is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vanban_lint.diagnostics import Finding, Related
from vanban_lint.document import Document
from vanban_lint.extract.headings import Heading
from vanban_lint.facts import Facts
from vanban_lint.numerals import WORD_ORDINALS, int_to_roman
from vanban_lint.registry import check

_RANK = {"part": 0, "chapter": 1, "section": 2, "letter": 3, "article": 4, "roman": 5, "arabic": 6}
_CHECKED = frozenset({"part", "chapter", "section", "roman", "arabic"})

# What a heading does to the numbering of the levels below it (rank of the deeper kind → how):
# "keep" runs on (Chương across Phần, Điều across Chương), "soft" may run on or restart at 1
# (Roman sections under a Phần or Chương of a report; items numbered on through the Roman
# sections of an amended text), anything else restarts (khoản in each Điều, 1.1 under each 1.).
_RUNS_ON = {
    "part": {"chapter": "keep", "article": "keep", "roman": "soft"},
    "chapter": {"article": "keep", "roman": "soft"},
    "section": {"article": "keep", "roman": "soft"},
    "letter": {"article": "keep", "roman": "soft"},
    "roman": {"arabic": "soft"},
}


def _level(h: Heading) -> tuple[int, int]:
    """Where ``h`` sits: its kind's rank, then its depth (1.2.3 is at depth 3)."""
    return (_RANK[h.kind], h.depth if h.kind == "arabic" else 1)


_ORDINAL_WORDS = {n: word for word, n in reversed(WORD_ORDINALS.items())}  # 4 → "tư", not "bốn"
_WORD_NUMERAL = re.compile(r"(.*?)\s*([IVX][IVX ]*|\d+)")
_LABEL_MAX = 80


def _label(h: Heading, n: int) -> str:
    """The label ``h`` would carry with last number ``n``, in its own style."""
    if h.kind == "roman":
        return int_to_roman(n)
    if h.kind in ("part", "chapter", "section"):
        # A label is a word and a number ("Chương IV"); a longer one (spaces padding a line
        # of pdftotext) is not split, which would cost the square of its length.
        m = _WORD_NUMERAL.fullmatch(h.label) if len(h.label) <= _LABEL_MAX else None
        if m is None:  # "Phần thứ hai"
            words = h.label.split()
            return " ".join([*words[:2], _ORDINAL_WORDS.get(n, str(n))])
        return f"{m.group(1)} {int_to_roman(n) if m.group(2)[0] in 'IVX' else n}"
    return ".".join([*map(str, h.numbers[:-1]), str(n)])


# Containers with a numbering of their own, outermost first: a Phụ lục holds Mẫu, a Mẫu tables.
_CONTAINERS = (("Phụ", "PHỤ"), ("Mẫu", "MẪU"), ("STT", "TT", "Stt"))
_TABLE = 2


def _container_rank(h: Heading) -> int:
    """0 for a Phụ lục, 1 for a Mẫu, 2 for a table."""
    return next(i for i, words in enumerate(_CONTAINERS) if h.label.startswith(words))


class _Levels:
    """One numbering scope: the last heading seen at each level, with the resets above it."""

    def __init__(self, fresh: bool = False) -> None:
        self.last: dict[tuple[int, int], Heading] = {}
        self.soft: set[tuple[int, int]] = set()  # levels that may restart at 1 or run on
        self.repeated: set[tuple[int, int]] = set()  # levels whose last number repeated the one before
        self.garbled_at: dict[tuple[int, int], int] = {}  # OCR debris count when the level was last seen
        self.outer: dict[tuple[int, int], Heading] = {}  # the list item a nested list restarting at 1 interrupted
        self.embedding: Heading | None = None  # a top-level item that holds sections of its own (a form)
        self.fresh = fresh  # a container's numbering: its first number is not checked

    def copy(self) -> "_Levels":
        new = _Levels(self.fresh)
        new.last, new.soft, new.repeated = dict(self.last), set(self.soft), set(self.repeated)
        new.garbled_at, new.outer = dict(self.garbled_at), dict(self.outer)
        new.embedding = self.embedding
        return new

    def enter(self, h: Heading) -> None:
        """Reset the levels below ``h`` as its kind prescribes."""
        level = _level(h)
        runs_on = _RUNS_ON.get(h.kind, {})
        top_item = self.last.get((_RANK["arabic"], 1))
        if level < (_RANK["arabic"], 1) and level not in self.last and top_item is not None and not self._above(level):
            self.embedding = top_item  # "1. Mẫu biên bản…" then the form's "I. … II. …"
        for key in [k for k in self.last if k > level]:
            how = runs_on.get(self.last[key].kind)
            if how == "keep":
                continue
            if how == "soft" and key[1] == 1:
                self.soft.add(key)
                continue
            del self.last[key]
            self.soft.discard(key)
            self.outer.pop(key, None)

    def _above(self, level: tuple[int, int]) -> bool:
        """Whether a heading above ``level`` is open (then Roman sections are the text's own)."""
        return any(k < level for k in self.last)


def _try(h: Heading, scope: _Levels, garbled: int) -> tuple[Finding | None, _Levels]:
    """The finding for ``h`` in ``scope`` and the scope after it (``scope`` is not changed)."""
    new = scope.copy()
    new.enter(h)
    level = _level(h)
    prev = new.last.get(level)
    soft = level in new.soft
    unreadable = garbled > new.garbled_at.get(level, 0)
    finding = None
    if h.kind in _CHECKED:
        finding = _compare(h, prev, soft, unreadable, new)
        outer = new.outer.get(level)
        if finding is not None and outer is not None and _next_of(outer, h):
            finding = None  # "16. … 1. Thăm dò 2. Khai thác 17. …": the nested list has ended
            del new.outer[level]
        elif finding is not None and new.embedding is not None and _next_of(new.embedding, h):
            finding = None  # "2. Mẫu báo cáo…" after the form that item 1 held
            new.embedding = None
        elif h.numbers[-1] == 1 and prev is not None and not soft and prev.numbers[-1] > 1:
            new.outer[level] = prev
    if prev is not None and prev.numbers[-1] == h.numbers[-1] and not soft:
        new.repeated.add(level)
    else:
        new.repeated.discard(level)
    new.last[level] = h
    new.soft.discard(level)
    new.garbled_at[level] = garbled
    return finding, new


@check("HD101")
def heading_numbering(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Siblings must run 1, 2, 3…: report a skipped number, a repeated one, or one out of order.

    A heading numbered 1 always starts a new list; a deeper Arabic heading (2.1) must sit
    under its parent (2.). Quoted text (the provisions an amending document inserts) is not
    the document's own numbering. A Phụ lục, a Mẫu or a table opens a numbering of its own;
    a heading that does not fit it but fits the text around the container closes it. OCR text
    whose labels are often mangled is not checked."""
    headings = facts.headings
    if _recognition_noisy(headings):
        return
    walk = _Walk({d.span.start for d in facts.footnotes.defs})
    for index, h in enumerate(headings):
        finding = walk.step(h, headings[index + 1:index + 2])
        if finding is not None:
            yield finding


# OCR text whose labels recognition has visibly mangled this often (debris labels among all
# labels) loses others without a trace, so its numbering says more about the scan than the text.
_NOISY_DEBRIS = 5
_NOISY_SHARE = 0.02


def _recognition_noisy(headings: list[Heading]) -> bool:
    """Whether OCR debris stands in the place of labels often enough to distrust the numbering."""
    debris = sum(1 for h in headings if h.kind == "garbled" and not h.quoted)
    if debris < _NOISY_DEBRIS:
        return False
    labels = sum(1 for h in headings if h.numbers and not h.quoted)
    return debris >= _NOISY_SHARE * (labels + debris)


class _Walk:
    """The numbering state while reading a document's headings in order."""

    def __init__(self, note_markers: set[int]) -> None:
        self.scopes: list[tuple[int, _Levels]] = [(-1, _Levels())]  # (container rank, levels)
        self.garbled: dict[tuple[int, int], int] = {}  # OCR debris labels seen, by the level they stand in
        self.level: tuple[int, int] | None = None  # the level of the last numbered heading
        self.quote: _Levels | None = None  # the numbering of the last quotation
        self.after_quote = False  # no heading of the document's own since that quotation
        self.note_markers = note_markers
        self.in_list: int | None = None  # the item of a plain 1., 2. list inside a section numbered 1.4.2

    def step(self, h: Heading, following: list[Heading]) -> Finding | None:
        """Take ``h`` into account; return its finding, if any."""
        if h.quoted:
            if not self.after_quote or self.quote is None:
                self.quote = _Levels(fresh=True)
            if h.kind in _RANK and h.numbers:
                self.quote = _try(h, self.quote, 0)[1]
            self.after_quote = True
            return None
        after_quote, self.after_quote = self.after_quote, False
        if h.kind in ("appendix", "table"):
            self._open(_container_rank(h))
            return None
        if h.kind == "garbled":
            for level in self._debris_levels(h):
                self.garbled[level] = self.garbled.get(level, 0) + 1
            return None
        if h.kind not in _RANK or not h.numbers:
            return None
        scopes = self.scopes
        if h.weak and not _fills_place(h, scopes[-1][1], self.note_markers):
            return None
        if self._list_item(h, scopes[-1][1]):
            return None
        self.level = _level(h)
        garbled = self.garbled.get(self.level, 0)
        if scopes[-1][0] == _TABLE and h.numbers[-1] != 1:
            outer, outer_after = _try(h, scopes[-2][1], garbled)
            if outer is None:  # the text around the table goes on
                scopes.pop()
                scopes[-1] = (scopes[-1][0], outer_after)
                return None
        finding, after = _try(h, scopes[-1][1], garbled)
        if scopes[-1][0] == _TABLE:
            finding = None  # numbered lines in the cells of a table laid out with spaces
        if finding is not None and finding.variant == "start" and h.depth == 1 and _dotted(scopes[-1][1]):
            finding = None  # its "1." may have been read as an item of a list inside a section
        if finding is not None and after_quote and self._continues_quote(h):
            return None  # "…d) ….”." then "4. …": the quotation was closed too early
        if finding is not None and _closes(h, scopes[-1][1], following):
            for i in range(len(scopes) - 2, -1, -1):
                outer, outer_after = _try(h, scopes[i][1], garbled)
                if outer is None:
                    del scopes[i + 1:]
                    finding, after = None, outer_after
                    break
        scopes[-1] = (scopes[-1][0], after)
        return finding

    def _list_item(self, h: Heading, scope: _Levels) -> bool:
        """Whether ``h`` is an item of a list inside a section numbered 1.4.2: a ``1.`` that
        cannot be the next top-level section, and the items after it until the next dotted heading."""
        if h.kind != "arabic":
            self.in_list = None
            return False
        if h.depth > 1:
            if self.in_list is not None and h.numbers[0] == self.in_list:
                return True  # "3.1" under the list's item "3."
            self.in_list = None
            return False
        if _dotted(scope) and (h.numbers[0] == 1 or self.in_list is not None):
            self.in_list = h.numbers[0]
            return True
        return False

    def _debris_levels(self, h: Heading) -> list[tuple[int, int]]:
        """The levels whose label an OCR debris label may stand for: a bare ``CHƯƠNG`` a chapter's;
        otherwise a sibling of the last numbered heading, or its first child (``Điều 5.`` then
        ``„1:`` for khoản 1)."""
        if h.label.isalpha():
            return [(_RANK["chapter"], 1)]
        if self.level is None:
            return []
        rank, depth = self.level
        child = (rank, depth + 1) if rank == _RANK["arabic"] else (_RANK["arabic"], 1)
        return [self.level, child]

    def _open(self, rank: int) -> None:
        """A container of ``rank`` starts: it replaces any open container at or below its rank."""
        while len(self.scopes) > 1 and self.scopes[-1][0] >= rank:
            self.scopes.pop()
        self.scopes.append((rank, _Levels(fresh=True)))

    def _continues_quote(self, h: Heading) -> bool:
        """Whether ``h``, the first heading after a quotation, goes on with the quoted numbering."""
        if self.quote is None or h.numbers[-1] == 1:
            return False
        inside, after = _try(h, self.quote, 0)
        if inside is not None:
            return False
        self.quote = after
        self.after_quote = True
        return True


def _dotted(scope: _Levels) -> bool:
    """Whether a dotted heading (1.4, 1.4.2) is open in ``scope``."""
    return any(rank == _RANK["arabic"] and depth > 1 for rank, depth in scope.last)


def _next_of(prev: Heading, h: Heading) -> bool:
    """Whether ``h`` is the sibling right after ``prev`` (4.2 after 4.1)."""
    return prev.numbers[:-1] == h.numbers[:-1] and h.numbers[-1] == prev.numbers[-1] + 1


def _closes(h: Heading, scope: _Levels, following: list[Heading]) -> bool:
    """Whether ``h`` may close the container ``scope`` and belong to the text around it.

    Only a heading above the container's top level can, or one at its top level that
    introduces the next container (``II. LĨNH VỰC XUẤT NHẬP KHẨU`` then ``Mẫu số 01``)."""
    if not scope.last:
        return True
    top = min(scope.last)
    if _level(h) < top:
        return True
    return _level(h) == top and bool(following) and following[0].kind == "appendix"


def _fills_place(h: Heading, scope: _Levels, note_markers: set[int]) -> bool:
    """Whether the weak heading ``h`` (a number without its dot) is the next number expected."""
    level = _level(h)
    prev = scope.last.get(level)
    expected = {1} if prev is None else {prev.numbers[-1] + 1, *((1,) if level in scope.soft else ())}
    return h.span.start not in note_markers and h.numbers[-1] in expected


def _compare(h: Heading, prev: Heading | None, soft: bool, unreadable: bool, levels: _Levels) -> Finding | None:
    """The finding, if any, for ``h`` after ``prev``, the last heading at its level.

    ``unreadable``: an OCR-garbled label came since ``prev``, so a missing number may be there."""
    n = h.numbers[-1]
    if h.kind == "arabic" and h.depth > 1:
        parent_level = (_RANK["arabic"], h.depth - 1)
        parent = None if parent_level in levels.soft else levels.last.get(parent_level)
        if parent is not None and parent.numbers != h.numbers[:-1]:
            return Finding(h.span, {"label": h.label, "parent": parent.label}, "parent",
                           (Related(parent.span, "parent", {"label": parent.label}),))
    if n == 1:
        return None
    if prev is None:
        if unreadable or levels.fresh:
            return None
        missing = ", ".join(_label(h, k) for k in range(1, n))
        return Finding(h.span, {"label": h.label, "missing": missing}, "start")
    if prev.numbers[:-1] != h.numbers[:-1]:  # 3.5 after 1.1: a new parent, not a sibling
        return None
    p = prev.numbers[-1]
    if n == p + 1 or (soft and n == 1):
        return None
    if prev.weak:
        return None  # "3 Hoạt động tư vấn" (a table row, a footnote body) only looked like item 3
    related = (Related(prev.span, "previous", {"label": prev.label}),)
    if n == p:
        return Finding(h.span, {"label": h.label}, "repeat", related)
    if n < p:
        return Finding(h.span, {"label": h.label, "prev": prev.label}, "order", related)
    if unreadable or (n == p + 2 and _level(h) in levels.repeated):
        return None  # an unreadable label, or "II, II, IV": the repeated one was the missing one
    missing = ", ".join(_label(h, k) for k in range(p + 1, n))
    return Finding(h.span, {"label": h.label, "prev": prev.label, "missing": missing}, "gap", related)
