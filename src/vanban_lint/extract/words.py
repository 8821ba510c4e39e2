"""The words of a document: runs of letters of :attr:`Document.flow` and where they start.

A word is a run of letters (no digit, no underscore); everything else separates words. The list
is made once per document by one split of the text (several times faster than a match object
per word) and shared by the rules that read words (CT, OR103).
"""

from __future__ import annotations

import re
import weakref
from functools import cached_property
from itertools import accumulate

from vanban_lint.document import Document

_SPLIT = re.compile(r"([^\W\d_]+)")


class Words:
    """The words of a document as written (``text``) and their start offsets (``starts``)."""

    def __init__(self, text: list[str], starts: list[int]) -> None:
        self.text = text
        self.starts = starts

    @cached_property
    def lower(self) -> list[str]:
        """The words in lower case (made on first use)."""
        return list(map(str.lower, self.text))

    def adjacent(self, i: int) -> bool:
        """Whether word ``i`` and the next are separated by exactly one character."""
        return i + 1 < len(self.starts) and self.starts[i] + len(self.text[i]) + 1 == self.starts[i + 1]


_CACHE: "weakref.WeakKeyDictionary[Document, Words]" = weakref.WeakKeyDictionary()


def words(doc: Document) -> Words:
    """The :class:`Words` of ``doc`` (computed once per document)."""
    found = _CACHE.get(doc)
    if found is None:
        parts = _SPLIT.split(doc.flow)
        offsets = list(accumulate(map(len, parts), initial=0))
        found = _CACHE[doc] = Words(parts[1::2], offsets[1::2])
    return found
