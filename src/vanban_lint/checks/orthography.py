"""Orthography rules (family OR).

OR101: tone-mark placement in the open rhymes oa, oe, uy has two accepted styles, "hòa, khỏe,
thủy" (mark on the first vowel, used by NĐ 30/2020) and "hoà, khoẻ, thuỷ" (mark on the main
vowel, QĐ 1989/QĐ-BGDĐT and mostly HD05). Neither is imposed; one document should use one
(reference §5.1: "flag a document that mixes styles").
OR102: a function word typed twice ("trong trong việc").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache


from vanban_lint.data import load_table
from vanban_lint.diagnostics import Edit, Finding, Fix, Related
from vanban_lint.document import Document, Span
from vanban_lint.errors import ConfigError
from vanban_lint.facts import Facts
from vanban_lint.registry import check

# A toned open rhyme oa, oe or uy in either style, not followed by a letter (no final consonant).
# A candidate rhyme o/u + a, e or y at the end of a word, matched on lower-cased text with stdlib
# ``re`` (a plain character-class scan, three times faster than naming the toned forms); which
# candidates are toned, and in which style, is then a dictionary lookup.
_RHYME_CANDIDATE = re.compile(r"[oòóỏõọuùúủũụ][aeàáảãạèéẻẽẹyỳýỷỹỵ](?!\w)")
_STYLE_OF = {
    **{"o" + v: "hoà" for v in "àáảãạèéẻẽẹ"}, **{"u" + v: "hoà" for v in "ỳýỷỹỵ"},
    **{t + v: "hòa" for t in "òóỏõọ" for v in "ae"}, **{t + "y": "hòa" for t in "ùúủũụ"},
}
# Onsets that may precede these rhymes ("qu" is excluded: in "quý" the u belongs to the onset).
_ONSETS = frozenset({"", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
                     "p", "ph", "r", "s", "t", "th", "tr", "v", "x"})
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def _move_tone(rhyme: str) -> str:
    """A toned oa/oe/uy rhyme written in the other style: "òa" → "oà", "uỷ" → "ủy"."""
    first, second = unicodedata.normalize("NFD", rhyme[0]), unicodedata.normalize("NFD", rhyme[1])
    tone = next((c for c in first + second if c in _TONES), "")
    first, second = first.replace(tone, ""), second.replace(tone, "")
    if tone in unicodedata.normalize("NFD", rhyme[0]):
        second += tone
    else:
        first += tone
    return unicodedata.normalize("NFC", first) + unicodedata.normalize("NFC", second)


@check("OR101")
def tone_mark_style(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Report the syllables written in the document's minority style, grouped by word."""
    style_opt = options.get("style", "consistent")
    if style_opt not in ("consistent", "hòa", "hoà"):
        raise ConfigError(f"OR101: option style must be 'consistent', 'hòa' or 'hoà', not {style_opt!r}")
    found: dict[str, list[Span]] = {"hòa": [], "hoà": []}
    lowered = doc.flow_lower
    for m in _RHYME_CANDIDATE.finditer(lowered):
        rhyme = m.start()
        style = _STYLE_OF.get(lowered[rhyme:rhyme + 2])
        if style is None:
            continue  # no tone mark, or one on each vowel
        start = rhyme
        while start > 0 and start > rhyme - 3 and lowered[start - 1].isalpha():
            start -= 1
        if (start > 0 and lowered[start - 1].isalpha()) or lowered[start:rhyme] not in _ONSETS:
            continue
        found[style].append(Span(start, rhyme + 2))
    if style_opt == "consistent":
        if not found["hòa"] or not found["hoà"]:
            return
        main = "hòa" if len(found["hòa"]) >= len(found["hoà"]) else "hoà"
    else:
        main = style_opt
    minority = "hoà" if main == "hòa" else "hòa"
    flow = doc.flow
    by_word: dict[str, list[Span]] = {}
    for span in found[minority]:
        by_word.setdefault(flow[span.start:span.end].lower(), []).append(span)
    example = found[main][0] if found[main] else None
    for spans in by_word.values():
        span = spans[0]
        word = flow[span.start:span.end]
        fixed = word[:-2] + _move_tone(word[-2:])
        related = (Related(example, "main", {"word": flow[example.start:example.end]}),) if example else ()
        edits = tuple(Edit(Span(s.end - 2, s.end), _move_tone(flow[s.end - 2:s.end])) for s in spans)
        yield Finding(span, {"word": word, "fixed": fixed, "count": len(spans), "style": main},
                      related=related, fix=Fix(edits, safe=True))


@lru_cache(maxsize=1)
def _never_doubled() -> frozenset[str]:
    table = load_table("orthography")
    words = table.get("never_doubled") if isinstance(table, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ConfigError("rules/data/orthography.yaml: never_doubled must be a list of words")
    return frozenset(w.strip().lower() for w in words)




def _wide_blanks(text: str) -> list[tuple[int, int]]:
    """Runs of blanks other than one plain space (several spaces, or a tab), as (start, end)."""
    runs: set[tuple[int, int]] = set()
    for needle in ("  ", "\t"):
        i = text.find(needle)
        while i != -1:
            start, end = i, i + len(needle)
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            while end < len(text) and text[end] in " \t":
                end += 1
            runs.add((start, end))
            i = text.find(needle, end)
    return sorted(runs)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


@check("OR102")
def doubled_word(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A listed word, then blanks, then the same word. Words separated by one space are found
    with ``str.find`` (many times faster than a regular expression over a whole document);
    other blanks by looking at the words around each run of them."""
    flow, low = doc.flow, doc.flow_lower
    words = _never_doubled()
    hits: list[tuple[int, int, int]] = []  # (end of the first word, start and end of the second)
    for w in words:
        needle = f"{w} {w}"
        i = low.find(needle)
        while i != -1:
            end = i + len(needle)
            if (i == 0 or not _is_word_char(low[i - 1])) and (end == len(low) or not _is_word_char(low[end])):
                hits.append((i + len(w), end - len(w), end))
                i = low.find(needle, end)
            else:
                i = low.find(needle, i + 1)
    for gap_start, gap_end in _wide_blanks(low):
        a = gap_start
        while a > 0 and _is_word_char(low[a - 1]):
            a -= 1
        b = gap_end
        while b < len(low) and _is_word_char(low[b]):
            b += 1
        first, second = low[a:gap_start], low[gap_end:b]
        if first == second and first in words:
            hits.append((gap_start, gap_end, b))
    for first_end, start, end in sorted(hits):
        yield Finding(Span(start, end), {"word": flow[start:end]}, fix=Fix((Edit(Span(first_end, end), ""),), safe=False))
