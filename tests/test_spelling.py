"""Misspelled words (syllables.py, checks/spelling.py): the rules of the written syllable, the
lost-mark and confusable words of rules/data/spelling.yaml, look-alike letters and NFC."""

from __future__ import annotations

import unicodedata

import pytest

from conftest import lint_string
from vanban_lint.fix import fixed_source
from vanban_lint.readers import read_text
from vanban_lint.syllables import diagnose, is_valid_syllable, skeleton, toneless


@pytest.mark.parametrize("word", [
    "người", "được", "quốc", "quyết", "giếng", "gìn", "già", "gì", "khuỷu", "nghiêng", "kỹ", "quý",
    "hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "ngoài", "tuyển", "yêu", "yến", "oanh", "xoong",
    "goòng", "gòong", "thuở", "rượu", "hoằng", "ác", "ạch", "ập", "uống", "gieo", "giữa", "quơ",
])
def test_vietnamese_syllables_are_valid(word):
    assert is_valid_syllable(word), diagnose(word)


@pytest.mark.parametrize(("word", "kind", "fixed"), [
    ("ngiên", "form", ""),       # ng before i: ngh
    ("truyềng", "form", ""),     # no rhyme uyêng
    ("kà", "form", ""),          # k before a: c
    ("iên", "form", ""),         # iê without onset: yê
    ("quyêt", "stop-tone", ""),  # a stop final takes sắc or nặng
    ("kêt", "stop-tone", ""),
    ("càc", "stop-tone", ""),
    ("cuả", "tone-place", "của"),
    ("qúa", "tone-place", "quá"),
    ("gìa", "tone-place", "già"),
    ("muà", "tone-place", "mùa"),
    ("sóat", "tone-place", "soát"),
])
def test_broken_syllables_are_diagnosed(word, kind, fixed):
    assert diagnose(word) == (kind, fixed)


def test_skeleton_and_toneless_compare_words_by_their_marks():
    assert skeleton("hội nghị đầu tư") == "hoi nghi dau tu"
    assert toneless("hòa") == toneless("hoà") == ("hoa", "\u0300")


def _found(text: str, code: str, name: str = "draft.txt") -> list[tuple[int, int, str]]:
    return [(d.location.line, d.location.column, d.message) for d in lint_string(text, name, select=[code])]


def test_names_codes_units_and_loan_words_are_not_judged():
    text = ("Huyện Đắk Glong; mã QĐ-UBND; 25 m³; khí mêtan, kilôgam, crôm; TỔNG HỢP Ý KIÊN; "
            "e-mail, pơ-mu; ký hiệu 12a.\n")
    assert _found(text, "CT101") == []


def test_a_lost_mark_is_not_reported_where_a_syllable_belongs_to_the_next_word():
    assert [c for _, c, _ in _found("Tổ chức hội nghi sơ kết.\n", "CT102")] == [9]
    assert _found("Các công trình do Sở cấp phép; định mức do Bộ ban hành; đình chỉ thi công.\n", "CT102") == []
    assert _found("Thực hiện Kế hoạch; viet nam; noi dung tom tat.\n", "CT102") == []  # unaccented on purpose
    assert _found("Tỉnh Lào Cai tạo nguồn thu.\n", "CT102") == []  # a title-case name


def test_lookalike_letters_get_a_safe_fix_to_the_latin_letter():
    doc = read_text("draft.txt", "Hướng dẫn số 24/HDLN-ВСТ ngày 15/3/2024; Cơ quan/Ðơn vị.\n")
    found = lint_string(doc.source, "draft.txt", select=["CT103"])
    assert len(found) == 2 and all(d.fix.safe for d in found)
    fixed, count = fixed_source(doc, found)
    assert count == 2 and fixed == "Hướng dẫn số 24/HDLN-BCT ngày 15/3/2024; Cơ quan/Đơn vị.\n"


def test_decomposed_words_are_found_in_the_file_as_written_and_composed_by_the_fix():
    source = "Kế hoạch " + unicodedata.normalize("NFD", "triển khai") + " năm 2026.\n"
    doc = read_text("draft.txt", source)
    found = lint_string(source, "draft.txt", select=["CT104"])
    assert [(d.location.line, d.location.column) for d in found] == [(1, 10)]
    fixed, _ = fixed_source(doc, found)
    assert fixed == "Kế hoạch triển khai năm 2026.\n"


def test_a_wholly_decomposed_file_gets_one_finding():
    source = unicodedata.normalize("NFD", "Đây là văn bản được soạn trên máy tính cũ. " * 20) + "\n"
    found = lint_string(source, "draft.txt", select=["CT104"])
    assert len(found) == 1 and "từ" in found[0].message


@pytest.mark.parametrize(("table", "error"), [
    ({"collocations": ["có thể", "cơ thể"]}, "differ only by marks"),
    ({"collocations": ["ngiên cứu"]}, "two valid syllables"),
    ({"confusables": [{"wrong": "sát nhập", "right": "sáp nhập", "source": "x"}]}, "unknown field"),
    ({"confusables": [{"wrong": "sát", "right": "sáp"}]}, "two words"),
    ({"lookalikes": {"В": "BB"}}, "one letter"),
])
def test_the_spelling_table_is_validated_at_load(monkeypatch, table, error):
    from vanban_lint.checks import spelling
    from vanban_lint.errors import ConfigError

    base = {"collocations": [], "confusables": [], "lookalikes": {"В": "B"}}
    monkeypatch.setattr(spelling, "load_table", lambda name: {**base, **table})
    spelling._data.cache_clear()
    try:
        with pytest.raises(ConfigError, match=error):
            spelling._data()
    finally:
        spelling._data.cache_clear()


def test_word_offsets_across_the_blocks_of_a_long_text(monkeypatch):
    """The words of a text split a block at a time are the words of one split, at the same offsets."""
    from vanban_lint.extract import words as words_mod
    from vanban_lint.readers import read_text

    text = "Sản phẩm công nghiệp hỗ trợ, 12 cơ sở_sản xuất. " * 50
    monkeypatch.setattr(words_mod, "_BLOCK", 37)
    found = words_mod._scan(read_text("d.txt", text).flow)
    expected = [(m.group(), m.start()) for m in words_mod._SPLIT.finditer(text)]
    assert list(zip(found.text, found.starts)) == expected


# A text whose lines repeat with other figures (as the lines of a long table or a generated report
# do), with the slips of CT101-CT103 here and there, hard wraps and a tab.
_REPEATED = "".join(
    f"Ngày {i}/3/2024, Ủy ban nhân dân tỉnh ban hành {i} văn bản về hội nghị đầu tư.\n\n"
    + ("Các cơ quan tổ chức hội nghi sơ kết; việc sát\tnhập cuả xã, thôn.\n\n" if i % 97 == 5 else "")
    + ("Kết quả chuẩn\nđoán; công trình\ndo Sở cấp.\n\n" if i % 89 == 7 else "")
    for i in range(600))


def test_the_vocabulary_holds_each_word_and_each_pair_of_neighbours(monkeypatch):
    """The distinct words are those of the full list of words; the pairs that stand next to each
    other are found, a block of lines at a time, and pairs that never do are not."""
    from vanban_lint.extract import words as words_mod

    monkeypatch.setattr(words_mod, "_LINES_BLOCK", 50)
    doc = read_text("draft.txt", _REPEATED)
    vocab = words_mod.Vocabulary(words_mod._distinct_lines(doc.flow), len(doc.flow))
    assert vocab.words == set(words_mod.words(doc).text) and "Ủy" in vocab.words and "ủy" in vocab.lower
    assert vocab.compact and len(vocab.lines) < len(_REPEATED) // 50
    pairs = {("hội", "nghi"), ("sát", "nhập"), ("nhập", "cuả"), ("ngày", "ủy"), ("hội", "đầu"), ("công", "do")}
    assert vocab.adjacent(pairs) == {("hội", "nghi"), ("sát", "nhập"), ("nhập", "cuả"), ("ngày", "ủy")}


def test_words_around_a_place_are_those_of_the_full_list():
    from vanban_lint.extract import words as words_mod

    flow = read_text("draft.txt", "12 " * 40 + _REPEATED[:3000]).flow
    full = words_mod.words(read_text("draft.txt", "12 " * 40 + _REPEATED[:3000]))
    for i in range(0, len(full.text) - 3, 7):
        start, end = full.starts[i], full.starts[i + 1] + len(full.text[i + 1])
        around, k = words_mod.words_around(flow, start, end, 2, 1)
        first = max(0, i - 2)
        assert (around.text, list(around.starts), k) == (full.text[first:i + 3], list(full.starts[first:i + 3]), i - first)
    assert list(words_mod.occurrences("hội nghị, thội nghị; hội nghịx hội nghị", "hội nghị")) == [0, 31]


def test_the_words_flagged_are_the_same_looked_for_one_by_one_or_in_the_blocks_that_hold_them(monkeypatch):
    from vanban_lint.checks import spelling
    from vanban_lint.extract import words as words_mod

    few = [(d.location.line, d.location.column, d.message) for d in lint_string(_REPEATED, select=["CT101", "CT102"])]
    monkeypatch.setattr(spelling, "_FEW", 0)
    assert [(d.location.line, d.location.column, d.message) for d in lint_string(_REPEATED, select=["CT101", "CT102"])] == few
    monkeypatch.setattr(words_mod, "_LOCATE_BLOCK", 30)  # the blocks of the text read a line or two at a time
    assert [(d.location.line, d.location.column, d.message) for d in lint_string(_REPEATED, select=["CT101", "CT102"])] == few
    monkeypatch.setattr(words_mod, "_JOINED_MAX", 0)  # the words of each token read, not its pairs with the next
    assert [(d.location.line, d.location.column, d.message) for d in lint_string(_REPEATED, select=["CT101", "CT102"])] == few
    # hội nghi, sát nhập, cuả, chuẩn đoán seven times each; "công trình / do" is "công trình | do"
    assert sorted(m.split()[0] for *_, m in few) == ["“chuẩn"] * 7 + ["“cuả”"] * 7 + ["“hội"] * 7 + ["“sát"] * 7


def test_a_lookalike_letter_in_a_running_header_is_found():
    """The lines left out of the flow (page numbers, running headers) are read too."""
    from vanban_lint.extract.words import vocabulary

    text = "Báo cáo tổng hợp\n" + "".join(f"\fBÁO CÁO Вộ\nnội dung trang {i} của báo cáo\n" for i in range(4))
    assert "вộ" not in vocabulary(read_text("draft.txt", text)).words  # a paragraph runs across the pages
    assert [c for _, c, _ in _found(text, "CT103")] == [10, 10, 10, 10]
