"""DC/DT citation rules on the real corpus: known defects found, correct text left alone."""

from __future__ import annotations

from conftest import CORPUS, lint_string

SELECT = ["DC", "DT102", "DT103", "DT104"]


def _findings(name: str):
    path = CORPUS / name
    return [(d.rule, d.location.line, d.location.column)
            for d in lint_string(path.read_text(encoding="utf-8"), path.name, select=SELECT)]


def test_known_code_defects_are_found(corpus_files):
    assert ("DC104", 156, 518) in _findings("02-kh-ubnd-trien-khai-chi-thi-11-ct-tu.txt")
    assert ("DC103", 7, 193) in _findings("04-bc-dkt-kiem-tra-hoa-chat-04-don-vi.txt")


def test_party_cong_van_stays_clean(corpus_files):
    assert _findings("17-cv-2449-cv-du-trien-khai-ctr-104.txt") == []


def _rules(text: str, select: list[str]):
    return sorted((d.rule, d.location.line, d.location.column)
                  for d in lint_string(text, "draft.txt", select=select))


def test_one_typo_one_report():
    """A mistyped year in a date is reported by DT102 when other places give the date, by DC107
    otherwise; DT103 stays quiet on it."""
    text = ("Căn cứ Thông tư số 38/2018/TT-BCT ngày 30/10/2018 của Bộ Công Thương.\n"
            "Thông tư số 38/2018/TT-BCT ngày 30/10/2028 của Bộ Công Thương quy định xuất xứ.\n")
    assert _rules(text, ["DC107", "DT102", "DT103"]) == [("DT102", 2, 33)]
    text = "Thông tư số 38/2018/TT-BCT ngày 30/10/2028 của Bộ Công Thương quy định xuất xứ.\n"
    assert _rules(text, ["DC107", "DT102", "DT103"]) == [("DC107", 1, 13)]


def test_recall_items():
    assert _rules("Kết luận số 37-KL/TW ngày 08/3/2023 của Bộ Chính trị (khóa XI).", ["DT106"]) == [("DT106", 1, 27)]
    assert _rules("Nghị quyết số 12-NQ/UT ngày 01/3/2026.", ["DC112"]) == [("DC112", 1, 15)]
    assert _rules("Luật Đất đai số 45/2013/QH15.", ["DC108"]) == [("DC108", 1, 17)]
    text = "Quyết định số 217/QĐ-UBND ngày 14/5/2025; Quyết định số 217/QĐ-UBND ngày 14/5/2024."
    assert _rules(text, ["DT102", "DT107"]) == [("DT107", 1, 74)]
