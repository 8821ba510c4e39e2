"""The words of a document: runs of letters of :attr:`Document.flow` and where they start.

A word is a run of letters (no digit, no underscore); everything else separates words.

Most rules about words look for a few bad words or pairs among a million good ones. They start
from the :class:`Vocabulary` (each distinct word once, and the pairs of words that stand next to
each other: a few C-level passes over the document, no object kept per word) and visit only the
places of the words they flag (:func:`occurrences`, :func:`words_around`), in the whole text when
they are few, else in the blocks of the text that hold them (:meth:`Vocabulary.locate`). The full
list of words (:func:`words`) is made once per document by splitting the text (several times
faster than a match object per word) a block at a time, so that the separators of a large file
are never all held at once, with each distinct word kept once (interned) and the offsets in an
array; it serves the rules that compare every word with its neighbours (OR103).
"""

from __future__ import annotations

import re
import weakref
from array import array
from collections import defaultdict
from collections.abc import Iterator, Set
from functools import cached_property
from itertools import accumulate, islice
from sys import intern

from vanban_lint.document import Document

_SPLIT = re.compile(r"([^\W\d_]+)")
_WORD = re.compile(r"[^\W\d_]+")
_NOT_LETTER = re.compile(r"[\W\d_]")
_BLOCK = 1 << 16  # characters split at a time (extended to the end of the word it cuts)
_LINES_BLOCK = 1 << 20  # characters (or bytes) of lines read at a time (see Vocabulary)
_LOCATE_BLOCK = 1 << 13  # characters of the flow read at a time by Vocabulary.locate (extended to a line end)
_JOINED_MAX = 1 << 16  # pairs of tokens looked for as such by Vocabulary.locate, at most
_COMPACT = 4  # "compact": the distinct lines (in bytes) a quarter of the document (in characters) at most
# UTF-8 bytes to blank before comparing lines: every ASCII character but letters and the newline.
# Letters and the other characters (all of them non-ASCII, so several bytes long) are kept.
_BLANK_ASCII = bytes(c if c == 10 or c >= 128 or chr(c).isalpha() else 32 for c in range(256))


class Words:
    """The words of a document as written (``text``) and their start offsets (``starts``)."""

    def __init__(self, text: list[str], starts: array) -> None:
        self.text = text
        self.starts = starts

    @cached_property
    def lower(self) -> list[str]:
        """The words in lower case (made on first use; each distinct word lowered once)."""
        lowered = {w: intern(w.lower()) for w in set(self.text)}
        return list(map(lowered.__getitem__, self.text))

    def adjacent(self, i: int) -> bool:
        """Whether word ``i`` and the next are separated by exactly one character."""
        return i + 1 < len(self.starts) and self.starts[i] + len(self.text[i]) + 1 == self.starts[i + 1]


def is_letter(c: str) -> bool:
    """Whether the character ``c`` belongs to a word (``[^\\W\\d_]``, without a regex call)."""
    return c.isalnum() and not c.isdecimal()


_CACHE: "weakref.WeakKeyDictionary[Document, Words]" = weakref.WeakKeyDictionary()


def words(doc: Document) -> Words:
    """The :class:`Words` of ``doc`` (computed once per document)."""
    found = _CACHE.get(doc)
    if found is None:
        found = _CACHE[doc] = _scan(doc.flow)
    return found


def _scan(flow: str) -> Words:
    text: list[str] = []
    starts = array("q")
    pos, n = 0, len(flow)
    while pos < n:
        end = n if pos + _BLOCK >= n else _block_end(flow, pos + _BLOCK)
        parts = _SPLIT.split(flow[pos:end])
        text.extend(map(intern, islice(parts, 1, None, 2)))
        # the offsets of the parts (the last item of accumulate is the block's end: not a part)
        starts.extend(islice(accumulate(map(len, parts), initial=pos), 1, len(parts), 2))
        pos = end
    return Words(text, starts)


def _block_end(flow: str, at: int) -> int:
    """The first position at or after ``at`` that is not inside a word."""
    m = _NOT_LETTER.search(flow, at)
    return m.start() if m else len(flow)


def words_around(text: str, start: int, end: int, before: int, after: int) -> tuple[Words, int]:
    """The words of ``text`` from the ``before``-th word before ``start`` to the ``after``-th word
    after ``end`` (fewer at the ends of the text), and the index among them of the first word at
    or after ``start``. ``start`` and ``end`` must not cut a word.

    The offsets and neighbours are those of the words of the whole text (:func:`words`), read
    only around one place: the rules that flag a few places read their context so.
    """
    found = _words_before(text, start, before)
    first, extra = len(found), 0
    for m in _WORD.finditer(text, start):
        if m.start() >= end:
            if extra == after:
                break
            extra += 1
        found.append((m.start(), m.group()))
    return Words([w for _, w in found], array("q", [s for s, _ in found])), first


def _words_before(text: str, pos: int, count: int) -> list[tuple[int, str]]:
    """The last ``count`` words (start, word) that end at or before ``pos`` (fewer at the start)."""
    width = 64
    while True:
        lo = max(0, pos - width)
        found = [(m.start(), m.group()) for m in _WORD.finditer(text, lo, pos)]
        if found and found[0][0] == lo and lo and is_letter(text[lo - 1]):
            found = found[1:]  # only the end of a word that starts before the window
        if len(found) >= count or lo == 0:
            return found[max(0, len(found) - count):]
        width *= 4


def occurrences(text: str, phrase: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """The offsets of ``phrase`` in ``text[start:end]`` where it is not part of a longer word (no
    letter just before or after it in ``text``), in order; ``str.find`` scans for it in C."""
    size = len(phrase)
    i = text.find(phrase, start, end)
    while i != -1:
        after = i + size
        if not (i and is_letter(text[i - 1])) and not (after < len(text) and is_letter(text[after])):
            yield i
        i = text.find(phrase, i + 1, end)


class Vocabulary:
    """The distinct words of :attr:`Document.flow` as written (``words``) and in lower case
    (``lower``), and which pairs of words stand next to each other (:meth:`adjacent`), read from
    each distinct line once.

    Lines are compared as UTF-8 with their ASCII figures and punctuation blanked (``lines``, each
    distinct one once), so that the lines of a long table or a generated report that differ only
    by their numbers count once; only the distinct lines are split into tokens (separated by
    blanks), and only the distinct tokens into words. The tokens are split again, a block of
    lines at a time, for each :meth:`adjacent` question: a few passes in C, no object kept per
    word of the document. :meth:`locate` reads the document itself a block at a time, to tell
    where words or pairs stand.
    """

    def __init__(self, lines: bytes, size: int) -> None:
        self.lines = lines
        # The lines much shorter than the document (``size`` characters): a pass over them (as
        # :meth:`adjacent` makes) costs little beside one over the document.
        self.compact = len(lines) * _COMPACT <= size
        self._first: dict[bytes, str] = {}  # a distinct token -> its first word in lower case ("" if none)
        self._last: dict[bytes, str] = {}  # ... and its last word
        self._inner: dict[bytes, list[str]] = {}  # a token of more than two words -> the words between
        words: set[str] = set()
        for chunk in _chunks(lines):
            for token in set(chunk.split()).difference(self._first):
                found = _WORD.findall(token.decode())
                words.update(found)
                self._first[token], self._last[token] = (found[0].lower(), found[-1].lower()) if found else ("", "")
                if len(found) > 2:
                    self._inner[token] = [w.lower() for w in found[1:-1]]
        self.words = frozenset(words)

    @cached_property
    def lower(self) -> frozenset[str]:
        """The distinct words in lower case."""
        return frozenset(map(str.lower, self.words))

    def adjacent(self, pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """The pairs of words (lower case) among ``pairs`` that may stand next to each other in the
        document, with only blanks or ASCII punctuation or figures between them; a pair left out
        is surely not in the document with single spaces or tabs between its words."""
        found: set[tuple[str, str]] = set()
        for chunk in _chunks(self.lines):
            tokens = chunk.split()
            ends = zip(map(self._last.__getitem__, tokens), map(self._first.__getitem__, islice(tokens, 1, None)))
            found.update(filter(pairs.__contains__, ends))
        return found

    def locate(self, flow: str, words: Set[str] = frozenset(),
               pairs: Set[tuple[str, str]] = frozenset()) -> list[tuple[int, int, set]]:
        """The blocks ``[start, end)`` of whole lines of ``flow`` (the document's) that may hold
        one of ``words`` or one of ``pairs`` of words next to each other (lower case, as for
        :meth:`adjacent`), each with those of ``words`` and ``pairs`` it may hold; a block left
        out holds none. A block at a time is encoded and split into tokens as the lines are, and
        its tokens are tested against the few that matter (set lookups in C): one pass over the
        document for any number of words or pairs, where ``str.find`` makes one for each."""
        holding = {t for t, w in self._first.items()
                   if w in words or self._last[t] in words or not words.isdisjoint(self._inner.get(t, ()))} if words else set()
        firsts, seconds = {a for a, _ in pairs}, {b for _, b in pairs}
        ends = {t: w for t, w in self._last.items() if w in firsts}  # the tokens that may open a pair
        starts = {t: w for t, w in self._first.items() if w in seconds}  # ... and close one
        joined = _joined(ends, starts, pairs)
        found_blocks = []
        pos = 0
        while pos < len(flow):
            end = flow.find("\n", pos + _LOCATE_BLOCK) + 1 or len(flow)
            tokens = flow[pos:end].encode().translate(_BLANK_ASCII).split()
            found: set = set()
            if holding and not holding.isdisjoint(tokens):
                found.update(w for t in holding.intersection(tokens) for w in self._words_of(t) if w in words)
            if joined is not None:
                found.update((ends[a], starts[b]) for a, b in joined.intersection(zip(tokens, islice(tokens, 1, None))))
            elif pairs:
                found.update(pairs.intersection(zip(map(ends.get, tokens), map(starts.get, islice(tokens, 1, None)))))
            if found:
                found_blocks.append((pos, end, found))
            pos = end
        return found_blocks

    def _words_of(self, token: bytes) -> list[str]:
        """The words of a token of the document, in lower case."""
        return [self._first[token], *self._inner.get(token, ()), self._last[token]]


def _joined(ends: dict[bytes, str], starts: dict[bytes, str],
            pairs: Set[tuple[str, str]]) -> set[tuple[bytes, bytes]] | None:
    """The pairs of tokens ``x y`` whose words ``ends[x] starts[y]`` make one of ``pairs``: their
    tokens are then found next to each other by one set lookup. None if there are more than
    ``_JOINED_MAX`` (many forms of the same words): the words of each token are then read."""
    by_end: dict[str, list[bytes]] = defaultdict(list)
    by_start: dict[str, list[bytes]] = defaultdict(list)
    for token, word in ends.items():
        by_end[word].append(token)
    for token, word in starts.items():
        by_start[word].append(token)
    if sum(len(by_end[a]) * len(by_start[b]) for a, b in pairs) > _JOINED_MAX:
        return None
    return {(x, y) for a, b in pairs for x in by_end[a] for y in by_start[b]}


def _chunks(lines: bytes) -> Iterator[bytes]:
    """``lines`` a block of whole lines at a time (the tokens of a large file are never all held)."""
    pos = 0
    while pos < len(lines):
        end = lines.find(b"\n", pos + _LINES_BLOCK) + 1 or len(lines)
        yield lines[pos:end]
        pos = end


_VOCABULARY: "weakref.WeakKeyDictionary[Document, Vocabulary]" = weakref.WeakKeyDictionary()


def vocabulary(doc: Document) -> Vocabulary:
    """The :class:`Vocabulary` of ``doc`` (computed once per document)."""
    found = _VOCABULARY.get(doc)
    if found is None:
        found = _VOCABULARY[doc] = Vocabulary(_distinct_lines(doc.flow), len(doc.flow))
    return found


def _distinct_lines(text: str) -> bytes:
    """Each distinct line of ``text`` once, in UTF-8 with ASCII characters other than letters
    blanked, joined by newlines (in no particular order). A block of lines at a time is encoded."""
    distinct: set[bytes] = set()
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos + _LINES_BLOCK) + 1 or len(text)
        distinct.update(text[pos:end].encode().translate(_BLANK_ASCII).split(b"\n"))
        pos = end
    return b"\n".join(distinct)
