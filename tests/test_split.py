"""A large file's rules in two processes (vanban_lint.split): same findings, no lost work."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vanban_lint import split
from vanban_lint.engine import Settings, lint_with_facts
from vanban_lint.readers import read_text
from vanban_lint.registry import all_rules, select_rules

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bao-cao-mau.md"


@needs_fork
def test_results_come_back_in_order_from_both_processes():
    parent = os.getpid()
    out = split.run_split(list(range(10)), lambda x: x % 3 == 0, lambda x: (x * x, os.getpid() == parent))
    assert [v for v, _ in out] == [x * x for x in range(10)]
    assert [here for _, here in out] == [x % 3 != 0 for x in range(10)]


@needs_fork
def test_a_failing_child_leaves_its_work_to_the_parent():
    parent = os.getpid()

    def run(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("a check broke in the child")
        return x + 1

    assert split.run_split([1, 2, 3, 4], lambda x: x > 2, run) == [2, 3, 4, 5]


@needs_fork
def test_an_error_in_a_check_is_raised_as_without_the_split():
    def run(x: int) -> int:
        if x == 3:
            raise ValueError("invalid literal for int()")
        return x

    with pytest.raises(ValueError, match="invalid literal"):
        split.run_split([1, 2, 3, 4], lambda x: x > 2, run)


@needs_fork
def test_when_no_process_can_be_forked_one_process_does_it_all(monkeypatch):
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    assert split.run_split([1, 2, 3], lambda x: x > 1, lambda x: x * 10) == [10, 20, 30]


def test_small_files_and_one_process_are_not_split():
    assert not split.worth_splitting(split.MIN_CHARS - 1, 2)
    assert not split.worth_splitting(split.MIN_CHARS, 1)
    assert split.worth_splitting(split.MIN_CHARS, 2) == hasattr(os, "fork")


def test_the_families_split_between_the_processes():
    families = {code[:2]: split.in_child(code) for code in all_rules()}
    # what the document cites, counts and numbers (the numbers need the footnotes and headings)
    assert all(families[f] for f in ("DC", "DT", "NB", "TM", "FN", "HD"))
    assert not any(families[f] for f in ("CT", "OR", "PU", "VH", "TT"))  # its words, marks and blocks


@needs_fork
def test_a_large_draft_gives_the_same_findings_in_two_processes():
    head = EXAMPLE.read_text(encoding="utf-8")
    text = head + "\n\n" + "\n\n".join(
        f"Có {10 + i % 80}/{9 + i % 80} xã đạt chuẩn, theo Quyết định số {100 + i}/QĐ-UBND ngày 31/4/2024 ,"
        f" tỷ lệ 5{i % 10},2%; huyện ,,Kinh tế" for i in range(300))
    settings = Settings(select_rules(all_rules(), None, [], preview=True))
    one, _ = lint_with_facts(read_text("big.md", text), settings)
    two, _ = lint_with_facts(read_text("big.md", text), settings, processes=2)
    assert len(text) >= split.MIN_CHARS
    assert {d.rule[:2] for d in one} >= {"DT", "PU"}  # findings from both processes' families
    assert two == one


@needs_fork
def test_files_are_linted_in_one_process_when_no_worker_can_start(monkeypatch):
    import multiprocessing

    from vanban_lint import parallel

    class NoPool:
        def Pool(self, workers):  # noqa: N802 - the name multiprocessing gives it
            raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing, "get_context", lambda method: NoPool())
    assert parallel.map_ordered(lambda x: x + 1, [1, 2, 3], jobs=2) == [2, 3, 4]
