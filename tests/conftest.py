"""Shared test helpers: lint a string, find ../shared when it exists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vanban_lint.engine import Settings, lint_document
from vanban_lint.readers import read_bytes, read_text
from vanban_lint.registry import all_rules, select_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
TODAY = dt.date(2026, 11, 26)


def lint_string(text: str, filename: str = "draft.md", select: list[str] | None = None,
                options: dict | None = None, lang: str = "vi", today: dt.date = TODAY):
    rules = select_rules(all_rules(), select, [], preview=True)
    if filename.endswith(".docx"):  # the example is WordprocessingML (tests/docx_build.py)
        from docx_build import from_example

        doc = read_bytes(filename, from_example(text))
    else:
        doc = read_text(filename, text)
    return lint_document(doc, Settings(rules, lang, {}, options or {}, today))


def lint_files(files: dict[str, str], select: list[str] | None = None, options: dict | None = None,
               lang: str = "vi", today: dt.date = TODAY) -> dict[str, list]:
    """Lint several texts as one run (checks across files included): name -> diagnostics."""
    from vanban_lint.crossfile import lint_together

    rules = select_rules(all_rules(), select, [], preview=True)
    docs = [read_text(name, text) for name, text in files.items()]
    found = lint_together(docs, Settings(rules, lang, {}, options or {}, today))
    return dict(zip(files, found))


@pytest.fixture(autouse=True, scope="session")
def _private_parse_cache(tmp_path_factory):
    """Tests parse many throw-away YAML files: keep their cache out of the user's."""
    mp = pytest.MonkeyPatch()
    mp.setenv("VANBAN_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("parse-cache")))
    yield
    mp.undo()


@pytest.fixture
def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present (fresh clone)")
    return sorted(CORPUS.glob("*.txt"))
