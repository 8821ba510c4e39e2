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
