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
from vanban_lint.report import SEVERITY_NAMES, FileResult, counts

SCHEMA_VERSION = 1


def diagnostic_dict(d, doc) -> dict:
    loc = d.location
    out = {
        "rule": d.rule,
        "name": d.name,
        "severity": SEVERITY_NAMES[d.severity],
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
    return dumps(payload) + "\n"


def _compact_encoder():
    """One value as compact JSON. ``JSONEncoder.encode`` builds its C encoder anew on each call,
    which costs more than encoding a diagnostic: the C encoder is built once when available."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    encode = make(None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda value: "".join(encode(value, 0))


_compact = _compact_encoder()


def dumps(value, levels: int = 4, indent: str = "") -> str:
    """``value`` as JSON indented by two spaces for its first ``levels`` levels of nesting, each
    deeper value (a diagnostic) on one line: the same data as ``json.dumps(indent=2)``, written by
    the C encoder (which takes no indent), so that a hundred thousand findings render quickly."""
    inner = indent + "  "
    inner_dump = _compact if levels == 1 else lambda v: dumps(v, levels - 1, inner)
    if levels and isinstance(value, dict) and value:
        items = [f"{inner}{_compact(k)}: {inner_dump(v)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if levels and isinstance(value, list) and value:
        return "[\n" + inner + f",\n{inner}".join(map(inner_dump, value)) + f"\n{indent}]"
    return _compact(value)
