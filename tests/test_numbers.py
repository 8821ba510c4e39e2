"""Numbers (extract/numbers.py, extract/number_groups.py, checks/numbers.py): how figures are read,
what is not a figure, the structures the NB rules add up and the safe fixes (the NB findings on the
real corpus are in the judged snapshot, tests/corpus-snapshot/NB.tsv)."""

import unicodedata

import pytest
import regex

from conftest import TODAY, lint_string
from vanban_lint.document import Span
from vanban_lint.engine import Settings, lint_document
from vanban_lint.extract import number_groups
from vanban_lint.extract.numbers import alternation, extract, written_form
from vanban_lint.facts import Facts
from vanban_lint.fix import fixed_source
from vanban_lint.readers import read_text
from vanban_lint.registry import all_rules, select_rules


def _facts(text: str, name: str = "draft.txt") -> Facts:
    return Facts(read_text(name, text), TODAY)


def quantities(text: str, name: str = "draft.txt") -> list[tuple]:
    """``(number as written, value, unit, approximate)`` of every quantity of ``text``."""
    facts = _facts(text, name)
    flow = facts.doc.flow
    return [(q.text, q.value, q.unit, q.approximate) for q in facts.numbers.quantities_in(0, len(flow))]


# ----------------------------------------------------------------------------- written forms
@pytest.mark.parametrize(("text", "form"), [
    ("12507", ("vi", 12507.0, 0, False)),
    ("12.507", ("vi", 12507.0, 0, True)),
    ("1.234", ("vi", 1234.0, 0, True)),  # one thousand two hundred and thirty-four, never 1.234
    ("58.120,45", ("vi", 58120.45, 2, True)),
    ("27,4", ("vi", 27.4, 1, False)),
    ("1,234", ("vi", 1.234, 3, False)),  # a Vietnamese decimal
    ("41.27", ("en_decimal", 41.27, 2, False)),
    ("12.5", ("en_decimal", 12.5, 1, False)),
    ("1,234,567", ("en_thousands", 1234567.0, 0, True)),
    ("1,250.5", ("en_thousands", 1250.5, 1, True)),
    ("25.0000", ("malformed", None, 0, True)),
    ("2.4510.300.000", ("malformed", None, 0, True)),
    ("2.1.3", ("other", None, 0, False)),
    ("12.3.2026", ("other", None, 0, False)),  # date-like, never "malformed"
])
def test_written_forms(text, form):
    assert written_form(text) == form


def test_vietnamese_form_of_a_token():
    facts = _facts("Tỷ lệ 41.27%, kinh phí 1,234,567 đồng, diện tích 1,250.5 ha.")
    assert [(t.text, t.vietnamese()) for t in facts.numbers.nonstandard] == [
        ("41.27", "41,27"), ("1,234,567", "1.234.567"), ("1,250.5", "1.250,5")]


# ----------------------------------------------------------------------------- quantities
def test_vietnamese_quantities():
    assert quantities("Diện tích tự nhiên 58.120,45 ha; toàn tỉnh có 12.507 người; tỷ lệ hộ nghèo 27,4%.") == [
        ("58.120,45", 58120.45, "ha", False), ("12.507", 12507.0, "người", False), ("27,4", 27.4, "%", False)]
    facts = _facts("Diện tích 58.120,45 ha.")
    q = facts.numbers.quantities_in(0, len(facts.doc.flow))[0]
    assert (q.dimension, q.scale, q.base_value, q.decimals, q.grouped, q.count) == (
        "area", 10000.0, 581204500.0, 2, True, False)
    assert q.span == Span(10, 19) and q.unit_span == Span(20, 22) and q.token.text == "58.120,45"
    assert q.rounding == pytest.approx(0.005 * 10000)


def test_multiplier_words_and_rates():
    assert quantities("Tổng vốn 3,5 tỷ đồng, 1.500 triệu đồng; 10.774 kg/tháng; 20 tấn/năm.") == [
        ("3,5", 3.5e9, "đồng", False), ("1.500", 1.5e9, "đồng", False),
        ("10.774", 10774.0, "kg/tháng", False), ("20", 20.0, "tấn/năm", False)]
    facts = _facts("Công suất 20 tấn/năm.")
    assert facts.numbers.quantities_in(0, len(facts.doc.flow))[0].dimension == "mass/năm"


def test_english_forms_are_read_the_english_way():
    assert quantities("Tỷ lệ 41.27%, diện tích 12.5 ha, kinh phí 1,234,567 đồng, 1,250.5 ha; chiều dài 1,234 km.") == [
        ("41.27", 41.27, "%", False), ("12.5", 12.5, "ha", False), ("1,234,567", 1234567.0, "đồng", False),
        ("1,250.5", 1250.5, "ha", False), ("1,234", 1.234, "km", False)]
    facts = _facts("Tỷ lệ 41.27%; 1,234,567 đồng; 25.0000 ha; 2.4510.300.000 đồng; phiên bản 2.1.3; 12.5 và 1.234 ha.")
    assert [(t.text, t.style, t.unit_follows) for t in facts.numbers.nonstandard] == [
        ("41.27", "en_decimal", True), ("1,234,567", "en_thousands", True), ("25.0000", "malformed", True),
        ("2.4510.300.000", "malformed", True), ("12.5", "en_decimal", False)]


def test_ranges_and_qualifiers_are_approximate():
    assert quantities("Lấp đầy 60 - 70%, trên 70%, từ 10 đến 20 ha, 5%-7%, khoảng 40%, đạt 45%.") == [
        ("70", 70.0, "%", True), ("70", 70.0, "%", True), ("20", 20.0, "ha", True),
        ("5", 5.0, "%", True), ("7", 7.0, "%", True), ("40", 40.0, "%", True), ("45", 45.0, "%", False)]
    assert quantities("Lấp đầy 60-70%.") == []  # glued by a hyphen, it reads like a code


@pytest.mark.parametrize("text", [
    "Năm 2025 tỉnh ban hành Điều 15 khoản 2 của Quy chế; Gói thầu số 13 ha.",
    "Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 và Quyết định số 12/2026/QĐ-UBND ngày 15/3/2026.",
    "Hạn đến ngày 12.3.2026 lúc 14h30; liên hệ điện thoại 0214.3840.123 hoặc mã QĐ-12 ha.",
    "Khai thác khoáng sản1 tại Km2 và Km 12 đường tỉnh.",
])
def test_years_codes_dates_and_labels_are_not_quantities(text):
    facts = _facts(text)
    assert facts.numbers.quantities_in(0, len(facts.doc.flow)) == []
    assert facts.numbers.nonstandard == [] and facts.numbers.fractions == []


def test_footnote_markers_and_heading_numbers_are_not_numbers():
    facts = _facts("# 1.2. Kết quả\n\nĐã trồng[^1] 250 ha rừng và 1.5.\n\n[^1]: Theo số liệu.\n", "draft.md")
    assert [q.text for q in facts.numbers.quantities_in(0, len(facts.doc.flow))] == ["250"]
    assert [t.text for t in facts.numbers.nonstandard] == ["1.5"]  # "1.2" is the heading's number


def test_excluded_spans_hold_no_number():
    doc = read_text("draft.txt", "Đã trồng 250 ha rừng, tỷ lệ 41.27%; 45/50 xã.")
    kept = extract(doc, [])
    assert [q.text for q in kept.quantities_in(0, len(doc.flow))] == ["250", "41.27"]
    assert len(kept.fractions) == 1 and len(kept.nonstandard) == 1
    none = extract(doc, [Span(9, 12), Span(26, 28), Span(38, 39)])  # the middle one only touches "41.27"
    assert [q.text for q in none.quantities_in(0, len(doc.flow))] == ["41.27"]
    assert none.fractions == [] and [t.text for t in none.nonstandard] == ["41.27"]


def test_nfd_input_reads_like_nfc():
    text = "Toàn tỉnh có 12.507 người, hộ nghèo chiếm 27,4%; đã kiểm tra 45/50 xã."
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert quantities(nfd) == quantities(text) == [("12.507", 12507.0, "người", False), ("27,4", 27.4, "%", False)]
    assert [(f.part, f.whole, f.unit) for f in _facts(nfd).numbers.fractions] == [(45, 50, "xã")]


def test_a_figure_hard_wrapped_across_lines():
    text = "Tổng số hộ được hỗ trợ là 12.507\nngười, trong đó nam 6.100\nngười, nữ 6.407 người.\n"
    assert quantities(text) == [("12.507", 12507.0, "người", False), ("6.100", 6100.0, "người", False),
                                ("6.407", 6407.0, "người", False)]
    found = lint_string(text.replace("6.407", "6.507"), "draft.txt", select=["NB103"])
    assert [(d.location.line, d.location.column) for d in found] == [(1, 27)]


def test_fractions_need_a_counted_noun():
    facts = _facts("Có 45/50 xã, 12/15 chỉ tiêu đạt; ngày 21/3 xã họp; Quyết định số 12/2026/QĐ-UBND; "
                   "1.604kg/11 lần nổ; 3/4 diện tích; trực 24/24 giờ.")
    assert [(f.part, f.whole, f.unit, f.span) for f in facts.numbers.fractions] == [
        (45, 50, "xã", Span(3, 8)), (12, 15, "chỉ tiêu", Span(13, 18))]


def test_quantities_of_a_sentence_are_those_of_the_whole_text():
    text = ("Tổng số 12.507 người. Trong đó: nam 6.100 người! Nữ 6.407 người? Tỷ lệ 27,4%… "
            "| 41.27% | khoảng 5%-7%\nđạt 90% kế hoạch.")
    facts = _facts(text)
    flow = facts.doc.flow
    whole = facts.numbers.quantities_in(0, len(flow))
    bounds = [m.start() for m in regex.finditer(number_groups.SENTENCE_END, flow)]
    by_sentence = [q for s, e in zip([-1, *bounds], [*bounds, len(flow)])
                   for q in facts.numbers.quantities_in(s + 1, e)]
    assert by_sentence == whole and len(whole) == 8


def test_grouped_like_and_ungrouped():
    text = ("Kíp nổ 2043754 cái, thuốc nổ 9.940.383 kg, năm 2025 cấp 1234/GP-UBND; 12500,5 ha; 01234 ha; 999 ha;"
            " đường dài 1500 m, kênh dài 1.250 m; diện tích 1800 m2; cường độ 2300 kG/cm2, khối lượng 2.440 kg.")
    numbers = _facts(text).numbers
    assert [q.text for q in numbers.ungrouped] == ["2043754", "12500,5", "1500", "1800", "2300"]
    assert [(q.unit, getattr(numbers.grouped_like(q), "text", None)) for q in numbers.ungrouped] == [
        ("cái", "9.940.383"), ("ha", "9.940.383"), ("m", "1.250"), ("m2", None), ("kg/cm2", None)]
    assert _facts("Kíp nổ 2043754 cái.").numbers.grouped_like(numbers.ungrouped[0]) is None
    # Any grouped figure shows that large figures are grouped.
    small = _facts("Diện tích 1.250 ha; sản lượng 12500 tấn.").numbers
    assert [small.grouped_like(q).text for q in small.ungrouped] == ["1.250"]
    # Counts of nouns are of one kind.
    counts = _facts("Có 4.200 học viên và 1500 lượt cán bộ tham gia.").numbers
    assert [counts.grouped_like(q).text for q in counts.ungrouped] == ["4.200"]


@pytest.mark.parametrize("text", [
    "STT | Thiết bị | Khối lượng\n1 | Thùng khuấy | 2440 kg\n",
    "1\tThùng khuấy\tkhối lượng: 2440 kg\tBộ\t01\n",
    "Kiểm tra bền: f = 1948,54 kg/cm² < [f] = 2030 kg/cm².",
    "Kho có kích thước DxRxC = 6000 mm x 2400 mm x 2500 mm.",
    "Diện tích hạng mục < 2600 m2 nên không yêu cầu bãi đỗ xe chữa cháy.",
    "Nhu cầu vốn đầu tư (1000 tỷ đồng) theo các giai đoạn.",
    "Đơn vị tính: 1000 đồng.",
    "Điểm mốc M1 có tọa độ X: 2456789 m, Y: 456789 m.",
    "Mã bưu chính 31000 xã Cam Đường.",
])
def test_figures_outside_prose_are_not_ungrouped(text):
    assert _facts(f"Tổng kinh phí 12.500.000 đồng cho 1.250 m đường.\n{text}").numbers.ungrouped == []


@pytest.mark.parametrize(("text", "unit_follows"), [
    ("8.2 Người làm việc trong môi trường hóa chất phải được khám sức khỏe.", False),
    ("1.1 Nhà thầu khảo sát địa hình", False),
    ("Bình quân 4.66 người/hộ.", True),
])
def test_a_title_case_counted_noun_after_a_section_number_is_not_a_unit(text, unit_follows):
    tokens = [(t.style, t.unit_follows) for t in _facts(text).numbers.nonstandard]
    if unit_follows:
        assert tokens == [("en_decimal", True)]
    else:  # a section number at the start of a line is a heading label, excluded from the numbers
        assert tokens in ([], [("en_decimal", False)])


@pytest.mark.parametrize("text", ["2.000140", "SP 485.1311500.2020", "СП 7.13130.2013"])
def test_procedure_codes_and_standard_designations_are_not_malformed_numbers(text):
    assert written_form(text.split()[-1])[0] == "other"
    assert written_form("3.878.4000")[0] == "malformed"


# ----------------------------------------------------------------------------- groups
def groups(text: str):
    return _facts(text).number_groups


def test_shares_of_one_whole():
    g = groups("Toàn xã có 1.250 hộ; dân tộc Mông chiếm 45,2%, dân tộc Tày chiếm 32,5%, dân tộc Dao chiếm 28,1%.")
    assert [([q.text for q in s.shares], s.complete_by) for s in g.shares] == [(["45,2", "32,5", "28,1"], None)]
    assert g.shares[0].total == pytest.approx(105.8)


@pytest.mark.parametrize(("text", "complete_by"), [
    ("Cơ cấu lao động năm 2025: nông, lâm nghiệp và thủy sản 28,4%; công nghiệp - xây dựng 41,3%; dịch vụ 35,6%.",
     "structure"),
    # GRDP by sector leaves out the product taxes: a partial list.
    ("Cơ cấu kinh tế năm 2025: nông, lâm nghiệp và thủy sản 18,4%; công nghiệp - xây dựng 41,3%; dịch vụ 31,6%.",
     None),
    ("Dân số toàn xã là 8.420 người, trong đó nam chiếm 48,5%, nữ chiếm 50,1%.", "pair"),
    ("Dân số toàn xã là 8.420 người, trong đó nam 48,5%, tỷ lệ nữ 50,1%.", "pair"),
    ("Về dân tộc, dân tộc Mông chiếm 41,2%, dân tộc Dao chiếm 23,4%, các dân tộc còn lại chiếm 30,1%.", "remainder"),
    # The pair among shares of other attributes.
    ("Lao động nữ chiếm 52%, lao động nam chiếm 48%; lao động qua đào tạo chiếm 70%.", "pair"),
    ("Xã có ba dân tộc: Mông chiếm 45,2%, Tày chiếm 32,5%, Dao chiếm 28,1%.", None),
])
def test_complete_share_groups(text, complete_by):
    assert [s.complete_by for s in groups(text).shares] == [complete_by]


@pytest.mark.parametrize("text", [
    "Hộ nghèo chiếm 62,5% tổng số hộ của thôn; lao động qua đào tạo chiếm 58,3% tổng số lao động.",
    "GDP tăng 8,2% so với cùng kỳ; thu ngân sách đạt 102% kế hoạch, tăng 15,5% so với năm 2024.",
    "Tỷ lệ lấp đầy các khu công nghiệp đạt trên 70% và các cụm công nghiệp đạt khoảng 60-70%.",
    "Dân tộc Mông chiếm 40,1%. Dân tộc Tày chiếm 22,5%.",
    # Shares of different attributes of one body overlap.
    "Kết nạp 1.250 đảng viên, trong đó nữ chiếm 45,2%, dân tộc thiểu số chiếm 62,1%, đoàn viên chiếm 78,5%.",
    # Rates marked only by a label are not shares of one whole.
    "Quốc lộ cơ bản đạt cấp III, đạt 88,46%; mặt đường láng nhựa, đạt 99,86%.",
    # Shares that each follow their count and agree on one whole (40 xã) may overlap.
    "Có 40 xã, trong đó 12 xã khu vực I (chiếm 30%), 28 xã khu vực III (chiếm 70%); 36 xã miền núi (chiếm 90%).",
])
def test_not_share_groups(text):
    assert groups(text).shares == []


def test_breakdowns():
    g = groups("Diện tích cây ăn quả toàn huyện là 3.250 ha (trong đó: chuối 1.820 ha, xoài 960 ha, nhãn 640 ha).")
    (b,) = g.breakdowns
    assert (b.total.text, [p.text for p in b.parts], b.marker, b.complete) == (
        "3.250", ["1.820", "960", "640"], "trong đó", False)
    assert b.parts_sum == 3420 * 10000 and b.marker_span == Span(45, 53)
    (b,) = groups("Đoàn đã kiểm tra 12 cơ sở, gồm 5 cơ sở kinh doanh và 6 cơ sở sử dụng hóa chất.").breakdowns
    assert (b.total.value, [p.value for p in b.parts], b.marker, b.complete) == (12, [5, 6], "gồm", True)
    (b,) = groups("Tổng vốn đầu tư 2,5 tỷ đồng, trong đó ngân sách tỉnh 1.500 triệu đồng, vốn đối ứng 800 triệu đồng.").breakdowns
    assert b.parts_sum == pytest.approx(2.3e9) and b.total.base_value == pytest.approx(2.5e9)


def test_a_result_after_thanh_is_not_a_part():
    g = groups("Nâng cấp 03 trường PTDTBT THCS, gồm: Khao Mang, Y Tý và Pha Long thành 06 trường THCS&THPT.")
    assert g.breakdowns == []
    g = groups("Đã sáp nhập 12 thôn, gồm 7 thôn vùng thấp và 5 thôn vùng cao.")
    assert [[p.text for p in b.parts] for b in g.breakdowns] == [["7", "5"]]


def test_breakdown_completeness_and_what_is_not_a_part():
    (b,) = groups("Toàn tỉnh có 1.520 đảng viên mới, trong đó nam 820 đảng viên, nữ 680 đảng viên.").breakdowns
    assert b.complete  # a complementary pair covers the whole
    (b,) = groups("Đã hỗ trợ 1.250 hộ, gồm 620 hộ nghèo, 410 hộ cận nghèo và các hộ khó khăn khác.").breakdowns
    assert not b.complete  # an open list
    assert groups("Tổng khối lượng thuốc nổ 9.940.383 kg (bao gồm cả 1.939.211 kg tiền chất).").breakdowns == []
    # "(03 kho)" is nested, and the nested "gồm có" cuts the list before "02 kho" and "52 kho".
    assert groups("Số lượng kho: 58 kho, trong đó: cụm kho A sức chứa 210 tấn (03 kho), cụm kho B gồm có 02 kho "
                  "với tổng sức chứa 180 tấn (mỗi kho chứa 90 tấn) và 52 kho của các đơn vị thi công.").breakdowns == []
    (b,) = groups("Đã trồng mới 320 ha rừng, trong đó rừng sản xuất 250 ha, tăng 400 ha so với năm 2024.").breakdowns
    assert [p.text for p in b.parts] == ["250"]


def test_fraction_and_its_percentage():
    g = groups("Có 45/50 xã đạt chuẩn nông thôn mới (đạt 80%). Có 2/3 xã hoàn thành (66,7%); "
               "10/15 chỉ tiêu đạt, tỷ lệ 66%. Có 45/50 xã đạt chuẩn, đạt 102% kế hoạch năm. "
               "Có 45/50 xã đạt chuẩn nông thôn mới, tăng 12% so với năm 2024.")
    assert [(fp.fraction.part, fp.fraction.whole, fp.percent.text) for fp in g.fraction_percents] == [
        (45, 50, "80"), (2, 3, "66,7"), (10, 15, "66")]


def test_breakdown_markers_are_found_as_a_full_scan_finds_them():
    w = number_groups.words()
    flow = ("Trong đó 5 hộ; xtrong đó; bao gồm cả 3 hộ; gồm có 2; Riêng 4 hộ, chia ra 2 nhóm; cụ thể gồm: "
            "trong số đó; gồmx; Bao gồm 7 hộ.")
    assert [m.span() for m in number_groups._marker_matches(flow, w)] == [m.span() for m in w.marker.finditer(flow)]
    assert [m.group("m") for m in number_groups._marker_matches(flow, w)] == [
        "Trong đó", "gồm có", "Riêng", "chia ra", "cụ thể gồm", "trong số đó", "Bao gồm"]


def test_factored_alternation_matches_like_a_longest_first_one():
    words = ["hộ", "hộ gia đình", "hộ chiếu", "ha", "km", "km2", "km²", "lần", "lần nổ", "lượt", "lượt người"]
    flat = regex.compile("(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")
    factored = regex.compile(alternation(words) + r"(?!\w)")
    for text in ["hộ gia đình", "hộ chiếux", "hộ giax", "km2", "km²", "kmx", "lần nổ", "lần nổi", "lượt người", "x"]:
        assert (flat.match(text) or [None])[0] == (factored.match(text) or [None])[0], text
    backward = regex.compile(rf"(?<={alternation(words, backward=True)} )\d")
    assert backward.search("lượt người 5") and backward.search("km² 5") and not backward.search("kmx 5")


# ----------------------------------------------------------------------------- safe fixes
def _fixed(text: str, select: list[str], name: str = "draft.txt") -> str:
    doc = read_text(name, text)
    diagnostics = lint_document(doc, Settings(select_rules(all_rules(), select, [], preview=True), "vi", {}, {}, TODAY))
    return fixed_source(doc, diagnostics)[0]


def test_safe_fixes_rewrite_the_vietnamese_way():
    assert _fixed("Tỷ lệ hộ nghèo giảm còn 41.27%, diện tích lúa đạt 12.5 ha.\n", ["NB201"]) == (
        "Tỷ lệ hộ nghèo giảm còn 41,27%, diện tích lúa đạt 12,5 ha.\n")
    assert _fixed("Tổng kinh phí là 1,234,567,000 đồng; diện tích 1,250.5 ha.\n", ["NB202"]) == (
        "Tổng kinh phí là 1.234.567.000 đồng; diện tích 1.250,5 ha.\n")
    assert _fixed("Thuốc nổ 9.940.383 kg; kíp nổ 2043754 cái; 12500,5 ha; năm 2025.\n", ["NB204"]) == (
        "Thuốc nổ 9.940.383 kg; kíp nổ 2.043.754 cái; 12.500,5 ha; năm 2025.\n")
    assert _fixed("Hỗ trợ 25.0000 ha.\n", ["NB203"]) == "Hỗ trợ 25.0000 ha.\n"  # no fix offered


def test_safe_fixes_keep_nfd_and_crlf_source():
    text = unicodedata.normalize("NFD", "Diện tích rừng đạt 12.5 ha,\r\ntỷ lệ che phủ 41.27%.\r\n")
    fixed = _fixed(text, ["NB201"])
    assert fixed == text.replace("12.5", "12,5").replace("41.27", "41,27")
