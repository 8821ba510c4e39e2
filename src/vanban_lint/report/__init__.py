"""Reporters only format: each takes the results of a run and returns text."""

from __future__ import annotations

from typing import NamedTuple

from vanban_lint.diagnostics import Diagnostic, Severity
from vanban_lint.document import Document

FORMATS = ("text", "concise", "json", "sarif", "github")
SEVERITY_NAMES = {s: str(s) for s in Severity}  # str() of an enum member is slow, per finding


class FileResult(NamedTuple):
    """The outcome of linting one file: diagnostics, or the error that stopped it."""

    path: str
    diagnostics: list[Diagnostic] = []  # never mutated: a shared empty default is safe
    error: str | None = None
    document: Document | None = None


def counts(results: list[FileResult]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for d in r.diagnostics:
            out[SEVERITY_NAMES[d.severity]] += 1
    return out


def render(fmt: str, results: list[FileResult], lang: str, color: bool = False) -> str:
    if fmt == "json":
        from vanban_lint.report import json as mod
    elif fmt == "sarif":
        from vanban_lint.report import sarif as mod
    elif fmt == "github":
        from vanban_lint.report import github as mod
    else:
        from vanban_lint.report import text as mod
        return mod.render(results, lang, color=color, concise=fmt == "concise")
    return mod.render(results, lang)


__all__ = ["FileResult", "FORMATS", "Severity", "counts", "render"]
