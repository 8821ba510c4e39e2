"""The date extractor (extract/dates.py): every form, what is not a date, the header date line,
positions through NFD and hard wraps, and the DT105 fix."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import lint_string
from vanban_lint.extract import dates as dates_module
from vanban_lint.extract.dates import DateMention, extract, header_date, header_line
from vanban_lint.facts import Facts
from vanban_lint.fix import fixed_source
from vanban_lint.readers import read_text


def dates(text: str, filename: str = "draft.txt") -> list[tuple[str, DateMention]]:
    doc = read_text(filename, text)
    return [(doc.text[d.span.start:d.span.end], d) for d in extract(doc)]


def only(text: str) -> tuple[str, DateMention]:
    found = dates(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "written", "ymd", "style", "has_ngay"), [
    ("Nghị quyết số 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương", "16/6/2022", (2022, 6, 16), "slash", True),
    ("Quy định số 399-QĐ/TW, ngày 09/01/2026 của Ban Bí thư", "09/01/2026", (2026, 1, 9), "slash", True),
    ("Nghị quyết số 35-NQ/TW, ngày 22-10-2018, của Bộ Chính trị khoá XII", "22-10-2018", (2018, 10, 22), "dash", True),
    ("Quy định số 11-QĐi/TW ngày 18-2-2019 của Bộ Chính trị", "18-2-2019", (2019, 2, 18), "dash", True),
    ("Biên bản lập ngày 16.6.2022 tại trụ sở", "16.6.2022", (2022, 6, 16), "dot", True),
    ("Quyết định số 726/QĐ-TTg ngày 16 tháng 6 năm 2022 của Thủ tướng", "16 tháng 6 năm 2022", (2022, 6, 16), "words", True),
    ("Quyết định số 11/2026/QĐ-UBND ngày 29tháng 01 năm 2026", "29tháng 01 năm 2026", (2026, 1, 29), "words", True),
    ("Lào Cai, ngày 23 tháng               7    năm 2026", "23 tháng               7    năm 2026", (2026, 7, 23), "words", True),
    ("Luật có hiệu lực từ 01/01/2026 và thay thế Luật cũ.", "01/01/2026", (2026, 1, 1), "slash", False),
    ("Đại hội khai mạc 26 tháng 01 năm 2021 tại Hà Nội", "26 tháng 01 năm 2021", (2021, 1, 26), "words", False),
    ("NGÀY 05 THÁNG 3 NĂM 2026", "05 THÁNG 3 NĂM 2026", (2026, 3, 5), "words", True),
    ("Ngày: 29/02/2024 (năm nhuận)", "29/02/2024", (2024, 2, 29), "slash", True),
])
def test_forms(text, written, ymd, style, has_ngay):
    got, d = only(text)
    assert got == written
    assert d.date == dt.date(*ymd)
    assert (d.style, d.valid, d.problem, d.has_ngay, d.complete) == (style, True, None, has_ngay, True)


@pytest.mark.parametrize("text", [
    "Đến nay 45/50 xã đã hoàn thành, đạt 90%.",
    "Căn cứ Quyết định số 12/2026/QĐ-UBND của Ủy ban nhân dân tỉnh.",
    "Thông tư số 36/2025/TT-BNNMT quy định mẫu báo cáo.",
    "Tổng kinh phí 1.250.000 đồng; tỷ lệ 12,5%.",
    "Giai đoạn 2021 - 2025 và nhiệm kỳ 2020-2025.",
    "Theo khoản 2 Điều 15.1 của Quy chế; mục 2.2.",
    "Hộ chiếu nổ mìn số 06/03/2026/HCNM nổ mìn hồi 11h00.",
    "Bản trích từ tệp NQ-34-NQ-TU-27-12-2025.pdf gồm 5 trang.",
    "Lực lượng bảo vệ trực 24/24 giờ; hạn nộp 31/04 hằng năm.",
    "Thời hạn sử dụng đến hết ngày 9/2026.",
    "Kỳ báo cáo 6 tháng đầu năm 2026; trong 03 tháng 6 ngày.",
    "Ngày 15/8/24 Đoàn kiểm tra làm việc.",
    "Bình quân mỗi ngày 45/50 chuyến xe đạt yêu cầu; ngày 12/13 đơn vị nộp đủ.",
    "Chi trả lương tháng 13/2025 và thưởng tháng 13 năm 2025 cho người lao động.",
    "(Ban hành kèm theo Quyết định số: /202⁄QĐ-UBND ngày tháng năm 20.....)",
])
def test_not_dates(text):
    assert dates(text) == []


def test_month_mentions_are_not_full_dates():
    found = dates("Kíp nổ có thời hạn đến tháng 12/2027; từ tháng 4 năm 2026 đến nay.")
    assert [(w, d.day, d.month, d.year, d.style) for w, d in found] == [
        ("tháng 12/2027", None, 12, 2027, "slash"),
        ("tháng 4 năm 2026", None, 4, 2026, "words"),
    ]
    assert all(not d.valid and not d.complete and d.problem is None and d.date is None for _, d in found)


def test_year_less_dates_need_ngay():
    found = dates("Báo cáo trước ngày 10/12 hằng năm; kỳ thống kê đến ngày 31 tháng 12 của năm thống kê.")
    assert [(w, d.day, d.month, d.year, d.valid, d.problem) for w, d in found] == [
        ("10/12", 10, 12, None, False, None),
        ("31 tháng 12", 31, 12, None, False, None),
    ]
    assert dates("tỷ lệ 10/12 đơn vị") == []


@pytest.mark.parametrize(("text", "written", "problem"), [
    ("Kế hoạch số 41/KH-UBND ngày 31/04/2024", "31/04/2024", "day"),
    ("Công văn số 318/UBND-TH ngày 30/02/2025", "30/02/2025", "day"),
    ("Biên bản lập ngày 29/02/2025", "29/02/2025", "day"),
    ("Biên bản lập 12/13/2021 tại mỏ", "12/13/2021", "month"),
    ("Thông báo số 17/TB-NM ngày 15/8/024", "15/8/024", "year"),
    ("Giấy phép có thời hạn đến ngày 00/6/2026", "00/6/2026", "day"),
    ("Hộ chiếu lập ngày 18/0/2026", "18/0/2026", "month"),
    ("Quyết định số 14/2021/QĐ-UBND ngày 31 tháng 9 năm 2021", "31 tháng 9 năm 2021", "day"),
    ("báo cáo trước ngày 31/4 hằng năm", "31/4", "day"),
    ("Hội nghị ngày 12/3/3025", "12/3/3025", "year"),
])
def test_impossible_dates(text, written, problem):
    got, d = only(text)
    assert (got, d.problem, d.valid, d.date) == (written, problem, False, None)


def test_ranges():
    found = dates("Đại hội họp từ ngày 19-23/1/2026; kỳ họp 24/3–8/4/2021; đợt 28-3/2/2026; "
                  "hội nghị ngày 19 - 23 tháng 01 năm 2026.")
    assert [(w, d.date) for w, d in found] == [
        ("19", dt.date(2026, 1, 19)),
        ("23/1/2026", dt.date(2026, 1, 23)),
        ("24/3", dt.date(2021, 3, 24)),
        ("8/4/2021", dt.date(2021, 4, 8)),
        # 28-3/2/2026 starts on 28 January, which the text does not say: only the end is a date.
        ("3/2/2026", dt.date(2026, 2, 3)),
        ("19", dt.date(2026, 1, 19)),
        ("23 tháng 01 năm 2026", dt.date(2026, 1, 23)),
    ]


def test_blank_draft_date_line_keeps_the_filled_parts():
    (written, d), = dates("Lào Cai, ngày      tháng 6  năm 2026")
    assert (written, d.day, d.month, d.year, d.complete, d.problem) == ("tháng 6  năm 2026", None, 6, 2026, False, None)


def test_hard_wrapped_date_is_found_with_its_position():
    text = "Căn cứ Nghị quyết số 34-NQ/TU ngày 27 tháng\n12 năm 2025 của Ban Thường vụ Tỉnh ủy.\n"
    doc = read_text("nq.txt", text)
    (d,) = extract(doc)
    assert d.date == dt.date(2025, 12, 27)
    assert doc.position(d.span.start) == (1, 36)
    assert doc.position(d.month_span.start) == (2, 1)
    assert doc.position(d.span.end) == (2, 12)


def test_nfd_input():
    text = unicodedata.normalize("NFD", "Số: 15/BC-UBND      Hà Nội, ngày 05 tháng 3 năm 2026\n"
                                        "Thực hiện Kế hoạch số 72/KH-UBND ngày 15/3/2025.\n")
    assert text != unicodedata.normalize("NFC", text)
    doc = read_text("nfd.txt", text)
    found = extract(doc)
    assert [d.date for d in found] == [dt.date(2026, 3, 5), dt.date(2025, 3, 15)]
    head = header_date(doc, found)
    assert head is not None and head.date == dt.date(2026, 3, 5)
    line, col = doc.position(head.span.start)
    assert doc.source_line(line)[col - 1:col + 1] == "05"
    line, col = doc.position(found[1].span.start)
    assert (line, doc.source_line(line)[col - 1:col + 8]) == (2, "15/3/2025")


@pytest.mark.parametrize(("text", "expected"), [
    ("ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Số: 15/BC-UBND           Lào Cai, ngày 05 tháng 3 năm 2026\n", dt.date(2026, 3, 5)),
    ("UBND TỈNH LÀO CAI | | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Số: 318/SCT-CN | | TP. Hồ Chí Minh, ngày 09 tháng 4 năm 2026\n", dt.date(2026, 4, 9)),
    ("TỈNH ỦY LÀO CAI ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 34 -NQ/TU Lào Cai, ngày 27 tháng 12 năm 2025\n",
     dt.date(2025, 12, 27)),
    ("SỞ CÔNG THƯƠNG Số: 12/ĐKT-SCT | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
     "Hạnh phúc Lào Cai, ngày 12 tháng 6 năm 2026\n", dt.date(2026, 6, 12)),
    ("ĐẢNG ỦY XÃ TÂN LẬP\n                    Thành phố Huế, ngày 02 tháng 02 năm 2026\n", dt.date(2026, 2, 2)),
    ("Số: 15/BC-UBND\n\n*Hà Nội, ngày 05 tháng 3 năm 2026*\n", dt.date(2026, 3, 5)),
    ("Số: 15/BC-UBND       ........., ngày 05 tháng 3 năm 2026\n", dt.date(2026, 3, 5)),
])
def test_header_date(text, expected):
    doc = read_text("h.txt", text)
    assert header_date(doc, extract(doc)).date == expected
    assert Facts(doc).header_date.date == expected


@pytest.mark.parametrize("text", [
    # A blank draft date line: no date of its own yet.
    "UBND TỈNH LÀO CAI | | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: /KH-UBND | | Lào Cai, ngày       tháng      năm 2026\n",
    # Citations and narrative in the first lines are not the date line.
    "QUYẾT ĐỊNH\nBan hành kèm theo Quyết định số 11/2026/QĐ-UBND ngày 29 tháng 01 năm 2026\n",
    "Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh Lào Cai ngày 05 tháng 3 năm 2026.\n",
    "Hội nghị được tổ chức tại Lào Cai, ngày 05 tháng 3 năm 2026.\n",
    # Beyond the header.
    "BÁO CÁO\n" + "Nội dung.\n" * 45 + "Lào Cai, ngày 05 tháng 3 năm 2026\n",
])
def test_no_header_date(text):
    doc = read_text("h.txt", text)
    assert header_date(doc, extract(doc)) is None


def test_header_line_of_a_blank_draft():
    doc = read_text("h.txt", "Số:     /BC-SCT | Lào Cai, ngày       tháng  01 năm 2026\n")
    line = header_line(doc, extract(doc))
    assert line is not None and (line.day, line.month, line.year) == (None, 1, 2026)
    assert header_date(doc, extract(doc)) is None


@pytest.mark.parametrize("text", [
    "Số: 15/BC-UBND | Lào Cai, ngày 05 tháng 3 năm 2026\n",
    # The date line on the last line of the header, hard-wrapped into the lines after it.
    "BÁO CÁO\n" + "Nội dung.\n" * 38 + "Lào Cai, ngày 05 tháng\n3 năm 2026 và 12/3/2026\n",
    "BÁO CÁO\n" + "Nội dung.\n" * 39 + "Lào Cai, ngày 05 tháng 3 năm 2026\n",
    "BÁO CÁO\n" + "Nội dung.\n" * 38 + "Lào Cai, ngày 05/3/2026 1 2 3 4 5 6 7 8 9\n0 1 2 3 tháng 4/2026",
    "Lào Cai, ngày 05/3/2026",
])
def test_header_line_without_all_the_dates(text):
    # Without the dates of the whole text, header_line extracts those of the header alone.
    doc = read_text("h.txt", text)
    assert header_line(doc) == header_line(doc, extract(doc))


def test_dt105_fix_writes_the_required_form():
    text = "UBND TỈNH LÀO CAI        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/BC-UBND           Lào Cai, ngày 5 tháng 1 năm 2026\n"
    found = lint_string(text, "bc.txt", select=["DT105"])
    assert [d.message for d in found] == [
        'Ngày ban hành ghi "ngày 5", phải là "ngày 05": ngày nhỏ hơn 10 phải có số 0 phía trước',
        'Ngày ban hành ghi "tháng 1", phải là "tháng 01": tháng 1 và tháng 2 phải có số 0 phía trước',
    ]
    doc = read_text("bc.txt", text)
    fixed, count = fixed_source(doc, found)
    assert count == 2 and fixed.endswith("Lào Cai, ngày 05 tháng 01 năm 2026\n")
    assert lint_string(fixed, "bc.txt", select=["DT105"]) == []


def test_dt105_leaves_running_text_alone():
    text = ("UBND TỈNH LÀO CAI        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 15/BC-UBND           Lào Cai, ngày 05 tháng 3 năm 2026\n\n"
            "Ngày 5 tháng 01 năm 2026, Sở Công Thương tổ chức kiểm tra theo Quyết định ngày 5 tháng 03 năm 2026.\n")
    assert lint_string(text, "bc.txt", select=["DT101", "DT105"]) == []


def test_corpus_header_dates_and_no_false_alarm(corpus_files):
    expected = {
        "12-cv-5141-snnmt-ks-san-luong.txt": dt.date(2025, 12, 29),
        "15-qd-11-2026-qd-ubnd-dau-tu-xay-dung-ocr.txt": dt.date(2026, 1, 29),
        "16-nq-34-nq-tu-khu-cum-cong-nghiep-ocr.txt": dt.date(2025, 12, 27),
        "17-cv-2449-cv-du-trien-khai-ctr-104.txt": dt.date(2026, 9, 7),
        "19-cv-6987-snnmt-ks-mo-dat-hiem.txt": dt.date(2026, 7, 23),
        "20-tb-1894-tb-sct-ket-qua-kiem-tra-ocr.txt": dt.date(2026, 4, 9),
    }
    for path in corpus_files:
        text = path.read_text(encoding="utf-8")
        doc = read_text(path.name, text)
        found = extract(doc)
        head = header_date(doc, found)
        assert (head.date if head else None) == expected.get(path.name), path.name
        # Every corpus file has a header date line, filled in or left blank for signing.
        assert header_line(doc, found) is not None, path.name
        assert lint_string(text, path.name, select=["DT101", "DT105"]) == [], path.name



# ---------------------------------------------------------------------------- reading only the runs
# extract() runs the date pattern only on the stretches of text that can hold a date, and reads
# "…, ngày 16/6/2022 của" without it; it must find exactly what one pass over the flow finds.
def _one_pass(doc) -> list[DateMention]:
    return sorted(dates_module._matches(doc.flow, [doc.flow], [0]), key=lambda d: d.start)


@pytest.mark.parametrize("text", [
    "Nghị quyết số 15-NQ/TU, ngày 16/6/2022 của Tỉnh ủy; Kế hoạch số 12/KH-UBND ngày 5/1/2024.",
    "(ngày 16/6/2022)", "Theo ngày 16/6/2022.", "Ngày 16/6/2022 tạm dừng", "[^3]: Quyết định ngày 1/1/2024.",
    "Theo xngày 16/6/2022", "Theo ²ngày 16/6/2022", "Theo 5 ngày 16/6/2022", "Theo ngày 16/6/2022thành",
    "Theo ngày 16/6/2022 tháng 5", "Theo ngày 16/6/20245", "Theo ngày 16/6/2022/", "Theo ngày 16/6/2022-x",
    "Theo  ngày 16/6/2022", "Theo ngày 116/6/2022", "Theo ngày 19-23/1/2026", "Theo ngày 16/6/2022 thành phố",
    "Theo ngày 16/6/2022 ngày 5/5/2025", ", ngày 31/4/2022 của", "Hà Nội, ngày 15 tháng 04 năm 2025",
    "Theo tháng 5/2025, 22-10-2018", "5/6/2024, ngày 16/6/2022", "Theo gày 5/6/2024 và Ggày 5/6/2024",
    "Lào Cai, ngày …… tháng 6 năm 2026", "ngày ..... tháng ..... năm 20....", "ngày __ tháng 6 năm 2026",
])
def test_runs_find_what_one_pass_finds(text):
    doc = read_text("draft.txt", text)
    assert extract(doc) == _one_pass(doc)


_PIECES = ["Theo ngày ", "(ngày ", "ngày", "Ngày", "NGÀY", "tháng", "THÁNG", "năm", "thành", "x", "²", " ", " ", ", ", ":",
           "\n", "/", "/", "-", "–", ".", "…", "_", "5", "16", "31", "13", "0", "2024", "024", "20245", "١٢"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_runs_find_what_one_pass_finds_anywhere(text):
    doc = read_text("draft.txt", text)
    assert extract(doc) == _one_pass(doc)


def test_stray_space_around_a_slash_after_ngay():
    from vanban_lint.extract.dates import extract
    from vanban_lint.readers import read_text

    doc = read_text("a.txt", "(Kèm theo Quyết định số: 215 /QĐ-SCT ngày 09 /4/2026 của Sở)\n")
    assert [m.date for m in extract(doc)] == [__import__("datetime").date(2026, 4, 9)]
    doc = read_text("a.txt", "Tỷ lệ 5 /10 hộ; ngày 3 - 5 tháng")
    assert [m.date for m in extract(doc) if m.date] == []
