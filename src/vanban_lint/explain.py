"""``lint --list-rules`` and ``lint --explain CODE``: the rules documented from their metadata."""

from __future__ import annotations

from vanban_lint.registry import Rule

_HEAD = {
    "vi": {"severity": "Mức độ", "why": "Lý do", "source": "Căn cứ", "bad": "Ví dụ bị báo lỗi",
           "good": "Ví dụ đúng (không báo)", "options": "Tùy chọn", "status": "Trạng thái",
           "preview": "thử nghiệm (preview): chỉ chạy với --preview", "default": "bật mặc định",
           "measured": "Độ chính xác đo trên văn bản thật",
           "counts": "{findings} phát hiện trong {files} tệp: {real} đúng, {false} sai, {unsure} chưa chắc",
           "none": "chưa có phát hiện nào trên bộ văn bản thật"},
    "en": {"severity": "Severity", "why": "Rationale", "source": "Source", "bad": "Flagged example",
           "good": "Correct example (not flagged)", "options": "Options", "status": "Status",
           "preview": "preview: runs only with --preview", "default": "on by default",
           "measured": "Precision measured on real documents",
           "counts": "{findings} findings in {files} files: {real} real, {false} false, {unsure} unsure",
           "none": "no finding on the real documents yet"},
}


_SEVERITY_VI = {"error": "lỗi (error)", "warning": "cảnh báo (warning)", "info": "gợi ý (info)"}


def _severity(rule: Rule, lang: str) -> str:
    return _SEVERITY_VI[str(rule.severity)] if lang == "vi" else str(rule.severity)


def _precision(rule: Rule) -> str:
    """The measured precision as a percentage, or a dash when the corpus gives no judged finding."""
    p = rule.measure.precision if rule.measure else None
    return "-" if p is None else f"{p:.0%}"


def list_rules(rules: dict[str, Rule], lang: str) -> str:
    """One line a rule: code, name, severity, preview or not, measured precision, summary."""
    width = max(len(r.name) for r in rules.values())
    lines = [f"{r.code}  {r.name:<{width}}  {str(r.severity):<7}  {'preview' if r.preview else '':<7}  "
             f"{_precision(r):>4}  {r.summary[lang]}" for r in rules.values()]
    return "\n".join(lines) + "\n"


def explain(rule: Rule, lang: str) -> str:
    h = _HEAD[lang]
    out = [f"{rule.code} {rule.name}: {rule.summary[lang]}", "",
           f"{h['severity']}: {_severity(rule, lang)}", "", f"{h['why']}:", f"  {rule.rationale[lang]}", "",
           f"{h['source']}: {rule.source}", "",
           f"{h['status']}: {h['preview'] if rule.preview else h['default']}",
           f"{h['measured']}: {_precision(rule)} ("
           + (h["counts"].format(**rule.measure._asdict()) if rule.measure else h["none"]) + ")"]
    if rule.options:
        out += ["", f"{h['options']}:"] + [f"  {k}: {v}" for k, v in rule.options.items()]
    for title, examples in ((h["bad"], rule.bad), (h["good"], rule.good)):
        for ex in examples:
            for name, text in (ex.files.items() if ex.files else [(ex.filename, ex.text)]):
                out += ["", f"{title} ({name}):"] + ["    " + line for line in text.rstrip("\n").split("\n")]
    return "\n".join(out) + "\n"
