"""The citation extractor: forms of codes, type words, dates, bodies, own number."""

from __future__ import annotations

import datetime as dt

from vanban_lint.facts import Facts
from vanban_lint.readers import read_text


def _facts(text: str, name: str = "draft.txt") -> Facts:
    return Facts(read_text(name, text), dt.date(2026, 11, 26))


def _one(text: str):
    cits = [c for c in _facts(text).citations if not c.is_own]
    assert len(cits) == 1, cits
    return cits[0]


def test_party_state_law_forms():
    c = _one("Thực hiện Nghị quyết số 15-NQ/TU, ngày 12/3/2025 của Ban Thường vụ Tỉnh ủy (khóa XV).")
    assert (c.system, c.number, c.type_code, c.issuer, c.type_word) == ("party", "15", "NQ", "TU", "Nghị quyết")
    assert c.day == dt.date(2025, 3, 12) and c.issuer_text == "Ban Thường vụ Tỉnh ủy" and c.term == "XV"
    c = _one("Thực hiện Quy chế số 05-QC/BTCTU-BNCTU ngày 10/3/2026.")
    assert c.issuers == ("BTCTU", "BNCTU") and c.type_code == "QC"
    c = _one("Căn cứ Quyết định số 12/2026/QĐ-UBND ngày 27 tháng 12 năm 2026 của UBND tỉnh.")
    assert (c.system, c.year, c.type_code, c.issuer) == ("state", 2026, "QĐ", "UBND")
    c = _one("Thực hiện Công văn số 125/UBND-VP ngày 12/02/2026.")
    assert c.type_code is None and c.issuer == "UBND-VP" and c.type_word == "Công văn"
    c = _one("Căn cứ Luật Địa chất và khoáng sản số 54/2024/QH15 ngày 29/11/2024.")
    assert (c.system, c.year, c.issuer, c.type_word) == ("law", 2024, "QH15", "Luật")


def test_tolerant_forms_are_extracted():
    assert _one("Theo Đề án số 12 -ĐA/TU ngày 15/3/2026.").code == "12-ĐA/TU"
    assert _one("Theo Kế hoạch số 41-KH/ TU ngày 20/3/2026.").code == "41-KH/TU"
    assert _one("Căn cứ Nghị định số 17.2023/NĐ-CP ngày 25/4/2023.").code == "17/2023/NĐ-CP"
    assert _one("Thực hiện Quy định số 08-QiĐ/TW ngày 25/10/2018.").type_code == "QiĐ"
    c = _one("Thực hiện Chỉ thị số 11-\nCT/TU ngày 04/02/2026 của Ban Thường vụ Tỉnh ủy.")
    assert c.code == "11-CT/TU" and c.day == dt.date(2026, 2, 4)


def test_type_word_variants():
    assert _one("Thông báo làm việc số 2948/TT-ĐKT ngày 25/5/2026.").type_word == "Thông báo"
    assert _one("theo quyết định số: 123/QĐ-UBND ngày 10/3/2026").type_word == "Quyết định"
    assert _one("Nghị định 71/2019/NĐ-CP ngày 30/8/2019").type_word == "Nghị định"
    # the nearest type word, not an earlier one
    assert _one("Kế hoạch thực hiện Nghị quyết số 15-NQ/TU ngày 12/3/2025").type_word == "Nghị quyết"
    # "đồng bộ Luật" is not "Bộ luật"
    assert _one("thực hiện đồng bộ Luật Hóa chất số 69/2025/QH15 có hiệu lực").type_word == "Luật"


def test_effective_date_is_not_the_date_of_issue():
    assert _one("Luật Hóa chất số 69/2025/QH15 có hiệu lực từ ngày 01/01/2026.").date is None
    assert _one("Quyết định số 15/QĐ-UBND, đã được ban hành ngày 03/10/2025.").day == dt.date(2025, 10, 3)


def test_not_codes():
    text = "Đạt 45/50 xã; xe 20C-23393; quyết định số 08.12/QĐML-VNS; biên bản số 01.KCN/BB-VPHC; tỷ lệ 50/Ha."
    assert _facts(text).citations == []


def test_own_number_and_annex():
    f = _facts("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nSố: 58 /KH-UBND\nHà Giang, ngày 14 tháng 5 năm 2024\n\nKẾ HOẠCH\n"
               "(Kèm theo Quyết định số 215/QĐ-UBND ngày 10/5/2024)\n")
    own = f.own_document
    assert own.citation.is_own and own.citation.number == "58" and own.citation.groups == ("KH", "UBND")
    assert own.date.date == dt.date(2024, 5, 14)
    annex = [c for c in f.citations if not c.is_own][0]
    assert annex.in_annex
    blank = _facts("UBND TỈNH\nSố:      /BC-UBND\nLào Cai, ngày      tháng      năm 2026\n").own_document
    assert blank.citation.number is None and blank.citation.groups == ("BC", "UBND")
