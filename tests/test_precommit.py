"""The pre-commit hooks for real: ``pre-commit try-repo`` against this repository, in a
temporary git repository of drafts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

CLEAN = "Tỉnh ủy ban hành Chỉ thị[^1].\n\n[^1]: Chỉ thị số 11-CT/TU ngày 04/02/2026.\n"
BROKEN = "Tỉnh ủy ban hành Chỉ thị[^1] và Kế hoạch[^2].\n\n[^1]: Chỉ thị số 11-CT/TU ngày 04/02/2026.\n"
SPACED = "Kế hoạch số 41-KH/ TU ngày 20/7/2022 của Ban Thường vụ Tỉnh ủy.\n"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit cannot be installed here (pip install pre-commit): the hooks are not tried")
    if shutil.which("git") is None:
        pytest.skip("git is not installed: pre-commit needs it")
    repo = tmp_path_factory.mktemp("drafts")
    env = _env(tmp_path_factory.mktemp("pre-commit-home"))
    for name, text in (("clean.md", CLEAN), ("broken.md", BROKEN), ("spaced.md", SPACED)):
        (repo / name).write_text(text, encoding="utf-8")
    for cmd in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.org",
                                               "commit", "-qm", "drafts"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True, env=env)
    return repo, env


def _env(home) -> dict:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    env.pop("PYTHONPATH", None)  # the hook runs the package pre-commit installs, not these sources
    return env


def try_repo(drafts, hook: str, *files: str) -> subprocess.CompletedProcess:
    repo, env = drafts
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--files", *files],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_hook_fails_on_findings_and_passes_on_a_clean_draft(drafts):
    failed = try_repo(drafts, "vanban-lint", "broken.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "broken.md:1:41: error FN101" in failed.stdout
    passed = try_repo(drafts, "vanban-lint", "clean.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_fix_hook_applies_safe_fixes(drafts):
    repo, _ = drafts
    done = try_repo(drafts, "vanban-lint-fix", "spaced.md")
    assert done.returncode == 1  # files were modified: pre-commit fails so that they are reviewed
    assert "41-KH/TU" in (repo / "spaced.md").read_text(encoding="utf-8")
