"""No input may hang the linter: lint time grows linearly with the size of adversarial inputs.

Each shape of ``bench/adversarial.py`` (one long line of citations, one long paragraph, one code
cited thousands of times, thousands of footnote markers, deep brackets, unclosed markup, long
runs of figures, thousands of fixes) is linted at two sizes, four times apart: a linear cost
takes about four times as long, a quadratic one sixteen. The bound (10x, plus a small allowance
for a noisy machine, on the best of three timings) tells the two apart whatever the machine's speed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from vanban_lint import fix as fixmod
from vanban_lint.crossfile import file_facts
from vanban_lint.engine import Settings, lint_document, lint_with_facts
from vanban_lint.facts import Facts
from vanban_lint.readers import read_text
from vanban_lint.registry import all_rules, select_rules
from vanban_lint.report import FORMATS, FileResult, render
from vanban_lint.suppress import parse as parse_suppressions, suppressed

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import adversarial  # noqa: E402

SMALL = 40_000
RATIO = 10.0
RULES = select_rules(all_rules(), None, [], preview=True)


def _lint_seconds(text: str, filename: str, fix: bool = False) -> float:
    """The best of three timings of reading, linting (and fixing) ``text``."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        doc = read_text(filename, text)
        diagnostics = lint_document(doc, Settings(RULES))
        if fix:
            fixmod.fixed_source(doc, diagnostics, unsafe=True)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("name", sorted(adversarial.GENERATORS))
@pytest.mark.parametrize("filename", ["draft.md", "draft.txt"])
def test_linear_time(name, filename):
    gen = adversarial.GENERATORS[name]
    small, large = gen(SMALL), gen(4 * SMALL)
    _lint_seconds(small, filename)  # compile the patterns first
    t_small = _lint_seconds(small, filename, fix=True)
    t_large = _lint_seconds(large, filename, fix=True)
    assert t_large <= RATIO * t_small + 0.05, f"{name}: {t_small:.3f} s, then {t_large:.3f} s for 4x the size"


def test_ten_megabyte_line_shape_stays_linear():
    """One line of the example draft repeated (the bench reads 10 MB of it) takes no longer per
    byte than the same text a tenth as long, within the same allowance."""
    t_small = _lint_seconds(adversarial.draft_one_line(25_000), "one-line.txt")
    t_large = _lint_seconds(adversarial.draft_one_line(250_000), "one-line.txt")
    assert t_large <= 2.5 * 10 * t_small + 0.05


@pytest.mark.parametrize("halves", [False, True])
def test_rules_across_files_stay_linear(halves):
    """The rules across files (XF) over many drafts citing the same documents differently take
    time linear in the number of files, not a comparison of every file with every other."""
    facts = {text: lint_with_facts(read_text("draft.md", text), Settings(RULES))[1] for text in adversarial.DRAFTS}
    project = [r for r in RULES if r.project]

    def seconds(count: int) -> float:
        files = [file_facts(f"{i}.md", facts[text]) for i, text in enumerate(adversarial.drafts(count, halves))]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            found = [f for r in project for f in r.fn(files, r.options)]
            best = min(best, time.perf_counter() - start)
        assert found
        return best

    t_small, t_large = seconds(1_000), seconds(4_000)
    assert t_large <= RATIO * t_small + 0.05, f"XF: {t_small:.3f} s, then {t_large:.3f} s for 4x the files"


@pytest.mark.parametrize("digit", ["٣", "𑽓", "३", "¹", "²", "𝟙"])
def test_digits_outside_ascii_are_not_numbers(digit):
    """Arabic-Indic, Kawi, Devanagari, superscript and mathematical digits are read as no number:
    no crash (``int()`` of a digit Python does not know) and no date, code or figure made of them."""
    text = ("UBND TỈNH X\nSố: D/QĐ-UBND\nHà Nội, ngày D tháng D năm DDDD\n\n"
            "Căn cứ Quyết định số D/QĐ-UBND ngày D/D/DDDD, Nghị quyết số DD-NQ/TU ngày DD.DD.DDDD.\n"
            "Tổng số DD.DDD hộ, trong đó D.DDD hộ nghèo (DD,D%), DD/DD xã đạt DD%[^D].\n\n[^D]: Ghi chú.\n")
    for filename in ("draft.md", "draft.txt"):
        found = lint_string_all(text.replace("D", digit), filename)
        spans = [d.location for d in found if d.rule.startswith(("DT", "DC", "NB"))]
        assert spans == []


@pytest.mark.parametrize("text", [
    "Diện tích 1" + ",000" * 1500 + ".5 ha, cần viết lại theo cách Việt Nam.\n",
    "Văn bản[^" + "7" * 5000 + "] và[^1].\n\n[^" + "7" * 5000 + "]: Ghi chú.\n\n[^1]: Ghi chú.\n",
    "Văn bản" + "¹" * 5000 + ".\n\n" + "¹" * 5000 + " Ghi chú.\n",
])
def test_numbers_longer_than_python_reads_are_no_crash(text):
    """Python refuses to read more than 4,300 digits as a number: a figure to regroup, a footnote
    label of thousands of digits are handled as strings (a label that long is a name)."""
    for filename in ("draft.md", "draft.txt"):
        lint_string_all(text, filename)


def lint_string_all(text: str, filename: str):
    return lint_document(read_text(filename, text), Settings(RULES))


@pytest.mark.parametrize("name", ["quotations, one line", "draft as one line", "deep brackets"])
def test_document_views_stay_linear(name):
    """The views every check reads (the flow, its paragraphs, the quoted lines, the page
    furniture), timed alone: a cost that grows with the square of a line's length shows there
    long before it shows in a whole run."""
    gen = adversarial.GENERATORS[name]

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            doc = read_text("views.md", text)
            start = time.perf_counter()
            doc.flow, doc.paragraphs, doc.quoted_lines, doc.page_artifacts  # noqa: B018 - computed for their time
            best = min(best, time.perf_counter() - start)
        return best

    small, large = gen(100_000), gen(400_000)
    t_small, t_large = seconds(small), seconds(large)
    assert t_large <= RATIO * t_small + 0.01, f"{name}: {t_small:.4f} s, then {t_large:.4f} s for 4x the size"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["fixable findings", "quotations, one line"])
def test_reporters_stay_linear(name, fmt):
    """Each output format, timed alone on thousands of findings on one long line: showing each
    finding's source line must not copy the whole line (a cost of findings × line length)."""
    gen = adversarial.GENERATORS[name]

    def seconds(text: str) -> float:
        doc = read_text("report.md", text)
        results = [FileResult(doc.path, lint_document(doc, Settings(RULES)), document=doc)]
        assert results[0].diagnostics
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            render(fmt, results, "vi")
            best = min(best, time.perf_counter() - start)
        return best

    t_small, t_large = seconds(gen(100_000)), seconds(gen(400_000))
    assert t_large <= RATIO * t_small + 0.01, f"{name}, {fmt}: {t_small:.4f} s, then {t_large:.4f} s for 4x the size"


def test_suppressions_are_applied_in_linear_time():
    """Thousands of suppression comments and thousands of findings, applied alone: each finding
    is not tried against every comment (a cost of their product)."""
    doc_sups = {n: parse_suppressions(read_text("s.md", adversarial.suppressions(n))) for n in (100_000, 400_000)}

    def seconds(n: int) -> float:
        sups = doc_sups[n]
        places = [(code, sup.first_line + 1) for sup in sups for code in ("PU101", "DC105", "DC101")]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            suppressed(sups, places)
            best = min(best, time.perf_counter() - start)
        return best

    assert len(doc_sups[400_000]) > 2000
    t_small, t_large = seconds(100_000), seconds(400_000)
    assert t_large <= RATIO * t_small + 0.01, f"{t_small:.4f} s, then {t_large:.4f} s for 4x the comments"


@pytest.mark.parametrize("name", ["decisions, one line", "one code cited 1000s of times", "type words leading a line"])
def test_citations_stay_linear(name):
    """The citations of one long line, read alone: what is read around each citation (its type
    word, an annex label, its date and issuer) must not cost the length of the line."""
    gen = adversarial.GENERATORS[name]

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            facts = Facts(read_text("citations.md", text))
            facts.dates  # noqa: B018 - read before the timing
            start = time.perf_counter()
            facts.citation_set  # noqa: B018 - computed for its time
            best = min(best, time.perf_counter() - start)
        return best

    t_small, t_large = seconds(gen(100_000)), seconds(gen(400_000))
    assert t_large <= RATIO * t_small + 0.01, f"{name}: {t_small:.4f} s, then {t_large:.4f} s for 4x the size"
