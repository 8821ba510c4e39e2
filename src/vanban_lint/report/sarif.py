"""SARIF 2.1.0 output for code-scanning dashboards, with ``relatedLocations`` for the other
place involved in a finding."""

from __future__ import annotations

from vanban_lint import __version__
from vanban_lint.registry import all_rules
from vanban_lint.report import FileResult
from vanban_lint.report.json import dumps

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _region(loc) -> dict:
    return {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}


def render(results: list[FileResult], lang: str) -> str:
    rules = all_rules()
    used = sorted({d.rule for r in results for d in r.diagnostics})
    index = {code: i for i, code in enumerate(used)}
    sarif_results = []
    for r in results:
        for d in r.diagnostics:
            uri = r.path.replace("\\", "/")
            res = {
                "ruleId": d.rule,
                "ruleIndex": index[d.rule],
                "level": _LEVEL[str(d.severity)],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(d.location)}}],
            }
            if d.related:
                res["relatedLocations"] = [
                    {"id": i + 1, "message": {"text": rel.message},
                     "physicalLocation": {"artifactLocation": {"uri": (rel.path or r.path).replace("\\", "/")},
                                          "region": _region(rel.location)}}
                    for i, rel in enumerate(d.related)
                ]
            sarif_results.append(res)
    notifications = [
        {"level": "error", "message": {"text": r.error}, "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": r.path.replace("\\", "/")}}}]}
        for r in results if r.error
    ]
    run = {
        "tool": {"driver": {
            "name": "vanban-lint", "version": __version__, "informationUri": "https://pypi.org/project/vanban-lint/",
            "rules": [{"id": c, "name": rules[c].name, "shortDescription": {"text": rules[c].summary[lang]},
                       "fullDescription": {"text": rules[c].rationale[lang]},
                       "defaultConfiguration": {"level": _LEVEL[str(rules[c].severity)]}} for c in used],
        }},
        "results": sarif_results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    payload = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return dumps(payload, levels=4) + "\n"  # runs, run, results: one result a line
