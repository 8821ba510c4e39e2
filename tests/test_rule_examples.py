"""Every rule's examples from rules/checks/*.yaml run as tests (remark-lint style).

A "bad" example must draw the rule (at each expected [line, column] when given); a "good" example
must draw nothing from it. Only the rule itself is selected, so each example tests one rule.
"""

from __future__ import annotations

import pytest

from conftest import lint_files, lint_string
from vanban_lint.registry import all_rules

RULES = all_rules()
BAD = [(code, i, ex) for code, r in RULES.items() for i, ex in enumerate(r.bad)]
GOOD = [(code, i, ex) for code, r in RULES.items() for i, ex in enumerate(r.good)]


@pytest.mark.parametrize(("code", "index", "example"), BAD, ids=[f"{c}-bad{i}" for c, i, _ in BAD])
def test_bad_example_is_flagged(code, index, example):
    found = [d for d in _lint(code, example) if d.rule == code]
    assert found, f"{code} did not flag its bad example #{index}"
    positions = {(d.path, d.location.line, d.location.column) if example.files else (d.location.line, d.location.column)
                 for d in found}
    for pos in example.expect:
        assert pos in positions, f"{code}: expected a finding at {pos}, got {sorted(positions)}"


@pytest.mark.parametrize(("code", "index", "example"), GOOD, ids=[f"{c}-good{i}" for c, i, _ in GOOD])
def test_good_example_is_clean(code, index, example):
    found = [d for d in _lint(code, example) if d.rule == code]
    assert not found, f"{code} flagged its good example #{index}: " + "; ".join(
        f"{d.location.line}:{d.location.column} {d.message}" for d in found)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_message_renders_in_both_languages(lang):
    for code, rule in RULES.items():
        for ex in rule.bad:
            for d in _lint(code, ex, lang):
                assert d.message and "{" not in d.message
                assert all(r.message and "{" not in r.message for r in d.related)


def _lint(code, example, lang="vi"):
    """The diagnostics of one example: one text, or several files linted as one run."""
    if example.files:
        found = lint_files(example.files, select=[code], options={code: example.options}, lang=lang)
        return [d for diags in found.values() for d in diags]
    return lint_string(example.text, example.filename, select=[code], options={code: example.options}, lang=lang)
