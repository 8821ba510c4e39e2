"""Footnote extraction and the FN rules on whole drafts (issue 2's acceptance scenarios)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conftest import lint_string
from vanban_lint.extract.footnotes import MD_REF, _md_refs, extract
from vanban_lint.readers import read_text

SUP_DRAFT = """BÁO CÁO
Kết quả thực hiện Nghị quyết số 15-NQ/TU của Ban Chấp hành Đảng bộ tỉnh

Năm 2025, tỉnh hoàn thành 18/20 chỉ tiêu chủ yếu¹. Tổng sản phẩm trên địa bàn tăng 7,2%².
Thu ngân sách nhà nước đạt 4.250 tỷ đồng³, vượt 6,3% dự toán⁴. Diện tích trồng rừng mới
đạt 3.200 ha, tương đương 32 km²; khối lượng nạo vét kênh mương 15.000 m³⁵. Tỷ lệ hộ nghèo
giảm còn 9,8%⁶. Có 12 xã đạt chuẩn nông thôn mới⁷.

¹ Nghị quyết số 15-NQ/TU ngày 12/3/2021 của Ban Chấp hành Đảng bộ tỉnh.
² Số liệu của Cục Thống kê tỉnh, Báo cáo số 58/BC-CTK ngày 10/01/2026.
³ Báo cáo số 12/BC-STC³ ngày 05/01/2026 của Sở Tài chính.
⁴ Nghị quyết số 45/NQ-HĐND ngày 10/12/2024 của HĐND tỉnh.
⁵ Báo cáo số 09/BC-SNNMT ngày 08/01/2026 của Sở Nông nghiệp và Môi trường.
⁶ Quyết định số 215/QĐ-UBND ngày 20/01/2026 của UBND tỉnh.
⁷ Báo cáo số 17/BC-VPĐP ngày 12/01/2026 của Văn phòng Điều phối nông thôn mới; xem chú thích⁴.
"""

MD_DRAFT = """Tỉnh ủy ban hành Chỉ thị[^1], Kế hoạch thực hiện[^2] và Quy chế phối hợp[^3].
Các cấp ủy đã quán triệt đến 100% chi bộ[^4].

[^1]: Chỉ thị số 11-CT/TU ngày 04/02/2026.
[^2]: Kế hoạch số 41-KH/TU ngày 20/02/2026.
[^3]: Quy chế số 02-QC/TU ngày 10/3/2026.
[^4]: Báo cáo số 86-BC/TU ngày 15/4/2026.
"""


def codes_at(diags):
    return sorted((d.rule, d.location.line, d.location.column) for d in diags)


def test_superscript_markers_inside_bodies_are_reported_exactly():
    found = lint_string(SUP_DRAFT, "bao-cao.txt", select=["FN"])
    assert codes_at(found) == [("FN106", 11, 23), ("FN107", 15, 93)]
    self_ref = next(d for d in found if d.rule == "FN106")
    assert self_ref.related and self_ref.related[0].location.line == 11


def test_units_and_powers_are_not_footnotes():
    fn = extract(read_text("x.txt", "Diện tích 32 km², khối lượng 15.000 m³, mật độ 10⁶ tế bào.\n"))
    assert fn.refs == [] and fn.defs == []


def test_correct_markdown_draft_is_clean():
    assert lint_string(MD_DRAFT, select=["FN"]) == []


def test_renamed_reference():
    found = lint_string(MD_DRAFT.replace("thực hiện[^2]", "thực hiện[^8]"), select=["FN"])
    rules = {d.rule: d for d in found}
    assert rules["FN101"].location.line == 1 and rules["FN101"].location.column == 49
    assert rules["FN102"].location.line == 5  # [^2] lost its marker


def test_deleted_definition():
    found = lint_string(MD_DRAFT.replace("[^3]: Quy chế số 02-QC/TU ngày 10/3/2026.\n", ""), select=["FN"])
    assert codes_at(found) == [("FN101", 1, 73)]


def test_number_defined_twice():
    draft = MD_DRAFT + "[^2]: Kế hoạch số 42-KH/TU ngày 25/02/2026.\n"
    found = lint_string(draft, select=["FN"])
    assert codes_at(found) == [("FN103", 8, 1)]
    assert found[0].related[0].location.line == 5


def test_swapped_references():
    draft = MD_DRAFT.replace("thực hiện[^2]", "thực hiện[^X]").replace("hợp[^3]", "hợp[^2]").replace("[^X]", "[^3]")
    found = lint_string(draft, select=["FN"])
    assert codes_at(found) == [("FN104", 1, 49)]
    assert found[0].related[0].location.column == 73


def test_gap_in_numbering():
    draft = MD_DRAFT.replace("chi bộ[^4]", "chi bộ[^5]").replace("[^4]:", "[^5]:")
    found = lint_string(draft, select=["FN104"])
    assert len(found) == 1 and "4" in found[0].message


def test_named_labels_are_checked_for_definitions_not_numbering():
    draft = "Theo báo cáo[^so-lieu] và kế hoạch[^ke-hoach].\n\n[^so-lieu]: Báo cáo số 12/BC-UBND.\n"
    found = lint_string(draft, select=["FN"])
    assert codes_at(found) == [("FN101", 1, 35)]


def test_plain_digit_footnotes_need_bodies():
    # Digits stuck to words without bodies are never taken for footnotes.
    text = "Sản lượng khai thác năm 20243 tấn quặng, đạt kế hoạch1.\n"
    fn = extract(read_text("x.txt", text))
    assert fn.refs == []


def test_plain_digit_footnotes_with_bodies():
    text = ("Thực hiện đúng quy định của pháp luật1. Trữ lượng theo Luật Địa chất và Khoáng sản năm 20242.\n\n"
            "1 Luật Địa chất và khoáng sản số 54/2024/QH15.\n"
            "2 Điều 59 Luật Địa chất và khoáng sản.\n")
    fn = extract(read_text("x.txt", text))
    assert [(r.label, r.form) for r in fn.refs] == [("1", "plain"), ("2", "plain")]
    assert lint_string(text, "x.txt", select=["FN"]) == []


def test_footnote_in_code_block_is_ignored():
    draft = "Ví dụ cú pháp:\n\n```\nVăn bản[^9]\n```\n\nKhông có chú thích nào khác.\n"
    assert lint_string(draft, select=["FN"]) == []


# --------------------------------------------------------------------------- form appendices
FORM_DECREE = """Điều 5. Hồ sơ gồm văn bản đề nghị theo Mẫu số 01 tại Phụ lục kèm theo Nghị định này¹.
Danh sách các mẫu:
Mẫu số 01 | Văn bản đề nghị cấp giấy phép
Mẫu số 01 của Phụ lục này được áp dụng từ ngày 01/7/2026².

¹ Mẫu số 01 được sửa đổi tại Nghị định số 17/2026/NĐ-CP.
² Theo Điều 12 Nghị định này.

PHỤ LỤC
DANH MỤC CƠ QUAN TIẾP NHẬN HỒ SƠ
1. Sở Công Thương tỉnh.
2. Ban Quản lý các khu công nghiệp tỉnh.
Mẫu số 01
TÊN DOANH NGHIỆP¹
Số: ……/……² | ……³, ngày … tháng … năm ……
Kính gửi: ……………⁴
¹ Tên doanh nghiệp.
² Chữ viết tắt tên doanh nghiệp.
MẪU GIẤY PHÉP KINH DOANH
…………⁽¹⁾…………
⁽¹⁾ Tên cơ quan cấp phép.
PHỤ LỤC II
PHIẾU ĐĂNG KÝ
Họ và tên: ………………
Ngày sinh: ………………
……¹, ngày … tháng … năm ……
¹ Địa danh.
"""


def test_forms_are_found_by_their_title_or_their_blanks():
    from vanban_lint.extract.forms import extract as forms

    doc = read_text("nd.txt", FORM_DECREE)
    found = forms(doc).items
    titles = [doc.text[f.title.start:f.title.end] for f in found]
    # the table row, the sentence and the prose appendix open no form
    assert titles == ["Mẫu số 01", "MẪU GIẤY PHÉP KINH DOANH", "PHỤ LỤC II"]
    assert found[-1].span.end == len(doc.text)
    assert not forms(doc).covers(FORM_DECREE.index("Danh sách"))
    assert forms(doc).covers(FORM_DECREE.index("Kính gửi"))


def test_form_annotations_are_not_footnotes_but_the_text_footnotes_are():
    fn = extract(read_text("nd.txt", FORM_DECREE))
    assert [(r.label, r.form) for r in fn.refs] == [("1", "superscript"), ("2", "superscript")]
    assert [d.label for d in fn.defs] == ["1", "2"]
    assert lint_string(FORM_DECREE, "nd.txt", select=["FN"]) == []


def test_a_defect_in_the_text_footnotes_is_still_found_before_a_form():
    draft = FORM_DECREE.replace("² Theo Điều 12", "³ Theo Điều 12")
    assert sorted(d.rule for d in lint_string(draft, "nd.txt", select=["FN"])) == ["FN101", "FN102"]


def test_parenthesised_superscripts_and_non_markers():
    text = ("Hồ sơ gồm: ⁽¹⁾ Tờ trình; ⁽²⁾ Báo cáo. Telephone N⁰; Cr⁶⁺; NaClO²; (0,5/d)⁰,⁴; 0,4 m ³; "
            "…………¹⁾ và kết quả năm 2025³.\n")
    fn = extract(read_text("x.txt", text))
    assert [r.label for r in fn.refs] == ["3"]


def test_copies_in_the_recipients_list_are_not_footnotes():
    text = "Nơi nhận:\n- Lãnh đạo Bộ⁸;\n- Lưu: VT.\nKết quả đạt 95%².\n"
    assert [r.label for r in extract(read_text("x.txt", text)).refs] == ["2"]


PLAIN = """Mỏ được khai thác theo quy định của pháp luật1. Thiết kế mỏ được phê duyệt2.
Nội dung bảo vệ khoáng sản thực hiện theo quy định tại Điều
7 Luật Địa chất và Khoáng sản năm 20243.

1 Hồ sơ đăng ký được quy định tại Thông tư số 36/2025/TT-BNNMT.
2 Nội dung thiết kế mỏ được quy định tại Thông tư số 31/2025/TT-BCT.
3 Khi khai thác phải ưu tiên công nghệ tiên tiến.
"""


def test_plain_footnotes_numbered_one_to_n_are_kept():
    fn = extract(read_text("cv.txt", PLAIN))
    assert [(r.label, r.form) for r in fn.refs] == [("1", "plain"), ("2", "plain"), ("3", "plain")]
    assert [d.label for d in fn.defs] == ["1", "2", "3"]


def test_plain_pairs_that_do_not_number_one_to_n_are_coincidences():
    # body 2 lost: 1 and 3 alone are not trusted (table rows and numbers pair by chance)
    fn = extract(read_text("cv.txt", PLAIN.replace("2 Nội dung", "Nội dung")))
    assert fn.refs == [] and fn.defs == []


def test_chemical_formulas_are_not_plain_markers():
    text = "Cacbon tetraclorua\tCCl4\t1846\nAntimon (SbCl5)\n\n4\tAmoniac\tNH3\n5\tAntimon\n"
    assert extract(read_text("x.txt", text)).refs == []


def test_a_wrapped_sentence_opens_no_form():
    from vanban_lint.extract.forms import extract as forms

    text = ("4. Kết quả thẩm định được lập theo Mẫu số 03,\n"
            "Mẫu số 04 Phụ lục I ban hành kèm theo Nghị định này.\n"
            "5. Hồ sơ được nộp theo quy định tại\n"
            "Phụ lục II ban hành kèm theo Nghị định này.\n"
            "Mẫu số 05\n"
            "Chủ đầu tư thực hiện thủ tục theo quy định của pháp luật về đất đai.\n"
            "Phụ lục Bảng tọa độ ranh giới kèm theo.\n")
    assert forms(read_text("nd.txt", text)).items == []


def test_a_plain_footnote_after_a_document_code_is_kept():
    text = ("Thực hiện Quyết định số 866/QĐ-TTg1 ngày 12/8/2026 của Thủ tướng Chính phủ.\n\n"
            "1 Quyết định phê duyệt điều chỉnh quy hoạch khoáng sản.\n")
    assert [(r.label, r.form) for r in extract(read_text("cv.txt", text)).refs] == [("1", "plain")]


def test_markdown_headings_open_forms():
    from vanban_lint.extract.forms import extract as forms

    text = "Báo cáo.\n\n## Phụ lục 1\n\n### Mẫu số 01\n\nKính gửi: ……………¹\n\n¹ Tên cơ quan.\n"
    doc = read_text("bc.md", text)
    assert [doc.text[f.title.start:f.title.end] for f in forms(doc).items] == ["### Mẫu số 01"]
    assert extract(doc).refs == []


@given(st.lists(st.sampled_from(["[", "^", "]", "[^", "1", "a", " ", "\n", ":", "[^1]", "\u00a0", "]]", "[^["]),
                max_size=16).map("".join))
def test_markdown_markers_are_those_the_pattern_finds(text):
    """The linear scan of Markdown markers finds exactly the matches of MD_REF, which specifies them."""
    assert list(_md_refs(text)) == [(m.start(), m.end(), m.group(1)) for m in MD_REF.finditer(text)]
