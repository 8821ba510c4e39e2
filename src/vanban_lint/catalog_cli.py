"""``lint --build-catalog PATHS``: a catalog of the documents the drafts cite, by majority."""

from __future__ import annotations

import sys

from vanban_lint.engine import location


def build_catalog(run, files: list[str], missing: list[tuple[str, str]], jobs: int) -> int:
    """Write the catalog to standard output and the conflicts it resolved to standard error.
    Exit code: 2 when a path could not be read, else 0 (a catalog is made to be reviewed)."""
    from vanban_lint.catalog import build

    outcomes = run.outcomes(files, jobs, facts=True)
    read = [o for o in outcomes if o.facts is not None]

    def locate(i: int, span) -> str:
        result = read[i].result
        loc = location(result.document, span)
        return f"{result.path}:{loc.line}:{loc.column}"

    built = build([o.facts for o in read], locate)
    sys.stdout.write(built.yaml)
    for note in built.conflicts:
        print(f"vanban-lint: xung đột (conflict): {note}", file=sys.stderr)
    errors = [(o.result.path, o.result.error) for o in outcomes if o.result.error] + missing
    for path, message in errors:
        print(f"{path}: {message}", file=sys.stderr)
    print(f"vanban-lint: {built.yaml.count(chr(10) + '  - code: ')} văn bản, "
          f"{len(built.conflicts)} xung đột đã giải quyết theo đa số (documents, conflicts resolved by majority)",
          file=sys.stderr)
    return 2 if errors else 0
