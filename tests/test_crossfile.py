"""A folder of drafts as one body of work, through the real ``lint`` process: configuration per
file, checks across files in every format, the catalog, ``--build-catalog``, ``--jobs``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import CORPUS

REPORT = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Lào Cai, ngày 10 tháng 3 năm 2026

BÁO CÁO

Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;
Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương, tỉnh đã ban hành kế hoạch.
"""
PLAN = """Tiếp tục quán triệt Nghị quyết số 21-NQ/TW ngày 16/8/2022 của Ban Chấp hành Trung ương.
"""
BROKEN = "Tỉnh ủy ban hành Chỉ thị[^1] và Kế hoạch[^2].\n\n[^1]: Chỉ thị số 11-CT/TU ngày 04/02/2026.\n"


def lint(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vanban_lint", "--today", "2026-11-26", *args],
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=300)


def write(path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_configuration_nearest_above_each_file_from_another_folder(tmp_path):
    write(tmp_path / "bao-cao" / ".vanban-lint.yaml", "ignore: [FN101]\n")
    mine = write(tmp_path / "bao-cao" / "2026" / "draft.md", BROKEN)
    other = write(tmp_path / "khac" / "draft.md", BROKEN)
    (tmp_path / "elsewhere").mkdir()
    done = lint("--format", "concise", mine, other, cwd=tmp_path / "elsewhere")
    assert done.returncode == 1
    assert f"{other}:1:41: error FN101" in done.stdout
    assert mine not in done.stdout  # its project's configuration ignores FN101
    shown = lint("--show-settings", mine, cwd=tmp_path / "elsewhere")
    assert shown.returncode == 0
    assert f"configuration: {tmp_path / 'bao-cao' / '.vanban-lint.yaml'}" in shown.stdout
    assert "ignore: FN101" in shown.stdout and "FN101" not in shown.stdout.split("enabled rules")[1]
    assert "configuration: (none: defaults)" in lint("--show-settings", other, cwd=tmp_path / "elsewhere").stdout
    # Each file's failure threshold: a warning fails only the project that asks for it.
    write(tmp_path / "strict" / ".vanban-lint.yaml", "fail-on: warning\nselect: [DC105]\n")
    spaced = "Kế hoạch số 41-KH/ TU ngày 20/7/2022.\n"
    lax = write(tmp_path / "khac" / "spaced.md", spaced)
    assert lint("--select", "DC105", lax, cwd=tmp_path / "elsewhere").returncode == 0
    assert lint(lax, write(tmp_path / "strict" / "spaced.md", spaced), "--select", "DC105",
                cwd=tmp_path / "elsewhere").returncode == 1


def test_statistics_counts_per_rule(tmp_path):
    done = lint("--statistics", write(tmp_path / "a.md", BROKEN), write(tmp_path / "b.md", BROKEN), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].split()[:3] == ["2", "FN101", "undefined-footnote"]


@pytest.fixture
def two_drafts(tmp_path):
    return write(tmp_path / "bao-cao.md", REPORT), write(tmp_path / "ke-hoach.md", PLAN)


def test_date_across_files_in_text_json_and_sarif(tmp_path, two_drafts):
    report, plan = two_drafts
    text = lint("--select", "XF", report, plan, cwd=tmp_path)
    assert text.returncode == 0  # a warning: below the default failure threshold
    assert f"{report}:7:39: warning XF101 21-NQ/TW được dẫn với ngày 16/06/2022 ở đây, nhưng với ngày 16/08/2022 ở {plan}:1:49" in text.stdout
    assert f"  xem: {plan}:1:49: được dẫn với ngày 16/08/2022 ở đây" in text.stdout
    assert f"{plan}:1:49: warning XF101" in text.stdout
    data = json.loads(lint("--select", "XF", "--format", "json", report, plan, cwd=tmp_path).stdout)
    (diag,) = data["files"][0]["diagnostics"]
    assert diag["rule"] == "XF101" and diag["related"][0]["path"] == plan and diag["related"][0]["line"] == 1
    sarif = json.loads(lint("--select", "XF", "--format", "sarif", report, plan, cwd=tmp_path).stdout)
    results = sarif["runs"][0]["results"]
    assert len(results) == 2
    rel = results[0]["relatedLocations"][0]["physicalLocation"]
    assert rel["artifactLocation"]["uri"] == plan and rel["region"]["startLine"] == 1
    one = lint("--select", "XF", "--format", "concise", report, cwd=tmp_path)
    assert one.stdout == ""  # one file: nothing to compare


def test_cross_file_finding_obeys_each_files_suppression(tmp_path):
    report = write(tmp_path / "a.md", "<!-- vanban-lint disable-file XF101 -->\n" + REPORT)
    plan = write(tmp_path / "b.md", PLAN)
    out = lint("--select", "XF", "--format", "concise", report, plan, cwd=tmp_path).stdout
    assert report not in out.split(" ở ")[0] and f"{plan}:1:49: warning XF101" in out


CATALOG = """documents:
  - code: 21-NQ/TW
    date: 2022-06-16
    issuer: Ban Chấp hành Trung ương
    title: về tăng cường củng cố tổ chức cơ sở đảng
  - code: 30/2020/NĐ-CP
    date: 2020-03-05
    replaced-by: {code: 12/2026/NĐ-CP, date: 2026-02-01}
"""


def test_catalog_disagreement_and_replaced_document(tmp_path, two_drafts):
    report, plan = two_drafts
    write(tmp_path / "documents.yaml", CATALOG)
    write(tmp_path / ".vanban-lint.yaml", "catalog: documents.yaml\n")
    done = lint("--select", "CA", "--format", "concise", report, plan, cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert f"{plan}:1:49: error CA101 21-NQ/TW được dẫn với ngày 16/08/2022, nhưng danh mục văn bản " \
           "(documents.yaml:2) ghi ngày 16/06/2022" in lines
    assert any(line.startswith(f"{report}:6:21: warning CA103 30/2020/NĐ-CP được nêu làm căn cứ") and "12/2026/NĐ-CP" in line
               for line in lines)
    assert len(lines) == 2
    bad = write(tmp_path / "broken" / "documents.yaml", "documents:\n  - code: 21-NQ/TW\n")
    write(tmp_path / "broken" / ".vanban-lint.yaml", "catalog: documents.yaml\n")
    failed = lint(write(tmp_path / "broken" / "a.md", PLAN), cwd=tmp_path)
    assert failed.returncode == 2 and bad in failed.stderr and "date" in failed.stderr


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present (fresh clone)")
    folder = tmp_path_factory.mktemp("corpus")
    for path in [*CORPUS.glob("*.txt"), *CORPUS.glob("wide/*.txt")]:
        target = folder / "corpus" / path.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return folder


def test_build_catalog_on_the_corpus(corpus_copy):
    done = lint("--build-catalog", "corpus", cwd=corpus_copy)
    assert done.returncode == 0, done.stderr
    catalog = yaml.safe_load(done.stdout)
    codes = {e["code"]: e for e in catalog["documents"]}
    assert len(codes) > 100
    assert str(codes["82/2022/NĐ-CP"]["date"]) == "2022-10-18"  # two drafts against one
    assert "82/2022/NĐ-CP: 18/10/2022 (" in done.stderr and "also 08/10/2022" in done.stderr
    assert "1818/UBND-KT: also cited as 1818/UBNN-KT (1) at corpus/wide/" in done.stderr  # a code slip
    assert "1818/UBNN-KT" not in codes
    path = corpus_copy / "documents.yaml"
    path.write_text(done.stdout, encoding="utf-8")
    (corpus_copy / "check.yaml").write_text("catalog: documents.yaml\nselect: [CA]\n", encoding="utf-8")
    checked = lint("--config", "check.yaml", "--format", "concise", "corpus", cwd=corpus_copy)
    assert checked.returncode in (0, 1) and "CA101 82/2022/NĐ-CP được dẫn với ngày 08/10/2022" in checked.stdout


def test_jobs_give_the_same_output_as_one_process(corpus_copy):
    one = lint("--format", "json", "--jobs", "1", "corpus", cwd=corpus_copy)
    two = lint("--format", "json", "--jobs", "2", "corpus", cwd=corpus_copy)
    assert one.returncode == two.returncode
    assert one.stdout == two.stdout
    assert '"rule": "XF101"' in one.stdout
    assert lint("--jobs", "0", "corpus", cwd=corpus_copy).returncode == 2


def test_lint_start_up_loads_no_server_nor_worker_modules(tmp_path):
    """pygls is imported only when the server starts; one file needs no worker processes."""
    path = write(tmp_path / "a.md", BROKEN)
    code = ("import sys; from vanban_lint.cli import main; main([sys.argv[1], '--format', 'json']); "
            "loaded = [m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'multiprocessing')]; "
            "print(loaded, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, cwd=tmp_path)
    assert done.stderr.strip() == "[]"


def test_a_run_of_some_rules_imports_only_their_check_modules(tmp_path):
    path = write(tmp_path / "a.md", BROKEN)
    code = ("import sys; from vanban_lint.cli import main; main([sys.argv[1], '--select', 'FN', '--format', 'json']); "
            "print(sorted(m for m in sys.modules if m.startswith('vanban_lint.checks.')), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, cwd=tmp_path)
    assert done.stderr.strip() == "['vanban_lint.checks.footnotes']"
    assert '"rule": "FN101"' in done.stdout


def test_standard_input_among_files_in_parallel_keeps_the_order(tmp_path):
    a, b = write(tmp_path / "a.md", BROKEN), write(tmp_path / "b.md", PLAN)
    done = subprocess.run([sys.executable, "-m", "vanban_lint", "--format", "concise", "--jobs", "2",
                           "--stdin-filename", "tu-stdin.md", a, "-", b],
                          input=REPORT, capture_output=True, text=True, encoding="utf-8", cwd=tmp_path)
    files = [line.split(":")[0] for line in done.stdout.splitlines()]
    assert files == sorted(files, key=[a, "tu-stdin.md", b].index)
    assert "tu-stdin.md" in files and b in files  # XF101 across standard input and b.md
