"""``lint --list-rules`` and ``lint --explain CODE``: the rules documented from their metadata."""

from __future__ import annotations

from vanban_lint.registry import Rule

_HEAD = {
    "vi": {"severity": "Mức độ", "why": "Lý do", "source": "Căn cứ", "bad": "Ví dụ bị báo lỗi",
           "good": "Ví dụ đúng (không báo)", "options": "Tùy chọn"},
    "en": {"severity": "Severity", "why": "Rationale", "source": "Source", "bad": "Flagged example",
           "good": "Correct example (not flagged)", "options": "Options"},
}


_SEVERITY_VI = {"error": "lỗi (error)", "warning": "cảnh báo (warning)", "info": "gợi ý (info)"}


def _severity(rule: Rule, lang: str) -> str:
    return _SEVERITY_VI[str(rule.severity)] if lang == "vi" else str(rule.severity)


def list_rules(rules: dict[str, Rule], lang: str) -> str:
    width = max(len(r.name) for r in rules.values())
    lines = [f"{r.code}  {r.name:<{width}}  {str(r.severity):<7}  {r.summary[lang]}" for r in rules.values()]
    return "\n".join(lines) + "\n"


def explain(rule: Rule, lang: str) -> str:
    h = _HEAD[lang]
    out = [f"{rule.code} {rule.name}: {rule.summary[lang]}", "",
           f"{h['severity']}: {_severity(rule, lang)}", "", f"{h['why']}:", f"  {rule.rationale[lang]}", "",
           f"{h['source']}: {rule.source}"]
    if rule.options:
        out += ["", f"{h['options']}:"] + [f"  {k}: {v}" for k, v in rule.options.items()]
    for title, examples in ((h["bad"], rule.bad), (h["good"], rule.good)):
        for ex in examples:
            out += ["", f"{title} ({ex.filename}):"] + ["    " + line for line in ex.text.rstrip("\n").split("\n")]
    return "\n".join(out) + "\n"
