"""Misspelled words (family CT, chính tả).

CT101: a word that is no Vietnamese syllable ("ngiên", "truyềng", "quyêt", "cuả"), judged by the
rules of the written syllable (:mod:`vanban_lint.syllables`).
CT102: real syllables in the wrong word: a common two-syllable word with a lost mark ("hội
nghi", "thâm định") or a listed confusion ("sát nhập", "chuẩn đoán"), from ``rules/data/spelling.yaml``.
CT103: letters of another script drawn like Latin letters (Cyrillic "В", "С", the eth "Ð" for
"Đ") inside a Vietnamese word or a code.
CT104: characters not in the composed form (NFC) required by TCVN 6909:2001 and NĐ 30/2020.

Only words written in lower case are judged by CT101 and CT102: names, abbreviations, codes and
all-caps headings keep their own spelling. Words with a letter outside the Vietnamese alphabet
(f, j, w, z, superscripts, other scripts), with no Vietnamese mark, of one letter, or of several
syllables run together ("kilôgam", "côngtenơ": transcribed loan words) are not judged.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

import regex

from vanban_lint.data import load_table, require_fields
from vanban_lint.diagnostics import Edit, Finding, Fix
from vanban_lint.document import Document, Span
from vanban_lint.errors import ConfigError
from vanban_lint.extract.words import Vocabulary, Words, occurrences, vocabulary, words_around
from vanban_lint.facts import Facts
from vanban_lint.registry import check
from vanban_lint.syllables import TONES, diagnose, skeleton, toneless

# The letters of the Vietnamese alphabet, in lower case, with every tone mark.
_VI_LETTERS = frozenset(unicodedata.normalize("NFC", b + t) for b in "aăâbcdđeêghiklmnoôơpqrstuưvxy"
                        for t in ("", *TONES)
                        if len(unicodedata.normalize("NFC", b + t)) == 1)
_VOWELS = frozenset(c for c in _VI_LETTERS if skeleton(c) in "aeiouy")
# Two consonants that may open a Vietnamese syllable; any other pair opens a loan word ("crôm").
_ONSET_PAIRS = frozenset({"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"})
# Characters that glue a word to a code, a number, an address or a transcribed loan word.
_GLUE = frozenset("-‐/\\@._&+=#%$")


@lru_cache(maxsize=65536)
def _judged(word: str) -> bool:
    """Whether ``word`` (as written) is a lower-case Vietnamese word that CT101/CT102 judge."""
    if len(word) < 2 or word.isascii() or not word.islower() or not all(c in _VI_LETTERS for c in word):
        return False
    if (word[0] not in _VOWELS and word[1] not in _VOWELS and word[:2] not in _ONSET_PAIRS
            and word[0] != word[1]):
        return False  # a loan word's consonant cluster ("crôm"); a doubled letter ("ttổng") is a slip
    runs, in_vowel = 0, False
    for c in word:
        vowel = c in _VOWELS
        runs += vowel and not in_vowel
        in_vowel = vowel
    return runs == 1  # several vowel runs: several syllables run together


def _glued(text: str, start: int, end: int) -> bool:
    """Whether the word at ``[start, end)`` touches a digit or a gluing character."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before in _GLUE or after in _GLUE or before.isdigit() or after.isdigit()


# Distinct words, and pairs, that CT101 and CT102 look for one by one when the lines repeat, each
# with ``str.find`` over the text (0.5 to 2 ns a character, as the text holds 2 or 4 bytes a
# character); with more, reading the blocks of the text that hold them (:meth:`Vocabulary.locate`,
# about 12 ns a character for any number) is faster.
_FEW = 10


class _Flagged(NamedTuple):
    """The words CT101 reports and the pairs CT102 may report (lower case), each with the blocks
    ``[start, end)`` of the flow that may hold them (see :meth:`Vocabulary.locate`)."""

    words: list[tuple[int, int, set[str]]]
    pairs: list[tuple[int, int, set[tuple[str, str]]]]


_FLAGGED: "weakref.WeakKeyDictionary[Document, _Flagged]" = weakref.WeakKeyDictionary()


def _flagged(doc: Document) -> _Flagged:
    """The :class:`_Flagged` of ``doc``, computed once for CT101 and CT102."""
    found = _FLAGGED.get(doc)
    if found is None:
        found = _FLAGGED[doc] = _flag(doc)
    return found


def _flag(doc: Document) -> _Flagged:
    """Each distinct word is judged once, each pair of distinct words once. When the lines
    repeat, the pairs of words next to each other are known cheaply, and a few words and pairs
    are looked for in the whole text, one by one; otherwise all are located together, in one
    pass over the text."""
    vocab, flow = vocabulary(doc), doc.flow
    wrong = {w for w in vocab.words if _judged(w) and diagnose(w).kind}
    pairs = _candidate_pairs(vocab, _data())
    if vocab.compact:
        pairs = vocab.adjacent(pairs)
    if vocab.compact and len(wrong) <= _FEW and len(pairs) <= _FEW:
        return _Flagged([(0, len(flow), wrong)], [(0, len(flow), pairs)])
    blocks = vocab.locate(flow, words=wrong, pairs=pairs)
    return _Flagged([(s, e, found & wrong) for s, e, found in blocks], [(s, e, found & pairs) for s, e, found in blocks])


@check("CT101")
def not_a_syllable(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A lower-case word with Vietnamese marks that breaks the rules of the written syllable.

    A tone mark on the wrong letter ("cuả", "qúa") gets a safe fix that moves it; a stop final
    with a tone other than sắc or nặng ("quyêt", "kêt") and a form no syllable has ("ngiên",
    "truyềng") are reported without a fix.
    """
    flow = doc.flow
    places = sorted((i, w) for start, end, found in _flagged(doc).words
                    for w in found for i in occurrences(flow, w, start, end))
    for start, word in places:
        if _glued(flow, start, start + len(word)):
            continue
        fixed = diagnose(word).fixed
        span = Span(start, start + len(word))
        yield Finding(span, {"word": word, "fixed": fixed}, variant=diagnose(word).kind,
                      fix=Fix((Edit(span, fixed),), safe=True) if fixed else None)


class _Confusable(NamedTuple):
    wrong: str
    right: str
    after: frozenset[str]
    not_after: frozenset[str]
    not_before: frozenset[str]


class _SpellingData(NamedTuple):
    """``rules/data/spelling.yaml``, checked and compiled (see :func:`_data`)."""

    words: frozenset[tuple[tuple[str, str], tuple[str, str]]]  # toneless forms of listed and real words
    by_skeleton: dict[tuple[str, str], tuple[str, str]]
    exact: frozenset[tuple[str, str]]  # the listed words as written (see _written_forms)
    confusables: dict[tuple[str, str], _Confusable]
    confusable_forms: frozenset[tuple[str, str]]  # their two words as written, first maybe capitalised
    lookalikes: dict[str, str]
    lookalike_re: re.Pattern


def _phrase(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"rules/data/spelling.yaml: {where} must be a word or phrase")
    return unicodedata.normalize("NFC", " ".join(value.lower().split()))


@lru_cache(maxsize=1)
def _data() -> _SpellingData:
    table = load_table("spelling")
    if not isinstance(table, dict):
        raise ConfigError("rules/data/spelling.yaml: expected a mapping")
    words, by_skeleton = set(), {}
    for i, entry in enumerate(table.get("collocations") or []):
        word = _phrase(entry, f"collocations[{i}]")
        pair = tuple(word.split())
        if len(pair) != 2 or any(diagnose(s).kind for s in pair):
            raise ConfigError(f"rules/data/spelling.yaml: collocation {word!r} must be two valid syllables")
        key = (skeleton(pair[0]), skeleton(pair[1]))
        if key in by_skeleton and by_skeleton[key] != pair:
            raise ConfigError(f"rules/data/spelling.yaml: {word!r} and {' '.join(by_skeleton[key])!r} "
                              "differ only by marks; list neither")
        by_skeleton[key] = pair
        words.add((toneless(pair[0]), toneless(pair[1])))
    for i, entry in enumerate(table.get("real_words") or []):
        pair = tuple(_phrase(entry, f"real_words[{i}]").split())
        if len(pair) != 2:
            raise ConfigError(f"rules/data/spelling.yaml: real word {' '.join(pair)!r} must be two syllables")
        words.add((toneless(pair[0]), toneless(pair[1])))
    confusables = {}
    for i, entry in enumerate(table.get("confusables") or []):
        where = f"rules/data/spelling.yaml: confusables[{i}]"
        require_fields(where, entry, {"wrong": str, "right": str}, {"after": list, "not_after": list, "not_before": list})
        wrong = _phrase(entry["wrong"], f"confusables[{i}].wrong")
        if len(wrong.split()) != 2:
            raise ConfigError(f"{where}: wrong must be two words")
        confusables[tuple(wrong.split())] = _Confusable(
            wrong, _phrase(entry["right"], f"confusables[{i}].right"),
            frozenset(_phrase(w, f"confusables[{i}].after") for w in entry.get("after") or ()),
            frozenset(_phrase(w, f"confusables[{i}].not_after") for w in entry.get("not_after") or ()),
            frozenset(_phrase(w, f"confusables[{i}].not_before") for w in entry.get("not_before") or ()))
    lookalikes = table.get("lookalikes")
    if not isinstance(lookalikes, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(k) == 1 and len(v) == 1 and k != v
            for k, v in lookalikes.items()):
        raise ConfigError("rules/data/spelling.yaml: lookalikes must map one letter to one letter")
    return _SpellingData(frozenset(words), by_skeleton, _written_forms(by_skeleton.values()), confusables,
                         _written_forms(confusables), dict(lookalikes),
                         re.compile("[" + "".join(re.escape(c) for c in lookalikes) + "]"))


def _written_forms(pairs: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    """Two-word phrases as they may be written: in lower case, or opening a sentence."""
    return frozenset(f for a, b in pairs for f in ((a, b), (a[:1].upper() + a[1:], b)))


def _lost_marks(written: str, meant: str) -> bool:
    """Whether ``written`` is ``meant`` with some of its marks lost and none added or changed.

    Both have the same skeleton. Tone placement does not count ("hoà" is "hòa").
    """
    (w_base, w_tone), (m_base, m_tone) = toneless(written), toneless(meant)
    if w_base == m_base and w_tone == m_tone:
        return False
    if w_tone and w_tone != m_tone:
        return False
    for w, m in zip(w_base, m_base):
        if w != m and not (skeleton(w) == w and skeleton(m) == w):
            return False  # a mark added or changed (not just lost)
    return True


def _is_word(a: str, b: str, data: _SpellingData) -> bool:
    return (toneless(a), toneless(b)) in data.words


@lru_cache(maxsize=65536)
def _may_lose_marks(written: str, meant: str) -> bool:
    """Whether the lower-case word ``written`` may be the syllable ``meant`` with marks lost: a
    valid syllable with Vietnamese letters only, or unaccented, that is ``meant`` or ``meant``
    with marks lost (see :func:`_lost_marks`)."""
    if not (_judged(written) or written.isascii()):
        return False  # a loan word
    if diagnose(written).kind:
        return False  # CT101 reports it
    return written == meant or _lost_marks(written, meant)


def _lost_marks_pair(a: str, b: str, meant: tuple[str, str], data: _SpellingData) -> bool:
    """Whether the lower-case words ``a b`` may be the listed word ``meant`` with marks lost,
    judged on the two words alone (see :func:`_lost_mark_pair`)."""
    if a.isascii() and b.isascii():
        return False  # unaccented text is written so on purpose
    if not (_may_lose_marks(a, meant[0]) and _may_lose_marks(b, meant[1])):
        return False
    return not _is_word(a, b, data)  # the word meant in the other tone-mark style, or a real word


def _lost_mark_pair(words: Words, i: int, meant: tuple[str, str], data: _SpellingData) -> bool:
    """Whether words ``i``, ``i + 1`` are the listed word ``meant`` with marks lost (see CT102)."""
    first, second = words.text[i], words.text[i + 1]
    a, b = first.lower(), second.lower()
    if not second.islower() or not first[1:].islower():
        return False  # a name, an abbreviation or all-caps text
    if not _lost_marks_pair(a, b, meant, data):
        return False
    if i > 0 and words.adjacent(i - 1) and _is_word(words.text[i - 1].lower(), a, data):
        return False  # the first syllable closes the word before ("công trình do")
    if words.adjacent(i + 1) and _is_word(b, words.text[i + 2].lower(), data):
        return False  # the second syllable opens the word after ("đình chỉ thi công")
    if first[0].isupper() and i > 0 and words.text[i - 1][0].isupper() and words.adjacent(i - 1):
        return False  # a title-case name ("Lào Cai tạo")
    return True


_Found = tuple[int, int, str]  # start, end and the words meant


@check("CT102")
def misspelled_word(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A listed two-syllable word with a mark lost, or a listed confusion of two words.

    A lost mark is reported when both syllables are valid, written in lower case (the first may
    open a sentence), separated by one space, and neither forms a listed word with its other
    neighbour ("công trình do" is "công trình | do", not "trình độ").

    The pairs that may be reported are found among the distinct words of the document
    (:func:`_candidate_pairs`), then among the pairs of words that stand next to each other
    (:meth:`Vocabulary.adjacent`, :meth:`Vocabulary.locate`); only their places are read, each
    with the words around it.
    """
    data = _data()
    flow, lowered = doc.flow, doc.flow_lower
    blocks = _flagged(doc).pairs
    # A lost mark is looked for with one space between the words, a confusion with a space or a tab.
    around = [words_around(flow, i, i + len(phrase), 2, 1)
              for start, end, found in blocks for a, b in found
              for phrase in _phrases(a, b, data) for i in occurrences(lowered, phrase, start, end)]
    checks = [(words, i, check) for words, i in around for check in (_lost_mark_at, _confusion_at)]
    found = [f for f in (check(words, i, data, flow) for words, i, check in checks) if f]
    for start, end, right in sorted(found):
        yield Finding(Span(start, end), {"word": flow[start:end], "fixed": right},
                      fix=Fix((Edit(Span(start, end), right),), safe=False))


def _phrases(a: str, b: str, data: _SpellingData) -> list[str]:
    """The pair ``a b`` as CT102 looks for it: with one space, or for a confusion also a tab."""
    return [a + blank + b for blank in (" \t" if (a, b) in data.confusables else " ")]


def _candidate_pairs(vocab: Vocabulary, data: _SpellingData) -> set[tuple[str, str]]:
    """The pairs of words of the vocabulary that CT102 may report, judged on the two words alone:
    a listed word with marks lost, or a listed confusion."""
    wanted = {k for pair in data.by_skeleton for k in pair}
    by_skeleton: dict[str, list[str]] = {}
    for word in vocab.lower:
        key = skeleton(word)
        if key in wanted:
            by_skeleton.setdefault(key, []).append(word)
    pairs = set()
    for (k0, k1), meant in data.by_skeleton.items():
        firsts = [a for a in by_skeleton.get(k0, ()) if _may_lose_marks(a, meant[0])]
        seconds = [b for b in by_skeleton.get(k1, ()) if _may_lose_marks(b, meant[1])] if firsts else ()
        pairs.update((a, b) for a in firsts for b in seconds if (a, b) != meant and _lost_marks_pair(a, b, meant, data))
    pairs.update(pair for pair in data.confusables if pair[0] in vocab.lower and pair[1] in vocab.lower)
    return pairs


def _lost_mark_at(words: Words, i: int, data: _SpellingData, flow: str) -> _Found | None:
    """Words ``i`` and ``i + 1``, if they are a listed word with a mark lost (see CT102)."""
    text, starts = words.text, words.starts
    if i + 1 >= len(text):
        return None
    meant = data.by_skeleton.get((skeleton(text[i].lower()), skeleton(text[i + 1].lower())))
    if meant is None or (text[i], text[i + 1]) in data.exact:
        return None
    a, b = text[i].lower(), text[i + 1].lower()
    start, end = starts[i], starts[i + 1] + len(b)
    if (a, b) == meant or not words.adjacent(i) or flow[start + len(a)] != " ":
        return None
    if not _lost_mark_pair(words, i, meant, data):
        return None
    return start, end, _recase(flow[start:end], " ".join(meant))


def _confusion_at(words: Words, i: int, data: _SpellingData, flow: str) -> _Found | None:
    """Words ``i`` and ``i + 1``, if they are a listed confusion in a context it applies to."""
    text, starts = words.text, words.starts
    if i + 1 >= len(text) or (text[i], text[i + 1]) not in data.confusable_forms:
        return None
    entry = data.confusables[(text[i].lower(), text[i + 1].lower())]
    if not words.adjacent(i) or flow[starts[i] + len(text[i])] not in " \t":
        return None
    before = [w.lower() for w in text[max(0, i - 2):i]]
    if entry.after and not any(before[-len(w.split()):] == w.split() for w in entry.after):
        return None
    if (before and before[-1] in entry.not_after) or (
            i + 2 < len(text) and text[i + 2].lower() in entry.not_before):
        return None
    start, end = starts[i], starts[i + 1] + len(text[i + 1])
    return start, end, _recase(flow[start:end], entry.right)


def _recase(written: str, right: str) -> str:
    """``right`` capitalised like ``written`` (first letter)."""
    return right[:1].upper() + right[1:] if written[:1].isupper() else right


_SCRIPT_OF = {"Cyrillic": regex.compile(r"\p{Cyrillic}"), "Greek": regex.compile(r"\p{Greek}")}
_LATIN = regex.compile(r"\p{Latin}")


@check("CT103")
def lookalike_letter(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A Cyrillic or Greek letter drawn like a Latin one, inside a word of Latin letters, or a word
    of such letters only in a paragraph with no other letter of that script; and the eth Ð/ð or
    the old-font ƣ anywhere. Russian or Greek text and Greek symbols (α, Ω, Φ) stay clean.
    """
    data = _data()
    table, body = data.lookalikes, doc.body
    if not _may_hold_lookalikes(doc, data):
        return
    lines = _LineScripts(body, table)
    last_end = -1
    for m in data.lookalike_re.finditer(body):
        if m.start() < last_end:
            continue  # in the word already reported
        span = _word_around(body, m.start(), m.end())
        last_end = span.end
        word = body[span.start:span.end]
        if not _foreign_lookalike(word, span.start, table, lines):
            continue
        fixed = "".join(table.get(c, c) for c in word)
        letters = ", ".join(f"{c} U+{ord(c):04X}" for c in dict.fromkeys(c for c in word if c in table))
        yield Finding(span, {"word": word, "fixed": fixed, "letters": letters},
                      fix=Fix((Edit(span, fixed),), safe=True))


def _may_hold_lookalikes(doc: Document, data: _SpellingData) -> bool:
    """Whether the body may hold a look-alike letter: a word of the vocabulary (of the flow) holds
    one, or a line left out of the flow (a page number or running header) holds one. Most
    documents hold none, and are not scanned."""
    letters = set("".join(vocabulary(doc).words))
    return (not letters.isdisjoint(data.lookalikes)
            or any(data.lookalike_re.search(doc.body, s.start, s.end) for s in doc.page_artifacts))


class _LineScripts:
    """Whether the line of the body around an offset holds a letter of a script that is not a
    look-alike (``нет`` in a Russian line). The offsets come in order: each line is found and
    read once, however many words of it are asked about (a whole text on one line stays linear)."""

    def __init__(self, body: str, table: dict[str, str]) -> None:
        self.body, self.table = body, table
        self.start = self.end = -1
        self.known: dict[str, bool] = {}

    def has_own_letter(self, pos: int, script: str, pattern: regex.Pattern) -> bool:
        if not self.start <= pos < self.end:
            self.start = self.body.rfind("\n", 0, pos) + 1
            end = self.body.find("\n", pos)
            self.end = end if end != -1 else len(self.body)
            self.known = {}
        if script not in self.known:
            self.known[script] = any(pattern.match(c) and c not in self.table for c in self.body[self.start:self.end])
        return self.known[script]


def _foreign_lookalike(word: str, start: int, table: dict[str, str], lines: _LineScripts) -> bool:
    """Whether the look-alike letters of ``word`` stand for Latin ones (see :func:`lookalike_letter`)."""
    if any(table.get(c, c) != c and _LATIN.match(c) for c in word):
        return True  # Ð, ð, ƣ: Latin letters of other languages, never Vietnamese
    if any(_LATIN.match(c) for c in word):
        return True
    for script, pattern in _SCRIPT_OF.items():
        if pattern.search(word):
            if any(pattern.match(c) and c not in table for c in word):
                return False  # a word of that script
            return not lines.has_own_letter(start, script, pattern)
    return False


_WHOLE_FILE = 50  # more decomposed words than this: one finding for the whole file


@check("CT104")
def not_composed(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Words whose characters are decomposed (NFD: a letter then combining marks) in the file.

    The document model works on the composed text; this rule looks at the file as written (code
    and URLs excepted, as everywhere). Each
    word gets its own safe fix; a file with more than 50 such words gets one finding whose fix
    composes them all.
    """
    spans: list[Span] = []
    for c in doc.composed_clusters():  # in order: a word of many clusters is read once
        if not doc.is_masked(c.start) and not (spans and c.start < spans[-1].end):
            spans.append(_word_around(doc.text, c.start, c.end))
    edits = tuple(Edit(s, doc.text[s.start:s.end]) for s in spans)
    if len(spans) > _WHOLE_FILE:
        yield Finding(spans[0], {"word": doc.text[spans[0].start:spans[0].end], "count": len(spans)},
                      variant="whole", fix=Fix(edits, safe=True))
        return
    for span, edit in zip(spans, edits):
        yield Finding(span, {"word": doc.text[span.start:span.end], "count": 1}, fix=Fix((edit,), safe=True))


def _word_around(text: str, start: int, end: int) -> Span:
    """The word (letters, marks, digits) of ``text`` that holds ``[start, end)``."""
    while start > 0 and (text[start - 1].isalnum() or unicodedata.combining(text[start - 1])):
        start -= 1
    while end < len(text) and (text[end].isalnum() or unicodedata.combining(text[end])):
        end += 1
    return Span(start, end)
