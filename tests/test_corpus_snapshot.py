"""The corpus check: findings on the real documents equal the judged snapshot (skipped without ../shared).

See ``bench/corpus.py`` and the README ("Reviewing a corpus snapshot diff").
"""

from __future__ import annotations

import sys

import pytest

from conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import corpus as corpus_check  # noqa: E402

from vanban_lint.precision import load_precision  # noqa: E402


@pytest.fixture(scope="module")
def comparison():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present (fresh clone)")
    current = corpus_check.current_rows(CORPUS)
    snapshot = corpus_check.snapshot_rows()
    retired = corpus_check.read_rows(corpus_check.SNAPSHOT / corpus_check.RETIRED)
    return corpus_check.compare(current, snapshot, retired), snapshot


def _rows(rows) -> str:
    return "\n".join(r.tsv() for r in rows[:30]) + ("\n…" if len(rows) > 30 else "")


def test_findings_equal_the_snapshot(comparison):
    result, _ = comparison
    assert not result.added, "new findings (run bench/corpus.py, judge, --update):\n" + _rows(result.added)
    assert not result.removed, "findings gone (run bench/corpus.py --update):\n" + _rows(result.removed)


def test_no_false_alarm_comes_back(comparison):
    result, _ = comparison
    assert not result.returned, "findings judged false before are back:\n" + _rows(result.returned)


def test_every_finding_is_judged(comparison):
    result, _ = comparison
    assert not result.unjudged, "unjudged findings in tests/corpus-snapshot:\n" + _rows(result.unjudged)


def test_precision_table_matches_the_snapshot(comparison):
    _, snapshot = comparison
    assert load_precision() == corpus_check.measures(snapshot), \
        "rules/precision.yaml is stale: run python bench/corpus.py --precision"
