"""Every rule runs on every real document of ../shared/corpus without crashing (skipped when absent)."""

from __future__ import annotations

from conftest import TODAY
from vanban_lint.engine import Settings, lint_document
from vanban_lint.readers import read_path
from vanban_lint.registry import all_rules, select_rules


def lint_file(path, select=None):
    rules = select_rules(all_rules(), select, [])
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


# The reviewed findings of the families not pinned elsewhere (DC/DT: test_codes.py, NB:
# test_numbers.py), as (file prefix, line, rule). A change here needs a fresh review of the text.
REVIEWED = sorted([
    ("02-", 33, "OR102"), ("02-", 38, "OR102"), ("02-", 146, "OR101"), ("04-", 31, "OR101"), ("06-", 1, "OR101"),
    ("06-", 35, "PU101"), ("06-", 44, "OR101"), ("07-", 1, "OR101"), ("07-", 31, "OR101"), ("10-", 8, "OR102"),
    ("10-", 43, "OR101"), ("12-", 1, "OR101"), ("12-", 292, "PU101"), ("15-", 26, "OR102"), ("15-", 96, "PU101"),
    ("15-", 119, "OR101"), ("15-", 592, "OR102"), ("15-", 632, "PU101"), ("15-", 747, "OR102"), ("15-", 1073, "PU101"),
    ("15-", 1090, "PU101"), ("15-", 1090, "PU101"), ("15-", 1161, "PU101"), ("15-", 1209, "HD101"),
    ("15-", 1301, "HD101"), ("15-", 1306, "HD101"), ("15-", 1310, "HD101"), ("15-", 1332, "HD101"),
    ("15-", 1341, "HD101"), ("15-", 1430, "HD101"), ("15-", 1439, "HD101"), ("16-", 138, "HD101"),
    ("16-", 188, "HD101"), ("16-", 190, "OR101"), ("19-", 1, "OR101"),
])


def test_corpus_findings_of_other_families_are_the_reviewed_ones(corpus_files):
    found = sorted((p.name[:3], d.location.line, d.rule) for p in corpus_files
                   for d in lint_file(p, ["HD", "OR", "PU", "FN", "VL"]))
    assert found == REVIEWED
