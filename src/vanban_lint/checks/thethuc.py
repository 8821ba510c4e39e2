"""Thể thức and presentation rules (family TT).

The text rules (TT101–TT107) read the header and closing blocks found by
:mod:`vanban_lint.extract.thethuc` and work on every format. The Word rules (TT108, TT201–TT208)
read the formatting a .docx reader resolved (``doc.layout``: sections, fonts, sizes, styles, as
Word resolves them through styles and defaults) and are silent on text files.

Which system a document follows is the one its header names (Quốc hiệu or ĐẢNG CỘNG SẢN VIỆT
NAM); when it names neither, the rule option ``system`` (``state`` or ``party``) decides, and by
default the system-dependent rules stay quiet (also for a company or cooperative writing under
the Quốc hiệu: NĐ 30 binds it only when State-owned). Party documents follow HD05 from 27/5/2026, and
36-HD before (``extract.thethuc.party_profile``). Layout rules do not judge VBQPPL (laws, decrees,
circulars numbered with their year): NĐ 30 Phụ lục I excludes them and the table of NĐ 78/2025
was not read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from vanban_lint.diagnostics import Finding
from vanban_lint.document import Document, Span
from vanban_lint.extract.thethuc import HEADER_LINES, PARTY, QUOC_HIEU, TIEU_NGU, Header, party_profile
from vanban_lint.facts import Facts
from vanban_lint.registry import check

ND30 = "NĐ 30/2020, Phụ lục I"
HD05 = "HD 05-HD/VPTW"

_LEGAL_NUMBER = regex.compile(r"\d[\d.]*[ \t]*/[ \t]*(?:19|20)\d\d[ \t]*/")
_LEGAL_TYPE = regex.compile(r"^[ \t]*(?:LUẬT|NGHỊ ĐỊNH|THÔNG TƯ|PHÁP LỆNH|BỘ LUẬT)\b", regex.MULTILINE)
_LEGACY_FONT = regex.compile(r"^(?:\.vn|vni[- ]|vn-|vntime)", regex.IGNORECASE)
_SPACES = regex.compile(r"[ \t]+")

# --------------------------------------------------------------------------- shared helpers


def _header(facts: Facts) -> Header:
    return facts.header_block


def _system(facts: Facts, options: dict) -> str | None:
    """The document's system: from its header, else the ``system`` option (None: unknown).

    A company or cooperative under a Quốc hiệu follows NĐ 30 only when State-owned, which the text
    does not say: its system is the option's, unknown by default."""
    hdr = _header(facts)
    if hdr.system is not None and not hdr.company:
        return hdr.system
    opt = options.get("system")
    return opt if opt in ("state", "party") else None


def _doc_date(facts: Facts):
    mention = facts.header_date
    return mention.date if mention is not None else None


def _is_legal(doc: Document, hdr: Header) -> bool:
    """A VBQPPL (number with its year, or a law/decree/circular type name in the header)."""
    limit = doc.line_starts[HEADER_LINES] if len(doc.line_starts) > HEADER_LINES else len(doc.text)
    if hdr.number_word is not None:
        tail = doc.text[hdr.number_word.span.end:hdr.number_word.span.end + 30]
        if _LEGAL_NUMBER.match(tail.lstrip(" \t:")):
            return True
    return _LEGAL_TYPE.search(doc.text, 0, limit) is not None


# --------------------------------------------------------------------------- header (text)
@check("TT101")
def national_title(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The Quốc hiệu is written exactly ``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` (HOÀ accepted)."""
    qh = _header(facts).quoc_hieu
    if qh is not None and qh.text not in QUOC_HIEU:
        yield Finding(qh.span, {"found": qh.text, "expected": QUOC_HIEU[0]})


@check("TT102")
def motto(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The Tiêu ngữ is ``Độc lập - Tự do - Hạnh phúc``: hyphens with a space each side, each phrase capitalised."""
    tn = _header(facts).tieu_ngu
    if tn is None or tn.text == TIEU_NGU:
        return
    variant = "dash" if _SPACES.sub(" ", regex.sub(r"[–—−]", "-", tn.text)) == TIEU_NGU else "default"
    yield Finding(tn.span, {"found": tn.text, "expected": TIEU_NGU}, variant)


@check("TT103")
def party_title(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A Party document's first line is ``ĐẢNG CỘNG SẢN VIỆT NAM`` exactly."""
    party = _header(facts).party
    if party is not None and party.text != PARTY:
        yield Finding(party.span, {"found": party.text, "expected": PARTY})


@check("TT104")
def number_line(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """State: ``Số:`` with its colon (NĐ30 II.3); Party under HD05: ``Số`` without a colon (I.3.2)."""
    hdr = _header(facts)
    word = hdr.number_word
    system = _system(facts, options)
    if word is None or system is None:
        return
    has_colon = word.text.endswith(":")
    if system == "state" and (not has_colon or word.text != "Số:"):
        yield Finding(word.span, {"found": word.text, "expected": "Số:", "source": f"{ND30}, II.3.c"}, "state")
    elif system == "party" and has_colon and party_profile(_doc_date(facts), facts.today) == "HD05":
        yield Finding(word.span, {"found": word.text, "expected": "Số", "source": f"{HD05}, Phần II, I.3.2"}, "party")


@check("TT105")
def place_date_comma(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The place name in the date line is followed by a comma: ``Hà Nội, ngày …`` (NĐ30 II.4; HD05 I.4.2)."""
    hdr = _header(facts)
    if hdr.place_date is None or hdr.place_sep is None or "," in hdr.place_sep.text:
        return
    place = hdr.place_date.text[: hdr.place_date.text.rfind("ngày")].strip()
    yield Finding(hdr.place_date.span, {"place": place})


# --------------------------------------------------------------------------- closing (text)
_STATE_MARKS = {"TM.", "KT.", "TL.", "TUQ."}
_PARTY_MARKS = {"T/M", "K/T", "T/L"}
_TO_STATE = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL.", "TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.",
             "T.M": "TM.", "K.T": "KT.", "T.L": "TL."}
_TO_PARTY = {"TM.": "T/M", "KT.": "K/T", "TL.": "T/L", "TM": "T/M", "KT": "K/T", "TL": "T/L",
             "T.M": "T/M", "K.T": "K/T", "T.L": "T/L"}


@check("TT106")
def signature_mark(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Signature marks in the system's form: State ``TM. KT. TL. TUQ.``; Party ``T/M K/T T/L`` (no TUQ)."""
    system = _system(facts, options)
    if system is None:
        return
    for sign in facts.closing_block.signs:
        mark = sign.text
        if system == "state" and mark not in _STATE_MARKS:
            yield Finding(sign.span, {"found": mark, "expected": _TO_STATE.get(mark, mark),
                                      "source": f"{ND30}, II.7"}, "state")
        elif system == "party" and mark not in _PARTY_MARKS:
            if mark in ("TUQ", "TUQ."):
                yield Finding(sign.span, {"found": mark, "source": f"{HD05}, Phần II, I.7.1"}, "party_tuq")
            else:
                yield Finding(sign.span, {"found": mark, "expected": _TO_PARTY.get(mark, mark),
                                          "source": f"{HD05}, Phần II, I.7.1"}, "party")


@check("TT107")
def noi_nhan(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The recipients block is headed ``Nơi nhận:`` with its colon (NĐ30 II.9; HD05 I.9.2)."""
    for mark in facts.closing_block.noi_nhan:
        word = mark.text.rstrip(": \t")
        if not mark.text.endswith(":") or _SPACES.sub(" ", word) != "Nơi nhận":
            yield Finding(mark.span, {"found": mark.text})


# --------------------------------------------------------------------------- Word files
@check("TT108")
def tracked_changes(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A Word file with unaccepted tracked changes: it was linted as if every change were accepted."""
    layout = doc.layout
    if layout is None or not (layout.changes or layout.format_changes):
        return
    line = layout.first_change_line if layout.first_change_line is not None else 0
    span = doc.line_span(min(line, len(doc.line_starts) - 1))
    yield Finding(Span(span.start, max(span.start, span.end)),
                  {"changes": layout.changes, "format_changes": layout.format_changes})


def _first_line_span(doc: Document) -> Span:
    for i in range(len(doc.line_starts)):
        span = doc.line_span(i)
        if doc.text[span.start:span.end].strip():
            return span
    return Span(0, 0)


def _mm(twips: int) -> str:
    return f"{twips / 56.7:.0f}"


@check("TT201")
def page_size(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Paper A4 (210 × 297 mm), portrait or landscape; Party administrative papers may be A5."""
    layout = doc.layout
    if layout is None:
        return
    hdr = _header(facts)
    system = _system(facts, options)
    if system is None or _is_legal(doc, hdr):
        return
    for sec in layout.sections:
        if sec.width is None or sec.height is None:
            continue
        dims = sorted((sec.width, sec.height))
        a4 = abs(dims[0] - 11906) <= 30 and abs(dims[1] - 16838) <= 30
        a5 = abs(dims[0] - 8391) <= 30 and abs(dims[1] - 11906) <= 30
        if not (a4 or (a5 and system == "party")):
            yield Finding(_first_line_span(doc), {"width": _mm(sec.width), "height": _mm(sec.height),
                                                  "source": ND30 + ", I.1" if system == "state" else HD05 + ", II.IV"})
            return


_STATE_MARGINS = {"top": (1134, 1417), "bottom": (1134, 1417), "left": (1701, 1984), "right": (850, 1134)}
_PARTY_MARGINS = {"top": 1134, "bottom": 1134, "left": 1701, "right": 850}
_SIDE_VI = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
_TOLERANCE = 20  # twips (about 0.35 mm): rounding of mm to twips


@check("TT202")
def margins(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Margins of the first section: State top/bottom 20–25, left 30–35, right 15–20 mm; Party 20/20/30/15 mm."""
    layout = doc.layout
    hdr = _header(facts)
    system = _system(facts, options)
    if layout is None or system is None or not layout.sections or _is_legal(doc, hdr):
        return
    sec = layout.sections[0]
    if sec.width is not None and sec.height is not None and sec.width > sec.height:
        return  # landscape first section: a table layout, judged by the text area only
    wrong = []
    for side in ("top", "bottom", "left", "right"):
        value = getattr(sec, side)
        if value is None:
            continue
        if system == "state":
            low, high = _STATE_MARGINS[side]
            expected = f"{_mm(low)}–{_mm(high)} mm"
        else:
            fixed = _PARTY_MARGINS[side]  # with mirror margins Word's left/right are inside/outside: 30/15
            low = high = fixed
            expected = f"{_mm(fixed)} mm"
        if not (low - _TOLERANCE <= value <= high + _TOLERANCE):
            wrong.append(f"{_SIDE_VI[side]} {value / 56.7:.1f} mm (cần {expected})")
    if wrong:
        yield Finding(_first_line_span(doc), {"wrong": "; ".join(wrong),
                                              "source": ND30 + ", I.3" if system == "state" else HD05 + ", II.IV.4"},
                      system)


def _text_pieces(doc: Document, places: tuple[str, ...]):
    """(para, piece, text) of every non-blank piece in paragraphs of ``places``."""
    lines = doc.text.split("\n")
    for para in doc.layout.paras:
        if para.place not in places or para.line >= len(lines):
            continue
        line = lines[para.line]
        for piece in para.pieces:
            text = line[piece.start:piece.end]
            if text.strip():
                yield para, piece, text


@check("TT203")
def font(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Text in a Unicode font of TCVN 6909 (no .VnTime or VNI font); the body in Times New Roman."""
    layout = doc.layout
    if layout is None:
        return
    weights: Counter = Counter()
    first: dict[str, tuple] = {}
    for para, piece, text in _text_pieces(doc, ("body", "table", "textbox")):
        name = piece.style.font or "Times New Roman"
        if _LEGACY_FONT.match(name):
            start = doc.line_starts[para.line] + piece.start
            yield Finding(Span(start, doc.line_starts[para.line] + piece.end), {"font": name}, "legacy")
            return
        if para.place == "body":
            weights[name] += len(text)
            first.setdefault(name, (para, piece))
    hdr = _header(facts)
    system = _system(facts, options)
    if not weights or system is None or _is_legal(doc, hdr):
        return
    name, _ = weights.most_common(1)[0]
    if name.lower() != "times new roman":
        para, piece = first[name]
        start = doc.line_starts[para.line]
        yield Finding(Span(start + piece.start, start + piece.end), {"font": name,
                                                                   "source": ND30 + ", I.4" if system == "state" else HD05 + ", II.IV"},
                      "body")


def _styles_over(doc: Document, span: Span):
    """The run styles of the Word pieces that overlap ``span`` (offsets of ``doc.text``)."""
    line = doc.line_index(span.start)
    col0 = span.start - doc.line_starts[line]
    col1 = span.end - doc.line_starts[line]
    return [pc.style for p in doc.layout.paras_on(line) for pc in p.pieces if pc.start < col1 and pc.end > col0]


def _fmt_size(size: float | None) -> str:
    return "?" if size is None else f"{size:g}"


def _bold_in_range(doc: Document, span: Span, part: str, low: int, high: int) -> tuple[float | None, list[Finding]]:
    """The size of a header part and what is wrong with it: not bold, or a size outside
    ``low``–``high`` points (NĐ 30/2020 Phụ lục I, V)."""
    styles = _styles_over(doc, span)
    if not styles:
        return None, []
    size = styles[0].size
    if not all(s.bold for s in styles):
        return size, [Finding(span, {"part": part, "expected": "đậm", "source": f"{ND30}, V"}, "bold")]
    if size is not None and not low <= size <= high:
        return size, [Finding(span, {"part": part, "size": _fmt_size(size), "expected": f"{low}–{high}",
                                     "source": f"{ND30}, V"}, "size")]
    return size, []


@check("TT204")
def header_format(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Sizes and weight of the header parts: Quốc hiệu 12–13 pt bold, Tiêu ngữ 13–14 pt bold and one
    point larger than the Quốc hiệu; the date line italic; Party title 15 pt bold."""
    if doc.layout is None or _system(facts, options) is None:
        return
    hdr = _header(facts)
    if _is_legal(doc, hdr):
        return
    qh_size = None
    if hdr.quoc_hieu is not None:
        qh_size, found = _bold_in_range(doc, hdr.quoc_hieu.span, "Quốc hiệu", 12, 13)
        yield from found
    if hdr.tieu_ngu is not None and hdr.quoc_hieu is not None:
        size, found = _bold_in_range(doc, hdr.tieu_ngu.span, "Tiêu ngữ", 13, 14)
        yield from found
        if not found and size is not None and qh_size is not None and 12 <= qh_size <= 13 and size != qh_size + 1:
            yield Finding(hdr.tieu_ngu.span, {"size": _fmt_size(size), "qh": _fmt_size(qh_size),
                                              "expected": _fmt_size(qh_size + 1), "source": f"{ND30}, V (chú thích 1)"},
                          "coupling")
    if hdr.party is not None:
        styles = _styles_over(doc, hdr.party.span)
        if styles and (not all(s.bold for s in styles) or styles[0].size not in (None, 15)):
            yield Finding(hdr.party.span, {"part": PARTY, "size": _fmt_size(styles[0].size), "expected": "15",
                                           "source": f"{HD05}, Phụ lục 2"}, "party")
    issuer = _issuer(doc, hdr)
    if issuer is not None and not all(st.bold for st in _letter_styles(doc, issuer)):
        yield Finding(issuer, {"part": "Tên cơ quan ban hành", "expected": "đậm",
                               "source": f"{ND30}, II.2.b" if hdr.system != "party" else f"{HD05}, Phụ lục 2"}, "bold")
    if hdr.place_date is not None:
        styles = _styles_over(doc, hdr.place_date.span)
        if styles and not any(s.italic for s in styles):
            yield Finding(hdr.place_date.span, {"part": "Địa danh, ngày", "expected": "nghiêng",
                                                "source": f"{ND30}, II.4" if hdr.system != "party" else f"{HD05}, Phụ lục 2"},
                          "italic")
        elif styles and qh_size in (12, 13) and hdr.system == "state" and styles[0].size not in (None, qh_size + 1):
            yield Finding(hdr.place_date.span, {"size": _fmt_size(styles[0].size), "qh": _fmt_size(qh_size),
                                                "expected": _fmt_size(qh_size + 1),
                                                "source": f"{ND30}, V (chú thích 1)"}, "date_coupling")


def _issuer(doc: Document, hdr: Header) -> Span | None:
    """The issuing body's name in a header laid out as a table: the last paragraph in capitals of
    the first column, above the ``Số`` line, in the rows up to the Quốc hiệu's (or Party title's).

    Above it may stand the cơ quan chủ quản, which is not bold; a long name wrapped over two
    paragraphs is bold in both, so only the last one is read."""
    title = hdr.quoc_hieu or hdr.party
    if title is None:
        return None
    last = doc.line_index(title.span.start) + 1
    found = None
    for para in doc.layout.paras:
        if para.line > last:
            break
        if para.where[0] != "cell" or para.where[1] != 1 or para.where[3] != 1:
            continue
        start = doc.line_starts[para.line]
        text = doc.text[start + para.start:start + para.end]
        if text.lstrip().startswith(("Số", "V/v", "*")):
            if found is not None:
                break
            continue
        if _mostly_caps(text):
            lead = len(text) - len(text.lstrip())
            found = Span(start + para.start + lead, start + para.start + len(text.rstrip()))
    return found


def _mostly_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _body_paras(doc: Document, facts: Facts):
    """Body paragraphs of prose (40 characters or more) after the header and before ``Nơi nhận``."""
    hdr = _header(facts)
    start_line = 0
    if hdr.place_date is not None:
        start_line = doc.line_index(hdr.place_date.span.start) + 1
    noi = facts.closing_block.noi_nhan
    end_line = doc.line_index(noi[0].span.start) if noi else doc.layout.body_lines
    lines = doc.text.split("\n")
    for para in doc.layout.paras:
        if para.place == "body" and start_line <= para.line < end_line and para.end - para.start >= 40 \
                and lines[para.line].strip():
            yield para


def _dominant(values: list[tuple]) -> tuple | None:
    counts: Counter = Counter()
    for value, weight in values:
        counts[value] += weight
    return counts.most_common(1)[0][0] if counts else None


@check("TT205")
def body_size(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The body text size: State 13–14 pt (NĐ30 II.6), Party 14–15 pt (HD05 Phụ lục 2)."""
    system = _system(facts, options)
    if doc.layout is None or system is None or _is_legal(doc, _header(facts)):
        return
    sized = [(pc.style.size, pc.end - pc.start, para, pc) for para in _body_paras(doc, facts) for pc in para.pieces
             if pc.style.size is not None]
    size = _dominant([(s, w) for s, w, _, _ in sized])
    if size is None:
        return
    low, high = (13, 14) if system == "state" else (14, 15)
    if not low <= size <= high:
        para = next(p for s, _, p, _ in sized if s == size)
        start = doc.line_starts[para.line]
        yield Finding(Span(start + para.start, start + para.end),
                      {"size": _fmt_size(size), "expected": f"{low}–{high}",
                       "source": f"{ND30}, II.6" if system == "state" else f"{HD05}, Phụ lục 2"})


@check("TT206")
def line_spacing(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Body line spacing: State single to 1.5 lines; Party exactly 18–22 pt."""
    system = _system(facts, options)
    if doc.layout is None or system is None or _is_legal(doc, _header(facts)):
        return
    paras = list(_body_paras(doc, facts))
    spacing = _dominant([((p.line_rule, p.line_value), p.end - p.start) for p in paras])
    if spacing is None:
        return
    rule, value = spacing
    rule = rule or "auto"
    value = value if value is not None else 240
    if system == "state":
        bad = rule == "auto" and not 240 <= value <= 360
        found = f"{value / 240:g} dòng" if rule == "auto" else f"{value / 20:g} pt ({rule})"
        expected = "1–1,5 dòng"
    else:
        bad = rule != "exact" or not 360 <= value <= 440
        found = f"{value / 240:g} dòng" if rule == "auto" else f"{value / 20:g} pt ({rule})"
        expected = "đúng 18–22 pt (Exactly)"
    if bad:
        para = next(p for p in paras if ((p.line_rule or "auto"), p.line_value if p.line_value is not None else 240)
                    == (rule, value))
        start = doc.line_starts[para.line]
        yield Finding(Span(start + para.start, start + para.end),
                      {"found": found, "expected": expected,
                       "source": f"{ND30}, II.6.e" if system == "state" else f"{HD05}, Phần II, I.6.2.2"})


@check("TT207")
def page_numbers(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Page numbers in the top margin, none on page 1 (NĐ30 I.7; HD05 II.IV: 10 mm from the top)."""
    system = _system(facts, options)
    layout = doc.layout
    if layout is None or system is None or not layout.sections or _is_legal(doc, _header(facts)):
        return
    sec = layout.sections[0]
    where = sec.page_number_in
    if any(w.endswith("footer") for w in where) and not any(w.endswith("header") for w in where):
        yield Finding(_first_line_span(doc), {"source": f"{ND30}, I.7" if system == "state" else f"{HD05}, II.IV"},
                      "footer")
    elif "header" in where and not sec.title_page:
        yield Finding(_first_line_span(doc), {"source": f"{ND30}, I.7" if system == "state" else f"{HD05}, II.IV"},
                      "first_page")


def _letter_styles(doc: Document, span: Span):
    """The run styles of the Word pieces that write letters inside ``span`` (punctuation ignored)."""
    line = doc.line_index(span.start)
    base = doc.line_starts[line]
    out = []
    for p in doc.layout.paras_on(line):
        for pc in p.pieces:
            lo, hi = max(pc.start, span.start - base), min(pc.end, span.end - base)
            if lo < hi and any(ch.isalpha() for ch in doc.text[base + lo:base + hi]):
                out.append(pc.style)
    return out


@check("TT208")
def recipients_format(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The ``Nơi nhận:`` heading: State 12 pt bold italic (NĐ30 II.9.d); Party 14 pt upright (HD05 PL2 r9)."""
    system = _system(facts, options)
    if doc.layout is None or system is None or _is_legal(doc, _header(facts)):
        return
    for mark in facts.closing_block.noi_nhan:
        styles = _letter_styles(doc, mark.span)
        if not styles:
            continue
        sizes = {s.size for s in styles}
        if system == "state":
            ok = sizes <= {12.0, None} and all(s.bold and s.italic for s in styles)
            expected, source = "cỡ 12, đậm, nghiêng", f"{ND30}, II.9.d"
        else:
            ok = sizes <= {14.0, None} and not any(s.italic for s in styles)
            expected, source = "cỡ 14, đứng", f"{HD05}, Phụ lục 2"
        if not ok:
            found = ", ".join(sorted({f"cỡ {_fmt_size(s.size)}{', đậm' if s.bold else ''}{', nghiêng' if s.italic else ''}"
                                      for s in styles}))
            yield Finding(mark.span, {"found": found, "expected": expected, "source": source}, system)
