"""What a mark is before it is paired (extract.marks) and how PU101 judges quoted passages."""

from __future__ import annotations

import pytest

from conftest import lint_string
from vanban_lint.extract.marks import (CLOSE, EITHER, INLINE, LINE, OPEN, is_check_box, is_junk_at,
                                       is_seconds_sign, list_label_at, looks_ocr, quote_shape)


def _label(line: str, flow: str | None = None) -> str | None:
    """``list_label_at`` for the last ")" of a one-line text."""
    pos = line.rindex(")")
    return list_label_at(line, flow or line, pos, 0)


@pytest.mark.parametrize("line", ["a) Tờ trình", "b1) Tờ trình", "đ2) Hồ sơ", "a.1) Cá nhân", "12) Hồ sơ",
                                  "1.2) Hồ sơ", "iv) Hồ sơ", "IV) Hồ sơ", "“c) Phương án", "\f  c) Chế biến",
                                  "b)Sử dụng", "ø) Quyết định", "„_©) Phân tích"])
def test_a_label_that_opens_its_line(line):
    assert _label(line) == LINE


@pytest.mark.parametrize("line", ["Hồ sơ gồm: a) Tờ trình", "Hồ sơ; b) Báo cáo", "1 | a) Đường bộ",
                                  "tại mục 4.4 a) của Tài liệu", "thực hiện lại từ bước b).",
                                  "a) Đường nông thôn b) Đường chuyên dùng", "theo quy định hiện hành1)."])
def test_a_label_in_running_text(line):
    assert _label(line) == INLINE


def test_a_label_followed_by_the_next_one():
    line = "Hồ sơ gồm 1) Tờ trình và 2) Báo cáo"
    assert list_label_at(line, line, line.index(")"), 0) == INLINE


@pytest.mark.parametrize("line", ["(nay là xã Mậu A) với", "theo Nghị định số 175/2024/NĐ-CP)",
                                  "Quyết định năm 2024)", "ngày 30/01/2026)", "1)”;"])
def test_no_label(line):
    assert _label(line) is None


def test_a_word_that_continues_the_line_above_is_no_label():
    text = "lập Báo cáo nghiên cứu khả\nthi) hoặc Báo cáo kinh tế"
    flow = text.replace("\n", " ")  # the two lines are one paragraph
    assert list_label_at(text, flow, text.index(")"), text.index("thi")) is None
    assert list_label_at(text, text, text.index(")"), text.index("thi")) is None  # a word, not a garbled label


def test_check_box_junk_and_seconds():
    text = "Mật (  Tối mật ( Có (bản chụp)"
    assert is_check_box(text, text.index("("), len(text))
    assert not is_check_box(text, text.rindex("("), len(text))
    assert is_junk_at("x „_©) y", 4)
    assert is_junk_at("”ÿ~¡", 0)
    assert not is_junk_at("(E)-β-((Diclophenyl)", 0)  # Greek letters are technical text
    assert not is_junk_at("ống thép Ø100)", 13)  # the diameter sign
    assert is_seconds_sign("Bắc 21°59'04,3\", kinh", 14)
    assert not is_seconds_sign('Mẫu số 02" và', 9)


@pytest.mark.parametrize(("text", "pos", "shape"), [
    ("báo “Cấm", 4, OPEN), ("“Cấm” như", 4, CLOSE), ("kinh tế “đầu bạc“, kinh", 16, CLOSE),
    ("kết luận:\" Thiết kế", 9, CLOSE), ("a \" b", 2, EITHER), ("(“Tên”)", 1, OPEN)])
def test_quote_shape(text, pos, shape):
    assert quote_shape(text, pos, 1, 0, len(text)) == shape


def test_ocr_shaped_text():
    assert looks_ocr("Như trên; „ Z mm. © Lưu: VT ‹... £ ~ ¿ „ ©" * 3)
    typed = "Nội dung văn bản hành chính được đánh máy. " * 2000
    assert not looks_ocr("Văn bản có một ký hiệu © bản quyền. " + typed)  # one glyph
    assert not looks_ocr("© „ ‹ £ ¿ ^ " + typed * 10)  # a few glyphs in a long text
    assert not looks_ocr("Số liệu[^1] tăng[^2], giảm[^3]; xem[^4] và[^5] thêm[^6].")  # Markdown carets
    assert looks_ocr("Số liệu[^1] tăng ^ 2, giảm ^ 3; xem ^ 4 và ^ 5 thêm ^ 6.")  # bare carets are glyphs


def _pu(text: str) -> list[tuple[int, int]]:
    return [(d.location.line, d.location.column) for d in lint_string(text, "draft.txt", select=["PU101"])]


def test_a_passage_may_open_below_an_amending_instruction_without_colon():
    text = ("Điều 1. Sửa đổi, bổ sung Điều 6\n\u00a0“Điều 6. Thủ tục cấp giấy phép\n"
            "1. Hồ sơ gồm văn bản đề nghị.\n2. Thời hạn giải quyết là 05 ngày làm việc.”.\n")
    assert _pu(text) == []


def test_a_stray_quote_at_a_line_start_does_not_swallow_a_later_stray_closer():
    text = ("(9) Quốc lộ 2D\n“- Hướng tuyến: đi qua địa bàn tỉnh.\n- Tình trạng kỹ thuật: cấp IV.\n\n"
            "Các tuyến đường đạt chuẩn cấp V” của các địa phương.\n")
    assert _pu(text) == [(2, 1), (5, 32)]


def test_a_quotation_closed_in_the_next_line_is_balanced():
    text = "Quốc hội quy định: “Quốc hội thống nhất cấm sản xuất,\n-\n\nkinh doanh thuốc lá điện tử\";\n"
    assert _pu(text) == []


def test_a_parenthesis_closes_after_a_page_break_and_its_running_header():
    text = ("phải có phương tiện hỗ trợ rải vòi nhanh (ví dụ xe máy chở thiết bị,\n\n17\n"
            "Giải pháp kỹ thuật\n\nxe đẩy rải vòi), hoặc có đường ống khô.\n")
    assert _pu(text) == []


# ----------------------------------------------------------------------------- PU102-PU106, VH101

from vanban_lint.checks.capitalisation import _key, _names, _recase  # noqa: E402
from vanban_lint.fix import fixed_source  # noqa: E402
from vanban_lint.readers import read_text  # noqa: E402


def _codes(text: str, code: str, filename: str = "draft.md") -> list[tuple[int, int]]:
    return [(d.location.line, d.location.column) for d in lint_string(text, filename, select=[code])
            if d.rule == code]


def _fixed(text: str, code: str, filename: str = "draft.md") -> str:
    doc = read_text(filename, text)
    found = [d for d in lint_string(text, filename, select=[code]) if d.rule == code]
    return fixed_source(doc, found)[0]


def test_space_before_mark_is_removed():
    assert _fixed("Nước thải , khí thải được xử lý .\n", "PU102") == "Nước thải, khí thải được xử lý.\n"


@pytest.mark.parametrize("text", ["Tỷ lệ bản đồ 1 : 2.000.", "Kqđ = Cm : Cmax", "Ktn : hệ số quy chuyển;",
                                  "Căn cứ Nghị định số . ../2026/NĐ-CP;", "Q1 , Q2", "Tên mỏ      ,"])
def test_no_space_before_mark_reported(text):
    assert _codes(text + "\n", "PU102", "a.txt") == []


def test_a_heading_number_with_a_space_before_its_period_is_reported():
    assert _codes("I . BỐI CẢNH ĐIỀU CHỈNH QUY HOẠCH\n", "PU102", "a.txt") == [(1, 2)]


def test_no_space_after_mark_gets_one():
    assert _fixed("Phát triển kinh tế,xã hội bền vững.Trong năm 2026 tiếp tục.\n", "PU103") == \
        "Phát triển kinh tế, xã hội bền vững. Trong năm 2026 tiếp tục.\n"


@pytest.mark.parametrize("text", ["Tăng 1,5 lần", "TP.HCM và Tp.Lào Cai", "v.v.Các đơn vị",
                                  "thư vanthu@laocai.gov.vn", "tệp baocao.docx", "lúc 8:30"])
def test_no_space_after_mark_not_reported(text):
    assert _codes(text + "\n", "PU103", "a.txt") == []


def test_doubled_mark_keeps_one_and_mixed_marks_have_no_fix():
    assert _fixed("Các xã, phường,, thị trấn.\n", "PU104") == "Các xã, phường, thị trấn.\n"
    found = [d for d in lint_string("Kinh phí 250 triệu đồng.; nguồn ngân sách.\n", select=["PU104"])
             if d.rule == "PU104"]
    assert len(found) == 1 and found[0].fix is None


@pytest.mark.parametrize("text", ["Số:.............", "v.v., các đơn vị", "đầy đủ...; tiếp theo",
                                  "::: {.ghi-chu}", "ngày …, tháng …"])
def test_no_doubled_mark(text):
    assert _codes(text + "\n", "PU104") == []


def test_minority_quote_style_is_fixed_by_shape():
    text = "Phong trào “Toàn dân đoàn kết” và \"Ngày vì người nghèo\" được phát động; “Chung sức”.\n"
    assert _fixed(text, "PU105") == text.replace('"N', "“N").replace('o"', "o”")


def test_curly_minority_becomes_straight():
    text = 'Phong trào "Toàn dân" và "Ngày vì người nghèo" được phát động; “Chung sức”.\n'
    assert _fixed(text, "PU105") == text.replace("“", '"').replace("”", '"')


def test_one_quote_style_is_clean():
    assert _codes("Phong trào “Toàn dân” và “Chung sức” (21°05'04\").\n", "PU105") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("**Kết quả đạt được* trong năm.", [(1, 19)]),
    ("Về cải cách: **tỷ lệ đạt 98,5%.", [(1, 14)]),
    ("**Kết quả:** đạt; ***trọng tâm***; *nhấn mạnh*; 2 * 3; (*); (**); Tổng số**.", []),
    ("* Mục một\n* Mục hai **đậm**", []),
    ("**Kết quả đạt được\ntrong năm 2026** được đánh giá cao.", []),
])
def test_markdown_emphasis(text, expected):
    assert _codes(text + "\n", "PU106") == expected


def test_emphasis_is_only_judged_in_markdown():
    assert _codes("**Kết quả đạt được* trong năm.\n", "PU106", "a.txt") == []


def test_organisation_names_table_is_valid_and_keyed_by_tone_style():
    names = _names()
    assert names.by_key[_key("Uỷ ban nhân dân")] == "Ủy ban nhân dân"
    assert _key("Sở Văn hoá, Thể thao và Du lịch") == _key("Sở Văn hóa, Thể thao và Du lịch")


def test_recase_keeps_tone_style_and_line_breaks():
    assert _recase("Uỷ Ban Nhân\nDân", "Ủy ban nhân dân") == "Uỷ ban nhân\ndân"


def test_capitalisation_fix():
    text = "Ủy ban Nhân dân tỉnh giao Sở Công thương chủ trì.\n"
    assert _fixed(text, "VH101") == "Ủy ban nhân dân tỉnh giao Sở Công Thương chủ trì.\n"


@pytest.mark.parametrize("text", ["ỦY BAN NHÂN DÂN TỈNH", "ủy ban nhân dân các cấp", "Bộ trưởng Bộ Công Thương",
                                  "Văn phòng Tổng Bí thư", "Ủy ban nhân dân xã Tân Hợp",
                                  "Công ty Bộ Tài chínhx"])
def test_capitalisation_clean(text):
    assert _codes(text + "\n", "VH101") == []


def test_markdown_footnotes_are_not_ocr_glyphs():
    text = "".join(f"Kết quả thực hiện chỉ tiêu số {i}[^{i}] đạt kế hoạch.\n" for i in range(1, 40))
    assert not looks_ocr(text)
    assert looks_ocr(text.replace("[^", "„ ^"))


def test_a_run_of_unbalanced_marks_is_one_finding():
    """``((((`` pasted by mistake is one mistake: one finding over the run, not one per mark."""
    text = "Tổng hợp kết quả kiểm tra ((((của các đơn vị trên địa bàn tỉnh.\n"
    found = [d for d in lint_string(text, select=["PU101"])]
    assert len(found) == 1
    assert (found[0].location.column, found[0].location.end_column) == (27, 31)
