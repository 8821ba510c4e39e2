"""The document model shared by every rule.

A :class:`Document` keeps three views of one file, all of the *same length*, so that an offset
found in one view is valid in the others:

- ``text``: the file NFC-normalised (TCVN 6909:2001 / Unicode, required by NĐ 30/2020 and HD05),
  with ``\\r\\n`` folded to ``\\n``;
- ``body``: ``text`` with everything that must never be linted (code, URLs, HTML comments, front
  matter) blanked to spaces, newlines kept;
- ``flow``: ``body`` with the line breaks *inside* a logical paragraph turned into spaces and
  page furniture (page numbers, page breaks, running headers) skipped, so that a construct hard-wrapped by pdftotext or OCR
  (``Kết luận số 21-`` / ``KL/TU``) reads as one run of text.

Offsets are mapped back to the file as written (before normalisation) for every reported line and
column, which are 1-based and counted in Unicode code points.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from functools import cached_property
from typing import NamedTuple

import regex

__all__ = ["Span", "Document", "blank", "find_all", "line_starts_matching"]


class Span(NamedTuple):
    """A half-open range ``[start, end)`` of offsets into :attr:`Document.text`."""

    start: int
    end: int


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # beyond the Basic Multilingual Plane: two UTF-16 units
# What NFC may change: a base character followed by combining marks (a CR is a line end of its
# own, not a base), or a character NFC always replaces (the ohm sign Ω by omega Ω, the kelvin
# sign by K, a Greek letter with oxia by its tonos form).
_CLUSTER = regex.compile(r"[^\r\p{M}]?\p{M}+|\p{NFC_QC=N}")
_MARK = regex.compile(r"\p{M}")

# A line that is only a page number or a page break left by pdftotext/OCR: a line holding a form
# feed, "- 2 -", "Trang 2", or a bare number pushed far right (centred page numbers).
PAGE_ARTIFACT = regex.compile(
    r"[ \t]*\f[ \t\f]*(?:\d{1,3}[ \t\f]*)?"
    r"|[ \t]*[-–][ \t]*\d{1,3}[ \t]*[-–][ \t]*"
    r"|[ \t]*(?:Trang|trang|Page)[ \t]+\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?[ \t]*"
    r"|[ \t]{10,}\d{1,3}[ \t]*"
    r"|[ \t]*=+[ \t]*(?:Trang|TRANG|Page)[ \t]+\d{1,4}[ \t]*=+[ \t]*"
)
# The first character of a PAGE_ARTIFACT line after its spaces and tabs, when not a digit.
_ARTIFACT_FIRST = frozenset("\f-–TtP=")
_BARE_NUMBER = regex.compile(r"[ \t]*\d{1,3}[ \t]*")
_RUNNING_HEADER_PAGES = 3  # a line topping this many pages is a running header

# A line that starts a new block: heading, list item, table row, footnote definition, quote.
# The groups of a number are taken possessively: giving one back cannot leave "." or ")" then a
# space, and trying it made a long line of "1.1.1…" quadratic.
BLOCK_START = regex.compile(
    r"""[ \t\f]*(?:
        \#{1,6}[ \t]
      | [-+*•–][ \t]
      | \d{1,3}(?:\.\d{1,3})*+[.)][ \t]
      | (?:X{0,3})(?:IX|IV|V?I{1,3}|V)[.\-–)][ \t]
      | \p{Ll}\)[ \t]
      | \|
      | \[\^[^\]\s]+\]:
      | \((?:\d{1,2}|[a-zđ])\)[ \t]
      | >
      | [⁰¹²³⁴⁵⁶⁷⁸⁹]+
      | (?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|ĐIỀU|Nơi[ \t]nhận|Kính[ \t]gửi)\b
    )""",
    regex.VERBOSE,
)

_LEADING_SPACE = " \t\f\u00a0"  # what may stand before the mark that opens a quotation
_INTRODUCES = regex.compile(r"(?::|[”’][.;,]?)[ \t]*$")  # "…như sau:" or the end of a quotation
# A quoted provision: "“Điều 4.", "“2.", "“c)".
_QUOTED_PROVISION = regex.compile(r"[ \t\f\u00a0]*[“‘](?:Điều|Chương|Mục|Phần|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[IVX]+\.)")
_STARTS_LOWER = regex.compile(r"[ \t]*[\p{Ll}(]")
_ALL_CAPS = regex.compile(r"[^\p{Ll}]*\p{Lu}[^\p{Ll}]*")
_HAS_LOWER = regex.compile(r"\p{Ll}")


def blank(text: str, start: int, end: int) -> str:
    """Return ``text[start:end]`` with every character but newlines replaced by a space."""
    return "".join("\n" if ch == "\n" else " " for ch in text[start:end])


class Document:
    """One file, read and normalised, with offset maps and masks.

    Build it with :meth:`from_source`; readers pass the masks of their format.
    ``_norm_bp``/``_orig_bp`` are the breakpoints of the piecewise-linear map from ``text``
    offsets to ``source`` offsets (empty when the file needed no normalisation).
    ``layout`` is the Word formatting a .docx reader found (``readers.docx.Layout``), else None.
    """

    layout = None

    def __init__(self, path: str, source: str, text: str, body: str, format: str,
                 norm_bp: list[int], orig_bp: list[int], source_line_starts: list[int]) -> None:
        self.path = path
        self.source = source
        self.text = text
        self.body = body
        self.format = format
        self._norm_bp = norm_bp
        self._orig_bp = orig_bp
        self._source_line_starts = source_line_starts

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {self.format}, {len(self.text)} characters)"

    @classmethod
    def from_source(cls, path: str, source: str, fmt: str, masks: list[tuple[int, int]] | None = None,
                    mask_fn=None) -> "Document":
        """Normalise ``source`` and build the document.

        ``mask_fn`` receives the normalised text and returns the ranges to blank; it is how a
        reader adds the masks of its format.
        """
        text, norm_bp, orig_bp = _normalise(source)
        ranges = list(masks or [])
        if mask_fn is not None:
            ranges.extend(mask_fn(text))
        body = _apply_masks(text, ranges)
        return cls(path, source, text, body, fmt, norm_bp, orig_bp, _line_starts(source))

    def portable(self) -> "Document":
        """A light copy to send to another process once the checks are done: what positions and
        source lines need, without the body and the cached views (one string when the file
        needed no normalisation)."""
        text = self.source if self.text == self.source else self.text
        return Document(self.path, self.source, text, "", self.format, self._norm_bp, self._orig_bp,
                        self._source_line_starts)

    # ----------------------------------------------------------------- positions
    def to_source(self, offset: int) -> int:
        """Map an offset in :attr:`text` to the matching offset in :attr:`source`."""
        if not self._norm_bp:
            return offset
        i = bisect_right(self._norm_bp, offset) - 1
        if i < 0:
            return offset
        orig = self._orig_bp[i] + (offset - self._norm_bp[i])
        if i + 1 < len(self._orig_bp) and orig > self._orig_bp[i + 1]:
            orig = self._orig_bp[i + 1]
        return orig

    def composed_clusters(self) -> list[Span]:
        """The spans of :attr:`text` where NFC composed what the file holds decomposed (a letter
        and its combining marks); CR line ends folded to ``\\n`` and characters NFC replaces whole
        (the ohm sign) are not among them. Read from the offset map, so the file is not scanned
        again."""
        norm, orig, source = self._norm_bp, self._orig_bp, self.source
        return [Span(norm[k], norm[k + 1]) for k in range(1, len(norm) - 1, 2)
                if source[orig[k]] != "\r" and _MARK.search(source, orig[k], orig[k + 1])]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file as written, columns in code points."""
        orig = self.to_source(min(max(offset, 0), len(self.text)))
        line = bisect_right(self._source_line_starts, orig) - 1
        return line + 1, orig - self._source_line_starts[line] + 1

    def source_line(self, line: int) -> str:
        """The text of a 1-based line of the file as written, without its line end."""
        start, end = self.source_line_bounds(line)
        return self.source[start:end]

    def source_line_bounds(self, line: int) -> tuple[int, int]:
        """Where a 1-based line of the file as written starts and ends in :attr:`source`, without
        its line end ((0, 0) outside the file): a caller that shows part of a long line slices
        only that part, not the whole line for each finding on it."""
        starts = self._source_line_starts
        if line < 1 or line > len(starts):
            return 0, 0
        start, source = starts[line - 1], self.source
        end = starts[line] if line < len(starts) else len(source)
        while end > start and source[end - 1] in "\r\n":
            end -= 1
        return start, end

    def utf16_column(self, line: int, column: int) -> int:
        """The offset in UTF-16 code units (the unit of the Language Server Protocol) of the
        1-based ``column`` (in code points) of a 1-based line: a character beyond the Basic
        Multilingual Plane takes two units. Counted from :attr:`astral_offsets`, so that the
        findings of a long line do not each read the line again."""
        start, end = self.source_line_bounds(line)
        stop = min(start + max(column - 1, 0), end)
        astral = self.astral_offsets
        return stop - start + (bisect_left(astral, stop) - bisect_left(astral, start) if astral else 0)

    @cached_property
    def astral_offsets(self) -> list[int]:
        """Offsets in :attr:`source` of the characters beyond the Basic Multilingual Plane, in order."""
        return [m.start() for m in _ASTRAL.finditer(self.source)]

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets in :attr:`text` where each line starts."""
        if not self._norm_bp:  # text is the source as written
            return self._source_line_starts
        return _line_starts(self.text)

    def line_index(self, offset: int) -> int:
        """0-based index of the line of :attr:`text` that holds ``offset``."""
        return bisect_right(self.line_starts, offset) - 1

    def line_span(self, index: int) -> Span:
        """Span of the 0-based line ``index`` of :attr:`text`, without its newline."""
        start = self.line_starts[index]
        end = self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(self.text)
        return Span(start, end)

    def is_masked(self, offset: int) -> bool:
        """True when the character at ``offset`` was blanked (code, URL, comment…)."""
        return self.body[offset] != self.text[offset]

    # ----------------------------------------------------------------- paragraphs
    @cached_property
    def _body_lines(self) -> list[str]:
        return self.body.split("\n")

    @cached_property
    def _artifact_lines(self) -> set[int]:
        """Indexes of the lines that are only a page number or a page break, or a running header."""
        out: set[int] = set()
        after_break = False  # a bare number right after a page marker is the page number
        for i, line in enumerate(self._body_lines):
            if not line or line.isspace():
                continue
            first = line.lstrip(" \t")[:1]  # every artifact starts so: the pattern is tried on few lines
            if ((first in _ARTIFACT_FIRST or first.isdecimal()) and PAGE_ARTIFACT.fullmatch(line)
                    or (after_break and _BARE_NUMBER.fullmatch(line))):
                out.add(i)
                after_break = True
            else:
                after_break = False
        if "\f" in self.body:
            out |= _running_headers(self._body_lines, out)
        return out

    @cached_property
    def quoted_lines(self) -> frozenset[int]:
        """Indexes of the lines inside a quotation that opens at the start of a line.

        Amending documents quote the text they insert or replace (``Sửa đổi khoản 2 Điều 5 như
        sau:`` / ``“2. Đất, đá thải mỏ là…`` … ``…theo quy định.”.``): that text, with its own
        numbering, is another document's. A quotation runs from a line that starts with ``“`` or
        ``‘`` and either quotes a provision (``“Điều 4.``, ``“2.``, ``“c)``) or is introduced by a
        line ending in ``:`` (``như sau:``) or by the quotation before it, to the first line where the closing quotes have caught up with the opening ones
        (curly quotes only: straight quotes do not say which way they face). One that never
        closes is a stray quote mark, not a quotation; one whose closing mark was forgotten ends
        where the next instruction (a line ending in ``:``) introduces the next quotation.
        Linear: the closing line is the next position of the running balance at or below its
        value at the opening line.
        """
        body = self.body
        if "“" not in body and "‘" not in body:
            return frozenset()
        lines, starts = self._body_lines, self.line_starts
        marks = find_all(body, "“‘”’")
        openers = _opening_lines(body, starts, marks)
        end_of = _quotation_ends(body, starts, marks)
        out: set[int] = set()
        after = 0  # the first line not yet inside a quotation
        for n, i in enumerate(openers):
            if i < after:
                continue
            before = _last_content_line(lines, i)
            if not (_INTRODUCES.search(before) or _QUOTED_PROVISION.match(lines[i])):
                continue
            end = end_of(i)
            if end is None:
                continue
            end = _next_quotation(lines, openers, n, end)
            out.update(range(i, end))
            after = end
        return frozenset(out)

    @property
    def page_artifacts(self) -> list[Span]:
        """Lines that are only a page number, a page break or a running header (from PDF conversions)."""
        return [self.line_span(i) for i in sorted(self._artifact_lines)]

    @cached_property
    def flow(self) -> str:
        """:attr:`body` with hard wraps inside a paragraph joined (same length as ``text``).

        Lines are joined when the first does not end a sentence and the next does not start a
        block; across blank lines and page-number lines only when the text clearly continues
        (the next line starts in lower case, or the previous one ends in ``-`` or ``/`` as a
        split document code does).
        """
        body = self.body
        lines = self._body_lines
        artifacts = self._artifact_lines
        starts = self.line_starts
        joins: list[tuple[int, int]] = []
        prev: str | None = None  # the last content line
        prev_end = 0
        skipped = 0  # blank/artifact lines since it
        crossed_page = False
        for i, line in enumerate(lines):
            if i in artifacts or not line or line.isspace():
                skipped += 1
                crossed_page = crossed_page or i in artifacts
                continue
            if prev is not None and _joins(prev, line, skipped, crossed_page):
                joins.append((prev_end, starts[i]))
            prev, prev_end = line, starts[i] + len(line)
            skipped, crossed_page = 0, False
        pieces = []
        pos = 0
        for start, end in joins:
            pieces.append(body[pos:start])
            pieces.append(" " * (end - start))
            pos = end
        pieces.append(body[pos:])
        return "".join(pieces)

    @cached_property
    def flow_lower(self) -> str:
        """:attr:`flow` in lower case, same length (for case-insensitive scans with stdlib ``re``)."""
        # Lowered a block of lines at a time: str.lower reserves three code points of four bytes
        # each per character, 80 MB at once for a 7 MB file. Blocks end at a newline (no word,
        # so no final sigma, spans two blocks).
        flow, blocks, pos = self.flow, [], 0
        while pos < len(flow):
            end = flow.find("\n", pos + 65536) + 1 or len(flow)
            blocks.append(flow[pos:end].lower())
            pos = end
        lowered = "".join(blocks)
        if len(lowered) != len(self.flow):  # a character whose lower case is longer (İ): keep offsets
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.flow)
        return lowered

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Logical paragraphs: maximal runs of :attr:`flow` without a newline, not blank."""
        out = []
        pos = 0
        for line in self.flow.split("\n"):
            if line and not line.isspace():
                out.append(Span(pos, pos + len(line)))
            pos += len(line) + 1
        return out


# First letters with which a block can start (Roman numerals, Phần, Chương, Mục, Điều, Nơi nhận,
# Kính gửi); any other letter starts ordinary text unless it is a list label like "a)".
_BLOCK_LETTERS = frozenset("IVXPCMĐNK")


def _running_headers(lines: list[str], artifacts: set[int]) -> set[int]:
    """The first lines of pages (after a form feed) whose text tops at least three pages.

    pdftotext repeats a document's running header (its short title, a table's header row) at
    the top of every page; it is page furniture, not text that continues a paragraph."""
    tops: list[tuple[int, str]] = []
    expecting = False
    for i, line in enumerate(lines):
        if "\f" in line:
            expecting = True
            line = line.rpartition("\f")[2]
        if not expecting or not line.strip() or i in artifacts:
            continue
        tops.append((i, " ".join(line.split())))
        expecting = False
    counts = Counter(text for _, text in tops)
    return {i for i, text in tops if counts[text] >= _RUNNING_HEADER_PAGES}


def _starts_block(line: str) -> bool:
    stripped = line.lstrip(" \t\f")
    first = stripped[:1]
    if first.isalpha() and first not in _BLOCK_LETTERS and stripped[1:2] != ")":
        return False  # the common case, decided without the regular expression
    return bool(BLOCK_START.match(line))


def _joins(prev: str, line: str, skipped: int, crossed_page: bool) -> bool:
    """Whether ``line`` continues the paragraph of the content line ``prev`` before it."""
    tail = prev.rstrip()[-1:]
    if tail in ("-", "/", "–"):
        return not _starts_block(line)  # a document code split at its hyphen or slash
    ends_sentence = tail in (".", ":", ";", "!", "?", "…")
    # Across blank or page-number lines only a clear continuation: never after a sentence's end,
    # nor across several blank lines within a page (decided first: most paragraphs end so).
    if skipped and (ends_sentence or (skipped > 1 and not crossed_page)):
        return False
    if _starts_block(line):
        return False
    if _HAS_LOWER.search(line) and _ALL_CAPS.fullmatch(prev):
        return False  # a title line does not run on into the text below it
    if not skipped:
        return not ends_sentence or bool(_STARTS_LOWER.match(line))
    return bool(_STARTS_LOWER.match(line))  # across one blank line or a page break


def _next_quotation(lines: list[str], openers: list[int], n: int, end: int) -> int:
    """End (exclusive) of the quotation opened at line ``openers[n]`` and closed by line
    ``end - 1``: earlier when a line inside introduces a new quotation (``…như sau:`` then ``“…``).
    ``openers`` are the lines that start with an opening quotation mark, in order."""
    start = openers[n]
    for k in openers[n + 1:bisect_left(openers, end)]:
        if k >= start + 2 and lines[k - 1].rstrip().endswith(":"):
            return k - 1
    return end


def _last_content_line(lines: list[str], i: int) -> str:
    """The last line before line ``i`` that is not blank ("" when none)."""
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    return lines[k] if k >= 0 else ""


def find_all(text: str, chars: str) -> list[int]:
    """The offsets of every occurrence of each of ``chars`` in ``text``, in order (``str.find``
    is many times faster than a regular expression's scan for a class of characters)."""
    out: list[int] = []
    for ch in chars:
        pos = text.find(ch)
        while pos >= 0:
            out.append(pos)
            pos = text.find(ch, pos + 1)
    out.sort()
    return out


def occurs(text: str, needle: str) -> bool:
    """``needle in text``, answered fast on a long text.

    ``in`` looks for a needle of two to five characters in a text of two bytes a character (any
    Vietnamese text) at about 0.5 ns a character, 3-7 ms on 7 MB. Each distinct character of the
    needle is first looked for alone (``str.find`` of one character is ten times faster, and the
    markers tested this way hold a character that prose lacks: a backtick, ``<``, ``w``); when
    all occur, the regex module's literal search, about twice as fast as ``in``, decides."""
    if not all(ch in text for ch in set(needle)):
        return False
    found = _LITERALS.get(needle)
    if found is None:
        found = _LITERALS[needle] = regex.compile(regex.escape(needle)).search
    return found(text) is not None


_LITERALS: dict[str, Callable[[str], regex.Match | None]] = {}


def line_starts_matching(text: str, pattern: re.Pattern) -> list[int]:
    """The offsets of the line starts of ``text`` where ``pattern`` (stdlib ``re``, not anchored)
    matches, in order. A ``^``-anchored pattern with ``re.MULTILINE`` is tried at every offset of
    the text; led by a newline, ``re`` jumps from newline to newline, several times faster."""
    led = _NEWLINE_LED.get(pattern)
    if led is None:
        led = _NEWLINE_LED[pattern] = re.compile(r"\n(?=" + pattern.pattern + ")", pattern.flags)
    out = [0] if pattern.match(text) else []
    out.extend(m.end() for m in led.finditer(text))
    return out


_NEWLINE_LED: dict[re.Pattern, re.Pattern] = {}


def _opening_lines(body: str, starts: list[int], marks: list[int]) -> list[int]:
    """The lines that start with an opening quotation mark (after spaces only), in order; only
    the first mark of a line is looked at, so a long line of quotations is read once."""
    out: list[int] = []
    last = -1
    for pos in marks:
        line = bisect_right(starts, pos) - 1
        if line == last:
            continue
        last = line
        if body[pos] in "“‘" and not body[starts[line]:pos].strip(_LEADING_SPACE):
            out.append(line)
    return out


def _quotation_ends(body: str, starts: list[int], marks: list[int]) -> Callable[[int], int | None]:
    """For a line that opens a quotation, the first later line index at which the running
    balance of the curly quotation marks at offsets ``marks`` (opening minus closing, counted
    from the top) is back at or below its value at that line: the line after the one that closes
    it (None: it never closes).

    The balance changes only after a line that holds a mark, so the search runs over those lines
    alone (a monotonic stack over them), linear in the number of marks."""
    net: dict[int, int] = {}
    for pos in marks:
        line = bisect_right(starts, pos) - 1
        net[line] = net.get(line, 0) + (1 if body[pos] in "“‘" else -1)
    index, value = [0], [0]  # the indexes where the balance may change, and its value there
    for line in sorted(net):
        index.append(line + 1)
        value.append(value[-1] + net[line])
    following = _next_at_or_below(value)

    def end_of(i: int) -> int | None:
        nxt = following[bisect_right(index, i) - 1]
        return index[nxt] if nxt is not None else None

    return end_of


def _next_at_or_below(values: list[int]) -> list[int | None]:
    """For each index, the next later index whose value is at or below its own (or None)."""
    out: list[int | None] = [None] * len(values)
    stack: list[int] = []
    for t in range(len(values) - 1, -1, -1):
        while stack and values[stack[-1]] > values[t]:
            stack.pop()
        out[t] = stack[-1] if stack else None
        stack.append(t)
    return out


def _line_starts(text: str) -> list[int]:
    """Offsets where each line starts; a line ends at \\n, \\r\\n or a lone \\r."""
    if "\r" in text:
        return [0, *(m.end() for m in regex.finditer(r"\r\n|\r|\n", text))]
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def _blocks_not_nfc(source: str) -> list[tuple[int, int]]:
    """The blocks of whole lines of ``source`` (about 64 K characters each) that are not NFC.

    A text is NFC when each of its lines is (no character composes with a line break). Where a
    character may compose (a combining mark), ``is_normalized`` normalises the whole string to
    compare: on a long text with a few decomposed words that is 0.27 s for 8 MB, on the blocks
    holding them a few milliseconds."""
    out = []
    pos = 0
    while pos < len(source):
        end = source.find("\n", pos + 65536) + 1 or len(source)
        if not unicodedata.is_normalized("NFC", source[pos:end]):
            out.append((pos, end))
        pos = end
    return out


def _normalise(source: str) -> tuple[str, list[int], list[int]]:
    """NFC-normalise and fold CR line ends, returning the text and the offset breakpoints.

    The line ends are found by ``str.find``; only the lines that are not NFC are searched for the
    clusters NFC changes (a base character and its combining marks, which never compose across a
    line break), so a long file with CRLF line ends and a few decomposed words is read in C."""
    has_cr = "\r" in source
    blocks = _blocks_not_nfc(source)
    if not has_cr and not blocks:
        return source, [], []
    changes: list[tuple[int, int, str]] = []  # (start, end, replacement) in source
    if has_cr:
        pos = source.find("\r")
        while pos >= 0:
            end = pos + 2 if source.startswith("\n", pos + 1) else pos + 1
            changes.append((pos, end, "\n"))
            pos = source.find("\r", end)
    for block_start, block_end in blocks:
        line_start = block_start
        for line in source[block_start:block_end].split("\n"):
            if not unicodedata.is_normalized("NFC", line):
                for m in _CLUSTER.finditer(line):
                    start, chunk = line_start + m.start(), m.group()
                    if (start == line_start and start and source[start - 2:start] != "\r\n"
                            and unicodedata.category(chunk[0])[0] == "M"):
                        start, chunk = start - 1, "\n" + chunk  # marks opening a line: the \n is their base
                    repl = unicodedata.normalize("NFC", chunk)
                    if repl != chunk:
                        changes.append((start, line_start + m.end(), repl))
            line_start += len(line) + 1
    changes.sort()
    parts: list[str] = []
    norm_bp: list[int] = [0]
    orig_bp: list[int] = [0]
    pos = 0
    out_len = 0
    for start, end, repl in changes:
        parts.append(source[pos:start])
        out_len += start - pos
        norm_bp.append(out_len)
        orig_bp.append(start)
        parts.append(repl)
        out_len += len(repl)
        norm_bp.append(out_len)
        orig_bp.append(end)
        pos = end
    parts.append(source[pos:])
    return "".join(parts), norm_bp, orig_bp


def _apply_masks(text: str, ranges: list[tuple[int, int]]) -> str:
    if not ranges:
        return text
    pieces = []
    pos = 0
    for start, end in sorted(ranges):
        start = max(start, pos)
        if end <= start:
            continue
        pieces.append(text[pos:start])
        pieces.append(blank(text, start, end))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
