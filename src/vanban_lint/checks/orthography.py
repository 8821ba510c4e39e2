"""Orthography rules (family OR).

OR101: tone-mark placement in the open rhymes oa, oe, uy has two accepted styles, "hòa, khỏe,
thủy" (mark on the first vowel, used by NĐ 30/2020) and "hoà, khoẻ, thuỷ" (mark on the main
vowel, QĐ 1989/QĐ-BGDĐT and mostly HD05). Neither is imposed; one document should use one
(reference §5.1: "flag a document that mixes styles").
OR102: a function word typed twice ("trong trong việc").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import regex

from vanban_lint.data import load_table
from vanban_lint.diagnostics import Edit, Finding, Fix, Related
from vanban_lint.document import Document, Span
from vanban_lint.errors import ConfigError
from vanban_lint.facts import Facts
from vanban_lint.registry import check

# Onsets that may precede the rhymes oa/oe/uy ("qu" is excluded: in "quý" the u is the onset).
_ONSET = r"(?:ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdđghklmnprstvx])?"
# An open syllable whose rhyme is oa, oe or uy carrying a tone mark, in either style.
_TONE_SYLLABLE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])({_ONSET})(o[aeàáảãạèéẻẽẹ]|[òóỏõọ][ae]|u[yỳýỷỹỵ]|[ùúủũụ]y)(?![\p{{L}}\p{{M}}])",
    regex.IGNORECASE,
)
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def _move_tone(rhyme: str) -> tuple[str, str] | None:
    """Return (style, rhyme in the other style) for a toned oa/oe/uy rhyme; style is "hòa" or "hoà"."""
    first, second = unicodedata.normalize("NFD", rhyme[0]), unicodedata.normalize("NFD", rhyme[1])
    tone1 = [c for c in first if c in _TONES]
    tone2 = [c for c in second if c in _TONES]
    if tone1 and not tone2:
        bare = first.replace(tone1[0], "")
        moved = unicodedata.normalize("NFC", bare) + unicodedata.normalize("NFC", second + tone1[0])
        return "hòa", moved
    if tone2 and not tone1:
        bare = second.replace(tone2[0], "")
        moved = unicodedata.normalize("NFC", first + tone2[0]) + unicodedata.normalize("NFC", bare)
        return "hoà", moved
    return None


@check("OR101")
def tone_mark_style(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Report the syllables written in the document's minority style, grouped by word."""
    style_opt = options.get("style", "consistent")
    if style_opt not in ("consistent", "hòa", "hoà"):
        raise ConfigError(f"OR101: option style must be 'consistent', 'hòa' or 'hoà', not {style_opt!r}")
    found: dict[str, list[tuple[Span, str, str]]] = {"hòa": [], "hoà": []}
    for m in _TONE_SYLLABLE.finditer(doc.body):
        if m.group(1).lower().endswith("q"):
            continue
        moved = _move_tone(m.group(2))
        if moved is None:
            continue
        style, other = moved
        found[style].append((Span(m.start(), m.end()), m.group(), m.group(1) + other))
    if style_opt == "consistent":
        if not found["hòa"] or not found["hoà"]:
            return
        main = "hòa" if len(found["hòa"]) >= len(found["hoà"]) else "hoà"
    else:
        main = style_opt
    minority = "hoà" if main == "hòa" else "hòa"
    by_word: dict[str, list[tuple[Span, str, str]]] = {}
    for item in found[minority]:
        by_word.setdefault(item[1].lower(), []).append(item)
    example = found[main][0] if found[main] else None
    for items in by_word.values():
        span, word, fixed = items[0]
        related = (Related(example[0], "main", {"word": example[1]}),) if example else ()
        edits = tuple(Edit(Span(s.end - 2, s.end), f[-2:]) for s, _, f in items)
        yield Finding(span, {"word": word, "fixed": fixed, "count": len(items), "style": main},
                      related=related, fix=Fix(edits, safe=True))


@lru_cache(maxsize=1)
def _never_doubled() -> frozenset[str]:
    table = load_table("orthography")
    words = table.get("never_doubled") if isinstance(table, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ConfigError("rules/data/orthography.yaml: never_doubled must be a list of words")
    return frozenset(w.strip().lower() for w in words)


_DOUBLED = regex.compile(r"(?<![\p{L}\p{M}])(\p{L}+)([ \t]+)(\p{L}+)(?![\p{L}\p{M}])")


@check("OR102")
def doubled_word(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    words = _never_doubled()
    for m in _DOUBLED.finditer(doc.flow, overlapped=True):
        w = m.group(1).lower()
        if w == m.group(3).lower() and w in words:
            yield Finding(Span(m.start(3), m.end(3)), {"word": m.group(3)},
                          fix=Fix((Edit(Span(m.end(1), m.end(3)), ""),), safe=False))
