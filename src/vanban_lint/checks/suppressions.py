"""Rules about the linter's own inline comments (family VL).

VL101: a suppression comment naming a code or prefix that matches no rule suppresses nothing;
it is usually a typo (``FN11O``) that leaves the finding the drafter meant to silence, or a
rule renamed since.
"""

from __future__ import annotations

from collections.abc import Iterator

from vanban_lint.diagnostics import Finding
from vanban_lint.document import Document
from vanban_lint.facts import Facts
from vanban_lint.registry import all_rules, check


@check("VL101")
def unknown_suppression_code(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    known = all_rules()
    for sup in facts.suppressions:
        for code in sup.codes:
            if not any(k.startswith(code) for k in known):
                yield Finding(sup.span, {"code": code})
