"""DC/DT citation rules on the real corpus: known defects found, correct text left alone."""

from __future__ import annotations

from conftest import CORPUS, lint_string

SELECT = ["DC", "DT102", "DT103", "DT104"]


def _findings(name: str):
    path = CORPUS / name
    return [(d.rule, d.location.line, d.location.column)
            for d in lint_string(path.read_text(encoding="utf-8"), path.name, select=SELECT)]


def test_known_code_defects_are_found(corpus_files):
    assert ("DC104", 156, 518) in _findings("02-kh-ubnd-trien-khai-chi-thi-11-ct-tu.txt")
    assert ("DC103", 7, 193) in _findings("04-bc-dkt-kiem-tra-hoa-chat-04-don-vi.txt")


def test_party_cong_van_stays_clean(corpus_files):
    assert _findings("17-cv-2449-cv-du-trien-khai-ctr-104.txt") == []


def test_corpus_findings_are_the_reviewed_ones(corpus_files):
    """Every DC/DT finding on the corpus was reviewed as a real defect (see the commit log)."""
    found = {f.name: _findings(f.name) for f in corpus_files}
    assert sorted((n, r, ln) for n, items in found.items() for r, ln, _ in items) == sorted([
        ("02-kh-ubnd-trien-khai-chi-thi-11-ct-tu.txt", "DC102", 31),  # 866/QĐ-Tg for QĐ-TTg
        ("02-kh-ubnd-trien-khai-chi-thi-11-ct-tu.txt", "DC104", 156),  # 38-CT/TTg
        ("04-bc-dkt-kiem-tra-hoa-chat-04-don-vi.txt", "DC103", 7),  # Thông báo … 2948/TT-ĐKT
        ("05-bc-dkt-kiem-tra-vlncn-04-2026.txt", "DT103", 36),  # 18/6/2026 in a report of 04/2026
        ("05-bc-dkt-kiem-tra-vlncn-04-2026.txt", "DC105", 40),  # 01/KH- GTYB
        ("05-bc-dkt-kiem-tra-vlncn-04-2026.txt", "DT103", 72),  # 23/12/2026 in a report of 04/2026
        ("05-bc-dkt-kiem-tra-vlncn-04-2026.txt", "DT103", 74),
        ("07-bc-sct-chien-luoc-hoa-chat.txt", "DC104", 21),  # 35/NQ-TU for 35-NQ/TU
        ("10-cv-snnmt-huong-dan-luat-dcks.txt", "DC102", 40),  # TT-BNMT for TT-BNNMT
        ("15-qd-11-2026-qd-ubnd-dau-tu-xay-dung-ocr.txt", "DC105", 19),  # OCR "QH1 5"
    ])


def test_swapped_letters_suggest_the_code_with_the_same_letters():
    found = lint_string("Thực hiện Quy định số 08-QiĐ/TW ngày 25/10/2018 của Ban Chấp hành Trung ương.\n",
                        select=["DC101"], lang="en")
    assert len(found) == 1 and 'did you mean "QĐi"' in found[0].message
