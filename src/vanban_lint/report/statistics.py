"""``--statistics``: the number of findings per rule, most frequent first (as ruff prints it)."""

from __future__ import annotations

from collections import Counter

from vanban_lint.report import FileResult

_FIXABLE = {"vi": "[*] sửa được bằng --fix", "en": "[*] fixable with --fix"}


def render(results: list[FileResult], rules: dict, lang: str) -> str:
    """``count  CODE  [*]  name  summary`` a rule; unreadable files are named after the table."""
    counts = Counter(d.rule for r in results for d in r.diagnostics)
    fixable = {d.rule for r in results for d in r.diagnostics if d.fix is not None and d.fix.safe}
    width = len(str(max(counts.values(), default=0)))
    lines = [f"{n:>{width}}  {code}  {'[*]' if code in fixable else '   '}  {rules[code].name}  "
             f"{rules[code].summary[lang]}"
             for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    if fixable:
        lines.append(_FIXABLE[lang])
    lines.extend(f"{r.path}: {r.error}" for r in results if r.error)
    return "\n".join(lines) + ("\n" if lines else "")
