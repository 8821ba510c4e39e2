"""Vietnamese syllables: the rules of the written syllable, and a skeleton for comparing words.

A written Vietnamese syllable is an onset (possibly empty), a rhyme (vần: an optional medial o/u,
a vowel nucleus, an optional final) and one tone. The rules below are those of the national
orthography (QĐ 240/QĐ 1989/QĐ-BGDĐT; Đoàn Thiện Thuật, *Ngữ âm tiếng Việt*, ch. 4):

- onsets: b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x, or none; k, gh and
  ngh are written before i, y, e, ê only, and c, g, ng never before them;
- rhymes: the closed list :data:`RHYMES` (``iê`` is written ``yê`` without onset, ``ia``/``iê``
  after a medial u becomes ``ya``/``yê``);
- a syllable ending in the stops p, t, c, ch takes only the sắc or nặng tone;
- the tone mark sits on the vowel with a shape mark (â ê ô ơ ư ă; the ơ of ươ), otherwise on the
  main vowel: the first of an open two-vowel rhyme (mùa, tài), the last of a closed one (toàn),
  either vowel in the open rhymes oa, oe, uy (hòa/hoà, both accepted) and the loan rhymes oong,
  ooc (goòng/gòong).

Only lower-case syllables in NFC are judged; callers decide which words are Vietnamese.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Diagnosis", "diagnose", "is_valid_syllable", "skeleton", "toneless", "TONES"]

TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_STOP_TONES = ("\u0301", "\u0323")  # sắc, nặng
_VOWELS = frozenset("aăâeêioôơuưy")
_SHAPED = frozenset("ăâêôơư")

_ONSETS = ("ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")

# Every rhyme of standard Vietnamese, without tone (common loan rhymes oong, ooc included).
RHYMES = frozenset("""
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
y yêm yên yêng yêt yêu
o oc oi om on ong op ot oong ooc
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut
uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
uân uâng uât uây uê uêch uênh uy uya uych uyên uyêt uynh uyp uyt uyu uơ
""".split())

# Rhymes after the onset qu (its u is the medial): quá, quân, quê, quý, quyết, quốc, quơ.
_QU_RHYMES = frozenset({r for r in RHYMES if r[0] in "aăâeêơ"}
                       | {"i", "in", "it", "y", "yên", "yêt", "ynh", "yt", "yu", "ych", "ya", "yp", "ôc"})

_STOPS = ("p", "t", "c", "ch")
_FRONT = ("i", "y", "e", "ê")


def _split_tone(syllable: str) -> tuple[str, str, int] | None:
    """The syllable without its tone mark, the tone mark and the index of the letter bearing it.

    ``None`` when it carries two tone marks.
    """
    letters: list[str] = []
    tone, tone_at, count = "", -1, 0
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in TONES:
            if tone:
                return None
            tone, tone_at = ch, count - 1
        else:
            if not unicodedata.combining(ch):
                count += 1
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)), tone, tone_at


def _tone_places(rhyme: str) -> frozenset[int]:
    """Indexes in ``rhyme`` where its tone mark may sit (see the module docstring)."""
    vowels = [i for i, c in enumerate(rhyme) if c in _VOWELS]
    shaped = [i for i in vowels if rhyme[i] in _SHAPED]
    if shaped:
        return frozenset({shaped[-1]})
    if rhyme[:2] in ("oa", "oe", "uy"):
        return frozenset({0, 1}) if len(rhyme) == 2 else frozenset({1})
    if rhyme[:2] == "oo":
        return frozenset({0, 1})  # loan rhymes: goòng and gòong are both found
    if len(vowels) >= 2 and rhyme[-1] in _VOWELS:
        return frozenset({vowels[0]})
    return frozenset({vowels[-1]}) if vowels else frozenset()


def _parse(base: str) -> tuple[str, str] | None:
    """Onset and rhyme of a toneless syllable, or ``None`` when no onset/rhyme pair is valid."""
    for onset in _ONSETS:
        if base.startswith(onset):
            break
    else:
        onset = ""
    rhyme = base[len(onset):]
    if onset == "gi":
        if not rhyme or rhyme[0] not in _VOWELS:
            onset, rhyme = "g", "i" + rhyme  # gì, gìn: the i is the nucleus
            return (onset, rhyme) if rhyme in RHYMES else None
        if rhyme.startswith("ê") and "i" + rhyme in RHYMES:
            return onset, rhyme  # giếng, giêng: the i of iê merges with the onset
        return (onset, rhyme) if rhyme in RHYMES and rhyme[0] not in "iy" else None
    if onset == "qu":
        return (onset, rhyme) if rhyme in _QU_RHYMES else None
    if rhyme not in RHYMES:
        return None
    if onset in ("k", "gh", "ngh") and not rhyme.startswith(_FRONT):
        return None
    if onset in ("c", "g", "ng") and rhyme.startswith(("i", "e", "ê")):
        return None
    if rhyme.startswith("yê") and onset:
        return None  # tiên, not tyên
    if rhyme.startswith("iê") and not onset:
        return None  # yên, not iên
    return onset, rhyme


class Diagnosis(NamedTuple):
    """What is wrong with a syllable: ``kind`` is "" (nothing), "form" (no such onset and rhyme),
    "stop-tone" (a stop final with a tone other than sắc or nặng) or "tone-place" (the tone mark
    on the wrong letter); ``fixed`` is the syllable with its tone mark moved, for "tone-place"."""

    kind: str
    fixed: str = ""


@lru_cache(maxsize=65536)
def diagnose(syllable: str) -> Diagnosis:
    """Check a lower-case NFC ``syllable`` against the rules of the module docstring."""
    split = _split_tone(syllable)
    if split is None:
        return Diagnosis("form")
    base, tone, tone_at = split
    parsed = _parse(base)
    if parsed is None:
        return Diagnosis("form")
    onset, rhyme = parsed
    if rhyme.endswith(_STOPS) and tone not in _STOP_TONES:
        return Diagnosis("stop-tone")
    places = _tone_places(rhyme)
    if tone and tone_at - len(onset) not in places:
        place = len(onset) + min(places)
        fixed = base[:place] + unicodedata.normalize("NFC", base[place] + tone) + base[place + 1:]
        return Diagnosis("tone-place", unicodedata.normalize("NFC", fixed))
    return Diagnosis("")


def is_valid_syllable(syllable: str) -> bool:
    """Whether a lower-case NFC ``syllable`` is a well-formed Vietnamese syllable."""
    return not diagnose(syllable).kind


@lru_cache(maxsize=65536)
def toneless(syllable: str) -> tuple[str, str]:
    """``(letters without the tone mark, tone mark)``: equal for "hòa" and "hoà"."""
    split = _split_tone(syllable)
    return (split[0], split[1]) if split else (syllable, "")


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """``word`` without any mark (tones, circumflex, breve, horn; đ as d): "hội nghị" → "hoi nghi"."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")
