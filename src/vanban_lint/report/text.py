"""Human output: ``path:line:col: severity CODE message``, the source line with a marker under
the span, related locations, and a summary line. ``concise`` keeps the first line only."""

from __future__ import annotations

import re

from vanban_lint.report import FileResult, counts

_COLORS = {"error": "\033[31;1m", "warning": "\033[33;1m", "info": "\033[36m"}
_RESET = "\033[0m"
_DIM = "\033[2m"
_NOT_SPACE = re.compile(r"\S")  # what str.strip() keeps: a line of white space alone has no frame

_WORDS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "gợi ý", "note": "xem",
           "summary": "Tìm thấy {e} lỗi, {w} cảnh báo, {i} gợi ý trong {f}/{n} tệp.",
           "clean": "Không phát hiện vấn đề nào trong {n} tệp.", "fixable": "{k} vấn đề sửa được bằng --fix."},
    "en": {"error": "error", "warning": "warning", "info": "info", "note": "note",
           "summary": "Found {e} errors, {w} warnings, {i} infos in {f} of {n} files.",
           "clean": "No problems found in {n} files.", "fixable": "{k} fixable with --fix."},
}


def render(results: list[FileResult], lang: str, color: bool = False, concise: bool = False) -> str:
    words = _WORDS[lang]
    lines: list[str] = []
    for r in results:
        if r.error:
            lines.append(_paint(f"{r.path}: {r.error}", "error", color))
            continue
        for d in r.diagnostics:
            sev = str(d.severity)
            head = f"{d.path}:{d.location.line}:{d.location.column}: {_paint(sev, sev, color)} {d.rule} {d.message}"
            if concise:
                lines.append(head)
                continue
            lines.append(f"{head} [{d.name}]")
            if r.document is not None:
                lines.extend(_frame(r.document, d.location.line, d.location.column, d.location.end_line,
                                    d.location.end_column, color))
            for rel in d.related:
                loc = rel.location
                lines.append(f"  {_dim(words['note'], color)}: {rel.path or d.path}:{loc.line}:{loc.column}: {rel.message}")
        if r.diagnostics and not concise:
            lines.append("")
    c = counts(results)
    with_findings = sum(1 for r in results if r.diagnostics)
    if not concise:
        if any(c.values()):
            lines.append(words["summary"].format(e=c["error"], w=c["warning"], i=c["info"], f=with_findings,
                                                 n=len(results)))
            fixable = sum(1 for r in results for d in r.diagnostics if d.fix and d.fix.safe)
            if fixable:
                lines.append(words["fixable"].format(k=fixable))
        elif not any(r.error for r in results):
            lines.append(words["clean"].format(n=len(results)))
    return "\n".join(lines) + ("\n" if lines else "")


def _frame(doc, line: int, col: int, end_line: int, end_col: int, color: bool) -> list[str]:
    line_start, line_end = doc.source_line_bounds(line)
    source = doc.source
    if _NOT_SPACE.search(source, line_start, line_end) is None:
        return []
    length = line_end - line_start
    width = (end_col - col) if end_line == line else max(1, length - col + 1)
    start = max(0, col - 1)
    # Long lines (a paragraph on one line) are cut around the span, and only that part is read:
    # a long line may carry thousands of findings.
    lo = max(0, start - 60)
    hi = min(length, start + max(width, 1) + 60)
    cut = source[line_start + lo:line_start + hi].replace("\t", " ")
    shown = ("…" if lo else "") + cut + ("…" if hi < length else "")
    pad = start - lo + (1 if lo else 0)
    gutter = f"{line:>5} | "
    marker = " " * len(gutter[:-2]) + "| " + " " * pad + _paint("^" * max(1, width), "error", color)
    return [gutter + shown, marker]


def _paint(text: str, sev: str, color: bool) -> str:
    return f"{_COLORS[sev]}{text}{_RESET}" if color else text


def _dim(text: str, color: bool) -> str:
    return f"{_DIM}{text}{_RESET}" if color else text
