"""Orthography (checks/orthography.py): what OR101 counts as the document's own spelling, and
which repeated words OR102 leaves alone."""

from conftest import lint_string
from vanban_lint.checks import orthography
from vanban_lint.readers import read_text


def _or101(text: str, **options) -> list[tuple[int, int, str]]:
    found = lint_string(text, "draft.txt", select=["OR101"], options={"OR101": options} if options else None)
    return [(d.location.line, d.location.column, d.message) for d in found]


def _or102(text: str, name: str = "draft.txt") -> list[tuple[int, int]]:
    return [(d.location.line, d.location.column) for d in lint_string(text, name, select=["OR102"])]


def _toned(text: str) -> dict[str, list[str]]:
    doc = read_text("draft.txt", text)
    return {style: [doc.flow[s.start:s.end] for s in spans] for style, spans in orthography._toned_syllables(doc).items()}


def test_the_country_name_is_not_counted_in_either_style():
    text = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nLuật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam thông qua.\n"
    assert _toned(text) == {"hòa": [], "hoà": []}


def test_title_case_words_of_a_proper_name_are_not_counted():
    assert _toned("Xã Xuân Hoà, tỉnh Thanh Hoá nhập khẩu hàng từ Thuỵ Điển.") == {"hòa": [], "hoà": []}
    # A capital at the start of a sentence before a lower-case word is an ordinary word.
    assert _toned("Hoá chất được bảo quản. Uỷ ban nhân dân tỉnh kiểm tra.") == {"hòa": [], "hoà": ["Hoá", "Uỷ"]}
    # All capitals (titles, headings) are counted: a heading is the document's own text.
    assert _toned("DANH MỤC HOÁ CHẤT") == {"hòa": [], "hoà": ["HOÁ"]}


def test_a_word_written_one_way_is_reported_only_when_a_style_is_imposed():
    text = "Công tác thuỷ lợi, văn hóa và hòa giải ở cơ sở được quan tâm.\n"
    assert _or101(text) == []
    assert [pos for *pos, _ in _or101(text, style="hòa")] == [[1, 10]]


def test_a_word_written_both_ways_points_at_the_same_word_in_the_main_style():
    found = lint_string("Văn hóa, hóa chất; hoá đơn.\n", "draft.txt", select=["OR101"])
    assert len(found) == 1
    (related,) = found[0].related
    assert (related.location.line, related.location.column) == (1, 5)


def test_doubled_words_across_table_cells_or_page_columns_are_not_reported():
    assert _or102("1\tKiểm tra hồ sơ của\tcủa cơ sở\n", "bien-ban.txt") == []
    left = "Các đơn vị cần được hướng dẫn cụ thể về"
    right = "quy trình nổ mìn an toàn."
    second = "thủ tục và kiểm tra thực tế tại các".ljust(len(left) + 3)  # the right column starts below "quy"
    text = f"{left}   {right}\n{second}các mỏ đang khai thác.\n"
    assert _or102(text, "layout.txt") == []
    # The same blanks with no column above or below: a slip inside one line.
    assert _or102("Kiểm tra thực tế tại các      các mỏ đang khai thác.\n", "layout.txt") == [(1, 31)]


def test_a_capitalised_second_word_opens_a_new_sentence_or_cell():
    assert _or102("Nội dung chưa phù hợp với giấy phép đã Đã tiếp thu, rà soát.\n") == []
    assert _or102("Các các đơn vị thực hiện.\n") == [(1, 5)]


def test_a_first_word_that_closes_a_compound_is_not_a_slip():
    assert _or102("Các giấy tờ kèm theo theo mẫu số 01.\n") == []
    assert _or102("Thực hiện theo theo mẫu số 01.\n") == [(1, 16)]


def test_a_reduplicated_word_is_a_slip_only_before_a_number():
    assert _or102("Tỷ lệ hộ nghèo giảm từ từ qua các năm.\n") == []
    assert _or102("Áp dụng từ từ ngày 01/01/2026.\n") == [(1, 12)]


def test_every_place_of_the_minority_style_is_its_own_finding_with_its_own_fix():
    text = "Tỉnh ủy chỉ đạo hòa giải, văn hóa; Tỉnh uỷ giao Văn phòng Tỉnh uỷ theo dõi; Ủy ban báo cáo.\n"
    found = lint_string(text, "draft.txt", select=["OR101"])
    assert [(d.location.line, d.location.column) for d in found] == [(1, 41), (1, 64)]
    for d in found:
        (edit,) = d.fix.edits
        assert text[edit.span.start:edit.span.end] == "uỷ" and edit.replacement == "ủy"


def _or103(text: str, name: str = "draft.txt") -> list[tuple[int, int, str]]:
    return [(d.location.line, d.location.column, d.message) for d in lint_string(text, name, select=["OR103"])]


def test_a_phrase_typed_twice_is_reported_once_with_the_second_copy_marked():
    found = _or103("Trong thời hạn 10 ngày kể từ ngày kể từ ngày nhận được hồ sơ.\n")
    assert [(line, col) for line, col, _ in found] == [(1, 30)]
    assert "ngày kể từ" in found[0][2]
    # Across a hard line break the phrase is still one run of text.
    assert [(l, c) for l, c, _ in _or103("Các sở thực hiện công tác\ncông tác thống kê.\n")] == [(2, 1)]


def test_repeats_that_are_grammar_or_layout_are_not_reported():
    assert _or103("Bản chính hoặc bản sao điện tử hoặc bản sao điện tử từ sổ gốc.\n") == []
    assert _or103("Nhà đầu tư đầu tư vào khu công nghiệp; đẩy mạnh công nghiệp công nghiệp hóa.\n") == []
    assert _or103("Điều 3. Thời hạn của Giấy phép\nGiấy phép này có giá trị 05 năm.\n") == []
    assert _or103("Kết quả kiểm tra, kiểm tra lại hồ sơ; đơn vị m m m.\n") == []
    assert _or103("1\tÔng A\tChủ trì kiểm tra kiểm tra phần điện\n", "bang.txt") == []


def test_doubled_words_are_found_whether_or_not_the_lines_repeat(monkeypatch):
    from vanban_lint.extract import words as words_mod

    text = "".join(f"Ngày {i}/3/2024 các đơn vị thực hiện.\n\n" for i in range(300))
    text += "Các  các đơn vị; và và; từ từ ngày 5/3.\n\nVề về việc.\n"
    found = _or102(text)
    assert found == [(601, 6), (601, 21), (601, 28), (603, 4)]
    monkeypatch.setattr(words_mod, "_COMPACT", 10**9)  # the lines never count as repeating
    assert _or102(text) == found
    monkeypatch.setattr(words_mod, "_LOCATE_BLOCK", 30)  # the text read in blocks of a line or two
    assert _or102(text) == found
    monkeypatch.setattr(words_mod, "_JOINED_MAX", 0)
    assert _or102(text) == found


def test_never_doubled_words_are_words_of_letters(monkeypatch):
    import pytest

    from vanban_lint.errors import ConfigError

    table = {"never_doubled": ["và", "trong khi"], "compounds_ending_in_function_word": [], "reduplicated_words": [],
             "fixed_names": [], "coordinators": [], "noun_prefixes": [], "word_suffixes": []}
    monkeypatch.setattr(orthography, "load_table", lambda name: table)
    orthography._data.cache_clear()
    try:
        with pytest.raises(ConfigError, match="one word of letters"):
            orthography._data()
    finally:
        orthography._data.cache_clear()
