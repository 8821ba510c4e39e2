"""JSON output, schema version 1 (documented in README.md, "JSON output").

``{"version": 1, "tool": {...}, "files": [{"path", "diagnostics": [...], "error"}], "summary": {...}}``;
each diagnostic has ``rule``, ``name``, ``severity``, ``line``, ``column``, ``end_line``,
``end_column``, ``message``, ``related`` (with ``path`` when the place is in another file) and
``fix`` (null, or ``{"safe", "edits"}``).
"""

from __future__ import annotations

import json

from vanban_lint import __version__
from vanban_lint.engine import location
from vanban_lint.report import FileResult, counts

SCHEMA_VERSION = 1


def diagnostic_dict(d, doc) -> dict:
    loc = d.location
    out = {
        "rule": d.rule,
        "name": d.name,
        "severity": str(d.severity),
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "message": d.message,
        "related": [
            {"line": r.location.line, "column": r.location.column, "end_line": r.location.end_line,
             "end_column": r.location.end_column, "message": r.message, **({"path": r.path} if r.path else {})}
            for r in d.related
        ],
        "fix": None,
    }
    if d.fix is not None and doc is not None:
        edits = []
        for e in d.fix.edits:
            el = location(doc, e.span)
            edits.append({"line": el.line, "column": el.column, "end_line": el.end_line,
                          "end_column": el.end_column, "replacement": e.replacement})
        out["fix"] = {"safe": d.fix.safe, "edits": edits}
    return out


def render(results: list[FileResult], lang: str) -> str:
    files = []
    for r in results:
        entry = {"path": r.path, "diagnostics": [diagnostic_dict(d, r.document) for d in r.diagnostics]}
        if r.error:
            entry["error"] = r.error
        files.append(entry)
    c = counts(results)
    payload = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "vanban-lint", "version": __version__},
        "files": files,
        "summary": {"files": len(results), "errors": c["error"], "warnings": c["warning"], "infos": c["info"],
                    "unreadable": sum(1 for r in results if r.error)},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
