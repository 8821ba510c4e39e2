"""Benchmark: whole-process ``lint`` on a ~70 KB draft and on a ~7 MB file.

Targets (issue 2): ≤ 100 ms for the 70 KB draft (codespell takes 122 ms, markdownlint-cli2
447 ms on this machine) and ≥ 5 MB/s on the 7 MB file. The inputs are generated here from the
example draft, with numbers, codes and footnote labels varied so that every extractor works on
fresh facts; they are written to bench/out/ (not committed).

Usage: ``python bench/run.py [--runs N] [--lint PATH]``; prints a table and exits 1 when a
target is missed.
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

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "bao-cao-mau.md"
OUT = HERE / "out"

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


def time_run(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if proc.returncode > 1:
            sys.exit(f"lint failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return statistics.median(times)


def compile_bytecode(lint: str) -> None:
    """Compile the package's bytecode, as ``pip install`` does, so that an editable install run
    with PYTHONDONTWRITEBYTECODE set is not timed recompiling every module on each start."""
    with open(lint, encoding="utf-8", errors="replace") as fh:
        first = fh.readline()
    python = first[2:].strip() if first.startswith("#!") else sys.executable
    where = subprocess.run([python, "-c", "import os, vanban_lint; print(os.path.dirname(vanban_lint.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", where], stdout=subprocess.DEVNULL, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--lint", default=shutil.which("lint") or os.path.join(os.path.dirname(sys.executable), "lint"))
    args = ap.parse_args()
    compile_bytecode(args.lint)
    OUT.mkdir(exist_ok=True)
    small = OUT / "draft-70k.md"
    big = OUT / "draft-7m.md"
    small.write_text(make_draft(70_000), encoding="utf-8")
    big.write_text(make_draft(7_000_000), encoding="utf-8")
    rows = []
    t_small = time_run([args.lint, "--format", "json", str(small)], args.runs)
    rows.append(("70 KB draft", small.stat().st_size, t_small, t_small <= 0.100))
    t_big = time_run([args.lint, "--format", "json", str(big)], max(1, args.runs // 5))
    mbps = big.stat().st_size / t_big / 1e6
    rows.append(("7 MB file", big.stat().st_size, t_big, mbps >= 5.0))
    print(f"{'input':<12} {'bytes':>10} {'median s':>9} {'MB/s':>7}  target")
    for name, size, t, ok in rows:
        print(f"{name:<12} {size:>10} {t:>9.3f} {size / t / 1e6:>7.2f}  {'ok' if ok else 'MISSED'}")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
