"""The words of a document: runs of letters of :attr:`Document.flow` and where they start.

A word is a run of letters (no digit, no underscore); everything else separates words. The list
is made once per document by splitting the text (several times faster than a match object per
word) a block at a time, so that the separators of a large file are never all held at once,
with each distinct word kept once (interned) and the offsets in an array; it is shared by the
rules that read words (CT, OR103).
"""

from __future__ import annotations

import re
import weakref
from array import array
from functools import cached_property
from itertools import accumulate, islice
from sys import intern

from vanban_lint.document import Document

_SPLIT = re.compile(r"([^\W\d_]+)")
_NOT_LETTER = re.compile(r"[\W\d_]")
_BLOCK = 1 << 16  # characters split at a time (extended to the end of the word it cuts)


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
