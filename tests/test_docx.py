"""Word files: paragraphs and real Word footnotes reach the same model and the same rules."""

from __future__ import annotations

import io
import zipfile

from vanban_lint.cli import main
from vanban_lint.engine import Settings, lint_document
from vanban_lint.extract.footnotes import extract
from vanban_lint.readers import read_bytes
from vanban_lint.registry import all_rules, select_rules

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text: str, sup: bool = False) -> str:
    props = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if sup else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def note_ref(fid: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{fid}"/></w:r>'


def make_docx(paragraphs: list[str], footnotes: dict[int, str]) -> bytes:
    body = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    notes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             + "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{t}</w:p></w:footnote>'
                       for i, t in footnotes.items()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}</w:body></w:document>")
        zf.writestr("word/footnotes.xml", f"<w:footnotes {NS}>{notes}</w:footnotes>")
    return buf.getvalue()


DOCX = make_docx(
    [run("BÁO CÁO"), run("Tỉnh đã ban hành Nghị quyết") + note_ref(2) + run(" và Kế hoạch thực hiện") + note_ref(5) + run(".")],
    {2: run(" Nghị quyết số 15-NQ/TU ngày 12/3/2025."),
     5: run(" Kế hoạch số 41-KH/TU ngày 20/3/2025, xem chú thích") + run("2", sup=True) + run(".")},
)


def test_word_footnotes_are_numbered_as_word_displays_them():
    doc = read_bytes("bao-cao.docx", DOCX)
    fn = extract(doc)
    assert [(r.label, r.form) for r in fn.refs if r.in_def is None] == [("1", "word"), ("2", "word")]
    assert [d.label for d in fn.defs] == ["1", "2"]
    assert doc.text.splitlines()[1] == "Tỉnh đã ban hành Nghị quyết[^1] và Kế hoạch thực hiện[^2]."


def test_hand_typed_superscript_inside_a_word_footnote_is_reported():
    doc = read_bytes("bao-cao.docx", DOCX)
    found = lint_document(doc, Settings(select_rules(all_rules(), ["FN"], [], preview=True)))
    assert {d.rule for d in found} == {"FN106", "FN108"}
    self_ref = next(d for d in found if d.rule == "FN106")
    assert self_ref.location.line == 4  # the second footnote body, after the two paragraphs


def test_broken_docx_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    good = tmp_path / "tot.docx"
    good.write_bytes(DOCX)
    assert main([str(bad), str(good), "--format", "concise", "--fix"]) == 2
    out = capsys.readouterr().out
    assert "hong.docx: không phải tệp .docx hợp lệ" in out
    assert "tot.docx:4:" in out
    assert good.read_bytes() == DOCX  # --fix never rewrites a Word file
