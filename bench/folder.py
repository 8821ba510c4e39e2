"""Benchmark: whole-process ``lint`` on a folder of 1,000 drafts, in one process and with
``--jobs 2`` (and more, with ``--jobs``), the checks across files included.

The drafts are made here from the example draft and, when ``../shared/corpus`` is present, its
reports: each copy gets its own document numbers, dates and footnote labels shifted, so that
the checks work on fresh facts and the checks across files compare many documents. They are
written to bench/out/folder/ (not committed). Every run must print the same output.

Usage: ``python bench/folder.py [--files 1000] [--runs 3] [--jobs 2] [--lint PATH]``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "folder"
CORPUS = ROOT.parent / "shared" / "corpus"
MAX_SOURCE = 60_000  # characters: drafts, not planning reports


def sources() -> list[tuple[str, str]]:
    """The texts the drafts are made from: the example and the corpus's reports."""
    found = [(p.suffix, p.read_text(encoding="utf-8")) for p in [ROOT / "examples" / "bao-cao-mau.md"]]
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if len(text) <= MAX_SOURCE:
                found.append((".txt", text))
    return found


_NUMBER = re.compile(r"(số )(\d{1,4})([-/])")


def vary(text: str, i: int) -> str:
    """The i-th copy: every number after "số" shifted by i, so that copies cite other documents."""
    return _NUMBER.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + i}{m.group(3)}", text)


def make(count: int) -> Path:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    texts = sources()
    for i in range(count):
        ext, text = texts[i % len(texts)]
        (OUT / f"du-thao-{i:04d}{ext}").write_text(vary(text, i // len(texts)), encoding="utf-8")
    return OUT


def _cpu() -> float:
    """CPU seconds used so far by the finished child processes (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], runs: int) -> tuple[float, float, str]:
    """Median wall time, median CPU time (all processes) and the output of ``runs`` runs. A
    wall time near the CPU time of one process means the machine was not shared."""
    times, cpus, outputs = [], [], set()
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
        times.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr[-2000:]}")
        outputs.add(done.stdout)
    if len(outputs) != 1:
        raise SystemExit(f"{' '.join(cmd)}: the output differs between runs")
    return statistics.median(times), statistics.median(cpus), outputs.pop()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--files", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--jobs", type=int, nargs="*", default=[2])
    p.add_argument("--lint", default=None, help="the lint command (default: this Python with -m vanban_lint)")
    args = p.parse_args(argv)
    folder = make(args.files)
    size = sum(f.stat().st_size for f in folder.iterdir())
    base = args.lint.split() if args.lint else [sys.executable, "-m", "vanban_lint"]
    load = os.getloadavg()[0]
    print(f"{args.files} drafts, {size / 1e6:.1f} MB, {os.cpu_count()} cores (load {load:.1f} before); "
          f"median of {args.runs} runs, JSON output")
    one, cpu, reference = timed([*base, "--isolated", "--format", "json", "--jobs", "1", str(folder)], args.runs)
    print(f"  --jobs 1: {one:6.2f} s  (CPU {cpu:.2f} s)")
    for jobs in args.jobs:
        took, cpu, output = timed([*base, "--isolated", "--format", "json", "--jobs", str(jobs), str(folder)],
                                  args.runs)
        same = "same output" if output == reference else "OUTPUT DIFFERS"
        print(f"  --jobs {jobs}: {took:6.2f} s  (CPU {cpu:.2f} s; {one / took:.2f}x, {same})")
        if output != reference:
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
