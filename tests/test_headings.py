"""Heading extraction: the shapes real documents give headings, and what is not the document's own."""

from __future__ import annotations

from vanban_lint.extract.headings import extract
from vanban_lint.readers import read_text


def kinds(src: str, name: str = "x.txt") -> list[tuple[str, tuple[int, ...]]]:
    return [(h.kind, h.numbers) for h in extract(read_text(name, src))]


def test_normative_structure():
    src = ("Phần thứ hai\nChương IV\nQUY ĐỊNH CỤ THỂ\nMục 2. CẤP GIẤY PHÉP\nĐiều 15. Hồ sơ\n"
           "1. Đơn đề nghị.\na) Bản chính;\nĐiều 15a. Thời hạn\n")
    assert kinds(src) == [("part", (2,)), ("chapter", (4,)), ("section", (2,)), ("article", (15,)),
                          ("arabic", (1,)), ("alpha", (1,)), ("article", ())]


def test_roman_numerals_with_x():
    assert kinds("IX. Khuyến công\nX. Khoáng sản\nXI. Điện lực\nChương XX\n") == [
        ("roman", (9,)), ("roman", (10,)), ("roman", (11,)), ("chapter", (20,))]


def test_page_breaks_nbsp_and_emphasis_are_read_through():
    src = "\f2.\u00a0Công tác kiểm tra\n**3. Công tác thanh tra**\n1 . Nguồn tài chính\n5.Thời gian thực hiện\n"
    assert kinds(src) == [("arabic", (2,)), ("arabic", (3,)), ("arabic", (1,)), ("arabic", (5,))]


def test_dotted_label_without_final_dot():
    assert kinds("3.1 Lựa chọn đường kính lỗ khoan\n3.4.2. Khoảng cách\n") == [("arabic", (3, 1)), ("arabic", (3, 4, 2))]


def test_letter_spaced_and_unspaced_chapter_numerals():
    assert kinds("CHƯƠNGI\nCHƯƠNG V I\nCHƯƠNG\nCHƯƠNG 2: NỘI DUNG\n") == [
        ("chapter", (1,)), ("chapter", (6,)), ("garbled", ()), ("chapter", (2,))]


def test_containers_tables_and_lists():
    src = ("PHỤ LỤC II\nMẫu số 01\nTT        Nội dung góp ý        Tiếp thu\n1) Bản sao giấy phép\n"
           "A. CẮT GIẢM THỦ TỤC\nl. Phân quyền cấp giấy phép\n")
    hs = extract(read_text("x.txt", src))
    assert [h.kind for h in hs] == ["appendix", "appendix", "table", "paren", "letter", "roman"]
    assert hs[-1].weak


def test_what_is_not_a_heading():
    src = ("II. CĂN CỨ ĐIỀU CHỈNH ........................................ 10\n"
           "1 | Xã Bản Lầu | 120\n"
           "X - Số lần nộp tiền trong năm\n"
           "Phụ lục và bản đồ kèm theo phải phù hợp.\n"
           "Mục 2.1. CẮT GIẢM THỦ TỤC\n")
    assert kinds(src) == []


def test_ocr_debris_in_a_label_place():
    src = "„2: Trong quá trình thiết kế\n._ Nhà thầu khảo sát\n©) Phương án phân chia\n- Gạch đầu dòng\n⁽¹⁾ Ghi chú\n"
    assert [k for k, _ in kinds(src)] == ["garbled", "garbled", "garbled"]


def test_quoted_amendment_lines():
    src = ("1. Sửa đổi khoản 3 Điều 5 như sau:\n"
           "“3. Hồ sơ gồm:\n"
           "a) Đơn đề nghị;\n"
           "b) Bản sao giấy phép.”.\n"
           "2. Sửa đổi Điều 20 như sau:\n"
           "“Điều 20. Tổ chức thực hiện”.\n"
           "3. Bãi bỏ Điều 21.\n")
    doc = read_text("x.txt", src)
    assert sorted(doc.quoted_lines) == [1, 2, 3, 5]
    assert [(h.numbers, h.quoted) for h in extract(doc) if h.kind == "arabic"] == [
        ((1,), False), ((3,), True), ((2,), False), ((3,), False)]


def test_a_forgotten_closing_quote_ends_at_the_next_instruction():
    src = ("7. Bổ sung điểm h, k khoản 1 Điều 18 như sau:\n"
           "“h) Tiếp nhận đăng ký;\n"
           "k) Chủ trì xây dựng tiêu chuẩn.\n"
           "8. Bổ sung điểm e khoản 2 Điều 18 như sau:\n"
           "“e) Chủ trì xây dựng quy chuẩn”.\n"
           "9. Thay cụm từ “Sở Công Thương” bằng cụm từ ”Ủy ban nhân dân”.\n")
    assert sorted(read_text("x.txt", src).quoted_lines) == [1, 2, 4]


def test_an_unclosed_quote_is_not_a_quotation():
    doc = read_text("x.txt", "“Tên gọi tắt\n1. Mục đích\n2. Yêu cầu\n")
    assert doc.quoted_lines == frozenset()


def test_a_stray_quote_mark_in_a_report_is_not_a_quotation():
    src = "(9) Quốc lộ 2D\n“- Hướng tuyến: từ Km90 đến Km118\n6.2. Hạ tầng năng lượng\n- Xây dựng trạm biến áp 110kV”.\n"
    doc = read_text("x.txt", src)
    assert doc.quoted_lines == frozenset()
    assert [h.quoted for h in extract(doc) if h.kind == "arabic"] == [False]
