"""``python -m vanban_lint`` runs the command line."""

from vanban_lint.cli import entry

entry()
