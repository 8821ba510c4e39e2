"""Property tests: random Unicode and random Markdown never break the linter.

The texts are generated from fragments of drafts and random characters, and (when
``../shared/corpus`` is beside the checkout) cut from real documents and edited at random.
Checked on every text: no exception; every reported position lies inside the file
and the text it marks is the span the finding was made on; JSON and SARIF output parse; ``--fix``
output re-lints without new errors and a second ``--fix`` changes nothing; the same text saved
with CRLF line ends, a BOM, in NFD or in UTF-16 gives the same findings.

The number of examples comes from a Hypothesis profile chosen by ``HYPOTHESIS_PROFILE``: "ci"
(the default, a few dozen per test, derandomized so that CI is reproducible) or "long" (a
thousand per test, random: ``HYPOTHESIS_PROFILE=long pytest tests/test_properties.py``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
import unicodedata
from difflib import SequenceMatcher

import pytest
import regex
from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanban_lint import cli
from vanban_lint.engine import Settings, lint_document
from vanban_lint.facts import Facts
from vanban_lint.readers import read_bytes, read_text
from vanban_lint.registry import all_rules, select_rules
from vanban_lint.report import FileResult, render
from vanban_lint.diagnostics import Severity
from vanban_lint.document import Span
from vanban_lint.suppress import Suppression, suppressed

settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

RULES = select_rules(all_rules(), None, [], preview=True)
NFD_RULE = "CT104"  # letters written decomposed: the one rule NFD text is meant to change
_LINE_END = regex.compile(r"\r\n|\r|\n")

# Pieces of drafts: the constructs every extractor reads, and the Markdown that masks text.
FRAGMENTS = [
    "# ", "## ", "### I. ", "II. ", "1. ", "a) ", "- ", "* ", "    ", "\t", "\n", "\n\n", "\r\n", " ", ", ", "; ",
    ". ", "[^1]", "[^2]", "[^1]: ", "[^2]: Ghi chú.", "¹", "²", "`", "``", "```\n", "~~~\n", "<!--", "-->",
    "<!-- vanban-lint disable-next-line DC105 -->", "[a](", "](http://x.vn/a)", "http://x.vn/a.", "(", ")", "“",
    "”", '"', "*", "_", "|", "---\n", "Số: 12/BC-UBND", "Hà Nội, ngày 15 tháng 04 năm 2025",
    "Quyết định số 12/QĐ-UBND ngày 3/4/2024", "Nghị quyết số 21-NQ/TW ngày 16/6/2022", "41-KH/ TU",
    "12 -ĐA/TU", "15-QDD/TU", "31/2024/QH14", "ngày 31/04/2023", "tháng 04", "năm 2024", "uỷ ban", "hòa",
    "trong trong", "1.234,5", "1,234.5", "2500", "45/50 xã", "80%", "20,5%", "trong đó", "gồm", "tổng số",
    "1.250 đảng viên", "nhiệm kỳ 2020 - 2025", "khóa XV", "Mẫu số 01", "Phụ lục I", "Nơi nhận:", "٣", "𑽓",
    "e\u0301", "\u00a0", "\u200b", "\x00", "\ufeff", "ĐẢNG CỘNG SẢN VIỆT NAM", "Tỉnh ủy", "Điều 5",
]


def _examples() -> list[str]:
    """The texts of the rules' examples: realistic drafts each rule reads."""
    return [ex.text for rule in all_rules().values() for ex in (*rule.bad, *rule.good)]


def _corpus_texts() -> list[str]:
    """The real documents of ``../shared/corpus`` and ``corpus/wide`` (none in a fresh clone)."""
    paths = sorted([*CORPUS.glob("*.txt"), *CORPUS.glob("*.md"), *CORPUS.glob("wide/*.txt"), *CORPUS.glob("wide/*.md")])
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


CORPUS_TEXTS = _corpus_texts() if CORPUS.is_dir() else []


@st.composite
def edited_documents(draw) -> str:
    """A stretch of a real document edited as drafts are: fragments and stray characters put in,
    pieces cut out or repeated elsewhere, line breaks removed (joined lines, table cells)."""
    text = draw(st.sampled_from(CORPUS_TEXTS))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    chars = list(text[start:start + draw(st.integers(100, 3000))])
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(chars)))
        edit = draw(st.sampled_from(["insert", "cut", "repeat", "join", "char"]))
        if edit == "insert":
            chars[at:at] = draw(st.sampled_from(FRAGMENTS))
        elif edit == "cut":
            del chars[at:at + draw(st.integers(1, 40))]
        elif edit == "repeat":
            source = draw(st.integers(0, len(chars)))
            chars[at:at] = chars[source:source + draw(st.integers(1, 80))]
        elif edit == "join":
            chars = [c for i, c in enumerate(chars) if c != "\n" or i < at]
        else:
            chars.insert(at, draw(st.characters()))
    return "".join(chars)


markdown = st.lists(st.sampled_from(FRAGMENTS) | st.sampled_from(_examples()) | st.text(max_size=8),
                    max_size=40).map("".join)
unicode_text = st.text(max_size=400)
extensions = st.sampled_from(["draft.md", "draft.txt"])


def _lint(filename: str, text: str):
    doc = read_text(filename, text)
    return doc, lint_document(doc, Settings(RULES))


def _check_positions(doc, diagnostics) -> None:
    """Each position is inside the file, and the text at it is the text of the finding's span."""
    starts = [0, *(m.end() for m in _LINE_END.finditer(doc.source))]
    lines = [doc.source[s:e] for s, e in zip(starts, [*starts[1:], len(doc.source)])]
    for d in diagnostics:
        loc = d.location
        assert 0 <= d.span.start <= d.span.end <= len(doc.text), d
        assert 1 <= loc.line <= loc.end_line <= len(lines), d
        assert 1 <= loc.column <= len(lines[loc.line - 1]) + 1, d
        assert 1 <= loc.end_column <= len(lines[loc.end_line - 1]) + 1, d
        start = starts[loc.line - 1] + loc.column - 1
        end = starts[loc.end_line - 1] + loc.end_column - 1
        assert start <= end, d
        written = _LINE_END.sub("\n", doc.source[start:end])
        assert unicodedata.normalize("NFC", written) == doc.text[d.span.start:d.span.end], d


def _check_reports(doc, diagnostics) -> None:
    results = [FileResult(doc.path, diagnostics, document=doc)]
    for fmt in ("json", "sarif"):
        json.loads(render(fmt, results, "vi"))


@given(unicode_text, extensions)
def test_random_unicode(text, filename):
    doc, diagnostics = _lint(filename, text)
    _check_positions(doc, diagnostics)
    _check_reports(doc, diagnostics)


@given(markdown, extensions)
def test_random_markdown(text, filename):
    doc, diagnostics = _lint(filename, text)
    _check_positions(doc, diagnostics)
    _check_reports(doc, diagnostics)


@pytest.mark.skipif(not CORPUS_TEXTS, reason="../shared/corpus is not present (fresh clone)")
@given(edited_documents(), extensions)
def test_edited_real_documents(text, filename):
    """Real text, cut and edited at random: the same guarantees as for generated text."""
    doc, diagnostics = _lint(filename, text)
    _check_positions(doc, diagnostics)
    _check_reports(doc, diagnostics)
    _check_encodings(text, filename)


def _run_cli(*args: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return cli.main(["--isolated", "--preview", "--today", "2026-11-26", *args])


def _new_errors(filename: str, before: str, after: str) -> list:
    """Errors of ``after`` that ``before`` did not have, but on the text a fix rewrote: a fixed
    code ("123/QDD-UBND" made "123/QĐ-UBND") is read for the first time, and what is found on it
    or on its citation (a date later than the document's own) then was hidden by the defect the
    fix removed, not made by the fix."""
    old = {(d.rule, d.message) for d in _lint(filename, before)[1] if d.severity >= Severity.ERROR}
    changed = [(j1, j2) for tag, _, _, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
               if tag != "equal"]
    doc, diagnostics = _lint(filename, after)
    # A rewritten code is read with its whole citation (type word, date, issuer): a finding on
    # the citation's date is on the text the fix rewrote too.
    for c in Facts(doc).citations:
        start, end = doc.to_source(c.start), doc.to_source(c.end)
        if any(j1 <= end and start <= j2 for j1, j2 in changed):
            changed.append((start, end))
    out = []
    for d in diagnostics:
        if d.severity < Severity.ERROR or (d.rule, d.message) in old:
            continue
        start, end = doc.to_source(d.span.start), doc.to_source(d.span.end)
        if not any(j1 <= end and start <= j2 for j1, j2 in changed):
            out.append(d)
    return out


@given(markdown, extensions, st.booleans())
def test_fix_is_stable(text, filename, unsafe):
    """``--fix`` adds no error (but on the text it rewrote, see :func:`_new_errors`), and a
    second ``--fix`` finds nothing left to change."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, filename)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        flags = ["--fix", "--unsafe-fixes"] if unsafe else ["--fix"]
        _run_cli(*flags, path)
        with open(path, encoding="utf-8", newline="") as fh:
            once = fh.read()
        _run_cli(*flags, path)
        with open(path, encoding="utf-8", newline="") as fh:
            twice = fh.read()
    assert twice == once
    if not unsafe:
        assert _new_errors(filename, text, once) == []


def _findings(data: bytes, filename: str, columns: bool = True) -> list[tuple]:
    doc = read_bytes(filename, data)
    out = []
    for d in lint_document(doc, Settings(RULES)):
        loc = d.location
        out.append((d.rule, loc.line, loc.column, loc.end_line, loc.end_column, d.message) if columns
                   else (d.rule, loc.line, loc.end_line, d.message))
    return out


@given(markdown, extensions)
def test_encodings_give_the_same_findings(text, filename):
    _check_encodings(text, filename)


def _check_encodings(text: str, filename: str) -> None:
    """CRLF line ends, a BOM and UTF-16 change nothing; NFD changes only the columns (they count
    the code points of the file as written) and adds the findings of the rule that flags it
    (CT104, letters not composed)."""
    text = text.replace("\r", "").replace("\ufeff", "").replace("\x00", "")  # a NUL makes a binary file
    base = _findings(text.encode("utf-8"), filename)
    assert _findings(text.replace("\n", "\r\n").encode("utf-8"), filename) == base
    assert _findings(b"\xef\xbb\xbf" + text.encode("utf-8"), filename) == base
    assert _findings(text.encode("utf-16"), filename) == base
    nfd = unicodedata.normalize("NFD", text)
    assert ([f for f in _findings(nfd.encode("utf-8"), filename, columns=False) if f[0] != NFD_RULE]
            == [f for f in _findings(text.encode("utf-8"), filename, columns=False) if f[0] != NFD_RULE])


_SUPPRESSION = st.builds(
    lambda codes, first, length: Suppression(tuple(codes), first, first + length if length >= 0 else 10**9, Span(0, 0)),
    st.lists(st.sampled_from(["DC", "DC105", "PU", "PU101", "FN1", "D", "ZZ9"]), max_size=3),
    st.integers(1, 30), st.integers(-1, 6))


@given(st.lists(_SUPPRESSION, max_size=12),
       st.lists(st.tuples(st.sampled_from(["DC105", "DC101", "PU101", "FN101", "NB101"]), st.integers(1, 40)), max_size=30))
def test_suppressions_swept_down_the_lines_are_those_each_comment_covers(sups, places):
    assert suppressed(sups, places) == [any(s.covers(code, line) for s in sups) for code, line in places]
