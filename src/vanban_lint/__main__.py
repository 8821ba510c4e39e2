"""``python -m vanban_lint`` runs the command line."""

from vanban_lint.cli import main

raise SystemExit(main())
