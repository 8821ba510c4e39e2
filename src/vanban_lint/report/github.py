"""GitHub Actions workflow commands: one annotation per diagnostic."""

from __future__ import annotations

from vanban_lint.report import FileResult

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def render(results: list[FileResult], lang: str) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append(f"::error file={_escape(r.path, True)}::{_escape(r.error)}")
        for d in r.diagnostics:
            loc = d.location
            lines.append(
                f"::{_LEVEL[str(d.severity)]} file={_escape(d.path, True)},line={loc.line},col={loc.column},"
                f"endLine={loc.end_line},endColumn={loc.end_column},title={_escape(d.rule + ' ' + d.name, True)}"
                f"::{_escape(d.message)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")
