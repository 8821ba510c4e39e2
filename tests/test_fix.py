"""--fix and --diff: safe fixes only by default, atomic writes, NFD/CRLF files never corrupted."""

from __future__ import annotations

import unicodedata

import pytest

from vanban_lint.cli import main

MIXED = "Tỉnh ủy chỉ đạo văn hóa, thủy lợi; Tỉnh uỷ giao Văn phòng Tỉnh ủy theo dõi công tác hóa chất.\n"
DOUBLED = "Các Sở nêu cao trách nhiệm trong trong việc quản lý khoáng sản.\n"


@pytest.fixture(autouse=True)
def _cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def test_safe_fix_moves_tone_mark(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(MIXED, encoding="utf-8")
    assert main([str(p), "--select", "OR101", "--fix"]) == 0
    assert p.read_text(encoding="utf-8") == MIXED.replace("uỷ", "ủy")
    assert main([str(p), "--select", "OR101", "--fix"]) == 0  # idempotent
    assert p.read_text(encoding="utf-8") == MIXED.replace("uỷ", "ủy")


def test_unsafe_fix_needs_opt_in(tmp_path):
    p = tmp_path / "b.md"
    p.write_text(DOUBLED, encoding="utf-8")
    main([str(p), "--select", "OR102", "--fix"])
    assert p.read_text(encoding="utf-8") == DOUBLED
    main([str(p), "--select", "OR102", "--fix", "--unsafe-fixes"])
    assert p.read_text(encoding="utf-8") == DOUBLED.replace("trong trong", "trong")


def test_diff_does_not_write_and_exits_1(tmp_path, capsys):
    p = tmp_path / "c.md"
    p.write_text(MIXED, encoding="utf-8")
    assert main([str(p), "--select", "OR101", "--diff"]) == 1
    out = capsys.readouterr().out
    assert "-Tỉnh ủy chỉ đạo" in out and "+Tỉnh ủy chỉ đạo" in out
    assert p.read_text(encoding="utf-8") == MIXED


def test_fix_keeps_crlf_bom_and_untouched_nfd_text(tmp_path):
    last = unicodedata.normalize("NFD", "Dòng cuối giữ nguyên.\r\n")
    source = "\ufeff" + unicodedata.normalize("NFD", MIXED).replace("\n", "\r\n") + last
    p = tmp_path / "d.txt"
    p.write_bytes(source.encode("utf-8"))
    main([str(p), "--select", "OR101", "--fix"])
    data = p.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == 2
    assert text.endswith(last)  # untouched text keeps its bytes
    assert unicodedata.normalize("NFC", text) == unicodedata.normalize(
        "NFC", MIXED.replace("uỷ", "ủy").replace("\n", "\r\n") + last)


def test_fix_from_stdin_prints_the_fixed_text(monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MIXED.encode())))
    main(["-", "--stdin-filename", "x.md", "--select", "OR101", "--fix"])
    assert capsys.readouterr().out == MIXED.replace("uỷ", "ủy")
