"""Every rule runs on every real document of ../shared/corpus without crashing (skipped when absent)."""

from __future__ import annotations

from conftest import TODAY
from vanban_lint.engine import Settings, lint_document
from vanban_lint.readers import read_path
from vanban_lint.registry import all_rules, select_rules


def lint_file(path, select=None):
    rules = select_rules(all_rules(), select, [], preview=True)
    return lint_document(read_path(str(path)), Settings(rules, "vi", {}, {}, TODAY))


def test_every_rule_runs_on_every_corpus_file(corpus_files):
    assert corpus_files
    for path in corpus_files:
        for d in lint_file(path):
            assert d.location.line >= 1 and d.location.column >= 1


def test_correct_footnotes_draw_nothing(corpus_files):
    for path in corpus_files:
        if path.name.startswith(("02-", "19-")):
            assert lint_file(path, ["FN"]) == [], path.name


def test_plain_footnotes_of_file_19_are_found(corpus_files):
    from vanban_lint.extract.footnotes import extract

    path = next(p for p in corpus_files if p.name.startswith("19-"))
    doc = read_path(str(path))
    fn = extract(doc)
    assert [(r.label, doc.position(r.span.start)[0]) for r in fn.refs] == [
        ("1", 34), ("2", 54), ("3", 83), ("4", 110), ("5", 152)]
    assert [d.label for d in fn.defs] == ["1", "2", "3", "4", "5"]
