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
