"""Rule metadata and data tables are validated when loaded; YAML is never executed."""

from __future__ import annotations

import pytest

from vanban_lint import config as configmod
from vanban_lint.data import load_yaml_file, require_fields
from vanban_lint.errors import ConfigError
from vanban_lint.registry import _parse_rule, all_rules, verify_implementations

GOOD_RULE = {
    "code": "FN101", "name": "undefined-footnote", "severity": "error",
    "summary": {"vi": "a", "en": "b"}, "message": {"vi": "x", "en": "y"},
    "rationale": {"vi": "lý do", "en": "why"}, "source": "s",
    "examples": {"bad": ["Văn bản[^1]."], "good": ["Văn bản."]},
}


def test_rule_metadata_is_validated():
    assert _parse_rule("t", "FN", "footnotes", dict(GOOD_RULE)).code == "FN101"
    for broken, message in [
        ({**GOOD_RULE, "examples": {"bad": [], "good": ["x"]}}, "at least one bad and one good"),
        ({**GOOD_RULE, "severity": "fatal"}, "unknown severity"),
        ({**GOOD_RULE, "name": "Undefined Footnote"}, "kebab-case"),
        ({**GOOD_RULE, "message": {"vi": "x"}}, "'vi' and 'en'"),
        ({**GOOD_RULE, "code": "DC101"}, "family letters"),
        ({**GOOD_RULE, "colour": "red"}, "unknown field"),
    ]:
        with pytest.raises(ConfigError, match=message):
            _parse_rule("rules/checks/FN.yaml: rules[0]", "FN", "footnotes", broken)
    unimplemented = _parse_rule("t", "FN", "footnotes", {**GOOD_RULE, "code": "FN999"})
    with pytest.raises(ConfigError, match="no implementation .* FN999"):
        unimplemented.fn.resolve()
    elsewhere = _parse_rule("t", "FN", "numbers", dict(GOOD_RULE))  # the module named does not hold it
    with pytest.raises(ConfigError, match="vanban_lint.checks.numbers"):
        elsewhere.fn.resolve()


def test_every_rule_is_implemented_where_its_metadata_says_and_nothing_without_metadata():
    rules = all_rules()
    verify_implementations(rules)  # imports every check module
    assert all(r.fn.resolve() is not None for r in rules.values())
    with pytest.raises(ConfigError, match="without metadata"):
        verify_implementations({k: v for k, v in rules.items() if k != "FN101"})


def test_every_shipped_rule_loads_with_examples():
    rules = all_rules()
    assert rules and all(r.bad and r.good for r in rules.values())


def test_require_fields_names_the_place():
    with pytest.raises(ConfigError, match="doc_types.yaml: party\\[3\\]: missing field 'abbr'"):
        require_fields("doc_types.yaml: party[3]", {"name": "Nghị quyết"}, {"name": str, "abbr": str})


def test_yaml_tags_are_never_executed(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_LINT_CACHE_DIR", "")
    evil = tmp_path / ".vanban-lint.yaml"
    evil.write_text("select: !!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid YAML"):
        configmod.load(str(evil))
    assert not (tmp_path / "pwned").exists()


def test_yaml_parse_cache_round_trips_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_LINT_CACHE_DIR", str(tmp_path / "cache"))
    table = tmp_path / "t.yaml"
    table.write_text("- {code: HU, until: 2025-07-01}\n", encoding="utf-8")
    first = load_yaml_file(str(table))
    assert list((tmp_path / "cache").iterdir())
    second = load_yaml_file(str(table))  # from the JSON cache
    assert first == second and type(second[0]["until"]).__name__ == "date"


def test_broken_yaml_names_the_file(tmp_path):
    bad = tmp_path / ".vanban-lint.yaml"
    bad.write_text("ignore: [FN101\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=str(bad)):
        configmod.load(str(bad))
