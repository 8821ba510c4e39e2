"""Running the checks over one document: facts → findings → diagnostics → suppressions."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Mapping, NamedTuple

from vanban_lint import split
from vanban_lint.diagnostics import Diagnostic, Finding, Location, RelatedLocation, Severity
from vanban_lint.document import Document, Span
from vanban_lint.facts import Facts
from vanban_lint.registry import Rule


class Settings(NamedTuple):
    """What to run on one file, after configuration and command-line options are merged."""

    rules: list[Rule]
    lang: str = "vi"
    severities: Mapping[str, Severity] = MappingProxyType({})
    options: Mapping[str, dict] = MappingProxyType({})
    today: dt.date | None = None


def lint_document(doc: Document, settings: Settings) -> list[Diagnostic]:
    """All diagnostics for ``doc``, sorted, with inline suppressions applied."""
    return lint_with_facts(doc, settings)[0]


def lint_with_facts(doc: Document, settings: Settings, processes: int = 1) -> tuple[list[Diagnostic], Facts]:
    """:func:`lint_document`, and the facts it read (for the checks across files).

    With ``processes`` > 1 the rules of a document of :data:`vanban_lint.split.MIN_CHARS`
    characters or more run in two processes (:mod:`vanban_lint.split`); the findings are the same."""
    facts = Facts(doc, settings.today)
    rules = [rule for rule in settings.rules if not rule.project]  # project rules: vanban_lint.crossfile

    def run(rule: Rule) -> list[Diagnostic]:
        options = {**rule.options, **_options_for(settings.options, rule.code)}
        found: dict[tuple, Diagnostic] = {}
        for finding in rule.fn(doc, facts, options):
            diag = to_diagnostic(doc, rule, finding, settings)
            found.setdefault((diag.span, diag.message), diag)
        return list(found.values())

    if split.worth_splitting(len(doc.text), processes):
        per_rule = split.run_split(rules, lambda rule: split.in_child(rule.code), run)
    else:
        per_rule = [run(rule) for rule in rules]
    out = [diag for diags in per_rule for diag in diags]
    sups = facts.suppressions
    if sups:
        from vanban_lint.suppress import suppressed

        hidden = suppressed(sups, [(d.rule, d.location.line) for d in out])
        out = [d for d, hide in zip(out, hidden) if not hide]
    out.sort(key=lambda d: d.sort_key)
    return out, facts


def _options_for(configured: Mapping[str, dict], code: str) -> dict:
    """Options configured for ``code`` or for a prefix of it (``TT`` for the family), longer keys winning."""
    out: dict = {}
    for key in sorted((k for k in configured if code.startswith(k)), key=len):
        out.update(configured[key])
    return out


def location(doc: Document, span: Span) -> Location:
    line, col = doc.position(span.start)
    end_line, end_col = doc.position(span.end)
    return Location(line, col, end_line, end_col)


def _word_place(doc: Document, span: Span, lang: str) -> str:
    """For a .docx, where a finding outside the body paragraphs is (table cell, text box, header…)."""
    if doc.layout is None:
        return ""
    line = doc.line_index(span.start)
    where = doc.layout.where(line, span.start - doc.line_starts[line], lang)
    return "" if where.startswith(("đoạn", "paragraph", "dòng", "line")) else f" [{where}]"


def to_diagnostic(doc: Document, rule: Rule, finding: Finding, settings: Settings) -> Diagnostic:
    related = [
        RelatedLocation(location(doc, r.span), rule.note(r.note, settings.lang, r.args))
        for r in finding.related
    ]
    return Diagnostic(
        path=doc.path,
        rule=rule.code,
        name=rule.name,
        severity=settings.severities.get(rule.code, rule.severity),
        message=rule.message(finding.variant, settings.lang, finding.args) + _word_place(doc, finding.span, settings.lang),
        location=location(doc, finding.span),
        span=finding.span,
        related=tuple(related),
        fix=finding.fix,
    )
