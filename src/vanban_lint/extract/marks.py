"""What a quotation mark or a parenthesis in running text is, before it is paired.

Not every ``)`` closes a parenthesis and not every ``“`` opens a quotation:

- a list label ends with ``)`` and has no opening mark: ``a)``, ``b1)``, ``đ2)``, ``3)``,
  ``a.1)``, ``1.2)``, ``iv)``, ``IV)``, wherever a list item can start: at the start of a line, after an
  opening quote or Markdown emphasis (``“a)`` in an amending text), after a table cell separator
  (`` | `` or a tab), after the end of a sentence or a semicolon;
- a mark inside a run of recognition or conversion junk (``„_©)``, ``”ÿ~¡``) is noise: the
  token holds characters that Vietnamese text never uses;
- in OCR-shaped text (recognition glyphs such as ``©``, ``„``, ``‹`` scattered through it) an
  unbalanced mark is far more often a misread character than a defect: ``looks_ocr``;
- a ``(`` followed by white space at the start of a table cell or between words is how catdoc
  renders a Word check box (``( Có   ( Không``), a field of a form, not a parenthesis;
- a quotation mark is shaped as an opening one when white space or an opening bracket comes
  before it and a word after it, and as a closing one the other way round; that shape decides
  the role of a straight ``"`` and repairs a curly mark typed the wrong way (``“đầu bạc“,``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

__all__ = ["looks_ocr", "list_label_at", "is_junk_at", "is_check_box", "is_seconds_sign", "quote_shape",
           "OPEN", "CLOSE", "EITHER", "LINE", "INLINE"]

OPEN, CLOSE, EITHER = "open", "close", "either"
LINE, INLINE = "line", "inline"

# The body of a list label, before its ")".
_LABEL = regex.compile(r"\d{1,2}(?:\.\d{1,2}){0,2}|[a-zđ](?:\.?\d{1,2})?|[ivx]{1,5}|[IVX]{1,4}|[A-Z]")
# What may come before a list label (spaces aside): an opening quote, emphasis, a cell separator
# or a tab, the end of a sentence or clause.
_BEFORE_LABEL = frozenset("\t“\"‘'*_|>;:.,…")
_LABEL_CHARS = frozenset("0123456789.abcdefghijklmnopqrstuvwxyzđIVXABCDEFGHJKLMNOPQRSTUWYZ")
# What may stand before a label that opens its line: indentation, a page break, an opening
# quote, emphasis.
_LINE_LEAD = " \t\u00a0\f“\"‘'*_>"
# A footnote marker written as "1)" right after the word it annotates.
_GLUED_MARKER = regex.compile(r"\p{L}\p{Ll}\d{1,2}$")
# What never follows the ")" of a list label.
_NOT_AFTER_LABEL = frozenset("”\"’)）")
# Words that cite a lettered point or step: "điểm a)", "mục 4.4 a)", "bước b)".
_CITING_WORDS = frozenset({"điểm", "mục", "tiết", "bước", "khoản", "phần"})
# The Vietnamese alphabet order of lettered points.
_LETTERS = "abcdđeghiklmnopqrstuvxy"
# At the very start of a line, any one short token before ")" is a label, however garbled by OCR.
_MAX_GARBLED_LABEL = 4

# Letters Vietnamese text uses beyond ASCII: the base letters of its alphabet with tone marks.
_VI_BASES = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐ")
# Symbols that do not occur in Vietnamese prose but do in OCR and catdoc junk.
_JUNK_SYMBOLS = frozenset("©®£¥¤¢„‚›‹¬¦¡¿ÿŸƒ~^`")

# Glyphs that a recogniser (tesseract) leaves in Vietnamese text and no writer or converter does.
_OCR_GLYPHS = frozenset("©®„‚‹›£¥¢¬¿ˆ^")
# A text is OCR-shaped when it holds at least this many of them, and this many per 100,000
# characters (a stray one in a long typed text does not count).
_OCR_MIN_GLYPHS = 5
_OCR_PER_100K = 10

# The longest token looked at around a mark; a longer run is glued text, not a junk token.
_MAX_TOKEN = 40
# How far back along its line the context of a list label is looked at.
_LABEL_REACH = 200
# How far along its line the next list label is looked for.
_NEXT_LABEL_REACH = 400

_WORDLIKE = regex.compile(r"[\p{L}\p{N}]")


def _is_foreign_letter(ch: str) -> bool:
    """A Latin letter outside the Vietnamese alphabet (``ÿ``, ``ñ``, ``Ð``): OCR or conversion
    junk. Greek and Cyrillic letters (``β``, ``Φ``) and the diameter sign ``Ø`` are technical
    text, not junk."""
    if ch.isascii() or ch in "đĐØø" or not ch.isalpha():
        return False
    if not unicodedata.name(ch, "").startswith("LATIN"):
        return False
    base = unicodedata.normalize("NFD", ch)[0]
    return base not in _VI_BASES or ch in "ÿŸ"


def _token_bounds(text: str, pos: int) -> tuple[int, int]:
    """The run of non-space characters around ``pos``, at most ``_MAX_TOKEN`` on each side."""
    start, floor = pos, max(0, pos - _MAX_TOKEN)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    end, ceiling = pos + 1, min(len(text), pos + _MAX_TOKEN)
    while end < ceiling and not text[end].isspace():
        end += 1
    return start, end


def is_junk_at(text: str, pos: int) -> bool:
    """True when the mark at ``pos`` sits in a token holding junk: a symbol or a letter that
    Vietnamese text never uses (``„_©)``, ``”ÿ~¡``). Only non-ASCII symbols and ``~^``` count:
    ordinary punctuation is not junk."""
    start, end = _token_bounds(text, pos)
    if end - start >= _MAX_TOKEN:  # a long run is text glued without spaces, not a junk token
        return False
    return any(ch in _JUNK_SYMBOLS or _is_foreign_letter(ch) for ch in text[start:end])


def list_label_at(text: str, flow: str, pos: int, line_start: int) -> str | None:
    """Whether the ``)`` at ``pos`` ends a list label: LINE when the label opens its line (only
    white space, quotes or emphasis before it), INLINE when it is one in running text, None when
    it is no label. A label is never followed by a quotation mark or a parenthesis (``1)”;``
    closes a parenthesis).

    In running text a footnote marker ``1)`` may be glued to its word (``hiện hành1)``); a label
    follows a cell separator, a tab, a clause or a sentence (``…; b) …``,
    ``… | a) …``), a section number or the word that cites a point (``mục 4.4 a)``, ``bước b)``),
    or the label before or after it on the same line (``a) Đường nông thôn b) Đường chuyên dùng``,
    ``gồm 1) …; 2) …``).
    A line that starts a paragraph may open with a label garbled by OCR (``ø)``, ``„_©)``): one
    character, or a short token holding a symbol; a word before ``)`` at the start of a line that
    continues the paragraph above (``khả`` / ``thi) hoặc``) is no label. ``line_start`` is the
    offset where the line of ``pos`` starts."""
    if pos + 1 < len(text) and text[pos + 1] in _NOT_AFTER_LABEL:
        return None
    line_start = max(line_start, pos - _LABEL_REACH)  # a long line is looked at near the mark only
    start = pos
    while start > line_start and text[start - 1] in _LABEL_CHARS and pos - start <= 6:
        start -= 1
    token = text[start:pos]
    if token and _LABEL.fullmatch(token):
        before = text[line_start:start]
        if not before.strip(_LINE_LEAD):
            return LINE
        if _label_context(before, token) or _next_label_follows(text, pos, token):
            return INLINE
        return None
    if _GLUED_MARKER.search(text, max(line_start, pos - 5), pos):
        return INLINE  # a footnote marker glued to its word: "hiện hành1)"
    head = text[line_start:pos].strip(" \t\u00a0\f")
    starts_paragraph = line_start == 0 or flow[line_start - 1] == "\n"  # False when clamped
    if starts_paragraph and _is_garbled_label(head):
        return LINE
    return None


def _label_context(before: str, token: str) -> bool:
    """Whether the text ``before`` a label on its line makes it one in running text."""
    stripped = before.rstrip(" \u00a0")
    if stripped[-1] in _BEFORE_LABEL:
        return True
    if not token[0].isalpha() or not token[0].islower():
        return False
    last = stripped.rsplit(None, 1)[-1]
    if last[-1].isdigit() or last.lower() in _CITING_WORDS:
        return True
    index = _LETTERS.find(token[0])
    return index > 0 and f"{_LETTERS[index - 1]})" in before


# A word closed by a parenthesis, not after a letter, digit or dot: where a next label may stand.
_WORD_BEFORE_PAREN = regex.compile(r"(?<![\w.])(\w+)\)")


def _next_label_follows(text: str, pos: int, token: str) -> bool:
    """Whether the label after ``token`` comes later on the line (``gồm 1) …; 2) …``)."""
    if token.isdigit():
        following = str(int(token) + 1)
    else:
        index = _LETTERS.find(token) if len(token) == 1 else -1
        if index < 0 or index + 1 >= len(_LETTERS):
            return False
        following = _LETTERS[index + 1]
    end = text.find("\n", pos, pos + _NEXT_LABEL_REACH)
    window = text[pos:end if end >= 0 else pos + _NEXT_LABEL_REACH]
    return any(m.group(1) == following for m in _WORD_BEFORE_PAREN.finditer(window))


def _is_garbled_label(head: str) -> bool:
    """One short token: a single character, or up to four holding a symbol (``„_©``, ``'a``)."""
    if not head or len(head) > _MAX_GARBLED_LABEL or any(c.isspace() or c in "()" for c in head):
        return False
    return len(head) == 1 or not head.isalnum()


def is_check_box(text: str, pos: int, end: int) -> bool:
    """True when the ``(`` at ``pos`` is followed by white space or nothing before ``end``: the
    shape catdoc gives a Word check box glyph (``( Có``, ``Mật (  Tối mật``, ``website: (``)."""
    nxt = pos + 1
    return nxt >= end or text[nxt].isspace()


def quote_shape(text: str, pos: int, width: int, start: int, end: int) -> str:
    """OPEN, CLOSE or EITHER: what the quotation mark ``text[pos:pos+width]`` looks like from
    its neighbours inside ``[start, end)``: space or an opening bracket before and a word after
    is an opening mark; a word or punctuation before and space, punctuation or the end after is a
    closing one."""
    before = text[pos - 1] if pos > start else " "
    after = text[pos + width] if pos + width < end else " "
    open_before = before.isspace() or before in "([{‘'*_|-–—/"
    word_after = bool(_WORDLIKE.match(after)) or after in "(…"
    if open_before and word_after:
        return OPEN
    if not open_before and not word_after:
        return CLOSE
    return EITHER


def is_seconds_sign(text: str, pos: int) -> bool:
    """True when the straight ``"`` at ``pos`` follows a digit in a token that also holds a degree
    or minute sign: the seconds of a coordinate (``21°05'04,3"``), not a quotation mark."""
    if pos == 0 or not text[pos - 1].isdigit():
        return False
    start, _ = _token_bounds(text, pos)
    return any(c in "°'′" for c in text[start:pos])


@lru_cache(maxsize=4)  # several rules ask about the same text; its hash is cached by Python
def looks_ocr(text: str) -> bool:
    """True when ``text`` has the shape of OCR output: recognition glyphs (``©``, ``„``, ``‹``,
    ``£``…) scattered through it; the caret of a Markdown footnote reference (``[^1]``) is no
    such glyph. In such text an unbalanced mark is far more often a misread
    character than a defect of the document."""
    need = max(_OCR_MIN_GLYPHS, -(-_OCR_PER_100K * len(text) // 100_000))
    # Each glyph found by str.find, and only until enough are found: str.count of one character
    # reads a text of two bytes a character about ten times slower (70 ms for 13 glyphs on 7 MB).
    count = 0
    for glyph in _OCR_GLYPHS:
        pos = text.find(glyph)
        while pos >= 0:
            if glyph != "^" or text[pos - 1:pos] != "[":  # a Markdown footnote's caret is no glyph
                count += 1
                if count >= need:
                    return True
            pos = text.find(glyph, pos + 1)
    return False
