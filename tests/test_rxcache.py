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
