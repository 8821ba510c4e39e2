"""The words of a document: runs of letters of :attr:`Document.flow` and where they start.

A word is a run of letters (no digit, no underscore); everything else separates words. The list
is made once per document by one split of the text (several times faster than a match object
per word) and shared by the rules that read words (CT, OR103).
"""

from __future__ import annotations

import re
import weakref
from itertools import accumulate
from typing import NamedTuple

from vanban_lint.document import Document

_SPLIT = re.compile(r"([^\W\d_]+)")


class Words(NamedTuple):
    """The words of a document as written, in lower case, and their start offsets."""

    text: list[str]
    lower: list[str]
    starts: list[int]

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
        text = parts[1::2]
        found = _CACHE[doc] = Words(text, [w.lower() for w in text], offsets[1::2])
    return found
