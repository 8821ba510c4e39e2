"""Roman numerals as the field writes them: section headings (I., II-), Party and Quốc hội terms
(khóa XIII). NĐ 78/2025 Điều 64.3: the term is Roman in running text, Arabic in a code (QH15)."""

from __future__ import annotations

# Ordinals in words, as sections and congresses are named ("Phần thứ nhất", "lần thứ tư").
WORD_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                 "mười": 10}

_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_SYMBOLS = ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman_to_int(s: str) -> int:
    """``"XIV"`` → 14 (letters I, V, X, L, C)."""
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _VALUES[a]
        total += -v if b != " " and _VALUES.get(b, 0) > v else v
    return total


def int_to_roman(n: int) -> str:
    """14 → ``"XIV"`` (1 to 399)."""
    out = []
    for value, sym in _SYMBOLS:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)
