"""The cache of compiled patterns changes nothing but the time a run takes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bao-cao-mau.md"


def _run(cache: Path) -> str:
    env = {**os.environ, "VANBAN_LINT_CACHE_DIR": str(cache)}
    proc = subprocess.run([sys.executable, "-m", "vanban_lint", "--isolated", "--today", "2026-11-26", "--format",
                           "json", str(EXAMPLE)], capture_output=True, text=True, env=env)
    assert proc.returncode == 1, proc.stderr
    return proc.stdout


def test_cached_patterns_give_the_same_findings(tmp_path):
    first = _run(tmp_path)
    files = list(tmp_path.glob("regex-*.marshal"))
    assert len(files) == 1
    written = files[0].stat().st_mtime_ns
    assert _run(tmp_path) == first
    assert files[0].stat().st_mtime_ns == written  # nothing new compiled: not written again


def test_a_broken_cache_is_ignored(tmp_path):
    first = _run(tmp_path)
    for f in tmp_path.glob("regex-*.marshal"):
        f.write_bytes(b"\x00garbage")
    assert _run(tmp_path) == first


def test_a_large_file_split_in_two_processes_leaves_nothing_to_compile_the_next_time(tmp_path):
    """The child of vanban_lint.split compiles the patterns of its rules; the parent writes them."""
    from vanban_lint import split

    big = tmp_path / "big.md"
    paragraph = EXAMPLE.read_text(encoding="utf-8").partition("[^1]:")[0]
    big.write_text(paragraph * (split.MIN_CHARS // len(paragraph) + 1), encoding="utf-8")
    env = {**os.environ, "VANBAN_LINT_CACHE_DIR": str(tmp_path / "cache")}
    code = ("import os, sys; from vanban_lint import rxcache; from vanban_lint.cli import main\n"
            "parent, handed = os.getpid(), rxcache.fresh\n"
            "def report():\n"
            "    patterns = handed()\n"
            "    if os.getpid() != parent:\n"
            "        print(sum(map(len, patterns.values())), file=sys.stderr)\n"
            "    return patterns\n"
            "rxcache.fresh = report\n"
            "main(['--jobs', '2', '--format', 'json', sys.argv[1]])\n")
    compiled = [subprocess.run([sys.executable, "-c", code, str(big)], capture_output=True, text=True, env=env).stderr
                for _ in range(2)]
    assert int(compiled[0]) > 0 and int(compiled[1]) == 0
