"""Orthography rules (family OR).

OR101: tone-mark placement in the open rhymes oa, oe, uy has two accepted styles, "hòa, khỏe,
thủy" (mark on the first vowel, used by NĐ 30/2020) and "hoà, khoẻ, thuỷ" (mark on the main
vowel, QĐ 1989/QĐ-BGDĐT and mostly HD05). Neither is imposed; one document should write one
word one way (reference §5.1: "flag a document that mixes styles for the same word").
OR102: a function word typed twice ("trong trong việc").
OR103: a phrase of two to five words typed twice in a row ("triển khai triển khai").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, count, islice, repeat
from operator import eq
from typing import NamedTuple

from vanban_lint.data import load_table
from vanban_lint.diagnostics import Edit, Finding, Fix, Related
from vanban_lint.document import Document, Span
from vanban_lint.errors import ConfigError
from vanban_lint.extract.words import Vocabulary, Words, vocabulary, words as doc_words
from vanban_lint.facts import Facts
from vanban_lint.registry import check
from vanban_lint.syllables import TONES

# A toned open rhyme oa, oe or uy in either style, not followed by a letter (no final consonant).
# A rhyme o/u + a, e or y at the end of a word, matched on lower-cased text with stdlib ``re`` (a
# plain character-class scan, three times faster than naming the toned forms), then told by
# lookbehinds (tried at the few candidates only) to have one tone mark, on oa, oe or uy: not
# "hoa", "của" nor "òà"; its style is then a dictionary lookup.
_RHYME = re.compile(r"[oòóỏõọuùúủũụ][aeàáảãạèéẻẽẹyỳýỷỹỵ](?!\w)(?<![ou][aey])"
                    r"(?<![òóỏõọùúủũụ][àáảãạèéẻẽẹỳýỷỹỵ])(?<![oòóỏõọ][yỳýỷỹỵ])(?<![uùúủũụ][aeàáảãạèéẻẽẹ])")
_STYLE_OF = {
    **{"o" + v: "hoà" for v in "àáảãạèéẻẽẹ"}, **{"u" + v: "hoà" for v in "ỳýỷỹỵ"},
    **{t + v: "hòa" for t in "òóỏõọ" for v in "ae"}, **{t + "y": "hòa" for t in "ùúủũụ"},
}
# Onsets that may precede these rhymes ("qu" is excluded: in "quý" the u belongs to the onset).
_ONSETS = frozenset({"", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
                     "p", "ph", "r", "s", "t", "th", "tr", "v", "x"})


def _move_tone(rhyme: str) -> str:
    """A toned oa/oe/uy rhyme written in the other style: "òa" → "oà", "uỷ" → "ủy"."""
    first, second = unicodedata.normalize("NFD", rhyme[0]), unicodedata.normalize("NFD", rhyme[1])
    tone = next((c for c in first + second if c in TONES), "")
    first, second = first.replace(tone, ""), second.replace(tone, "")
    if tone in unicodedata.normalize("NFD", rhyme[0]):
        second += tone
    else:
        first += tone
    return unicodedata.normalize("NFC", first) + unicodedata.normalize("NFC", second)


@check("OR101")
def tone_mark_style(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Report each syllable written in the document's minority style, each with its own fix.

    With the default option (``consistent``) a word is reported only when the same word is also
    written in the main style somewhere in the document ("hoá chất" beside "hóa chất"): that is a
    certain inconsistency. A document that writes "thuỷ" throughout but "hóa" elsewhere mixes
    styles only across different words, which published texts commonly do; it is reported when a
    style is imposed (``style: hòa`` or ``style: hoà``). Proper names and fixed names are never
    counted (see :func:`_toned_syllables`).
    """
    style_opt = options.get("style", "consistent")
    if style_opt not in ("consistent", "hòa", "hoà"):
        raise ConfigError(f"OR101: option style must be 'consistent', 'hòa' or 'hoà', not {style_opt!r}")
    if not _may_report(vocabulary(doc), style_opt):
        return
    found = _toned_syllables(doc)
    if style_opt == "consistent":
        if not found["hòa"] or not found["hoà"]:
            return
        main = "hòa" if len(found["hòa"]) >= len(found["hoà"]) else "hoà"
    else:
        main = style_opt
    minority = "hoà" if main == "hòa" else "hòa"
    flow, lowered = doc.flow, doc.flow_lower
    main_first: dict[str, Span] = {}
    for span in found[main]:
        main_first.setdefault(lowered[span.start:span.end], span)
    by_word: dict[str, list[Span]] = {}
    for span in found[minority]:
        by_word.setdefault(lowered[span.start:span.end], []).append(span)
    for lower_word, spans in by_word.items():
        counterpart = main_first.get(lower_word[:-2] + _move_tone(lower_word[-2:]))
        if counterpart is None and style_opt == "consistent":
            continue  # this word is written one way throughout the document
        example = counterpart or (found[main][0] if found[main] else None)
        related = (Related(example, "main", {"word": flow[example.start:example.end]}),) if example else ()
        for span in spans:
            word = flow[span.start:span.end]
            fixed = word[:-2] + _move_tone(word[-2:])
            edit = Edit(Span(span.end - 2, span.end), _move_tone(flow[span.end - 2:span.end]))
            yield Finding(span, {"word": word, "fixed": fixed, "style": main}, related=related,
                          fix=Fix((edit,), safe=True))


def _may_report(vocab: Vocabulary, style_opt: str) -> bool:
    """Whether the words of the vocabulary may hold something to report: a syllable written in
    both styles (``consistent``), or one written in the style not imposed. Most documents need
    not be scanned: they write each word one way."""
    styled: dict[str, set[str]] = {"hòa": set(), "hoà": set()}
    for word in vocab.lower:
        style = _STYLE_OF.get(word[-2:])
        if style:  # the syllables that may end the word: an onset, then the rhyme
            styled[style].update(word[-2 - size:] for size in range(min(3, len(word) - 2) + 1)
                                 if word[len(word) - 2 - size:-2] in _ONSETS)
    if style_opt != "consistent":
        return bool(styled["hoà" if style_opt == "hòa" else "hòa"])
    return any(s[:-2] + _move_tone(s[-2:]) in styled["hoà"] for s in styled["hòa"])


def _toned_syllables(doc: Document) -> dict[str, list[Span]]:
    """The syllables with a toned oa/oe/uy rhyme, by style, in order.

    Not counted: syllables of a fixed name (``fixed_names`` of ``rules/data/orthography.yaml``,
    the country's name in the national motto) and syllables of a proper name written in title
    case next to another title-case word ("xã Xuân Hoà", "tỉnh Thanh Hoá", "Thuỵ Điển", "Cục Hoá
    chất"): their spelling is the name's, not the writer's choice of style.
    """
    found: dict[str, list[Span]] = {"hòa": [], "hoà": []}
    lowered, flow = doc.flow_lower, doc.flow
    fixed = [m.span() for m in _data().fixed_names.finditer(lowered)]
    fixed_i = 0
    onsets: dict[str, int | None] = {}  # see _onset_size: the same few contexts come again and again
    for m in _RHYME.finditer(lowered):
        rhyme = m.start()
        style = _STYLE_OF[m.group()]
        before = lowered[max(0, rhyme - 4):rhyme]
        size = onsets[before] if before in onsets else onsets.setdefault(before, _onset_size(before))
        if size is None:
            continue
        start = rhyme - size
        while fixed_i < len(fixed) and fixed[fixed_i][1] <= start:
            fixed_i += 1
        if fixed_i < len(fixed) and fixed[fixed_i][0] <= start:
            continue
        if flow[start].isupper() and _in_proper_name(flow, start, rhyme + 2):
            continue
        found[style].append(Span(start, rhyme + 2))
    return found


def _onset_size(before: str) -> int | None:
    """The length of the onset of a rhyme preceded by ``before`` (its four characters before,
    fewer at the start of the text), or None when the letters before the rhyme are no onset or
    the word has more letters before them."""
    size = 0
    while size < 3 and size < len(before) and before[-1 - size].isalpha():
        size += 1
    if size < len(before) and before[-1 - size].isalpha():
        return None
    return size if before[len(before) - size:] in _ONSETS else None


def _is_title(word: str) -> bool:
    """A word in title case: a capital, then lower case ("Hoà", "Điển"; not "HOÀ", not "hoà")."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _in_proper_name(flow: str, start: int, end: int) -> bool:
    """Whether the word at ``[start, end)`` is in title case next to another title-case word."""
    return _is_title(flow[start:end]) and (_is_title(_word_before(flow, start)) or _is_title(_word_after(flow, end)))


def _word_before(text: str, pos: int) -> str:
    """The word that ends right before ``pos``, across spaces and tabs only ("" if none)."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > 0 and _is_word_char(text[j - 1]):
        j -= 1
    return text[j:i]


def _word_after(text: str, pos: int) -> str:
    """The word that starts right after ``pos``, across spaces and tabs only ("" if none)."""
    i = pos
    while i < len(text) and text[i] in " \t":
        i += 1
    j = i
    while j < len(text) and _is_word_char(text[j]):
        j += 1
    return text[i:j]


class _OrthographyData(NamedTuple):
    """``rules/data/orthography.yaml``, checked and compiled (see :func:`_data`)."""

    never_doubled: frozenset[str]
    compounds: frozenset[str]
    reduplicated: frozenset[str]
    fixed_names: re.Pattern
    coordinators: frozenset[str]
    noun_prefixes: frozenset[str]
    word_suffixes: frozenset[str]


def _word_list(table: object, key: str) -> list[str]:
    words = table.get(key) if isinstance(table, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ConfigError(f"rules/data/orthography.yaml: {key} must be a list of words")
    return [" ".join(w.lower().split()) for w in words]


def _either_style(name: str) -> str:
    """A pattern for ``name`` (lower case) with its toned oa/oe/uy rhymes in either style, not
    inside a longer word. It opens with the letters of the first word and tests the character
    before them after them: a pattern that opens with letters is looked for in C, ten times
    faster than one tried at every position."""
    out = []
    for word in name.split():
        rhyme = word[-2:]
        pattern = re.escape(word)
        if _STYLE_OF.get(rhyme):
            pattern = f"{re.escape(word[:-2])}(?:{rhyme}|{_move_tone(rhyme)})"
        out.append(pattern)
    return out[0] + rf"(?<!\w{out[0]})" + "".join(r"[ \t]+" + w for w in out[1:]) + r"(?!\w)"


@lru_cache(maxsize=1)
def _data() -> _OrthographyData:
    table = load_table("orthography")
    compounds = _word_list(table, "compounds_ending_in_function_word")
    never_doubled = frozenset(_word_list(table, "never_doubled"))
    for word in never_doubled:
        if not word.isalpha():
            raise ConfigError(f"rules/data/orthography.yaml: never_doubled {word!r} must be one word of letters")
    for compound in compounds:
        if len(compound.split()) != 2 or compound.split()[1] not in never_doubled:
            raise ConfigError(f"rules/data/orthography.yaml: compound {compound!r} must be two words, "
                              "the second one of never_doubled")
    reduplicated = frozenset(_word_list(table, "reduplicated_words"))
    for pair in reduplicated:
        first, _, second = pair.partition(" ")
        if first != second or first not in never_doubled:
            raise ConfigError(f"rules/data/orthography.yaml: reduplicated word {pair!r} must be a word of never_doubled, doubled")
    names = "|".join(_either_style(n) for n in _word_list(table, "fixed_names"))
    return _OrthographyData(never_doubled, frozenset(compounds), reduplicated, re.compile(names),
                            frozenset(_word_list(table, "coordinators")),
                            frozenset(_word_list(table, "noun_prefixes")),
                            frozenset(_word_list(table, "word_suffixes")))


def _wide_blanks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Runs of blanks other than one plain space (several spaces, or a tab), as (start, end), in
    ``text[start:end]`` (whole lines)."""
    runs: set[tuple[int, int]] = set()
    for needle in ("  ", "\t"):
        i = text.find(needle, start, end)
        while i != -1:
            first, last = i, i + len(needle)
            while first > 0 and text[first - 1] in " \t":
                first -= 1
            while last < len(text) and text[last] in " \t":
                last += 1
            runs.add((first, last))
            i = text.find(needle, last, end)
    return sorted(runs)


# A number as the next word or the one after it ("từ từ ngày 01/01/2026", "từ từ 5%").
_NUMBER_NEXT = re.compile(r"[ \t]+(?:\w+[ \t]+)?\d")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _column_gap(doc: Document, start: int, end: int) -> bool:
    """Whether the blanks at ``[start, end)`` of one line separate two layout columns or cells.

    A tab separates table cells (catdoc, Word tables pasted as text). Several spaces separate two
    columns of a page laid out by pdftotext when the line above or below also has several spaces
    ending at the same column: the words on either side then belong to different columns.
    """
    text = doc.text
    gap = text[start:end]
    if "\t" in gap:
        return True
    if "\n" in gap or len(gap) < 2:
        return False
    index = doc.line_index(start)
    line_start = doc.line_starts[index]
    column = end - line_start
    neighbours = [doc.line_starts[k] for k in (index - 1, index + 1) if 0 <= k < len(doc.line_starts)]
    for other in neighbours:
        pos = other + column
        if (pos < len(text) and text[pos] not in " \t\n" and text[pos - 2:pos] == "  "
                and "\n" not in text[other:pos]):
            return True
    return False


@check("OR102")
def doubled_word(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A listed word, then blanks, then the same word. Words separated by one space are found
    with ``str.find`` (many times faster than a regular expression over a whole document);
    other blanks by looking at the words around each run of them.

    Not reported: blanks that separate table cells or layout columns (:func:`_column_gap`); a
    second word capitalised after a lower-case first ("đã Đã tiếp thu": a new sentence, cell or
    column); a first word that closes a compound of the data ("bên trong trong quá trình"); a
    reduplicated word of the data without a number in the next two words ("giảm từ từ").
    """
    flow, low = doc.flow, doc.flow_lower
    data = _data()
    # Only the words that may stand twice in a row are looked for: when the lines repeat, the
    # vocabulary tells which cheaply; otherwise the blocks of the text that may hold them do.
    vocab = vocabulary(doc)
    pairs = {(w, w) for w in data.never_doubled}
    if vocab.compact:
        blocks = [(0, len(low), vocab.adjacent(pairs))]
    else:
        blocks = vocab.locate(flow, pairs=pairs)
    doubled = {w for _, _, found in blocks for w, _ in found}
    hits: list[tuple[int, int, int, int]] = []  # start and end of the first word, of the second
    for block_start, block_end, found in blocks:
        for w, _ in found:
            hits.extend(_doubled_in(low, w, block_start, block_end))
    gaps = [gap for block_start, block_end, found in blocks if found for gap in _wide_blanks(low, block_start, block_end)]
    for gap_start, gap_end in gaps:
        a = gap_start
        while a > 0 and _is_word_char(low[a - 1]):
            a -= 1
        b = gap_end
        while b < len(low) and _is_word_char(low[b]):
            b += 1
        first, second = low[a:gap_start], low[gap_end:b]
        if first == second and first in doubled and not _column_gap(doc, gap_start, gap_end):
            hits.append((a, gap_start, gap_end, b))
    for first_start, first_end, start, end in sorted(hits):
        if flow[start].isupper() and not flow[first_start].isupper():
            continue  # a new sentence, cell or column begins with the second word
        if f"{_word_before(low, first_start)} {low[first_start:first_end]}" in data.compounds:
            continue  # the first word closes a compound, the second opens the next phrase
        if f"{low[start:end]} {low[start:end]}" in data.reduplicated and not _NUMBER_NEXT.match(low, end):
            continue  # a reduplicated word ("giảm từ từ"), not a slip
        yield Finding(Span(start, end), {"word": flow[start:end]}, fix=Fix((Edit(Span(first_end, end), ""),), safe=False))


def _doubled_in(low: str, word: str, start: int, end: int) -> Iterator[tuple[int, int, int, int]]:
    """The places of ``word`` twice with one space between in ``low[start:end]``, not inside a
    longer word: the start and end of the first word, of the second."""
    needle = f"{word} {word}"
    i = low.find(needle, start, end)
    while i != -1:
        after = i + len(needle)
        if (i == 0 or not _is_word_char(low[i - 1])) and (after == len(low) or not _is_word_char(low[after])):
            yield i, i + len(word), after - len(word), after
            i = low.find(needle, after, end)
        else:
            i = low.find(needle, i + 1, end)


_PHRASE_LENGTHS = range(2, 6)


@check("OR103")
def doubled_phrase(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A phrase of two to five words, then the same phrase (ignoring case), each word separated
    by one space or line break ("công tác công tác thống kê", "đối với các đối với các").

    Not reported: a repeat in a table row (a line with tabs or pipes: a cell may repeat the
    words of the cell before it); words of one letter (units, OCR debris: "m m m m"); a phrase with no
    Vietnamese mark (foreign or unaccented text); a second copy that starts with a capital (a
    heading run into its text: "Điều 3. Thời hạn của Giấy phép Giấy phép này"); the exceptions of
    :func:`_correct_repeat`. Candidates are found by comparing the word list with itself shifted
    by two to five words, so the scan is linear.
    """
    words = doc_words(doc)
    low = words.lower
    hits: list[tuple[int, int]] = []
    for n in _PHRASE_LENGTHS:  # word i equals word i + n: one pass in C for each n
        hits.extend(zip(compress(count(), map(eq, low, islice(low, n, None))), repeat(n)))
    data = _data()
    covered = -1  # the end of the last reported repeat: one slip is reported once
    for i, n in sorted(hits):
        if i < covered or i + 2 * n > len(low) or low[i:i + n] != low[i + n:i + 2 * n]:
            continue
        if not _is_slip(words, i, n, data, doc.flow):
            continue
        start, end = words.starts[i + n], words.starts[i + 2 * n - 1] + len(low[i + 2 * n - 1])
        first_end = words.starts[i + n - 1] + len(low[i + n - 1])
        covered = i + 2 * n
        yield Finding(Span(start, end), {"phrase": doc.flow[start:end]},
                      fix=Fix((Edit(Span(first_end, end), ""),), safe=False))


def _is_slip(words: Words, i: int, n: int, data: _OrthographyData, flow: str) -> bool:
    """Whether the words ``i .. i + 2n`` are a phrase of ``n`` words typed twice by mistake."""
    phrase = words.lower[i:i + n]
    if any(len(w) < 2 for w in phrase) or all(w.isascii() for w in phrase):
        return False
    if not words.text[i + n][0].islower():
        return False  # a heading run into the text below it, a new sentence or cell
    if not all(words.adjacent(k) and flow[words.starts[k] + len(words.text[k])] == " "
               for k in range(i, i + 2 * n - 1)):
        return False  # punctuation or a column gap between the words
    line_start = flow.rfind("\n", 0, words.starts[i]) + 1
    line_end = flow.find("\n", words.starts[i])
    line = flow[line_start:line_end if line_end != -1 else len(flow)]
    if "\t" in line or "|" in line:
        return False  # a table row: a cell may repeat the words of the cell or header before it
    return not _correct_repeat(words, i, n, data)


def _correct_repeat(words: Words, i: int, n: int, data: _OrthographyData) -> bool:
    """Repeats that are correct (``rules/data/orthography.yaml``): a phrase that opens or closes
    with a coordinator ("hoặc bản sao điện tử hoặc bản sao điện tử từ sổ gốc"); a first copy made
    a noun by the words before it ("nhà đầu tư đầu tư vào", "cơ quan cấp phép cấp phép"); a second copy made a new word by the
    word after it ("công nghiệp công nghiệp hóa")."""
    low = words.lower
    phrase = " ".join(low[i:i + n])
    if any(phrase.startswith(c + " ") or phrase.endswith(" " + c) for c in data.coordinators):
        return True
    for prefix in data.noun_prefixes:
        k = i - prefix.count(" ") - 1
        if k >= 0 and all(words.adjacent(j) for j in range(k, i)) and " ".join(low[k:i]) == prefix:
            return True
    end = i + 2 * n
    return end < len(low) and words.adjacent(end - 1) and low[end] in data.word_suffixes
