"""The Word reader: text as Word displays it (numbering, tables, text boxes, headers, notes,
tracked changes), the layout the thể thức rules read, and hostile files refused per file."""

from __future__ import annotations

import io
import zipfile

import pytest

from conftest import lint_string
from docx_build import build
from vanban_lint.errors import InputError
from vanban_lint.readers import read_bytes
from vanban_lint.readers import docx as reader


def p(text: str, ppr: str = "", rpr: str = "") -> str:
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def num(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


NUMBERING = (
    '<w:abstractNum w:abstractNumId="1">' + lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%2.")
    + lvl(2, "lowerLetter", "%3)") + "</w:abstractNum>"
    + '<w:abstractNum w:abstractNumId="2">' + lvl(0, "decimal", "%1.") + lvl(1, "decimal", "%1.%2.") + "</w:abstractNum>"
    + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    + '<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
      '</w:lvlOverride></w:num>'
)


def lines(data: bytes) -> list[str]:
    return read_bytes("du-thao.docx", data).text.split("\n")


def test_automatic_numbering_is_rendered_as_word_shows_it():
    body = (p("KẾT QUẢ", num(1, 0)) + p("Công tác tuyên truyền", num(1, 1)) + p("tại xã", num(1, 2))
            + p("tại phường", num(1, 2)) + p("Công tác kiểm tra", num(1, 1)) + p("NHIỆM VỤ", num(1, 0))
            + p("Hoàn thiện thể chế", num(1, 1)) + p("Mục đích", num(2, 0)) + p("Cụ thể hóa", num(2, 1))
            + p("Nâng cao", num(2, 1)) + p("Yêu cầu", num(2, 0)) + p("Bắt đầu lại", num(3, 0)))
    got = lines(build(body, {"word/numbering.xml": NUMBERING}))
    assert got[:12] == ["I. KẾT QUẢ", "1. Công tác tuyên truyền", "a) tại xã", "b) tại phường", "2. Công tác kiểm tra",
                        "II. NHIỆM VỤ", "1. Hoàn thiện thể chế", "1. Mục đích", "1.1. Cụ thể hóa", "1.2. Nâng cao",
                        "2. Yêu cầu", "1. Bắt đầu lại"]


def test_numbering_through_the_paragraph_style_and_heading_rule():
    styles = (f'<w:style w:type="paragraph" w:styleId="Muc"><w:pPr>{num(1, 1)}</w:pPr></w:style>')
    body = p("Một", '<w:pStyle w:val="Muc"/>') + p("Hai", '<w:pStyle w:val="Muc"/>') + p("Bốn", '<w:pStyle w:val="Muc"/>' + num(1, 1))
    data = build(body, {"word/numbering.xml": NUMBERING, "word/styles.xml": styles})
    assert lines(data)[:3] == ["1. Một", "2. Hai", "3. Bốn"]


def test_tracked_changes_are_accepted_and_counted_comments_are_not_text():
    body = ('<w:p><w:r><w:t xml:space="preserve">Thực hiện </w:t></w:r>'
            '<w:del w:id="1" w:author="A"><w:r><w:delText>Công văn</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="A"><w:r><w:t>Kế hoạch</w:t></w:r></w:ins>'
            '<w:moveFrom w:id="3" w:author="A"><w:r><w:t> cũ</w:t></w:r></w:moveFrom>'
            '<w:commentRangeStart w:id="9"/><w:r><w:t xml:space="preserve"> số 41</w:t></w:r><w:commentRangeEnd w:id="9"/>'
            '<w:r><w:commentReference w:id="9"/></w:r></w:p>'
            '<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">của Sở </w:t></w:r></w:p>'
            '<w:p><w:r><w:t>Công Thương.</w:t></w:r></w:p>')
    doc = read_bytes("du-thao.docx", build(body, {"word/comments.xml": '<w:comment w:id="9"><w:p><w:r><w:t>Xem lại</w:t></w:r></w:p></w:comment>'}))
    assert doc.text.split("\n")[:2] == ["Thực hiện Kế hoạch số 41", "của Sở Công Thương."]
    assert doc.layout.changes == 4
    found = [d for d in lint_string_doc(doc, ["TT108"])]
    assert found and "4 thay đổi" in found[0].message


def lint_string_doc(doc, select):
    from vanban_lint.engine import Settings, lint_document
    from vanban_lint.registry import all_rules, select_rules

    return lint_document(doc, Settings(select_rules(all_rules(), select, [], preview=True)))


def test_tables_text_boxes_headers_and_endnotes_in_reading_order():
    box = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p>'
           '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t>'
           '</w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    body = (f'<w:p>{box}<w:r><w:t>QUYẾT ĐỊNH</w:t></w:r></w:p>'
            '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>chi tiết</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
            '<w:p><w:r><w:t>Theo hướng dẫn</w:t></w:r><w:r><w:endnoteReference w:id="5"/></w:r></w:p>'
            '<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/></w:sectPr>')
    parts = {"word/header1.xml": p("UBND TỈNH LÀO CAI") + '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
             '<w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t>'
             '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
             "word/endnotes.xml": '<w:endnote w:id="5"><w:p><w:r><w:t xml:space="preserve"> Công văn số 12/SCT-CN.</w:t>'
                                  '</w:r></w:p></w:endnote>'}
    doc = read_bytes("du-thao.docx", build(body, parts))
    assert doc.text.split("\n")[:8] == ["QUYẾT ĐỊNH", "DỰ THẢO", "STT | Nội dung chi tiết", "Theo hướng dẫn[^i]", "",
                                        "UBND TỈNH LÀO CAI", "", "[^i]: Công văn số 12/SCT-CN."]
    assert doc.layout.where(2, 6) == "bảng 1, hàng 1, ô 2"
    assert doc.layout.where(0, 0) == "đoạn 1"
    assert doc.layout.sections[0].page_number_in == ("header",)


def test_a_docx_gives_the_same_findings_as_its_text():
    text = ("I. KẾT QUẢ\n1. Công tác tuyên truyền\n3. Công tác kiểm tra\n"
            "Thực hiện Kế hoạch số 41-KH/ TU ngày 31/04/2026 của Tỉnh ủy.\n")
    body = "".join(p(line) for line in text.strip().split("\n"))
    from_docx = {(d.rule, d.location.line, d.location.column) for d in lint_string_doc(read_bytes("a.docx", build(body)), ["ALL"])}
    from_md = {(d.rule, d.location.line, d.location.column) for d in lint_string(text, "a.md")}
    assert from_docx == from_md and from_md


def test_resolved_formatting_through_defaults_styles_and_theme():
    styles = ('<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>'
              '<w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:sz w:val="28"/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="QH"><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>')
    theme = ('<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements><a:fontScheme>'
             '<a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>')
    data = build(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", '<w:pStyle w:val="QH"/>') + p("Nội dung", rpr='<w:i/>'),
                 {"word/styles.xml": styles})
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("word/theme/theme1.xml", theme)
    layout = read_bytes("a.docx", buf.getvalue()).layout
    qh, body = layout.paras[0].pieces[0].style, layout.paras[1].pieces[0].style
    assert (qh.font, qh.size, qh.bold, qh.italic) == ("Calibri", 13.0, True, False)
    assert (body.size, body.bold, body.italic) == (14.0, False, True)


def _zip(entries: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


DOC = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'


@pytest.mark.parametrize(("data", "message"), [
    (b"not a zip at all", "không phải tệp .docx"),
    (_zip({"word/styles.xml": b"<x/>"}), "thiếu phần word/document.xml"),
    (_zip({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'}), "DOCTYPE"),
    (_zip({"word/document.xml": b"<w:document"}), "XML hỏng"),
    (_zip({"word/document.xml": DOC + b" " * (3 * 1024 * 1024)}), "ZIP bomb"),
    (_zip({"word/document.xml": DOC, **{f"x/{i}.xml": b"" for i in range(reader.MAX_PARTS + 1)}}), "quá giới hạn"),
])
def test_hostile_or_broken_files_are_a_clear_error(data, message):
    with pytest.raises(InputError) as exc:
        read_bytes("hong.docx", data)
    assert message in str(exc.value)


def test_python_docx_files_are_read():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    document.add_paragraph("Độc lập – Tự do – Hạnh phúc")
    buf = io.BytesIO()
    document.save(buf)
    found = lint_string_doc(read_bytes("a.docx", buf.getvalue()), ["TT102", "TT201"])
    assert {d.rule for d in found} == {"TT102", "TT201"}  # python-docx's template is US Letter


def test_findings_in_a_table_name_the_cell_and_fix_explains_word_files_are_kept(tmp_path, capsys):
    from vanban_lint.cli import main

    body = ('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r>'
            '<w:t>Kế hoạch số 41-KH/ TU ngày 20/3/2026 của Tỉnh ủy</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    path = tmp_path / "bang.docx"
    data = build(body)
    path.write_bytes(data)
    main([str(path), "--format", "concise", "--fix", "--select", "DC105"])
    captured = capsys.readouterr()
    assert "[bảng 1, hàng 1, ô 2]" in captured.out
    assert "tệp Word không được sửa tự động" in captured.err
    assert path.read_bytes() == data


def test_the_system_can_be_configured_for_the_whole_family_when_the_header_does_not_say():
    text = "SỞ CÔNG THƯƠNG\nSố 41/KH-SCT\nKẾ HOẠCH\n"
    assert not lint_string(text, "ke-hoach.txt", select=["TT104"])
    found = lint_string(text, "ke-hoach.txt", select=["TT104"], options={"TT": {"system": "state"}})
    assert [d.rule for d in found] == ["TT104"]


def test_deleted_rows_and_lists_defined_by_a_numbering_style():
    numbering = ('<w:abstractNum w:abstractNumId="1">' + lvl(0, "lowerLetter", "%1)") + "</w:abstractNum>"
                 '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="DiemList"/></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>')
    styles = f'<w:style w:type="numbering" w:styleId="DiemList"><w:pPr>{num(1)}</w:pPr></w:style>'
    body = (p("thứ nhất", num(2)) + p("thứ hai", num(2))
            + '<w:tbl><w:tr><w:trPr><w:del w:id="1" w:author="A"/></w:trPr><w:tc><w:p><w:r><w:t>bỏ</w:t></w:r></w:p>'
              '</w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>giữ</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    doc = read_bytes("a.docx", build(body, {"word/numbering.xml": numbering, "word/styles.xml": styles}))
    assert doc.text.split("\n")[:3] == ["a) thứ nhất", "b) thứ hai", "giữ"]
    assert doc.layout.changes == 1


def test_truncated_or_corrupted_files_never_crash():
    data = build(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") * 50, {"word/numbering.xml": NUMBERING})
    for cut in range(0, len(data), max(1, len(data) // 60)):
        for sample in (data[:cut], data[:cut] + bytes(64) + data[cut + 64:]):
            try:
                read_bytes("hong.docx", sample)
            except InputError:
                pass


def test_deeply_nested_content_is_a_clear_error():
    body = "<w:sdt><w:sdtContent>" * 5000 + p("x") + "</w:sdtContent></w:sdt>" * 5000
    with pytest.raises(InputError) as exc:
        read_bytes("sau.docx", build(body))
    assert "lồng nhau quá sâu" in str(exc.value)


def test_simple_page_field_in_a_footer_is_a_page_number_not_text():
    body = p("Nội dung") + '<w:sectPr><w:footerReference w:type="default" r:id="rIdF1"/></w:sectPr>'
    footer = '<w:p><w:fldSimple w:instr=" PAGE \\* MERGEFORMAT"><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p>'
    doc = read_bytes("a.docx", build(body, {"word/footer1.xml": footer}))
    assert doc.text.strip() == "Nội dung"
    assert doc.layout.sections[0].page_number_in == ("footer",)


def test_automatic_numbering_is_checked_like_typed_numbering():
    numbering = NUMBERING + ('<w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0">'
                             '<w:startOverride w:val="2"/></w:lvlOverride></w:num>')
    body = p("Mục đích", num(2, 0)) + p("Yêu cầu", num(2, 0)) + p("Nhiệm vụ", num(4, 0))  # restarted at 2
    doc = read_bytes("a.docx", build(body, {"word/numbering.xml": numbering}))
    typed = "\n".join(doc.text.split("\n")[:3]) + "\n"
    assert typed == "1. Mục đích\n2. Yêu cầu\n2. Nhiệm vụ\n"
    from_docx = [(d.rule, d.location.line) for d in lint_string_doc(doc, ["HD"])]
    assert from_docx == [(d.rule, d.location.line) for d in lint_string(typed, "a.md", select=["HD"])]
    assert ("HD101", 3) in from_docx


def test_all_caps_formatting_is_read_in_capitals():
    body = p("Cộng hòa xã hội chủ nghĩa Việt Nam", rpr="<w:b/><w:caps/>") + p("Độc lập - Tự do - Hạnh phúc")
    doc = read_bytes("a.docx", build(body))
    assert doc.text.split("\n")[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert not lint_string_doc(doc, ["TT101"])


def test_a_huge_list_start_value_does_not_build_a_huge_label():
    numbering = ('<w:abstractNum w:abstractNumId="1">' + lvl(0, "upperLetter", "%1.", start=2_000_000_000)
                 + "</w:abstractNum>" + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    doc = read_bytes("a.docx", build(p("Nội dung", num(1)) * 3, {"word/numbering.xml": numbering}))
    assert doc.text.split("\n")[2] == "2000000002. Nội dung"
