"""What checks produce (:class:`Finding`) and what reporters print (:class:`Diagnostic`).

A check yields findings in document offsets; the engine turns them into diagnostics with
1-based lines and columns in the file as written, the rule's metadata and a message in the
user's language.
"""

from __future__ import annotations

from enum import IntEnum
from types import MappingProxyType
from typing import Mapping, NamedTuple

from vanban_lint.document import Span


class Severity(IntEnum):
    """Severity levels, ordered so that ``>=`` means "at least as serious"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (error, warning, info)") from None

    def __str__(self) -> str:
        return self.name.lower()


class Edit(NamedTuple):
    """Replace ``span`` of the document text with ``replacement``."""

    span: Span
    replacement: str


class Fix(NamedTuple):
    """Edits that resolve a finding; ``safe`` fixes never change the meaning of the text."""

    edits: tuple[Edit, ...]
    safe: bool = True


_NO_ARGS: Mapping = MappingProxyType({})


class Related(NamedTuple):
    """Another place involved in a finding ("cited with another date here")."""

    span: Span
    note: str  # key into the rule's ``notes`` messages
    args: Mapping = _NO_ARGS


class Finding(NamedTuple):
    """One problem found by a check, in offsets of :attr:`Document.text`.

    ``variant`` selects one of the rule's message templates; ``args`` fill it in.
    """

    span: Span
    args: Mapping = _NO_ARGS
    variant: str = "default"
    related: tuple[Related, ...] = ()
    fix: Fix | None = None


class Location(NamedTuple):
    """A 1-based position range in a file as written."""

    line: int
    column: int
    end_line: int
    end_column: int


class RelatedLocation(NamedTuple):
    location: Location
    message: str
    path: str | None = None  # another file (a conflict across files); None: the diagnostic's own


class Diagnostic(NamedTuple):
    """A finding ready to report."""

    path: str
    rule: str
    name: str
    severity: Severity
    message: str
    location: Location
    span: Span
    related: tuple[RelatedLocation, ...] = ()
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.location.line, self.location.column, self.rule)
