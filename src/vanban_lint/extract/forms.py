"""Form appendices: the fill-in templates ("Mẫu số 01", "Mẫu 03a.", "MẪU GIẤY PHÉP …") that
laws, decrees and circulars attach, and that công văn and kế hoạch attach as "Phụ lục".

A form is not prose. Its fields are dotted blanks (``……``, ``ngày … tháng … năm``), its numbers
``(1)``, ``⁽¹⁾``, ``¹`` are field annotations explained in the form's own "Ghi chú"/"Chú thích"
list, which restarts at 1 with every form, and its header, dates and codes are placeholders.

The field's layout (NĐ 30/2020, Phụ lục III; every circular that prescribes forms):

- a form opens with its title line: ``Mẫu số 01``, ``Mẫu số 03. Giấy đề nghị …``,
  ``Mẫu 11a``, ``MẪU SỐ 02/ĐK``, or an upper-case ``MẪU GIẤY CHỨNG NHẬN …`` line, and has
  fill-in blanks (a form may be mostly a table, but at least one blank for every 20 lines);
- an appendix opens with ``PHỤ LỤC`` / ``Phụ lục`` and its number; an appendix is a form when
  it is made of fill-in blanks (at least three, and one for every four lines of text), as the
  appendices that hold a single form without a "Mẫu số" title are;
- a form runs to the next form title or appendix heading, or to the end of the document.

A line that is a table row (``Mẫu số 01 | Tên mẫu``, a list of forms) or a sentence
(``Mẫu số 01 của Phụ lục IV …``; ``… theo Mẫu số 03,`` / ``Mẫu số 04 Phụ lục I ban hành…``
wrapped by pdftotext) opens nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

import regex

from vanban_lint.document import Document, Span, line_starts_matching

# A line that may open a form or an appendix (in Markdown, as a heading), looked for at line
# starts (document.line_starts_matching).
_LEAD = r"[ \t]*(?:\#{1,6}[ \t]+)?"
_CANDIDATE = re.compile(_LEAD + r"(?:Mẫu|MẪU|PHỤ[ \t]+LỤC|Phụ[ \t]+lục)")
# What may follow a title's number: the end of the line, a full stop, colon, dash or
# parenthesis, or the title itself in capitals; never a lower-case word (a sentence).
_TITLE_END = r"(?=[ \t]*$|[ \t]*[.:\-–(]|[ \t]+\p{Lu})"
FORM_TITLE = regex.compile(
    _LEAD + r"(?:Mẫu|MẪU)[ \t]+(?:(?:số|SỐ|Số)[ \t]*)?[0-9]{1,3}[\p{L}]{0,2}(?:[./\-–][\p{L}0-9.]*)?" + _TITLE_END
)
FORM_CAPS_TITLE = regex.compile(_LEAD + r"MẪU[ \t]+\p{Lu}[^\p{Ll}]*")
APPENDIX_HEADING = regex.compile(
    _LEAD + r"(?:PHỤ[ \t]+LỤC|Phụ[ \t]+lục)(?:"
    r"[ \t]+(?:(?:SỐ|số)[ \t]*)?(?:[IVXLC]+|[0-9]{1,3})(?:\.[0-9]{1,3})*[a-zđ]?" + _TITLE_END
    + r"|(?=[ \t]*$|[ \t]*[.:\-–(]))"  # without a number: nothing but punctuation may follow
)
# The end of a line that runs on into the next: a comma, a semicolon or a linking word
# ("theo Mẫu số 03," / "Mẫu số 04 Phụ lục I ban hành kèm theo…" is a sentence, not a title).
_RUNS_ON = regex.compile(r"(?:[,;]|\b(?:và|hoặc|theo|tại|của))[ \t]*$")
# A fill-in blank: a run of three or more dots or ellipses, or a lone ellipsis ("ngày … tháng").
BLANK = re.compile(r"[.…]{3,}|…")
_MAX_TITLE = 200  # a longer line is a paragraph that happens to start with "Mẫu"
_LINES_PER_BLANK = 4  # an appendix is a form when it has a blank for every four lines
_MIN_BLANKS = 3
_TITLED_LINES_PER_BLANK = 20  # a titled form may be mostly a table, but not blank-free prose


class Form(NamedTuple):
    """A form: ``title`` is the line that opens it, ``span`` runs from there to the next form
    title or appendix heading (or the end of the document)."""

    title: Span
    span: Span


class Forms(NamedTuple):
    """The forms of a document, in order."""

    items: list[Form]

    def covers(self, offset: int) -> bool:
        """True when ``offset`` lies inside a form."""
        i = bisect_right(self.items, offset, key=lambda f: f.span.start) - 1
        return i >= 0 and offset < self.items[i].span.end


def extract(doc: Document) -> Forms:
    """The forms of ``doc``: sections opened by a form title, and appendices made of blanks."""
    text = doc.body
    starts: list[tuple[Span, bool]] = []  # (opening line, opened by a form title)
    for line_start in line_starts_matching(text, _CANDIDATE):
        index = doc.line_index(line_start)
        line = doc.line_span(index)
        kind = _opening(text[line.start:line.end])
        if kind is not None and not (index and _RUNS_ON.search(text, *doc.line_span(index - 1))):
            starts.append((line, kind))
    forms = []
    for i, (line, is_title) in enumerate(starts):
        end = starts[i + 1][0].start if i + 1 < len(starts) else len(text)
        if _has_blanks(text, line.start, end, is_title):
            forms.append(Form(line, Span(line.start, end)))
    return Forms(forms)


def _opening(line: str) -> bool | None:
    """True for a form title line, False for an appendix heading, None for any other line."""
    if "|" in line or "\t" in line.strip() or len(line) > _MAX_TITLE or line.rstrip().endswith((";", ",")):
        return None
    if FORM_TITLE.match(line) or FORM_CAPS_TITLE.fullmatch(line):
        return True
    if APPENDIX_HEADING.match(line):
        return False
    return None


def _has_blanks(text: str, start: int, end: int, titled: bool) -> bool:
    """Whether ``text[start:end]`` has the fill-in blanks of a form: at least :data:`_MIN_BLANKS`
    and one for every :data:`_LINES_PER_BLANK` lines of text, or under a form title at least one
    for every :data:`_TITLED_LINES_PER_BLANK` lines (the blanks counted once for both tests)."""
    blanks = sum(1 for _ in BLANK.finditer(text, start, end))
    if blanks < (1 if titled else _MIN_BLANKS):
        return False
    lines = sum(1 for line in text[start:end].split("\n") if line.strip())
    return (blanks >= _MIN_BLANKS and blanks * _LINES_PER_BLANK >= lines
            or titled and blanks * _TITLED_LINES_PER_BLANK >= lines)
