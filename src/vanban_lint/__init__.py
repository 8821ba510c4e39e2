"""vanban-lint: a consistency linter for Vietnamese administrative and Party report drafts."""

__version__ = "0.1.0"
