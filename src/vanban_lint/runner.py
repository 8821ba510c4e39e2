"""Linting a list of files: each with the configuration nearest above it, in parallel processes
when asked, then the checks across files, the results in the order of the files."""

from __future__ import annotations

import datetime as dt
import sys
from typing import NamedTuple

from vanban_lint import fix as fixmod
from vanban_lint.config import Config, Resolver
from vanban_lint.diagnostics import Diagnostic, Severity
from vanban_lint.document import Document
from vanban_lint.engine import Settings, lint_with_facts
from vanban_lint.errors import InputError
from vanban_lint.readers import read_bytes, read_path, read_text
from vanban_lint.registry import Rule, select_rules
from vanban_lint.report import FileResult

FIX_PASSES = 5  # passes of --fix over one file; each takes the fixes that do not overlap


class Outcome(NamedTuple):
    """What linting one file gives back (from a worker process too): its result, the diff of
    its fixes (``--diff``), and the facts the checks across files read (None: not wanted)."""

    result: FileResult
    diff: str | None = None
    facts: object | None = None  # crossfile.FileFacts


class Run:
    """One invocation: the rules, the configurations and the command line's overrides of them,
    and what to do with fixes.

    ``select``, ``lang`` and ``preview`` given on the command line replace the configuration's;
    ``ignore`` adds to it."""

    def __init__(self, rules: dict[str, Rule], cfg: Config | Resolver, select: list[str] | None, ignore: list[str],
                 lang: str | None = None, today: dt.date | None = None, fix: bool = False, diff: bool = False,
                 unsafe: bool = False, stdin_filename: str | None = None, preview: bool = False) -> None:
        self.rules = rules
        self.resolver = cfg if isinstance(cfg, Resolver) else Resolver(cfg)
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
        self._settings: dict[tuple, Settings] = {}

    def config_for(self, path: str) -> Config:
        return self.resolver.for_path(path)

    def settings_for(self, path: str) -> Settings:
        """What runs on ``path``: its configuration with the command line's overrides."""
        cfg = self.config_for(path)
        ignore = (*cfg.ignore, *self.ignore, *cfg.ignores_for(path))
        key = (id(cfg), ignore)
        if key not in self._settings:
            rules = select_rules(self.rules, self.select if self.select is not None else cfg.select, ignore,
                                 self.preview or cfg.preview)
            self._settings[key] = Settings(rules, self.lang or cfg.lang, cfg.severity, _options(cfg, rules),
                                           self.today)
        return self._settings[key]

    def fail_on_for(self, path: str) -> Severity:
        return self.config_for(path).fail_on

    def lint_all(self, paths: list[str], jobs: int = 1) -> list[FileResult]:
        """Lint ``paths`` (in ``jobs`` processes), then across files; results in the order of ``paths``."""
        want = len(paths) > 1 and _wants_crossfile(self, paths)
        outcomes = self.outcomes(paths, jobs, want)
        results = [o.result for o in outcomes]
        if want:
            from vanban_lint.crossfile import apply

            settings = [self.settings_for(r.path) if o.facts is not None else None for r, o in zip(results, outcomes)]
            results = apply(results, [o.facts for o in outcomes], settings)
        return results

    def outcomes(self, paths: list[str], jobs: int, facts: bool) -> list[Outcome]:
        """Each file linted (in ``jobs`` processes), with its facts for the checks across files
        when ``facts``; the diffs of ``--diff`` kept in the order of ``paths``."""
        if jobs > 1 and len(paths) > 1:
            from vanban_lint.parallel import map_ordered

            for path in paths:  # configurations and catalogs read (and their errors raised) once, here
                self.settings_for(_name(self, path))

            outcomes = map_ordered(lambda p: _portable(self.lint_one(p, facts)), paths, jobs,
                                   sequential=[i for i, p in enumerate(paths) if p == "-"])
        else:  # one file (or one process): its rules may still run in two processes (split.py)
            outcomes = [self.lint_one(p, facts, processes=jobs) for p in paths]
        self.diffs.extend(o.diff for o in outcomes if o.diff)
        return outcomes

    def error_result(self, path: str, message: str) -> FileResult:
        return FileResult(path, error=message)

    def lint_one(self, path: str, want_facts: bool = False, processes: int = 1) -> Outcome:
        """Read and lint one file (``-``: standard input), fixing it when asked; ``processes``
        allowed for its rules (:mod:`vanban_lint.split`)."""
        try:
            if path == "-":
                name = self.stdin_filename or "-"
                doc = read_bytes(name, sys.stdin.buffer.read())
            else:
                name = path
                doc = read_path(path)
        except InputError as exc:
            return Outcome(FileResult(exc.path, error=exc.message))
        settings = self.settings_for(name)
        try:
            diagnostics, facts = lint_with_facts(doc, settings, processes)
        except Exception as exc:  # a bug must not hide the other files' results
            return Outcome(FileResult(name, error=f"lỗi nội bộ của vanban-lint khi kiểm tra tệp này (internal error: "
                                                  f"{type(exc).__name__}: {exc}); xin báo lỗi kèm tệp"))
        if (self.fix or self.diff) and doc.format == "docx" and any(d.fix for d in diagnostics):
            print(f"vanban-lint: {name}: tệp Word không được sửa tự động, hãy sửa trong Word "
                  f"(--fix and --diff never rewrite a .docx file)", file=sys.stderr)
        diff = None
        if (self.fix or self.diff) and doc.format != "docx":  # never rewrite a Word file as text
            fixed, fixed_diagnostics, fixed_facts = self._fix_until_stable(name, doc, diagnostics, facts, settings,
                                                                           processes)
            if path == "-" and self.fix:
                self.stdin_output = fixed.source
            elif fixed.source != doc.source and self.diff:
                diff = fixmod.unified_diff(name, doc.source, fixed.source)
            elif fixed.source != doc.source:
                fixmod.write_atomically(path, fixed.source, _has_bom(path))
            if self.fix:  # report what is left in the fixed text
                doc, diagnostics, facts = fixed, fixed_diagnostics, fixed_facts
        cross = None
        if want_facts:
            from vanban_lint.crossfile import file_facts

            cross = file_facts(name, facts)
        return Outcome(FileResult(name, diagnostics, document=doc), diff, cross)

    def _fix_until_stable(self, name: str, doc: Document, diagnostics: list[Diagnostic], facts: object,
                          settings: Settings, processes: int = 1) -> tuple[Document, list[Diagnostic], object]:
        """Apply the fixes, lint again and repeat while a pass changes the text (fixes that
        overlapped an applied one are taken by the next pass), at most :data:`FIX_PASSES` times:
        a second ``--fix`` then finds nothing left to change. Returns the fixed document, its
        diagnostics and its facts."""
        for _ in range(FIX_PASSES):
            new_source, _ = fixmod.fixed_source(doc, diagnostics, self.unsafe)
            if new_source == doc.source:
                break
            doc = read_text(name, new_source)
            diagnostics, facts = lint_with_facts(doc, settings, processes)
        return doc, diagnostics, facts


def _portable(outcome: Outcome) -> Outcome:
    """The outcome as a worker process sends it back: the document lightened (Document.portable)."""
    doc = outcome.result.document
    if doc is None:
        return outcome
    return outcome._replace(result=outcome.result._replace(document=doc.portable()))


def _options(cfg: Config, rules: list[Rule]) -> dict[str, dict]:
    """The rules' options from the configuration; the catalog rules get the catalog it names."""
    if cfg.catalog is None:
        return cfg.rules
    from vanban_lint.catalog import load

    catalog = load(cfg.catalog)
    options = dict(cfg.rules)
    for rule in rules:
        if rule.family == "CA":
            options[rule.code] = {**options.get(rule.code, {}), "catalog": catalog}
    return options


def _wants_crossfile(run: Run, paths: list[str]) -> bool:
    from vanban_lint.crossfile import wanted

    return wanted(run.settings_for(_name(run, p)) for p in paths)


def _name(run: Run, path: str) -> str:
    """The name a path is linted under: standard input takes ``--stdin-filename``."""
    return run.stdin_filename or "-" if path == "-" else path


def _has_bom(path: str) -> bool:
    with open(path, "rb") as fh:
        return fh.read(3) == b"\xef\xbb\xbf"
