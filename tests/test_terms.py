"""Terms of elected bodies: the extractor's facts (TM rules' examples are in rules/checks/TM.yaml)."""

from __future__ import annotations

from conftest import lint_string
from vanban_lint.extract.terms import extract, ordinal_value
from vanban_lint.readers import read_text


def test_range_broken_across_lines_is_read_whole_with_its_body_and_anchor():
    doc = read_text("d.txt", "Bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân\n"
                             "các cấp nhiệm kỳ 2021 -\n2026 thành công.\n")
    (r,) = extract(doc, []).ranges
    assert (r.first, r.last, r.body) == (2021, 2026, "state")
    assert r.anchor is not None and (r.anchor.kind, r.anchor.label, r.anchor.start_year) == ("quoc_hoi", "XV", 2021)


def test_a_clause_naming_two_kinds_of_body_has_no_body():
    doc = read_text("d.txt", "Đảng bộ tỉnh và Mặt trận Tổ quốc tỉnh nhiệm kỳ 2024 - 2029 phối hợp chặt chẽ.\n")
    assert [r.body for r in extract(doc, []).ranges] == [None]


def test_congress_ordinals_in_words_and_roman_numerals():
    assert ordinal_value("nhất") == 1 and ordinal_value("XVI") == 16
    doc = read_text("d.txt", "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Lào Cai lần thứ nhất, nhiệm kỳ 2025 - 2030.\n")
    (c,) = extract(doc, []).congresses
    assert (c.body, c.ordinal, c.term) == (("tỉnh", "lào", "cai"), 1, (2025, 2030))


def test_term_of_an_older_khoa_outside_the_table_is_not_judged():
    text = "Đại biểu Quốc hội khóa XI, nhiệm kỳ 2002 - 2007 đã tiếp xúc cử tri.\n"
    assert lint_string(text, select=["TM"]) == []


def test_english_messages():
    text = "Hội đồng nhân dân tỉnh khóa XV, nhiệm kỳ 2020 - 2025 đã tổ chức 25 kỳ họp.\n"
    (d,) = lint_string(text, select=["TM"], lang="en")
    assert d.rule == "TM102" and "2020–2025" in d.message and "election year" in d.message
