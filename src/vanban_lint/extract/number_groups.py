"""How the quantities of one sentence relate: shares of a whole, breakdowns, fraction and percent.

Reports state structure with a small set of words (kept in ``rules/data/units.yaml``):

- **shares of one whole**: percentages introduced by ``chiếm`` (``Dân tộc Mông chiếm 40,1%;
  dân tộc Tày chiếm 22,5%``) or listed under ``cơ cấu``; the group is *complete* (it must add
  up to 100%) under ``cơ cấu``, when its two shares carry the two labels of a complementary pair
  (``nam … nữ``, ``đạt … chưa đạt``), or when its last share is the remainder (``còn lại``).
  A share that names its own whole (``chiếm 5,2% tổng số hộ``) is only grouped with shares of
  the same named whole; shares in a change or comparison clause (``tăng``, ``so với``) are not
  shares;
- **breakdowns under a total**: a quantity followed closely by ``trong đó`` (some parts) or
  ``gồm`` / ``bao gồm`` (all parts), then parts in the same dimension up to the end of the
  sentence (or of the parenthesis the marker opens); parts in nested parentheses, per-unit
  figures (``mỗi kho``) and changes are not parts;
- **a fraction and its own percentage**: ``45/50 xã, đạt 90%``, ``12/15 chỉ tiêu (80%)``.

Each structure is found in one pass over the sentences of :attr:`Document.flow`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import regex

from vanban_lint.data import load_table
from vanban_lint.document import Document, Span
from vanban_lint.extract.numbers import Fraction, Numbers, Quantity

# Sentence ends: a full stop, ! or ? before a space, an ellipsis, a line end, a table cell.
SENTENCE_END = regex.compile(r"[.!?](?=\s|$)|…|\n|\|")
ITEM_SEPARATOR = regex.compile(r"[,;:()]|\s[-–+]\s")
WORDS = regex.compile(r"\p{L}+")
# What may stand between a fraction's noun and its percentage: ", đạt ", " (", ", chiếm tỷ lệ ".
FRACTION_GAP = regex.compile(
    r"[\p{L} \t]{0,40}?[ \t]*[,(]?[ \t]*(?:đạt|chiếm|bằng|tương ứng|tương đương|là|=)?[ \t]*(?:tỷ lệ|khoảng)?[ \t]*",
    regex.IGNORECASE,
)
PLAN_AFTER = regex.compile(r"[ \t]*(?:so với[ \t]+)?(?:kế hoạch|chỉ tiêu|mục tiêu|dự toán|nhiệm vụ)", regex.IGNORECASE)


@dataclass(frozen=True)
class ShareGroup:
    """Percentages of one whole in one sentence; ``complete_by`` says why they must make 100%.

    ``complete_by``: ``None`` (a possibly partial list), ``structure`` (``cơ cấu``), ``pair``
    (a complementary pair) or ``remainder`` (closed by ``còn lại``).
    """

    shares: tuple[Quantity, ...]
    complete_by: str | None

    @property
    def total(self) -> float:
        return sum(q.value for q in self.shares)


@dataclass(frozen=True)
class Breakdown:
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


@dataclass(frozen=True)
class FractionPercent:
    """A fraction and the percentage stated for it in the same clause."""

    fraction: Fraction
    percent: Quantity


@dataclass
class NumberGroups:
    shares: list[ShareGroup]
    breakdowns: list[Breakdown]
    fraction_percents: list[FractionPercent]


@dataclass(frozen=True)
class _Words:
    share_verb: regex.Pattern
    structure: regex.Pattern
    not_a_part: regex.Pattern
    change: regex.Pattern
    complement: regex.Pattern
    pairs: tuple[frozenset[str], ...]
    remainder: regex.Pattern
    marker: regex.Pattern
    complete_markers: frozenset[str]
    open_end: regex.Pattern


def _words_re(words, flags=regex.IGNORECASE) -> regex.Pattern:
    alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alt})(?![\p{{L}}])", flags)


@lru_cache(maxsize=1)
def words() -> _Words:
    """The structure words of ``rules/data/units.yaml``, compiled once."""
    t = load_table("units")
    pairs = tuple(frozenset(w.lower() for w in p) for p in t["complements"])
    markers = t["breakdown_markers"]
    # Case-sensitive with both cases of the first letter, and the word boundary before the
    # marker tested after it: a case-insensitive scan of the whole text is several times slower.
    marker_re = regex.compile(
        r"(?P<m>" + "|".join(f"[{w[0].upper()}{w[0]}]{regex.escape(w[1:])}" for w in sorted(
            [*markers["partial"], *markers["complete"]], key=len, reverse=True))
        + r")(?<!\p{L}(?P=m))(?![\p{L}])(?![ \t]+cả\b)",
    )
    return _Words(
        _words_re(t["share_verbs"]), _words_re(t["structure_words"]), _words_re(t["not_a_part"]), _words_re(t["change_words"]),
        _words_re({w for p in t["complements"] for w in p}), pairs, _words_re(t["remainder_words"]),
        marker_re, frozenset(w.lower() for w in markers["complete"]),
        regex.compile("|".join(regex.escape(w) for w in t["open_list_ends"]), regex.IGNORECASE),
    )


def sentence_bounds(flow: str) -> list[int]:
    """Offsets of the sentence ends of ``flow`` (see ``SENTENCE_END``); each is one character."""
    return [m.start() for m in SENTENCE_END.finditer(flow)]


def _sentence_at(bounds: list[int], pos: int, length: int) -> tuple[int, Span]:
    i = bisect_right(bounds, pos)
    start = bounds[i - 1] + 1 if i else 0
    return i, Span(start, bounds[i] if i < len(bounds) else length)


def extract(doc: Document, numbers: Numbers) -> NumberGroups:
    """Share groups, breakdowns and fraction–percent pairs of ``doc``.

    Only sentences holding a breakdown marker, a fraction or two percentages are looked at.
    """
    w = words()
    flow = doc.flow
    bounds = sentence_bounds(flow)
    quantities = numbers.quantities
    starts = [q.span.start for q in quantities]
    markers: dict[int, list[regex.Match]] = {}
    percents: dict[int, int] = {}
    fractions: dict[int, list[Fraction]] = {}
    sents: dict[int, Span] = {}
    for m in w.marker.finditer(flow):
        i, sents[i] = _sentence_at(bounds, m.start(), len(flow))
        markers.setdefault(i, []).append(m)
    for q in quantities:
        if q.is_percent:
            i, sents[i] = _sentence_at(bounds, q.span.start, len(flow))
            percents[i] = percents.get(i, 0) + 1
    for f in numbers.fractions:
        i, sents[i] = _sentence_at(bounds, f.span.start, len(flow))
        fractions.setdefault(i, []).append(f)
    groups = NumberGroups([], [], [])
    for i in sorted(sents):
        if i not in markers and i not in fractions and percents.get(i, 0) < 2:
            continue
        sent = sents[i]
        in_sentence = quantities[bisect_left(starts, sent.start):bisect_left(starts, sent.end)]
        if percents.get(i, 0) >= 2:
            groups.shares.extend(_share_groups(flow, sent, in_sentence, w))
        if i in markers:
            groups.breakdowns.extend(_breakdowns(flow, sent, in_sentence, markers[i], w))
        for f in fractions.get(i, ()):
            fp = _fraction_percent(flow, f, in_sentence, w)
            if fp is not None:
                groups.fraction_percents.append(fp)
    return groups


# ----------------------------------------------------------------------------- shares
def _item(flow: str, sent: Span, q: Quantity, prev_end: int) -> tuple[str, str]:
    """The words of ``q``'s list item before it (from the previous share) and after it."""
    before = flow[max(prev_end, sent.start):q.span.start]
    after_end = q.unit_span.end
    m = ITEM_SEPARATOR.search(flow, after_end, sent.end)
    return before, flow[after_end:m.start() if m else sent.end]


def _share_groups(flow: str, sent: Span, qs: list[Quantity], w: _Words) -> list[ShareGroup]:
    percents = [q for q in qs if q.is_percent]
    if len(percents) < 2:
        return []
    structure = w.structure.search(flow, sent.start, percents[0].span.start)
    shares: list[Quantity] = []
    labels: list[set[str]] = []
    wholes: set[str] = set()
    prev_end = sent.start
    last_before = ""
    for q in percents:
        before, after = _item(flow, sent, q, prev_end)
        prev_end = q.unit_span.end
        clause_before = ITEM_SEPARATOR.split(before)[-1]
        if (w.change.search(clause_before) or w.not_a_part.search(clause_before) or w.change.search(after)
                or PLAN_AFTER.match(after)):
            continue  # a change, a comparison or a rate of attainment, not a share
        is_share = bool(structure) or bool(w.share_verb.search(before))
        item_labels = {m.group().lower() for m in w.complement.finditer(before)}
        if not is_share and not _bare_label_item(clause_before, item_labels):
            continue
        if q.approximate or q.value > 100:
            return []  # an approximate or impossible share: the sum cannot be checked
        whole = " ".join(WORDS.findall(after.lower()))
        if whole:
            wholes.add(whole)
        shares.append(q)
        labels.append(item_labels)
        last_before = before
    if len(shares) < 2 or len(wholes) > 1:
        return []
    complete_by = None
    if structure:
        complete_by = "structure"
    elif len(shares) == 2 and any(_pair_covered(labels, pair) for pair in w.pairs):
        complete_by = "pair"
    elif w.remainder.search(last_before):
        complete_by = "remainder"
    return [ShareGroup(tuple(shares), complete_by)]


def _bare_label_item(clause: str, labels: set[str]) -> bool:
    """``nam 48,5%``, ``tỷ lệ nữ 51,5%``: a complementary label and at most two other words."""
    if not labels:
        return False
    rest = [x for x in WORDS.findall(clause.lower()) if x not in {"tỷ", "lệ", "trong", "đó", "là", "số"}]
    label_words = sum(len(lbl.split()) for lbl in labels)
    return len(rest) - label_words <= 0


def _pair_covered(labels: list[set[str]], pair: frozenset[str]) -> bool:
    a, b = sorted(pair, key=len)
    first, second = labels
    return (a in first and b in second and b not in first) or (a in second and b in first and b not in second)


# ----------------------------------------------------------------------------- breakdowns
TOTAL_GAP = regex.compile(r"(?:[ \t]*\([^()]*\))?[\p{L} \t,]{0,60}?[ \t]*[,:(]?[ \t]*")


def _breakdowns(flow: str, sent: Span, qs: list[Quantity], markers: list[regex.Match],
                w: _Words) -> list[Breakdown]:
    out = []
    for m in markers:
        total = _total_before(flow, m.start(), qs)
        if total is None:
            continue
        marker = m.group("m").lower()
        opened = flow[total.unit_span.end:m.start()].rstrip().endswith("(")
        end = _matching_paren(flow, m.end(), sent.end) if opened else sent.end
        parts, truncated = _parts(flow, m.end(), end, total, qs, w)
        if not parts:
            continue
        tail = flow[parts[-1].unit_span.end:end + 3]
        open_list = truncated or bool(w.open_end.search(tail))
        complete = not open_list and len(parts) >= 2 and (
            marker in w.complete_markers or _labelled_pair(flow, m.end(), parts, w))
        out.append(Breakdown(total, tuple(parts), m.group("m"), Span(m.start("m"), m.end("m")), complete))
    return out


def _total_before(flow: str, marker_start: int, qs: list[Quantity]) -> Quantity | None:
    """The quantity the marker belongs to: close before it, with only a short noun phrase between.

    An equivalent in parentheses may stand between (``98.037.000 sản phẩm/năm (tương đương
    420,9 tấn/năm), trong đó``): the total is then the quantity before the parenthesis.
    """
    before = [q for q in qs if q.unit_span.end <= marker_start][-2:]
    for q in reversed(before):
        gap = flow[q.unit_span.end:marker_start]
        if TOTAL_GAP.fullmatch(gap) is None or " và " in f" {gap} ":
            continue
        if len(WORDS.findall(regex.sub(r"\([^()]*\)", "", gap))) > 8 or q.is_percent or q.approximate:
            return None
        return q
    return None


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


def _parts(flow: str, start: int, end: int, total: Quantity, qs: list[Quantity],
           w: _Words) -> tuple[list[Quantity], bool]:
    """Parts at parenthesis depth 0 after the marker; ``truncated`` when another marker cuts in."""
    parts = []
    depth = 0
    pos = start
    nested = w.marker.search(flow, start, end)
    stop = nested.start() if nested else end
    for q in qs:
        if q.span.start < start or q.span.start >= stop:
            continue
        depth += flow.count("(", pos, q.span.start) - flow.count(")", pos, q.span.start)
        pos = q.span.start
        if depth > 0 or q.dimension != total.dimension or q.is_percent:
            continue
        if q.approximate:
            return [], True
        clause_start = max(start, *(m.end() for m in ITEM_SEPARATOR.finditer(flow, start, q.span.start)), start)
        sep = ITEM_SEPARATOR.search(flow, q.unit_span.end, end)
        clause = flow[clause_start:sep.start() if sep else end]
        if w.not_a_part.search(clause) or w.change.search(clause):
            continue
        parts.append(q)
    return parts, nested is not None


def _labelled_pair(flow: str, start: int, parts: list[Quantity], w: _Words) -> bool:
    """``trong đó nam 6.100 người, nữ 6.407 người``: the parts are the two halves of a pair."""
    if len(parts) != 2:
        return False
    labels = [
        {m.group().lower() for m in w.complement.finditer(flow, start, parts[0].span.start)},
        {m.group().lower() for m in w.complement.finditer(flow, parts[0].unit_span.end, parts[1].span.start)},
    ]
    return any(_pair_covered(labels, pair) for pair in w.pairs)


# ----------------------------------------------------------------------------- fractions
def _fraction_percent(flow: str, f: Fraction, qs: list[Quantity], w: _Words) -> FractionPercent | None:
    nxt = next((q for q in qs if q.span.start >= f.unit_span.end), None)
    if nxt is None or not nxt.is_percent or nxt.approximate:
        return None
    gap = flow[f.unit_span.end:nxt.span.start]
    if not FRACTION_GAP.fullmatch(gap) or w.change.search(gap) or len(WORDS.findall(gap)) > 10:
        return None
    if PLAN_AFTER.match(flow, nxt.unit_span.end):
        return None
    return FractionPercent(f, nxt)
