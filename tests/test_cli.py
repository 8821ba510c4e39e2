"""The command line as users and CI meet it: formats, exit codes, errors, fixes, config."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from vanban_lint.cli import main

EXAMPLE = str(ROOT / "examples" / "bao-cao-mau.md")
CLEAN = "Tỉnh ủy ban hành Chỉ thị[^1].\n\n[^1]: Chỉ thị số 11-CT/TU ngày 04/02/2026.\n"
BROKEN = "Tỉnh ủy ban hành Chỉ thị[^1] và Kế hoạch[^2].\n\n[^1]: Chỉ thị số 11-CT/TU ngày 04/02/2026.\n"


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_exit_codes(tmp_path, capsys):
    assert main([write(tmp_path, "ok.md", CLEAN)]) == 0
    assert main([write(tmp_path, "bad.md", BROKEN)]) == 1
    assert main([write(tmp_path, "bad2.md", BROKEN), "--exit-zero"]) == 0
    assert main([str(tmp_path / "missing.md")]) == 2
    assert main(["--select", "ZZ9", write(tmp_path, "x.md", CLEAN)]) == 2


def test_text_output_has_location_code_frame_and_summary(tmp_path, capsys):
    path = write(tmp_path, "bad.md", BROKEN)
    main([path])
    out = capsys.readouterr().out
    assert f"{path}:1:41: error FN101 Dấu chú thích 2" in out
    assert "    1 | Tỉnh ủy" in out and "^^^^" in out
    assert "Tìm thấy 1 lỗi" in out


def test_a_long_line_is_shown_cut_around_each_span(tmp_path, capsys):
    """A paragraph on one line is shown sixty characters either side of the span, with ellipses,
    and a tab as one space, so that the caret stands under the span."""
    line = "Thực hiện\t" + ", ".join(f"Kế hoạch số {i}-KH/TU" for i in range(100, 140)) + ", Kế hoạch số 7-KH/ TU."
    main([write(tmp_path, "long.md", line + "\n")])
    out = capsys.readouterr().out.splitlines()
    i = next(k for k, text in enumerate(out) if "DC105" in text)
    shown, marker = out[i + 1], out[i + 2]
    assert shown.startswith("    1 | …") and shown.endswith("7-KH/ TU.")
    caret = marker.index("^")
    assert shown[caret:caret + marker.count("^")] == "7-KH/ TU"
    tab = "Thực hiện\tKế hoạch số 1-KH/ TU.\n"
    main([write(tmp_path, "tab.md", tab)])
    out = capsys.readouterr().out.splitlines()
    i = next(k for k, text in enumerate(out) if "DC105" in text)
    assert out[i + 1] == "    1 | Thực hiện Kế hoạch số 1-KH/ TU."
    assert out[i + 2].index("^") == out[i + 1].index("1-KH")


def test_english_messages(tmp_path, capsys):
    main([write(tmp_path, "bad.md", BROKEN), "--lang", "en", "--format", "concise"])
    assert "Footnote 2 is referenced but has no definition" in capsys.readouterr().out


def test_json_shape(tmp_path, capsys):
    main([write(tmp_path, "bad.md", BROKEN), str(tmp_path / "nope.md"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1
    diag = data["files"][0]["diagnostics"][0]
    assert set(diag) == {"rule", "name", "severity", "line", "column", "end_line", "end_column", "message",
                         "related", "fix"}
    assert (diag["rule"], diag["line"], diag["column"], diag["end_column"]) == ("FN101", 1, 41, 45)
    assert data["files"][1]["error"]
    assert data["summary"]["errors"] == 1 and data["summary"]["unreadable"] == 1


def test_sarif_and_github(tmp_path, capsys):
    path = write(tmp_path, "bad.md", BROKEN.replace("[^2]", "[^3]") + "[^1]: trùng.\n")
    main([path, "--format", "sarif"])
    sarif = json.loads(capsys.readouterr().out)
    results = sarif["runs"][0]["results"]
    assert any(r.get("relatedLocations") for r in results)
    main([path, "--format", "github"])
    assert capsys.readouterr().out.startswith("::error file=")


def test_bad_input_is_named_and_other_files_still_linted(tmp_path, capsys):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Báo cáo".encode("latin-1"))
    good = write(tmp_path, "bad.md", BROKEN)
    assert main([str(bad), good, "--format", "concise"]) == 2
    captured = capsys.readouterr()
    assert "latin1.txt: không phải UTF-8" in captured.out
    assert "FN101" in captured.out


def test_directory_is_walked(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    write(tmp_path, "sub/a.md", BROKEN)
    write(tmp_path, "sub/b.txt", "Không có gì.\n")
    write(tmp_path, "sub/c.py", "x = 1\n")
    assert main([str(tmp_path), "--format", "json"]) == 1
    paths = [f["path"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert [os.path.basename(p) for p in paths] == ["a.md", "b.txt"]


def test_stdin_with_filename(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BROKEN.encode())))
    assert main(["-", "--stdin-filename", "draft.md", "--format", "concise"]) == 1
    assert capsys.readouterr().out.startswith("draft.md:1:41:")


def test_config_file_and_validation(tmp_path, capsys):
    path = write(tmp_path, "bad.md", BROKEN)
    write(tmp_path, ".vanban-lint.yaml", "ignore: [FN101]\n")
    assert main([path]) == 0
    write(tmp_path, ".vanban-lint.yaml", "severity: {FN101: warning}\nfail-on: warning\n")
    assert main([path]) == 1
    write(tmp_path, ".vanban-lint.yaml", "ignroe: [FN101]\n")
    assert main([path]) == 2
    assert "unknown key" in capsys.readouterr().err
    write(tmp_path, ".vanban-lint.yaml", "select: [FN101\n")
    assert main([path]) == 2


def test_pyproject_config(tmp_path):
    path = write(tmp_path, "bad.md", BROKEN)
    write(tmp_path, "pyproject.toml", '[tool.vanban-lint]\nper-file-ignores = {"bad.md" = ["FN"]}\n')
    assert main([path]) == 0


def test_a_pyproject_that_does_not_name_the_linter_is_not_parsed(tmp_path, capsys):
    path = write(tmp_path, "bad.md", BROKEN)
    write(tmp_path, "pyproject.toml", "[tool.black\nline-length = 100\n")  # broken, but not ours
    assert main([path]) == 1  # the findings, with the defaults
    write(tmp_path, "pyproject.toml", "[tool.vanban-lint\nselect = [\"FN\"]\n")
    assert main([path]) == 2
    assert "invalid TOML" in capsys.readouterr().err
    # a package that only names its vanban-lint command (broken TOML, but no table of ours)
    write(tmp_path, "pyproject.toml", '[project.scripts\nvanban-lint = "vanban_lint.cli:entry"\n')
    assert main([path]) == 1


@pytest.mark.parametrize("toml", [
    '[tool.vanban-lint]\nignore = ["FN"]\n',
    '[tool."vanban-lint"]\nignore = ["FN"]\n',
    '[ tool . vanban-lint ]\nignore = ["FN"]\n',
    'tool.vanban-lint.ignore = ["FN"]\n',
    '[tool]\nvanban-lint = { ignore = ["FN"] }\n',
    'tool = { vanban-lint = { ignore = ["FN"] } }\n',
])
def test_every_toml_spelling_of_the_table_is_read(tmp_path, toml):
    path = write(tmp_path, "bad.md", BROKEN)
    write(tmp_path, "pyproject.toml", toml + '[project]\nname = "vanban-lint"\n')
    assert main([path]) == 0  # the footnote findings ignored


def test_inline_suppression(tmp_path):
    text = "<!-- vanban-lint disable-next-line FN101 -->\n\n" + BROKEN
    assert main([write(tmp_path, "s.md", text)]) == 0
    text = BROKEN.replace("[^2].", "[^2]. <!-- vanban-lint disable-line FN101 -- đã hỏi văn phòng -->")
    assert main([write(tmp_path, "s2.md", text)]) == 0
    assert main([write(tmp_path, "s3.md", "<!-- vanban-lint disable-file FN -->\n" + BROKEN)]) == 0


def test_list_rules_and_explain(capsys):
    assert main(["--list-rules"]) == 0
    assert "FN101" in capsys.readouterr().out
    assert main(["--explain", "footnote-order"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("FN104 footnote-order") and "Ví dụ bị báo lỗi" in out
    assert main(["--explain", "XX999"]) == 2


def test_console_script_runs_the_example():
    lint = os.path.join(os.path.dirname(sys.executable), "lint")
    if not os.path.exists(lint):
        pytest.skip("console script not installed in this environment")
    proc = subprocess.run([lint, EXAMPLE, "--format", "json"], capture_output=True, text=True)
    assert proc.returncode == 1
    rules = {d["rule"] for f in json.loads(proc.stdout)["files"] for d in f["diagnostics"]}
    assert {"FN101", "FN102", "FN104", "FN106"} <= rules


def test_today_accepts_iso_and_vietnamese_order(tmp_path, capsys):
    path = write(tmp_path, "ok.md", CLEAN)
    assert main([path, "--today", "2026-04-15"]) == 0
    assert main([path, "--today", "15/4/2026"]) == 0
    assert main([path, "--today", "31/02/2026"]) == 2
    assert "--today" in capsys.readouterr().err


def test_mistyped_suppression_code_suppresses_nothing_and_is_reported(tmp_path, capsys):
    text = "<!-- vanban-lint disable-next-line FN1O1 -->\n" + BROKEN
    assert main([write(tmp_path, "s4.md", text), "--format", "concise"]) == 1
    out = capsys.readouterr().out
    assert "FN101" in out and "VL101" in out


def test_internal_error_in_one_file_does_not_lose_the_others(tmp_path, capsys, monkeypatch):
    from vanban_lint import runner

    real = runner.lint_with_facts

    def flaky(doc, settings, processes=1):
        if doc.path.endswith("a.md"):
            raise ValueError("invalid literal for int()")
        return real(doc, settings, processes)

    monkeypatch.setattr(runner, "lint_with_facts", flaky)
    a, b = write(tmp_path, "a.md", CLEAN), write(tmp_path, "b.md", BROKEN)
    assert main([a, b, "--format", "concise"]) == 2
    out = capsys.readouterr().out
    assert "a.md: lỗi nội bộ" in out and "ValueError" in out
    assert "b.md:1:41: error FN101" in out
