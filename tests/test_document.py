"""The document model: NFC with a map back to the file, masks, logical paragraphs, headings."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from vanban_lint.document import Span
from vanban_lint.extract.headings import extract as headings
from vanban_lint.readers import read_text


def test_nfd_file_positions_point_into_the_file_as_written():
    nfc = "Nghị quyết số 21-NQ/TW.\nKết quả đạt được[^1] rất tốt.\n"
    nfd = unicodedata.normalize("NFD", nfc)
    doc = read_text("x.md", nfd)
    assert doc.text == nfc
    off = doc.text.index("[^1]")
    line, col = doc.position(off)
    assert line == 2
    assert nfd.split("\n")[1][col - 1:col + 3] == "[^1]"


def test_characters_nfc_replaces_whole_are_normalised_but_not_called_decomposed():
    """The ohm and kelvin signs, a Greek letter with oxia: NFC replaces them with Ω, K, ΰ. The
    text is NFC and positions still point into the file; they are not decomposed letters (CT104)."""
    source = "Điện trở 10 k\u2126, nhiệt độ 300 \u212a, chữ \u1fe3.\nTiếp theo lỗi\n"
    doc = read_text("x.txt", source)
    assert doc.text == unicodedata.normalize("NFC", source)
    assert doc.composed_clusters() == []
    assert doc.position(doc.text.index("lỗi")) == (2, 11)
    decomposed = read_text("x.txt", "ngh\u0131\u0323 quye\u0302\u0301t \u2126\n")
    assert len(decomposed.composed_clusters()) == 1


def test_crlf_is_folded_and_columns_stay_right():
    doc = read_text("x.txt", "Dòng một\r\nDòng hai có lỗi\r\n")
    assert doc.text == "Dòng một\nDòng hai có lỗi\n"
    assert doc.position(doc.text.index("lỗi")) == (2, 13)


def test_source_lines_are_read_as_written_without_their_line_ends():
    doc = read_text("x.txt", "Dòng một\r\nDòng hai\n\nhết")
    assert [doc.source_line(n) for n in range(0, 6)] == ["", "Dòng một", "Dòng hai", "", "hết", ""]
    start, end = doc.source_line_bounds(2)
    assert doc.source[start:end] == "Dòng hai"
    assert doc.source_line_bounds(9) == (0, 0)


def test_utf16_columns_count_characters_beyond_the_basic_plane_twice():
    """The editor protocol counts UTF-16 units: 𑽓 (U+11F53) and 😀 take two, Vietnamese letters one."""
    doc = read_text("x.md", "Ký hiệu 😀 số 𑽓 12\nDòng hai 😀\r\nhết\n")
    line = doc.source_line(1)
    for column in range(1, len(line) + 3):
        assert doc.utf16_column(1, column) == len(line[:column - 1].encode("utf-16-le")) // 2
    assert doc.utf16_column(1, line.index("12") + 1) == line.index("12") + 2
    assert doc.utf16_column(2, 10) == 9  # the astral characters of other lines do not count
    assert doc.utf16_column(3, 4) == 3
    assert read_text("x.md", "không có ký tự ngoài mặt phẳng cơ bản\n").utf16_column(1, 10) == 9


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâeêoôơuưiy dđ\n\r") + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]),
               max_size=80))
def test_offset_map_is_monotonic_and_in_range(source):
    doc = read_text("x.txt", source)
    assert doc.text == unicodedata.normalize("NFC", source.replace("\r\n", "\n").replace("\r", "\n"))
    prev = 0
    for i in range(len(doc.text) + 1):
        o = doc.to_source(i)
        assert prev <= o <= len(source)
        prev = o


def test_markdown_masks():
    src = ("---\ntitle: Nghị quyết số 99-NQ/TW\n---\n"
           "Văn bản `12 -ĐA/TU` và <!-- ghi chú 15-SC/TU --> xem https://example.vn/35/NQ-TW.\n\n"
           "```\n08-QiĐ/TW\n```\n")
    doc = read_text("x.md", src)
    for code in ("99-NQ/TW", "12 -ĐA/TU", "15-SC/TU", "35/NQ-TW", "08-QiĐ/TW"):
        assert code not in doc.body
    assert len(doc.body) == len(doc.text)


def test_plain_text_keeps_code_like_text():
    doc = read_text("x.txt", "Văn bản `12 -ĐA/TU` trong văn bản thuần.\n")
    assert "12 -ĐA/TU" in doc.body


def test_flow_joins_hard_wrapped_citation_across_page_break():
    src = ("Thực hiện Kết luận số 21-\n"
           "                                        3\n"
           "\f\n"
           "KL/TU ngày 08/3/2024 của Ban Thường vụ Tỉnh ủy.\n")
    doc = read_text("x.txt", src)
    joined = " ".join(doc.flow.split())
    assert "Kết luận số 21- KL/TU ngày 08/3/2024" in joined
    assert len(doc.flow) == len(doc.text)


def test_flow_keeps_paragraph_and_list_boundaries():
    src = "Nội dung thứ nhất.\nNội dung thứ hai\n- Gạch đầu dòng\n1. Mục một\n"
    doc = read_text("x.txt", src)
    assert doc.flow.count("\n") == 4 - 1 + 0 or doc.flow.split("\n")[0] == "Nội dung thứ nhất."
    assert "- Gạch đầu dòng" in doc.flow.split("\n")


def test_flow_joins_wrapped_lines():
    doc = read_text("x.txt", "Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch\nsố 41-KH/TU ngày 20/02/2026.\n")
    assert doc.flow.split("\n")[0].endswith("ngày 20/02/2026.")


def test_headings_of_the_field():
    src = ("Phần thứ nhất\nKẾT QUẢ\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n1.1. Cụ thể\na) Tuyên truyền\n"
           "II- NHIỆM VỤ\n## III. TỔ CHỨC THỰC HIỆN\nV/v triển khai\n")
    hs = headings(read_text("x.md", src))
    assert [(h.kind, h.numbers) for h in hs] == [
        ("part", (1,)), ("roman", (1,)), ("arabic", (1,)), ("arabic", (1, 1)), ("alpha", (1,)),
        ("roman", (2,)), ("roman", (3,)),
    ]
    assert hs[-1].md_level == 2


def test_span_ordering():
    assert Span(1, 2) < Span(2, 3)


def test_roman_numerals_round_trip():
    from vanban_lint.numerals import int_to_roman, roman_to_int

    assert [int_to_roman(n) for n in (3, 4, 9, 14, 16)] == ["III", "IV", "IX", "XIV", "XVI"]
    assert all(roman_to_int(int_to_roman(n)) == n for n in range(1, 400))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("IVXPCMĐNKaàbhđ ()-.1#|[^]:¹") + ["Phần ", "Điều ", "Nơi nhận", "a) ", "II. "]),
                max_size=12).map("".join))
def test_block_start_shortcut_agrees_with_the_pattern(line):
    from vanban_lint.document import BLOCK_START, _starts_block

    assert _starts_block(line) == bool(BLOCK_START.match(line))


def test_running_headers_and_page_breaks_are_page_furniture():
    page = "Giải pháp kỹ thuật nâng cao an toàn PCCC\n"
    src = ("Các cơ sở phải bố trí lối thoát nạn\n\n                    5\n"
           f"\f{page}theo quy định của quy chuẩn.\n\n                    6\n"
           f"\f{page}2. Hệ thống báo cháy tự động\n\n                    7\n"
           f"\f{page}3. Hệ thống chữa cháy\n")
    doc = read_text("x.txt", src)
    lines = doc.text.split("\n")
    furniture = {doc.line_index(s.start) for s in doc.page_artifacts}
    assert {i for i, line in enumerate(lines) if page.strip() in line} <= furniture
    flow = doc.flow.split("\n")
    assert flow[0].rstrip().endswith("theo quy định của quy chuẩn.")  # joined across the page top
    assert any(line.lstrip(" \f").startswith("2. Hệ thống") for line in flow)  # a heading after a page break


def test_a_heading_after_a_form_feed_starts_a_block():
    doc = read_text("x.txt", "Kết quả đạt được trong năm\n\f2. Công tác kiểm tra\n")
    assert "\f2. Công tác kiểm tra" in doc.flow.split("\n")[1]


def test_line_starts_matching_finds_the_lines_an_anchored_pattern_would():
    import re

    from vanban_lint.document import line_starts_matching

    text = "Nơi nhận:\n- Bộ Tư pháp;\n  Nơi nhận :\nxem Nơi nhận: ở trên\n"
    anchored = re.compile(r"^[ \t]*Nơi nhận[ \t]*:", re.MULTILINE)
    assert line_starts_matching(text, anchored) == [m.start() for m in anchored.finditer(text)] == [0, 24]
    assert line_starts_matching(text, re.compile(r"[ \t]*Nơi nhận[ \t]*:")) == [0, 24]


def test_find_all_gives_every_offset_of_each_character_in_order():
    from vanban_lint.document import find_all

    assert find_all("“a” và ‘b’ “c”", "“”") == [0, 2, 11, 13]
    assert find_all("không có", "“”") == []


def test_occurs_answers_as_in_does():
    from vanban_lint.document import occurs

    text = "Xem [mục 2](#muc-2) và `mã`; ```\ncode\n``` tại www.example.vn\n    thụt lề"
    for needle in ("```", "~~~", "](", "<!--", "://", "www.", "\n    ", "\n\t", "mục 2", "ồm"):
        assert occurs(text, needle) == (needle in text), needle
    assert not occurs("", "](")


def test_urls_found_from_their_starts_are_those_the_pattern_finds():
    from vanban_lint.readers.text import URL, urls

    text = ("Xem https://www.moit.gov.vn/van-ban, http://x.vn. và ftp://kho.vn/a; www.lao-cai.gov.vn)"
            " còn xhttp://y.vn, https:// trống, wwww.z.vn và ://lạc")
    assert urls(text) == [m.span() for m in URL.finditer(text)]
    assert len(urls(text)) == 6
