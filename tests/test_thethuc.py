"""The closing marks of the thể thức extractor, looked for only where they can start."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vanban_lint.checks import citation_dates
from vanban_lint.extract import thethuc

_PIECES = ["TM", "T/M", "T.M", "TL", "T/L", "T.L", "TUQ", "KT", "K/T", "K.T", "KTM", "Q.", ".", " ", "  ", "\t",
           "\n", "|", "GIÁM ĐỐC", "ỦY BAN", "Ủy", "T", "K", "x", "- Lưu: VT.", "”", '"', "thành", "được ", "sửa "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_signs_are_what_one_pass_finds(text):
    assert [m.span() for m in thethuc._signs(text)] == [m.span() for m in thethuc._SIGN.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_a_quoted_correction_is_looked_for_where_it_can_start(text):
    """What date_groups skips before matching _REPLACED: no closing quote at the end of a citation."""
    for end in range(len(text) + 1):
        if citation_dates._REPLACED.match(text, end):
            assert text[end:end + 1] in citation_dates._QUOTES or text[end:end + 2] in citation_dates._BLANK_QUOTES
