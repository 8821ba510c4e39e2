"""Checks across the files of one run: the same document cited differently in two drafts.

Each file is read and checked on its own (possibly in another process, :mod:`vanban_lint.parallel`);
what the checks across files need of it is kept as a small picklable :class:`FileFacts`: its
citations grouped exactly as the rules of one file group them (``date_groups`` of DT102,
``dated_codes`` of DC110), so that "the same document" means the same thing in one file and
across files. After all files are read, the rules registered with
:func:`vanban_lint.registry.project_check` run over the list of them, and their findings become
diagnostics of each file involved, with the other file's place as a related location, subject
to that file's selection, severities and inline suppressions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from vanban_lint.diagnostics import Diagnostic, RelatedLocation
from vanban_lint.document import Span
from vanban_lint.engine import Settings, location
from vanban_lint.facts import Facts
from vanban_lint.report import FileResult


class FileFacts(NamedTuple):
    """What the checks across files read of one file."""

    path: str
    dated: dict  # key of one document (citation_dates.date_groups) -> its dated citations, in order
    coded: list  # citations whose number and date identify a document (codes.dated_codes)
    suppressions: list  # suppress.Suppression


class CrossRelated(NamedTuple):
    """The other place of a finding: ``file`` is an index into the run's files."""

    file: int
    span: Span
    note: str
    args: Mapping


class CrossFinding(NamedTuple):
    """A finding of a rule across files, in file ``file``; ``args`` gain ``where``, the first
    related place as ``path:line:column``, so that one-line formats name it too."""

    file: int
    span: Span
    args: Mapping
    related: tuple[CrossRelated, ...]
    variant: str = "default"


def file_facts(path: str, facts: Facts) -> FileFacts:
    """The facts of one file that the checks across files read."""
    from vanban_lint.checks.citation_dates import date_groups
    from vanban_lint.checks.codes import dated_codes

    return FileFacts(path, dict(date_groups(facts)), dated_codes(facts), list(facts.suppressions))


def wanted(settings: Iterable[Settings | None]) -> bool:
    """Whether a rule across files is enabled for any file."""
    return any(s is not None and any(r.project for r in s.rules) for s in settings)


def apply(results: list[FileResult], files: list[FileFacts | None], settings: list[Settings | None]) -> list[FileResult]:
    """``results`` with the findings of the rules across files added to each file's diagnostics.

    ``files[i]`` and ``settings[i]`` belong to ``results[i]`` (None for a file not read)."""
    present = [i for i, f in enumerate(files) if f is not None and results[i].document is not None]
    if len(present) < 2:
        return results
    rules = {r.code: r for s in settings if s is not None for r in s.rules if r.project}
    view = [files[i] for i in present]
    added: dict[int, list[Diagnostic]] = {}
    for code, rule in sorted(rules.items()):
        first = next(s for s in settings if s is not None and rule in s.rules)
        options = {**rule.options, **first.options.get(code, {})}
        for finding in rule.fn(view, options):
            i = present[finding.file]
            diag = _diagnostic(rule, finding, i, present, results, files[i], settings[i])
            if diag is not None:
                added.setdefault(i, []).append(diag)
    out = list(results)
    for i, diags in added.items():
        merged = sorted([*results[i].diagnostics, *diags], key=lambda d: d.sort_key)
        out[i] = results[i]._replace(diagnostics=merged)
    return out


def _diagnostic(rule, finding: CrossFinding, i: int, present: list[int], results: list[FileResult],
                facts: FileFacts, settings: Settings | None) -> Diagnostic | None:
    """The diagnostic of ``finding`` in file ``i``, or None when that file does not run the rule
    or suppresses it there."""
    if settings is None or rule not in settings.rules:
        return None
    doc = results[i].document
    loc = location(doc, finding.span)
    if any(s.covers(rule.code, loc.line) for s in facts.suppressions):
        return None
    related = []
    for rel in finding.related:
        j = present[rel.file]
        other = results[j]
        rel_loc = location(other.document, rel.span)
        related.append(RelatedLocation(rel_loc, rule.note(rel.note, settings.lang, rel.args),
                                       None if j == i else other.path))
    args = dict(finding.args)
    if related:
        args["where"] = f"{related[0].path or results[i].path}:{related[0].location.line}:{related[0].location.column}"
    return Diagnostic(
        path=results[i].path, rule=rule.code, name=rule.name,
        severity=settings.severities.get(rule.code, rule.severity),
        message=rule.message(finding.variant, settings.lang, args),
        location=loc, span=finding.span, related=tuple(related),
    )


def lint_together(docs: list, settings: Settings) -> list[list[Diagnostic]]:
    """Lint documents as one run, with one settings: each one's diagnostics, the checks across
    files included (the rules' examples of several files, the language server's open buffers)."""
    from vanban_lint.engine import lint_with_facts

    results: list[FileResult] = []
    files: list[FileFacts | None] = []
    for doc in docs:
        diagnostics, facts = lint_with_facts(doc, settings)
        results.append(FileResult(doc.path, diagnostics, document=doc))
        files.append(file_facts(doc.path, facts))
    return [r.diagnostics for r in apply(results, files, [settings] * len(docs))]
