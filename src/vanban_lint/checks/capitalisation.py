"""Capitalisation of names of organisations and titles (family VH, viết hoa).

VH101: a name listed in ``rules/data/org_names.yaml`` written with its first letter capitalised
but with another capitalisation than NĐ 30/2020 Phụ lục II sets ("Ủy ban Nhân dân", "Ban chấp
hành Trung ương", "Sở Công thương" for "Ủy ban nhân dân", "Ban Chấp hành Trung ương", "Sở Công
Thương"). A name all in capitals (a heading, a signature block) or starting in lower case (a
generic use: "ủy ban nhân dân các cấp") is not judged. Tone-mark style is not judged here
("Uỷ ban" and "Ủy ban" are the same name; OR101 deals with the style).

The names are found in two steps: a cheap scan for the capitalised first words of the table,
then, at each of them, a pattern built as a trie of the names' words, so that a position tries
only the names that start with the word found there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from vanban_lint.data import load_table, require_fields
from vanban_lint.diagnostics import Edit, Finding, Fix
from vanban_lint.document import Document, Span
from vanban_lint.errors import ConfigError
from vanban_lint.facts import Facts
from vanban_lint.registry import check

_TABLE = "rules/data/org_names.yaml"
# Tone placements of the two styles (hòa/hoà, ủy/uỷ): the old style is the key of a name.
_NEW_TO_OLD = {n: o for o, n in (("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
                                  ("òe", "oè"), ("óe", "oé"), ("ỏe", "oẻ"), ("õe", "oẽ"), ("ọe", "oẹ"),
                                  ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"))}
_NEW_STYLE = re.compile("|".join(_NEW_TO_OLD))
_OLD_STYLE = re.compile("|".join(_NEW_TO_OLD.values()))
# White space between the words of a name (a name may be wrapped over two lines).
_GAP = r"[ \t\u00a0\n]+"


class _Names(NamedTuple):
    """The table, compiled: where a name may start (its first word capitalised, in either tone
    style: a cheap scan), the pattern of the whole names, and the names by their key."""

    starts: re.Pattern
    pattern: re.Pattern
    by_key: dict[str, str]


def _key(name: str) -> str:
    """A name in lower case, old tone style, single spaces: what two spellings share."""
    return _NEW_STYLE.sub(lambda m: _NEW_TO_OLD[m.group()], " ".join(name.lower().split()))


def _spellings(word: str) -> list[str]:
    """A word of a name in both tone styles (``ủy``, ``uỷ``)."""
    out = [""]
    last = 0
    for m in _OLD_STYLE.finditer(word):
        new = next(n for n, o in _NEW_TO_OLD.items() if o == m.group())
        out = [x + word[last:m.start()] + v for x in out for v in (m.group(), new)]
        last = m.end()
    return [x + word[last:] for x in out]


def _word_pattern(word: str, capital: bool = False) -> str:
    """A word of a name as a pattern that accepts both tone styles and any case; with
    ``capital``, its first letter must be a capital (only such names are judged, and a literal
    first letter lets the scan skip most of the text)."""
    if not capital:
        return "(?:" + "|".join(re.escape(v) for v in _spellings(word)) + ")"
    return "(?:" + "|".join(re.escape(v[0].upper()) + "(?i:" + re.escape(v[1:]) + ")"
                            for v in _spellings(word)) + ")"


def _trie_pattern(keys: list[list[str]], top: bool = True) -> str:
    """One alternation per first word, the continuations longest first, so that a position of
    the text tries only the names starting with its word and the longest name wins. At the top,
    the first letter of a name is a capital."""
    groups: dict[str, list[list[str]]] = {}
    ends: set[str] = set()
    for words in keys:
        if len(words) == 1:
            ends.add(words[0])
        groups.setdefault(words[0], [])
        if len(words) > 1:
            groups[words[0]].append(words[1:])
    parts = []
    for first, rests in sorted(groups.items(), key=lambda kv: -len(kv[0])):
        head = _word_pattern(first, capital=top)
        if not rests:
            parts.append(head)
            continue
        tail = f"(?i:{_GAP}(?:{_trie_pattern(rests, top=False)}))"
        parts.append(head + tail + ("?" if first in ends else ""))
    return "|".join(parts)


@lru_cache(maxsize=1)
def _names() -> _Names:
    """Load and check ``rules/data/org_names.yaml``."""
    table = load_table("org_names")
    require_fields(_TABLE, table, {"names": list})
    by_key: dict[str, str] = {}
    for i, entry in enumerate(table["names"]):
        where = f"{_TABLE}: names[{i}]"
        require_fields(where, entry, {"name": str, "source": str})
        name = unicodedata.normalize("NFC", " ".join(entry["name"].split()))
        if not entry["source"].strip():
            raise ConfigError(f"{where}: source is empty")
        if not name[:1].isupper():
            raise ConfigError(f"{where}: {name!r} must start with a capital letter")
        key = _key(name)
        if key in by_key:
            raise ConfigError(f"{where}: {name!r} is listed twice")
        by_key[key] = name
    keys = [key.split(" ") for key in by_key]
    # Longest first; then in order, so that the pattern's text is one whatever the hash seed (rxcache).
    firsts = sorted({v[0].upper() + v[1:] for words in keys for v in _spellings(words[0])}, key=lambda w: (-len(w), w))
    starts = re.compile("(?:" + "|".join(map(re.escape, firsts)) + r")(?!\w)")
    pattern = re.compile(rf"(?:{_trie_pattern(keys)})(?!\w)")
    return _Names(starts, pattern, by_key)


@check("VH101")
def organisation_capitalisation(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A listed name whose first letter is a capital and whose other capitals differ from the
    table; the fix copies the table's capitals onto the words as written (tone style kept)."""
    names = _names()
    text = doc.body
    verdicts: dict[str, tuple[str, str] | None] = {}  # a name is written the same way many times
    for start in names.starts.finditer(text):
        pos = start.start()
        m = names.pattern.match(text, pos) if not (pos and text[pos - 1].isalnum()) else None
        if m is None:
            continue
        written = m.group()
        if written not in verdicts:
            verdicts[written] = _verdict(names, written)
        if verdicts[written] is not None:
            canonical, fixed = verdicts[written]
            span = Span(m.start(), m.end())
            yield Finding(span, {"written": " ".join(written.split()), "name": canonical},
                          fix=Fix((Edit(span, fixed),), safe=True))


def _verdict(names: _Names, written: str) -> tuple[str, str] | None:
    """The table's name and the fixed spelling when ``written`` is capitalised against the
    table; None when it agrees, is all in capitals or shouts a word (a heading)."""
    if not any(c.islower() for c in written) or _shouting(written):
        return None
    canonical = names.by_key.get(_key(written))
    if canonical is None:
        return None
    fixed = _recase(written, canonical)
    return None if fixed == written else (canonical, fixed)


def _shouting(written: str) -> bool:
    """A word of two letters or more all in capitals: the name is part of a heading."""
    return any(len(w) > 1 and w.isupper() for w in written.split())


def _recase(written: str, canonical: str) -> str:
    """``written`` with the capitals of ``canonical``, word by word (white space kept)."""
    words = iter(canonical.split())
    return re.sub(r"\S+", lambda m: _case_like(m.group(), next(words)), written)


def _case_like(word: str, model: str) -> str:
    return "".join(c.upper() if mc.isupper() else c.lower() for c, mc in zip(word, model))
