"""How the quantities of one sentence relate: shares of a whole, breakdowns, fraction and percent.

Reports state structure with a small set of words (kept in ``rules/data/units.yaml``):

- **shares of one whole**: percentages introduced by ``chiếm`` (``Dân tộc Mông chiếm 40,1%;
  dân tộc Tày chiếm 22,5%``) or listed under ``cơ cấu``; the group is *complete* (it must add
  up to 100%) under ``cơ cấu`` (not ``cơ cấu kinh tế``, listed by sector without the product
  taxes), when its two shares carry the two labels of a complementary pair (``nam … nữ``,
  ``đạt … chưa đạt``), or when its last share is the remainder (``còn lại``).
  A share that names its own whole (``chiếm 5,2% tổng số hộ``) is only grouped with shares of
  the same named whole; shares in a change or comparison clause (``tăng``, ``so với``) are not
  shares; percentages marked only by a label (``đạt 88,46%``) are shares only as the two halves of
  a pair. Without ``cơ cấu``, a pair or a remainder, shares are of one whole only when they name
  one thing (``dân tộc Mông …, dân tộc Tày …``): ``nữ chiếm 45,2%, dân tộc thiểu số chiếm
  62,1%`` are shares of different attributes, which overlap. Shares that each follow their own count of one noun (``12 xã (chiếm 12,12%); 36 xã
  (chiếm 36,36%)``) and agree on the whole they are taken of may be overlapping categories (``83
  xã miền núi``), so they are not a group when they add up to more than 100%;
- **breakdowns under a total**: a quantity followed closely by ``trong đó`` (some parts) or
  ``gồm`` / ``bao gồm`` (all parts), then parts in the same dimension up to the end of the
  sentence (or of the parenthesis the marker opens); parts in nested parentheses, per-unit
  figures (``mỗi kho``), changes and results (``… thành 06 trường``) are not parts, and an
  average (``bình quân 13.389 ha``) is not a total;
- **a fraction and its own percentage**: ``45/50 xã, đạt 90%``, ``12/15 chỉ tiêu (80%)``.

Only the sentences of :attr:`Document.flow` that hold a breakdown marker, a fraction or two ``%``
signs are read (found as literals, their bounds searched around them), in one pass.
"""

# No ``from __future__ import annotations``: NamedTuple would compile each field's annotation
# string at import (milliseconds per module).

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

import regex

from vanban_lint.data import load_table
from vanban_lint.document import Document, Span
from vanban_lint.extract.numbers import Fraction, Numbers, Quantity, alternation

# Sentence ends: a full stop, ! or ? before a space, an ellipsis, a line end, a table cell.
SENTENCE_END = r"[.!?](?=\s|$)|…|\n|\|"
ITEM_SEPARATOR = r"[,;:()]|\s[-–+]\s"
# What may stand between a fraction's noun and its percentage: ", đạt ", " (", ", chiếm tỷ lệ ".
# This and TOTAL_GAP are only matched whole (fullmatch), so their quantifiers are greedy: the
# answer is the same as with lazy ones, and found without trying every split.
FRACTION_GAP = r"[\p{L} \t]{0,40}[ \t]*(?:[,(][ \t]*)?(?:(?:đạt|chiếm|bằng|tương ứng|tương đương|là|=)[ \t]*)?(?:(?:tỷ lệ|khoảng)[ \t]*)?"
PLAN_AFTER = r"[ \t]*(?:so với[ \t]+)?(?:kế hoạch|chỉ tiêu|mục tiêu|dự toán|nhiệm vụ)"
# What may stand between a total and its breakdown marker: an equivalent in parentheses, a
# short noun phrase, a comma, colon or opening parenthesis.
TOTAL_GAP = r"(?:[ \t]*\([^()]*\))?[\p{L} \t,]{0,60}[ \t]*(?:[,:(][ \t]*)?"
# Words that do not count against a bare label item (``tỷ lệ nữ 51,5%``).
LABEL_FILLERS = frozenset({"tỷ", "lệ", "trong", "đó", "là", "số"})
# Words that do not name what a share is a share of (``và dân tộc Dao chiếm``: ``dân``).
HEAD_FILLERS = LABEL_FILLERS | {"chiếm", "khoảng", "có", "và", "các", "những"}


class ShareGroup(NamedTuple):
    """Percentages of one whole in one sentence; ``complete_by`` says why they must make 100%.

    ``complete_by``: ``None`` (a possibly partial list), ``structure`` (``cơ cấu``), ``pair``
    (a complementary pair) or ``remainder`` (closed by ``còn lại``).
    """

    shares: tuple[Quantity, ...]
    complete_by: str | None

    @property
    def total(self) -> float:
        return sum(q.value for q in self.shares)


class Breakdown(NamedTuple):
    """A total and the parts listed under it (same dimension, scaled to its base unit).

    ``complete``: the marker claims the parts are the whole (``gồm``) or the parts are a
    complementary pair, and the list is not left open (``…``, ``và các …``).
    """

    total: Quantity
    parts: tuple[Quantity, ...]
    marker: str
    marker_span: Span
    complete: bool

    @property
    def parts_sum(self) -> float:
        return sum(p.base_value for p in self.parts)

    @property
    def rounding(self) -> float:
        return self.total.rounding + sum(p.rounding for p in self.parts)


class FractionPercent(NamedTuple):
    """A fraction and the percentage stated for it in the same clause."""

    fraction: Fraction
    percent: Quantity


class NumberGroups(NamedTuple):
    shares: list[ShareGroup]
    breakdowns: list[Breakdown]
    fraction_percents: list[FractionPercent]


class _Family:
    """Whole words of one kind (``tăng``, ``giảm``…), ignoring case: their pattern, and a test
    for any of the words case-folded in a case-folded text (anywhere, not only as whole words)
    for :meth:`_Sentence.may_hold`."""

    __slots__ = ("occurs_in", "search", "finditer")

    def __init__(self, words: Iterable[str]) -> None:
        words = list(words)
        # Standard re: a plain alternation of literals, and faster than one `in` test per word.
        self.occurs_in = re.compile(alternation({w.casefold() for w in words})).search
        pattern = regex.compile(rf"(?<![\p{{L}}]){alternation(words)}(?![\p{{L}}])", regex.IGNORECASE)
        self.search = pattern.search
        self.finditer = pattern.finditer

    def may_occur(self, text: str) -> bool:
        """Whether the pattern may find a word in ``text`` (see :class:`_Sentence`): a test in C,
        several times faster than the pattern's search."""
        folded = text.casefold()
        return len(folded) != len(text) or self.occurs_in(folded) is not None


class _Words:
    """The structure words of ``rules/data/units.yaml`` and this module's patterns (see :func:`words`)."""

    __slots__ = ("share_verb", "structure", "open_structure", "change", "change_or_not_a_part", "not_a_total", "into",
                 "into_longest",
                 "complement", "pairs",
                 "remainder", "marker", "marker_anchors", "complete_markers", "open_end", "sentence_end", "sentence_start",
                 "item_separator", "letters", "parenthesis", "fraction_gap", "plan_after", "total_gap")

    def __init__(self, t: dict) -> None:
        markers = sorted([*t["breakdown_markers"]["partial"], *t["breakdown_markers"]["complete"]], key=len, reverse=True)
        # Case-sensitive with both cases of the first letter, and the word boundary before the
        # marker tested after it: a case-insensitive scan of the whole text is several times slower.
        self.marker = regex.compile(
            r"(?P<m>" + "|".join(f"[{w[0].upper()}{w[0]}]{regex.escape(w[1:])}" for w in markers)
            + r")(?<!\p{L}(?P=m))(?![\p{L}])(?![ \t]+cả\b)",
        )
        # Each marker is found through an anchor: its text after the first letter, or a shorter
        # anchor inside that text (``ồm`` for ``bao gồm``); anchor -> offsets of the marker's start.
        tails = {w[1:] for w in markers}
        anchors: dict[str, set[int]] = {}
        for tail in tails:
            anchor = min((t for t in tails if t in tail), key=len)
            anchors.setdefault(anchor, set()).add(tail.index(anchor) + 1)
        # Each anchor is found by the regex module's search for it as a literal, up to four
        # times faster than str.find where it ends with a frequent letter (``ồm``).
        self.marker_anchors = [(regex.compile(regex.escape(a)).search, offsets) for a, offsets in sorted(anchors.items())]
        self.complete_markers = frozenset(w.lower() for w in t["breakdown_markers"]["complete"])
        self.share_verb = _Family(t["share_verbs"])
        self.structure = _Family(t["structure_words"])
        self.open_structure = _Family(t["open_structures"])
        self.into = regex.compile(rf"(?<!\p{{L}})(?:{alternation(t['into_words'])})[ \t]+\Z", regex.IGNORECASE)
        self.into_longest = max(map(len, t["into_words"]))
        self.change = _Family(t["change_words"])
        self.change_or_not_a_part = _Family([*t["change_words"], *t["not_a_part"]])
        self.not_a_total = _Family(t["not_a_total"])
        self.complement = _Family({w for p in t["complements"] for w in p})
        self.pairs = tuple(frozenset(w.lower() for w in p) for p in t["complements"])
        self.remainder = _Family(t["remainder_words"])
        self.open_end = regex.compile("|".join(regex.escape(w) for w in t["open_list_ends"]), regex.IGNORECASE)
        self.sentence_end = regex.compile(SENTENCE_END)
        self.sentence_start = regex.compile(SENTENCE_END, regex.REVERSE)
        self.item_separator = regex.compile(ITEM_SEPARATOR)
        self.letters = regex.compile(r"\p{L}+")
        self.parenthesis = regex.compile(r"\([^()]*\)")
        self.fraction_gap = regex.compile(FRACTION_GAP, regex.IGNORECASE)
        self.plan_after = regex.compile(PLAN_AFTER, regex.IGNORECASE)
        self.total_gap = regex.compile(TOTAL_GAP)


@lru_cache(maxsize=1)
def words() -> _Words:
    """The structure words and patterns, compiled on first use."""
    return _Words(load_table("units"))


class _Sentence:
    """One sentence ``[start, end)`` of the flow, and which word families it may hold.

    Every text this module searches for a family's words lies inside one sentence, so a
    family's pattern can find nothing there when none of its words occurs in the case-folded
    sentence (case-insensitive matching pairs a character only with one that folds to the same
    character). Where folding changes the sentence's length (``İ``), every family may occur.
    """

    __slots__ = ("flow", "start", "end", "_folded", "_holds")

    def __init__(self, flow: str, start: int, end: int) -> None:
        self.flow = flow
        self.start = start
        self.end = end
        self._folded: str | None = None  # folded when a family is first asked for
        self._holds: dict[_Family, bool] = {}

    def may_hold(self, family: _Family) -> bool:
        holds = self._holds.get(family)
        if holds is None:
            if self._folded is None:
                self._folded = self.flow[self.start:self.end].casefold()
            folded = self._folded
            holds = len(folded) != self.end - self.start or family.occurs_in(folded) is not None
            self._holds[family] = holds
        return holds


def _marker_matches(flow: str, w: _Words) -> list[regex.Match]:
    """The breakdown markers of ``flow`` in order, as ``w.marker.finditer`` finds them.

    The pattern is only tried where an anchor of a marker (a part of it, see ``_Words``)
    occurs, found as a literal: markers are rare, and a scan of the whole text is slow.
    """
    starts = set()
    for search, offsets in w.marker_anchors:
        anchor = search(flow)
        while anchor is not None:  # each occurrence, as str.find finds them (overlapping ones too)
            i = anchor.start()
            starts.update(i - k for k in offsets if i >= k)
            anchor = search(flow, i + 1)
    found: list[regex.Match] = []
    end = 0
    for pos in sorted(starts):
        m = w.marker.match(flow, pos) if pos >= end else None
        if m is not None:
            found.append(m)
            end = m.end()
    return found


def _positions(flow: str, char: str) -> Iterator[int]:
    i = flow.find(char)
    while i >= 0:
        yield i
        i = flow.find(char, i + 1)


def _candidates(flow: str, numbers: Numbers, w: _Words) -> Iterator[tuple[_Sentence, list[regex.Match], list[Fraction], list[int]]]:
    """The sentences holding a breakdown marker, a fraction or two ``%`` signs, in order, with
    their markers, their fractions and the offsets of their ``%`` signs.

    The end of the sentence of each place is searched when the place is reached, its start only
    for a sentence that is yielded (:func:`_sentence`).
    """
    markers = {m.start(): m for m in _marker_matches(flow, w)}
    fractions = {f.start: f for f in numbers.fractions}
    find_end = w.sentence_end.search
    first = end = 0  # the first place of the current sentence and its end
    in_markers: list[regex.Match] = []
    in_fractions: list[Fraction] = []
    percents: list[int] = []
    for pos in sorted([*markers, *fractions, *_positions(flow, "%")]):
        if pos >= end:
            if in_markers or in_fractions or len(percents) >= 2:
                yield _sentence(flow, first, end, w), in_markers, in_fractions, percents
            after = find_end(flow, pos)
            first, end = pos, after.start() if after else len(flow)
            in_markers, in_fractions, percents = [], [], []
        if (marker := markers.get(pos)) is not None:
            in_markers.append(marker)
        elif (fraction := fractions.get(pos)) is not None:
            in_fractions.append(fraction)
        else:
            percents.append(pos)
    if in_markers or in_fractions or len(percents) >= 2:
        yield _sentence(flow, first, end, w), in_markers, in_fractions, percents


def _sentence(flow: str, first: int, end: int, w: _Words) -> _Sentence:
    """The sentence ending at ``end`` whose first place of interest is ``first`` (see :func:`_candidates`).

    Its start is found by a backward search from ``first`` (neither a space nor a sentence end)
    that sees the character at ``first``: a full stop is a sentence end only before a space.
    """
    before = w.sentence_start.search(flow, 0, first + 1)
    return _Sentence(flow, before.end() if before else 0, end)


class _Percents:
    """The percentages of one sentence by the offset of their ``%`` sign, each read from its sign
    when first asked for, or taken from the sentence's quantities when these are read."""

    __slots__ = ("numbers", "sentence_start", "signs", "_read")

    def __init__(self, numbers: Numbers, sent: _Sentence, signs: list[int], qs: list[Quantity] | None) -> None:
        self.numbers = numbers
        self.sentence_start = sent.start
        self.signs = signs
        self._read: dict[int, Quantity | None] = {}
        if qs is not None:
            self._read = dict.fromkeys(signs)
            self._read.update((q.unit_start, q) for q in qs if q.is_percent)

    def at(self, sign: int) -> Quantity | None:
        """The percentage of the ``%`` sign at ``sign`` (None where the sign ends none)."""
        read = self._read
        if sign in read:
            return read[sign]
        q = read[sign] = self.numbers.percent_at(sign, self.sentence_start)
        return q

    def first_after(self, pos: int) -> Quantity | None:
        """The percentage of the first ``%`` sign at ``pos`` or later, or None."""
        i = bisect_left(self.signs, pos)  # the signs are in order
        return None if i == len(self.signs) else self.at(self.signs[i])

    def all(self, without: set[int]) -> list[Quantity]:
        """The percentages in order, but those whose sign is in ``without``."""
        at = self.at
        return [q for sign in self.signs if sign not in without and (q := at(sign)) is not None]


def extract(doc: Document, numbers: Numbers) -> NumberGroups:
    """Share groups, breakdowns and fraction–percent pairs of ``doc``.

    Only sentences holding a breakdown marker, a fraction or two ``%`` signs are read, and of
    those only what a group can use: the percentages (read from their ``%`` signs) where a
    fraction or a share may stand, every quantity where a breakdown marker stands.
    """
    w = words()
    flow = doc.flow
    groups = NumberGroups([], [], [])
    for sent, markers, fractions, signs in _candidates(flow, numbers, w):
        qs = numbers.quantities_in(sent.start, sent.end) if markers else None
        if signs:  # without a sign, a fraction has no percentage and there are no shares
            percents = _Percents(numbers, sent, signs, qs)
            paired: set[int] = set()
            for f in fractions:
                fp = _fraction_percent(flow, f, percents, w)
                if fp is not None:
                    groups.fraction_percents.append(fp)
                    paired.add(fp.percent.unit_start)
            if len(signs) - len(paired) >= 2 and _may_hold_shares(sent, w):
                # A percentage that restates its own fraction (2/3 xã, 66,7%) is not a share of a whole.
                for group in _share_groups(flow, sent, percents.all(without=paired), w):
                    if group.total > 100 and qs is None:
                        qs = numbers.quantities_in(sent.start, sent.end)
                    if group.total <= 100 or not _counted_categories(sent, group, qs):
                        groups.shares.append(group)
        if markers:
            groups.breakdowns.extend(_breakdowns(flow, sent, qs, markers, w))
    return groups


# ----------------------------------------------------------------------------- shares
def _may_hold_shares(sent: _Sentence, w: _Words) -> bool:
    """Whether a word that makes a percentage a share (``cơ cấu``, ``chiếm``, ``nam``) may stand in ``sent``."""
    return sent.may_hold(w.structure) or sent.may_hold(w.share_verb) or sent.may_hold(w.complement)


def _share_groups(flow: str, sent: _Sentence, percents: list[Quantity], w: _Words) -> list[ShareGroup]:
    """The share group of ``percents``, the percentages of ``sent`` in order, if they form one.

    Each share is read from its list item: the words before it (from the previous percentage)
    and after it (to the next item separator). What only some outcomes need (the labels of a
    complementary pair, the head words) is read only where it may be used.
    """
    if len(percents) < 2:
        return []
    structure = sent.may_hold(w.structure) and w.structure.search(flow, sent.start, percents[0].start)
    share_verbs = not structure and sent.may_hold(w.share_verb)
    complements = not structure and sent.may_hold(w.complement)  # the labels of a pair (not read under cơ cấu)
    if not (structure or share_verbs or complements):
        return []  # no word makes a percentage a share
    changes_or_not_parts = sent.may_hold(w.change_or_not_a_part)
    shares: list[Quantity] = []
    labels: list[set[str]] = []
    befores: list[str] = []  # the words before each share
    wholes: set[str] = set()
    prev_end = sent.start
    by_word = False  # whether a share is marked by cơ cấu or chiếm, not only by a label
    for q in percents:
        before = flow[max(prev_end, sent.start):q.start]
        sep = w.item_separator.search(flow, q.unit_end, sent.end)
        after = flow[q.unit_end:sep.start() if sep else sent.end]
        prev_end = q.unit_end
        clause_before = w.item_separator.split(before)[-1] if changes_or_not_parts or not structure else ""
        if ((changes_or_not_parts and w.change_or_not_a_part.search(clause_before))
                or (after and ((sent.may_hold(w.change) and w.change.search(after)) or w.plan_after.match(after)))):
            continue  # a change, a comparison or a rate of attainment, not a share
        is_share = bool(structure) or bool(share_verbs and w.share_verb.search(before))
        item_labels = {m.group().lower() for m in w.complement.finditer(before)} if complements else set()
        if not is_share and not _bare_label_item(clause_before, item_labels, w):
            continue
        by_word = by_word or is_share
        if q.approximate or q.value > 100:
            return []  # an approximate or impossible share: the sum cannot be checked
        if after and (whole := " ".join(w.letters.findall(after.lower()))):
            wholes.add(whole)
        shares.append(q)
        labels.append(item_labels)
        befores.append(before)
    if len(shares) < 2 or len(wholes) > 1:
        return []
    if structure:
        # The structure of the economy is listed by sector without the product taxes: not complete.
        open_list = w.open_structure.search(flow, structure.start(), percents[0].start)
        return [ShareGroup(tuple(shares), None if open_list else "structure")]
    pair = _pair_of(labels, w)
    if pair is not None:
        return [ShareGroup((shares[pair[0]], shares[pair[1]]), "pair")]
    if not by_word:
        return []  # rates marked only by a label ("đạt 88,46%; … đạt 99,86%") are not shares of one whole
    if sent.may_hold(w.remainder) and w.remainder.search(befores[-1]):
        return [ShareGroup(tuple(shares), "remainder")]
    heads = [_head_word(before, w) for before in befores]
    names = all(h[:1].isupper() for h in heads)  # Mông …, Tày …, Dao …: values of one attribute
    if not names and ("" in heads or len({h.lower() for h in heads}) > 1):
        return []  # shares of different attributes (nữ …, dân tộc thiểu số …, đoàn viên …) may overlap
    return [ShareGroup(tuple(shares), None)]


def _head_word(before: str, w: _Words) -> str:
    """The first word naming what the share after ``before`` is a share of, in the nearest clause
    that names something, as written: ``dân`` for ``; dân tộc Tày chiếm``, ``xã`` for ``: 36 xã
    (chiếm``, ``Tày`` for ``, Tày chiếm``."""
    for clause in reversed(w.item_separator.split(before)):
        words = [x for x in w.letters.findall(clause) if x.lower() not in HEAD_FILLERS]
        if words:
            return words[0]
    return ""


def _pair_of(labels: list[set[str]], w: _Words) -> tuple[int, int] | None:
    """The indexes of two shares whose labels are the two halves of a complementary pair, or None."""
    for i, first in enumerate(labels):
        for j in range(i + 1, len(labels)):
            if any(_pair_covered([first, labels[j]], pair) for pair in w.pairs):
                return i, j
    return None


def _counted_categories(sent: _Sentence, group: ShareGroup, qs: list[Quantity]) -> bool:
    """Whether two shares or more of ``group`` each follow a count of one noun and all such
    shares are the count's share of one same whole (within the rounding of the percentage):
    ``95 xã … (chiếm 95,9%), trong đó … 12 xã (chiếm 12,12%) … 83 xã miền núi (chiếm 83,8%)``
    are each 1/99 of the counts. Figures that agree so are categories of one whole that may
    overlap; their sum tells nothing. ``qs``: the quantities of the group's sentence.
    """
    counts = [q for q in qs if q.count and q.multiplier == 1]
    low, high = 0.0, float("inf")
    nouns: set[str] = set()
    counted = 0
    prev_end = sent.start
    for share in group.shares:
        count = next((c for c in reversed(counts) if prev_end <= c.start and c.unit_end <= share.start), None)
        prev_end = share.unit_end
        if count is None:
            continue
        half = 0.5 * 10 ** -share.decimals
        if share.value <= half:
            return False
        counted += 1
        nouns.add(count.unit)
        low = max(low, 100 * count.value / (share.value + half))
        high = min(high, 100 * count.value / (share.value - half))
    return counted >= 2 and len(nouns) == 1 and low <= high


def _bare_label_item(clause: str, labels: set[str], w: _Words) -> bool:
    """``nam 48,5%``, ``tỷ lệ nữ 51,5%``: a complementary label and at most two other words."""
    if not labels:
        return False
    rest = [x for x in w.letters.findall(clause.lower()) if x not in LABEL_FILLERS]
    label_words = sum(len(lbl.split()) for lbl in labels)
    return len(rest) - label_words <= 0


def _pair_covered(labels: list[set[str]], pair: frozenset[str]) -> bool:
    """Whether one item carries one label of ``pair`` and the other item the other label only."""
    a, b = sorted(pair, key=len)
    first, second = labels
    return ((a in first and b not in first and b in second and a not in second)
            or (a in second and b not in second and b in first and a not in first))


# ----------------------------------------------------------------------------- breakdowns
def _breakdowns(flow: str, sent: _Sentence, qs: list[Quantity], markers: list[regex.Match],
                w: _Words) -> list[Breakdown]:
    out = []
    for i, m in enumerate(markers):
        total = _total_before(flow, sent, m.start(), qs, w)
        if total is None:
            continue
        marker = m.group("m").lower()
        opened = flow[total.unit_end:m.start()].rstrip().endswith("(")
        end = _matching_paren(flow, m.end(), sent.end) if opened else sent.end
        # The next marker, if it cuts the list: the one a search from m.end() finds (markers do not overlap).
        nested = markers[i + 1] if i + 1 < len(markers) and markers[i + 1].start() < end else None
        parts = _parts(flow, sent, m.end(), nested.start() if nested else end, end, total, qs, w)
        if not parts:
            continue
        # An open end in the rest of the list, and a few characters on (the text of ``…`` after it).
        open_list = nested is not None or bool(w.open_end.search(flow, parts[-1].unit_end, end + 3))
        complete = not open_list and len(parts) >= 2 and (
            marker in w.complete_markers or _labelled_pair(flow, sent, m.end(), parts, w))
        out.append(Breakdown(total, tuple(parts), m.group("m"), Span(m.start("m"), m.end("m")), complete))
    return out


def _total_before(flow: str, sent: _Sentence, marker_start: int, qs: list[Quantity], w: _Words) -> Quantity | None:
    """The quantity the marker belongs to: close before it, with only a short noun phrase between,
    and not an average or per-unit figure (``not_a_total`` in its clause).

    An equivalent in parentheses may stand between (``98.037.000 sản phẩm/năm (tương đương
    420,9 tấn/năm), trong đó``): the total is then the quantity before the parenthesis.
    """
    last = bisect_left(qs, marker_start, key=_start)  # only the few quantities right before are read
    before = [q for q in qs[max(0, last - 4):last] if q.unit_end <= marker_start][-2:]
    for q in reversed(before):
        gap = flow[q.unit_end:marker_start]
        if w.total_gap.fullmatch(gap) is None or " và " in f" {gap} ":
            continue
        # Nine words take 17 characters or more: a shorter gap is not counted.
        if q.is_percent or q.approximate or (
                len(gap) > 16 and len(w.letters.findall(w.parenthesis.sub("", gap) if "(" in gap else gap)) > 8):
            return None
        if not sent.may_hold(w.not_a_total):
            return q
        clause = w.item_separator.split(flow[max(sent.start, q.start - 80):q.start])[-1]
        return None if w.not_a_total.search(clause) else q
    return None


def _start(q: Quantity) -> int:
    return q.start


def _into_before(flow: str, clause_start: int, pos: int, w: _Words) -> bool:
    """Whether the clause reads a new value right before ``pos`` (``tăng lên 5 tỷ``, ``chia thành
    3 phần``): only the last word before the number's spaces is read, so each quantity costs its gap."""
    word_end = pos
    while word_end > clause_start and flow[word_end - 1] in " \t":
        word_end -= 1
    if word_end == pos:
        return False  # the pattern ends with spaces
    return w.into.search(flow, max(clause_start, word_end - w.into_longest), pos) is not None


def _matching_paren(flow: str, pos: int, limit: int) -> int:
    depth = 1
    for i in range(pos, limit):
        c = flow[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
    return limit


def _parts(flow: str, sent: _Sentence, start: int, stop: int, end: int, total: Quantity, qs: list[Quantity],
           w: _Words) -> list[Quantity]:
    """Parts at parenthesis depth 0 after the marker (at ``start``), up to ``stop`` (another
    marker, or ``end``, the end of the list)."""
    parts = []
    depth = 0
    pos = start
    changes_or_not_parts = sent.may_hold(w.change_or_not_a_part)
    # Separators are found once each, left to right, and a clause is read once for all its
    # quantities: a long list or a list without separators is read in linear time.
    clause_start, scanned, sep, searched, read = start, start, None, False, {}
    for i in range(bisect_left(qs, start, key=_start), len(qs)):  # not a copy of the rest of qs: the list may be long
        q = qs[i]
        if q.start >= stop:
            break
        depth += flow.count("(", pos, q.start) - flow.count(")", pos, q.start)
        pos = q.start
        if depth > 0 or q.dimension != total.dimension or q.is_percent:
            continue
        if q.approximate:
            return []
        for m in w.item_separator.finditer(flow, scanned, q.start):
            clause_start = max(clause_start, m.end())
        scanned = q.start
        if changes_or_not_parts:  # else no clause holds such a word: its end is not needed
            if not searched or (sep is not None and sep.start() < q.unit_end):
                sep, searched = w.item_separator.search(flow, q.unit_end, end), True
            bounds = (clause_start, sep.start() if sep else end)
            if bounds not in read:
                read[bounds] = bool(w.change_or_not_a_part.search(flow[slice(*bounds)]))
            if read[bounds]:
                continue
        if _into_before(flow, clause_start, q.start, w):
            continue
        parts.append(q)
    return parts


def _labelled_pair(flow: str, sent: _Sentence, start: int, parts: list[Quantity], w: _Words) -> bool:
    """``trong đó nam 6.100 người, nữ 6.407 người``: the parts are the two halves of a pair."""
    if len(parts) != 2 or not sent.may_hold(w.complement):
        return False
    labels = [
        {m.group().lower() for m in w.complement.finditer(flow, start, parts[0].start)},
        {m.group().lower() for m in w.complement.finditer(flow, parts[0].unit_end, parts[1].start)},
    ]
    return any(_pair_covered(labels, pair) for pair in w.pairs)


# ----------------------------------------------------------------------------- fractions
def _fraction_percent(flow: str, f: Fraction, percents: _Percents, w: _Words) -> FractionPercent | None:
    """``f`` and the percentage right after it, if stated for it.

    The gap allowed between them holds neither a digit nor ``%``: the percentage is the one of
    the first ``%`` sign after the fraction, and no other quantity stands before it.
    """
    nxt = percents.first_after(f.unit_end)
    if nxt is None or nxt.approximate:
        return None
    gap = flow[f.unit_end:nxt.start]
    # Eleven words take 21 characters or more: a shorter gap is not counted.
    if ((len(gap) > 20 and len(w.letters.findall(gap)) > 10) or (w.change.may_occur(gap) and w.change.search(gap))
            or not w.fraction_gap.fullmatch(gap)):
        return None
    if w.plan_after.match(flow, nxt.unit_end):
        return None
    return FractionPercent(f, nxt)
