"""Benchmark: whole-process ``lint`` on a 72 KB draft, a 7 MB file and adversarial inputs.

Targets (issue 11): the draft in at most 0.8 times codespell's time and the 7 MB file at least
at codespell's MB/s, both measured in the same run on the same files when codespell is installed
(``pip install codespell``; else the draft must take at most 0.100 s and the 7 MB file run at
5 MB/s); at most 150 MB peak memory on the 7 MB file; at most 2 s per MB on every adversarial
input of ``bench/adversarial.py`` (1 MB each, and one 10 MB line), with JSON output and with
the default text output (which shows each finding's source line). The draft and the 7 MB file
are generated from the example draft, with numbers, codes and footnote labels varied so that
every extractor works on fresh facts; all inputs are written to bench/out/ (not committed).
When ``../shared/corpus`` is beside the checkout, the real documents joined into one text
(about 10 MB: OCR and pdftotext output, CRLF and decomposed files among them) are timed too,
with codespell beside them, against the same 2 s per MB as the adversarial inputs.

Each time is the median of several whole-process runs (lint and codespell alternate), with the
spread (min-max) beside it; memory is the peak resident set of the process.

Usage: ``python bench/run.py [--runs N] [--lint PATH] [--codespell PATH] [--quick] [--only NAMES]``; prints a
table and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import adversarial  # noqa: E402  (bench/adversarial.py)

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "bao-cao-mau.md"
OUT = HERE / "out"
CORPUS = HERE.parent.parent / "shared" / "corpus"

PROSE = [
    "Công tác lãnh đạo, chỉ đạo được triển khai đồng bộ, quyết liệt từ tỉnh đến cơ sở; các cấp ủy, chính quyền "
    "đã cụ thể hóa các chủ trương của Trung ương và của Tỉnh ủy bằng các chương trình, kế hoạch sát với thực tiễn "
    "địa phương. Vai trò của người đứng đầu được đề cao, trách nhiệm trong tổ chức thực hiện được phân công rõ ràng.",
    "Tuy nhiên, việc tổ chức thực hiện ở một số nơi còn chậm, chưa đồng đều; công tác kiểm tra, giám sát có lúc "
    "chưa thường xuyên; sự phối hợp giữa các cơ quan chuyên môn với chính quyền cấp xã trong quản lý tài nguyên, "
    "khoáng sản và bảo vệ môi trường có nơi chưa chặt chẽ, hiệu quả chưa cao.",
    "Trong thời gian tới, tiếp tục nâng cao chất lượng sinh hoạt chi bộ, đẩy mạnh cải cách hành chính gắn với "
    "chuyển đổi số, tăng cường kỷ luật, kỷ cương hành chính; kịp thời biểu dương, khen thưởng các tập thể, cá nhân "
    "có thành tích tiêu biểu và chấn chỉnh những hạn chế, khuyết điểm.",
]

PARAGRAPHS = [
    "Thực hiện Nghị quyết số {n}-NQ/TU, ngày {nd}/{nm}/2024 của Ban Chấp hành Đảng bộ tỉnh về phát triển kinh tế "
    "- xã hội, Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số {k}/KH-UBND ngày {d}/{m}/2024 triển khai đến "
    "{x} xã, phường[^{f}]. Tổng số hộ được hỗ trợ là {t}.{u}00 hộ, trong đó: {a}.{u}00 hộ nghèo, "
    "{b}.000 hộ cận nghèo.",
    "Cơ cấu kinh tế năm 2024: nông nghiệp chiếm 2{n1},4%; công nghiệp - xây dựng chiếm 3{n2},1%; "
    "dịch vụ chiếm {n3}%. Có {x}/{y} xã đạt chuẩn nông thôn mới (đạt {p}%), tăng 5,2% so với cùng kỳ.",
    "Sở Nông nghiệp và Môi trường phối hợp với Sở Công Thương kiểm tra {x} mỏ khoáng sản theo Quyết định "
    "số {k}/QĐ-UBND ngày {d}/{m}/2024 và Công văn số {n}/SNNMT-KS ngày {nd}/{nm}/2024; diện tích "
    "thu hồi {t}.{u}50,5 ha.",
]


def make_draft(size: int) -> str:
    """A realistic draft of about ``size`` bytes, with footnotes defined at the end.

    The generated paragraphs are consistent (shares add up, dates precede the report's own
    date), so the findings are those of the example's head: the benchmark times linting, not
    printing thousands of findings."""
    head, _, notes = EXAMPLE.read_text(encoding="utf-8").partition("[^1]:")
    parts = [head.strip()]
    defs = []
    i = 0
    note = 10
    total = len(parts[0].encode())
    while total < size:
        x = 10 + i % 80
        n = i % 97 + 1
        fields = dict(n=n, nd=n % 28 + 1, nm=n % 12 + 1, d=i % 28 + 1, m=i % 12 + 1, k=100 + i, x=x, y=x + i % 7, f=note,
                      t=20 + i % 50, u=i % 10, a=10 + i % 9, b=i % 9 + 1, n1=i % 5, n2=i % 6,
                      p=round(100 * x / (x + i % 7)))
        fields["n3"] = f"{100 - 20.4 - fields['n1'] - 30.1 - fields['n2']:.1f}".replace(".", ",")
        # One paragraph in two carries codes and figures: about 1.3 citations per KB, as in the
        # real documents of ../shared/corpus (0.07 to 2.4 per KB, about 1 on average).
        para = PROSE[i // 2 % len(PROSE)] if i % 2 else PARAGRAPHS[i // 2 % len(PARAGRAPHS)].format(**fields)
        parts.append(para)
        if "[^" in para:
            defs.append(f"[^{note}]: Kế hoạch số {100 + i}/KH-UBND ngày {fields['d']}/{fields['m']}/2024.")
            note += 1
        total += len(para.encode()) + 2
        i += 1
    return "\n\n".join(parts) + "\n\n[^1]:" + notes.rstrip("\n") + "\n" + "\n".join(defs) + "\n"


class Timing(NamedTuple):
    """Whole-process wall times of several runs and the largest peak resident set, in bytes."""

    times: list[float]
    peak: int

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def spread(self) -> str:
        return f"{min(self.times):.3f}-{max(self.times):.3f}"


def run_once(cmd: list[str], lint: bool) -> tuple[float, int]:
    """Wall time and peak resident set (bytes) of one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if lint and proc.returncode > 1:
        sys.exit(f"lint failed ({proc.returncode}): {stderr.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss * 1024  # kilobytes on Linux


def time_runs(cmds: list[list[str] | None], runs: int) -> list[Timing | None]:
    """Time each command ``runs`` times, alternating between them (so that a slower or faster
    moment of the machine weighs on all alike); None for an absent command."""
    times: list[list[float]] = [[] for _ in cmds]
    peaks = [0] * len(cmds)
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            if cmd is not None:
                t, peak = run_once(cmd, lint=i == 0)
                times[i].append(t)
                peaks[i] = max(peaks[i], peak)
    return [Timing(t, p) if t else None for t, p in zip(times, peaks)]


def compile_bytecode(lint: str) -> None:
    """Compile the package's bytecode, as ``pip install`` does, so that an editable install run
    with PYTHONDONTWRITEBYTECODE set is not timed recompiling every module on each start."""
    with open(lint, encoding="utf-8", errors="replace") as fh:
        first = fh.readline()
    python = first[2:].strip() if first.startswith("#!") else sys.executable
    where = subprocess.run([python, "-c", "import os, vanban_lint; print(os.path.dirname(vanban_lint.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", where], stdout=subprocess.DEVNULL, check=True)


def write_inputs(quick: bool, generate: bool = True) -> list[tuple[str, Path, str]]:
    """The inputs as (name, path, kind): kind is "draft", "big", "adversarial" or "real";
    written to bench/out/ when ``generate``."""
    OUT.mkdir(exist_ok=True)
    mb = 250_000 if quick else 1_000_000
    inputs = [("draft 72 KB", OUT / "draft-70k.md", "draft", lambda: make_draft(70_000)),
              ("file 7 MB", OUT / "draft-7m.md", "big", lambda: make_draft(700_000 if quick else 7_000_000))]
    for i, (name, gen) in enumerate(adversarial.GENERATORS.items()):
        inputs.append((name, OUT / f"adversarial-{i}.md", "adversarial", lambda gen=gen: gen(mb)))
    inputs.append(("one 10 MB line", OUT / "one-line-10m.txt", "adversarial",
                   lambda: adversarial.draft_one_line(1_000_000 if quick else 10_000_000)))
    real = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("wide/*.txt"))
    if real and not quick:  # real documents, when ../shared is beside the checkout
        inputs.append(("real documents joined", OUT / "real-joined.txt", "real",
                       lambda: "\n".join(p.read_bytes().decode("utf-8") for p in real)))
    for _, path, _, make in inputs if generate else ():
        path.write_text(make(), encoding="utf-8", newline="")
    return [(name, path, kind) for name, path, kind, _ in inputs]


def write_inputs_apart(quick: bool) -> list[tuple[str, Path, str]]:
    """:func:`write_inputs` in a process of its own. The peak resident set a child reports
    includes what its parent held when it forked (the high-water mark survives ``exec``): the
    timing process must stay small, not hold the 10 MB texts it generated."""
    subprocess.run([sys.executable, __file__, "--write-inputs", *(["--quick"] if quick else [])], check=True)
    return write_inputs(quick, generate=False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10, help="runs of the draft (fewer of the larger inputs)")
    ap.add_argument("--lint", default=shutil.which("lint") or os.path.join(os.path.dirname(sys.executable), "lint"))
    ap.add_argument("--codespell", default=shutil.which("codespell"), help="codespell to compare with (default: on PATH)")
    ap.add_argument("--quick", action="store_true", help="adversarial inputs four times smaller, the 7 MB file ten times "
                                                        "(a smoke test, targets not judged)")
    ap.add_argument("--only", help="comma-separated parts of input names to run (e.g. 'draft,7 MB')")
    ap.add_argument("--write-inputs", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.write_inputs:
        write_inputs(args.quick)
        return 0
    compile_bytecode(args.lint)
    rows = []
    missed = []
    for name, path, kind in write_inputs_apart(args.quick):
        if args.only and not any(part.strip() in name for part in args.only.split(",")):
            continue
        size = path.stat().st_size
        runs = {"draft": args.runs, "big": max(1, args.runs // 5), "real": max(1, args.runs // 5)}.get(
            kind, 3 if size < 5_000_000 else 1)
        other = [args.codespell, str(path)] if args.codespell and kind != "adversarial" else None
        # An adversarial input is also timed with the default text output, which shows each
        # finding's source line: thousands of findings on one long line must stay linear there too.
        text = [args.lint, str(path)] if kind == "adversarial" else None
        lint, peer, shown = time_runs([[args.lint, "--format", "json", str(path)], other, text], runs)
        assert lint is not None
        target, ok = _target(kind, size, lint, peer, shown)
        if not ok and not args.quick:
            missed.append(name)
        rows.append((name, size, lint, peer, shown, target, ok))
    print(f"{'input':<30} {'bytes':>9} {'median s':>8} {'spread s':>11} {'s/MB':>5} {'MB/s':>5} {'peak MB':>7} "
          f"{'text s':>6} {'codespell s':>11} {'ratio':>5}  target")
    for name, size, lint, peer, shown, target, ok in rows:
        mbytes = size / 1e6
        cs = f"{peer.median:>11.3f} {lint.median / peer.median:>5.2f}" if peer else f"{'-':>11} {'-':>5}"
        text_s = f"{shown.median:>6.3f}" if shown else f"{'-':>6}"
        print(f"{name:<30} {size:>9} {lint.median:>8.3f} {lint.spread:>11} {lint.median / mbytes:>5.2f} "
              f"{mbytes / lint.median:>5.1f} {lint.peak / 1e6:>7.0f} {text_s} {cs}  {target} {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


def _target(kind: str, size: int, lint: Timing, peer: Timing | None, shown: Timing | None = None) -> tuple[str, bool]:
    """The target of an input and whether it is met (see the module's docstring); ``shown``: the
    same input with the text output, for an adversarial input."""
    if kind == "draft":
        if peer:
            return "<= 0.8x codespell", lint.median <= 0.8 * peer.median
        return "<= 0.100 s", lint.median <= 0.100
    if kind == "big":
        fast = lint.median <= peer.median if peer else size / lint.median >= 5e6
        return f"{'>= codespell MB/s' if peer else '>= 5 MB/s'}, <= 150 MB", fast and lint.peak <= 150e6
    slowest = max(lint.median, shown.median if shown else 0.0)
    return "<= 2 s/MB (json, text)", slowest / (size / 1e6) <= 2.0


if __name__ == "__main__":
    raise SystemExit(main())
