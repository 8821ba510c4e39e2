"""The citation extractor: forms of codes, type words, dates, bodies, own number."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanban_lint.document import Span
from vanban_lint.extract import citations
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


# ---------------------------------------------------------------------------- reading only the runs
# The extractor runs the code pattern only on the stretches of text that can hold a code, reads
# "số 12/QĐ-UBND" without it, and finds "Quyết định số" without the type-word pattern; it must
# find exactly what those patterns find over the whole text.
def _one_pass(text: str) -> tuple[list[tuple], list[tuple]]:
    """The codes and type words of ``text`` from the citations, and from the patterns directly."""
    doc = read_text("draft.txt", text)
    found = [c for c in _facts(text).citations]
    codes = [(c.code_start, c.code_end, c.number, c.system, c.groups, c.year) for c in found]
    expected = []
    for m in citations.CODE().finditer(doc.flow):
        system, groups, year = citations._shape(m["ptype"], m["piss"], m["syear"] or m["dyear"], m["law"],
                                                m["sfirst"], m["srest"])
        expected.append((m.start(), m.end(), m["pnum"] or m["snum"], system, groups, year))
    words = [c.type_word_span for c in found]
    expected_words = []
    for c in found:
        start = c.code_start
        lo = max(0, start - citations.TYPE_WINDOW)
        tw = citations._type_before().search(doc.flow, max(doc.flow.rfind("\n", lo, start) + 1, lo), start)
        expected_words.append(Span(*tw.span("word")) if tw else None)
    return (codes, words), (expected, expected_words)


@pytest.mark.parametrize("text", [
    "Theo Quyết định số 12/QĐ-UBND ngày 5/1/2024 và Nghị quyết số 15-NQ/TU, ngày 16/6/2022 của Tỉnh ủy.",
    "Quyết định số 12/2026/QĐ-UBND; số 12/QH1-ABC; số 12/QĐ-UBNDđồng; số 12/QĐ-UBND-; số 123456/QĐ-UBND",
    "số 12/QĐ-UBND 13/KH-UBND; số 12/QĐ-UBND - x/Y; số 12/QĐ-UBND.5; (số 12/QĐ-UBND); tố 12/QĐ-UBND",
    "số 15-NQ/TU-BTCTU, số 15 -NQ/TU, số 15-NQQQQQQ/TU, số  12/QĐ-UBND, số:12/QĐ-UBND, số 17.2023/NĐ-CP",
    "Kế hoạch số 5/KH-UBND; xQuyết định số 5/QĐ-UBND; Thông báo kết luận số 5-TB/TU; Kết luận số 5-KL/TU",
    "LUẬT SỐ 54/2024/QH15; Nghị định 71/2019/NĐ-CP; Quyết định làm việc số 7/QĐ-UBND; đồng bộ luật số 69/2025/QH15",
    "x-Thông báo kết luận số 5-TB/TU; xThông báo kết luận số 6-TB/TU; ²Quyết định số 7/QĐ-UBND",
])
def test_runs_find_what_one_pass_finds(text):
    got, expected = _one_pass(text)
    assert got == expected


_PIECES = ["Quyết định số ", "Nghị quyết số ", "quyết định số ", "NGHỊ QUYẾT SỐ ", "Luật ", "x", "ố ", " số ", "tố ",
           "12", "2026", "5", "123456", "/", "/", "-", "–", ".", " ", "\t", ", ", "\n", "QĐ", "NQ", "TU", "UBND", "QH15",
           "Qđ", "đ", "ồ", "ngày 5/6/2024", "của", "(", "số:"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_runs_find_what_one_pass_finds_anywhere(text):
    got, expected = _one_pass(text)
    assert got == expected


def test_standards_layout_gaps_and_words_are_not_codes():
    assert _facts("Kho đạt QCVN 01:2022/BXD - Quy chuẩn kỹ thuật quốc gia.").citation_set.numbered == []
    assert _facts("Tổng công ty tại Văn bản số 548/BĐ-         Than - Khoáng sản.").citation_set.numbered == []
    c = _one("Theo Quyết định số 1086/QĐ-Ttg ngày 05/9/2017.")
    assert c.groups == ("QĐ", "Ttg")


def test_footnote_marker_glued_to_a_code_is_left_off():
    c = _one("Theo Nghị định số 105/2025/NĐ-CP2, cơ quan đăng kiểm kiểm tra.")
    assert c.code == "105/2025/NĐ-CP" and c.groups == ("NĐ", "CP")
    c = _one("Kết luận số 126-KL/TW1 ngày 14/02/2025 của Bộ Chính trị.")
    assert c.code == "126-KL/TW" and c.day == dt.date(2025, 2, 14)
    assert _one("Phương án nổ mìn số 4989/PANM-G16 ngày 23/12/2025.").groups == ("PANM", "G16")


def test_type_word_in_lower_case_needs_so_and_abbreviations_are_no_qualifiers():
    assert _one("Các loại theo quy định 15/2026/TT-BCT của Bộ.").type_word is None
    assert _one("vận hành quy định trong QĐ số 262/QĐ-TTg ngày 01/3/2019.").type_word is None
    assert _one("Tại văn bản số 2211/UBND-KT ngày 15/5/2025.").type_word == "Văn bản"


def test_outer_type_word():
    c = _one("Sở có Văn bản góp ý dự thảo Thông tư số 15/SCT-KT ngày 20/02/2026.")
    assert (c.type_word, c.outer_word) == ("Thông tư", "Văn bản")
    assert _one("Căn cứ Thông báo số 02/TB-ĐKT ngày 20/02/2026.").outer_word is None


def test_unregulated_codes():
    assert _one("Báo cáo đánh giá rủi ro số 01/QĐ-CTY ngày 01/7/2025.").unregulated
    assert _one("Sở nhận được Tờ trình số 18/2025/TT-CTM ngày 01/10/2025 của Công ty TNHH Minh Phát.").unregulated
    assert _one("đề nghị của Công ty TNHH Duy Hiếu tại Văn bản số 01/GĐN-DH ngày 12/01/2026.").unregulated
    # A known State body's code stays governed, whoever is named around it.
    assert not _one("Công ty được cấp Giấy phép số 2010/GP-BTNMT ngày 19/10/2009.").unregulated
    assert not _one("Theo Văn bản số 807/SCT-CN ngày 15/5/2025 của Sở Công Thương.").unregulated


def test_date_after_an_amending_document_is_ambiguous():
    c = _one("Luật sửa đổi, bổ sung một số điều của Luật Địa chất và khoáng sản số 54/2024/QH15 ngày 11/12/2025.")
    assert c.date_ambiguous
    cits = _facts("Nghị định số 20/2024/NĐ-CP ngày 23/02/2024 sửa đổi, bổ sung Nghị định số 05/2021/NĐ-CP "
                  "ngày 25/01/2021 của Chính phủ.").citations
    assert [c.date_ambiguous for c in cits] == [False, False]
    cits = _facts("Nghị định số 20/2024/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 05/2021/NĐ-CP "
                  "đã được ban hành ngày 25/01/2021.").citations
    assert [c.date_ambiguous for c in cits] == [False, True]
    c = _one("khoản 2 Điều 5 (được sửa đổi, bổ sung tại Nghị định số 21/2026/NĐ-CP ngày 16/01/2026).")
    assert not c.date_ambiguous


def test_place_of_a_local_issuer():
    c = _one("Theo Quyết định số 12/QĐ-UBND ngày 05/3/2025 của UBND huyện Bảo Thắng về việc giao đất.")
    assert c.issuer_place == "huyện Bảo Thắng"
    c = _one("Theo Báo cáo số 1088/BC-SCT ngày 09/5/2025 của Sở Công Thương tỉnh Lâm Đồng, chỉ bổ sung.")
    assert c.issuer_place == "tỉnh Lâm Đồng"
    assert _one("Theo Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ.").issuer_place is None


# ---------------------------------------------------------------------------- looking only where it can be
# The outer type word, the changing verb before a citation and the place after "của" are looked
# for only where a cheaper test finds they can be; the answers must be those of the patterns.
_AROUND = ["Văn bản góp ý dự thảo ", "Tờ trình ", "VĂN BẢN ", "văn bản ", "Thông tư ", "Quyết định ", "Luật ",
           "sửa đổi", "sửa đổi, ", "bổ sung ", "bãi bỏ ", "hợp nhất", "thay thế ", "được ", "hợp nhấthay thế ",
           "đề nghị ", "x", "-", " ", "\t", "\n", ",", "12", "số ", "của ", "UBND ", "huyện ", "tỉnh ", "xã ",
           "Bảo Thắng", "Lâm Đồng", "thành phố ", "Hà ", "(", "ở ", "ǅ", "ẞ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_AROUND), max_size=25).map("".join))
def test_outer_word_verbs_and_places_as_the_patterns_find_them(text):
    doc = read_text("draft.txt", text)
    flow = doc.flow
    reader = citations._Reader(doc, [])
    for at in range(len(flow) + 1):
        m = citations._outer_before().search(flow, max(0, at - citations.TYPE_WINDOW), at)
        assert reader.outer_word(at) == (citations._WORD_FORMS[m["word"]] if m else None)
        lo = max(0, at - citations._AMENDS_WINDOW)
        verbs = "|".join(citations._AMENDS_WORDS)
        assert reader.amends_within(lo, at) == (__import__("re").search(verbs, flow[lo:at]) is not None)
        if not citations._may_name_place(flow, at):
            assert citations._PLACE_OF().match(flow, at) is None


def test_citations_have_every_field():
    """Citations are made from a tuple of their fields (no call of the named tuple's __new__)."""
    cits = _facts("Số: 58 /KH-UBND\nTheo Quyết định số 12/QĐ-UBND ngày 5/1/2024 và số 15-NQ/TU của Tỉnh ủy.").citations
    assert len(cits) == 3 and all(len(c) == len(citations.Citation._fields) for c in cits)
