"""Linting a list of files with one configuration: read, check, fix, collect results."""

from __future__ import annotations

import datetime as dt
import sys

from vanban_lint import fix as fixmod
from vanban_lint.config import Config
from vanban_lint.engine import Settings, lint_document
from vanban_lint.errors import InputError
from vanban_lint.readers import read_bytes, read_path
from vanban_lint.registry import Rule, select_rules
from vanban_lint.report import FileResult


class Run:
    """One invocation: the rules, the configuration and what to do with fixes."""

    def __init__(self, rules: dict[str, Rule], cfg: Config, select: list[str] | None, ignore: list[str],
                 lang: str = "vi", today: dt.date | None = None, fix: bool = False, diff: bool = False,
                 unsafe: bool = False, stdin_filename: str | None = None, preview: bool = False) -> None:
        self.rules = rules
        self.cfg = cfg
        self.select = select
        self.ignore = ignore
        self.lang = lang
        self.today = today
        self.fix = fix
        self.diff = diff
        self.unsafe = unsafe
        self.stdin_filename = stdin_filename
        self.preview = preview
        self.diffs: list[str] = []
        self.stdin_output: str | None = None

    def settings_for(self, path: str) -> Settings:
        ignore = [*self.ignore, *self.cfg.ignores_for(path)]
        return Settings(select_rules(self.rules, self.select, ignore, self.preview), self.lang, self.cfg.severity,
                        self.cfg.rules, self.today)

    def lint_all(self, paths: list[str]) -> list[FileResult]:
        return [self.lint_one(p) for p in paths]

    def error_result(self, path: str, message: str) -> FileResult:
        return FileResult(path, error=message)

    def lint_one(self, path: str) -> FileResult:
        try:
            if path == "-":
                name = self.stdin_filename or "-"
                doc = read_bytes(name, sys.stdin.buffer.read())
            else:
                name = path
                doc = read_path(path)
        except InputError as exc:
            return FileResult(exc.path, error=exc.message)
        settings = self.settings_for(name)
        try:
            diagnostics = lint_document(doc, settings)
        except Exception as exc:  # a bug must not hide the other files' results
            return FileResult(name, error=f"lỗi nội bộ của vanban-lint khi kiểm tra tệp này (internal error: "
                                          f"{type(exc).__name__}: {exc}); xin báo lỗi kèm tệp")
        if (self.fix or self.diff) and doc.format == "docx" and any(d.fix for d in diagnostics):
            print(f"vanban-lint: {name}: tệp Word không được sửa tự động, hãy sửa trong Word "
                  f"(--fix and --diff never rewrite a .docx file)", file=sys.stderr)
        if (self.fix or self.diff) and doc.format != "docx":  # never rewrite a Word file as text
            new_source, fixed = fixmod.fixed_source(doc, diagnostics, self.unsafe)
            if path == "-" and self.fix:
                self.stdin_output = new_source
            elif new_source != doc.source:
                if self.diff:
                    self.diffs.append(fixmod.unified_diff(name, doc.source, new_source))
                else:
                    had_bom = _has_bom(path)
                    fixmod.write_atomically(path, new_source, had_bom)
                    doc = read_path(path)
                    diagnostics = lint_document(doc, settings)
        return FileResult(name, diagnostics, document=doc)


def _has_bom(path: str) -> bool:
    with open(path, "rb") as fh:
        return fh.read(3) == b"\xef\xbb\xbf"
