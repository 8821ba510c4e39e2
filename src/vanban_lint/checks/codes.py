"""Document-code rules (family DC): the số và ký hiệu of cited documents and of the document itself.

A code is right when its type part is a type code of its system (HD05 II.I.3.1.2(a) for the
Party, NĐ 30/2020 Phụ lục III for the State), it agrees with the type word that introduces it,
it has the form of its issuer's system (Party ``số-LOẠI/CƠQUAN``, State ``số/LOẠI-CƠQUAN``),
it has no space or stray punctuation (NĐ 30 PL I II.3; HD05 II.I.3.2.2), the year in a
normative or law code is the year of its date (Luật 64/2025 Điều 7.3), a law's QH number is the
khóa in office on that date (NĐ 78/2025 Điều 64.3), and one document is cited under one code.
Codes that were only valid for a while (QĐi 2018–2019, HU after 01/7/2025) stay valid when an
old document is cited; they are warned about only on documents dated outside their window.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from operator import attrgetter

from vanban_lint.diagnostics import Edit, Finding, Fix, Related
from vanban_lint.document import Document
from vanban_lint.checks.citation_dates import date_conflicts, several_issuers
from vanban_lint.extract.citations import Citation
from vanban_lint.extract.code_tables import Tables, TypeCode, tables
from vanban_lint.facts import Facts
from vanban_lint.numerals import int_to_roman
from vanban_lint.registry import check


def _checked(facts: Facts) -> list[Citation]:
    """Citations with a number that are not the own header line (its number may be blank)."""
    return facts.citation_set.numbered


def _governed(facts: Facts) -> list[Citation]:
    """The citations of :func:`_checked` whose form NĐ 30 or HD05 governs (not a company's code)."""
    return facts.derived(_governed_citations)


def _governed_citations(facts: Facts) -> list[Citation]:
    return [c for c in facts.citation_set.numbered if not c.unregulated]


def _alike(facts: Facts) -> dict[tuple, list[Citation]]:
    """The citations of :func:`_governed` by what a code rule judges alike in them: the system and
    letter groups of the code (so its type, issuer and their parts), the type word and the outer
    type word; each list in document order. A document cites the same few codes over and over."""
    alike: dict[tuple, list[Citation]] = {}
    for c in _governed(facts):
        key = (c.system, c.groups, c.type_word, c.outer_word)
        if key in alike:
            alike[key].append(c)
        else:
            alike[key] = [c]
    return alike


def _candidates(facts: Facts, may_be_reported: Callable[[Citation], bool]) -> list[Citation]:
    """The citations of :func:`_governed` that a rule may report, in document order:
    ``may_be_reported`` tells it from any citation of a group of :func:`_alike` for all of them."""
    found = [c for cits in facts.derived(_alike).values() if may_be_reported(cits[0]) for c in cits]
    found.sort(key=_code_start)
    return found


_code_start = attrgetter("code_start")


def _fmt_date(c: Citation) -> str:
    d = c.day
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d else ""


def _restates_own(c: Citation, facts: Facts) -> bool:
    own = facts.own_document
    return own is not None and c.in_annex and c.groups == own.citation.groups


# ---------------------------------------------------------------------------- typo model
def typo_variants(code: str, candidates: Iterable[str]) -> list[str]:
    """Candidates one slip away from ``code``: two adjacent letters swapped (QiĐ/QĐi), one
    letter dropped or doubled (Tg/TTg, BNMT/BNNMT), or the same letters in another case."""
    out = []
    for cand in candidates:
        if cand == code:
            continue
        if cand.upper() == code.upper() or _one_edit(code, cand):
            out.append(cand)
    return out


def _one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _table_system(system_of_code: str) -> str:
    """The type and issuer tables are Party or State; law codes look up State bodies."""
    return "party" if system_of_code == "party" else "state"


def _telex(code: str) -> str:
    return code.replace("DD", "Đ").replace("dd", "đ")


# What the tables say about a part of a code is looked up once (the tables are loaded once per
# process): a document cites the same few codes over and over.
def type_suggestion(c: Citation, t: Tables) -> str | None:
    """A known type code the citation's unknown type part is a slip of, from the tables; or,
    for a State code, the type code its type word takes when the head is that code written
    without the bar of its Đ ("Quyết định số 893/QD-TTg")."""
    return _type_slip(t, c.system, c.head) or _undotted(t, c.system, c.head, c.type_word)


@lru_cache(maxsize=4096)
def _undotted(t: Tables, system_of_code: str, head: str, word: str | None) -> str | None:
    if system_of_code != "state" or word is None or "D" not in head or t.is_type(head) or t.known_issuer(head):
        return None
    found = [code for code in t.codes_for_word(word, "state") if code.replace("Đ", "D") == head]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=4096)
def _type_slip(t: Tables, system_of_code: str, head: str) -> str | None:
    system = _table_system(system_of_code)
    if system_of_code == "law" or t.is_type(head, system) or head in _nonstandard(t):
        return None
    if t.known_issuer(head):
        return None  # a công văn's issuer (1698/TTg-CN), not a type
    if system_of_code == "state" and head.isupper():
        return None  # an upper-case head is a công văn's issuer (NĐ 30 PL I II.3.b), not a type
    found = typo_variants(head, t.type_codes(system))
    if len(found) > 1:  # QiĐ is one swap from QĐi and one letter from QĐ: the swap keeps every letter
        found = [f for f in found if sorted(f.upper()) == sorted(head.upper())]
    return found[0] if len(found) == 1 else None


def issuer_suggestion(part: str, system: str, t: Tables, day=None) -> str | None:
    """A known issuer code that ``part`` is a slip of (Tg → TTg, BNMT → BNNMT), among the codes
    in use on ``day``. An all-capital code shorter than four letters is an agency's own choice
    (HND, Hội Nông dân, is no slip of HĐND) and is left alone."""
    return _issuer_slip(t, part, system, bisect_right(_issuer_stops(t), day) if day is not None else None)


@cache
def _issuer_stops(t: Tables) -> tuple[dt.date, ...]:
    """The days on which issuer codes stopped being issued, in order."""
    return tuple(sorted({r.valid_to for r in t.issuers.values() if r.valid_to is not None}))


@lru_cache(maxsize=4096)
def _issuer_slip(t: Tables, part: str, system: str, stopped: int | None) -> str | None:
    """:func:`issuer_suggestion` on a day after the first ``stopped`` days of :func:`_issuer_stops`
    (None: any day): the codes in use are the same between two of them."""
    if not _may_be_slip(t, part):
        return None
    ended = set(_issuer_stops(t)[:stopped]) if stopped is not None else set()
    pool = [r.code for r in t.issuers.values() if r.system == system and r.kind != "unit" and r.valid_to not in ended]
    if part.isupper():
        if len(part) < 4:
            return None
        pool = [p for p in pool if p.isupper()]
    found = typo_variants(part, pool)
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=4096)
def _may_be_slip(t: Tables, part: str) -> bool:
    """Whether an issuer part may be a slip of another code: a known code, or one with its Telex
    "DD" fixed, is none."""
    return not (t.known_issuer(part) or t.known_issuer(_telex(part)))


@cache
def _nonstandard(t: Tables) -> frozenset[str]:
    return frozenset(code for row in t.types.values() for code in row.nonstandard)


@lru_cache(maxsize=4096)
def _known_type(t: Tables, head: str) -> bool:
    """The head, or its Telex spelling fixed, is a type code of either system."""
    return t.is_type(_telex(head))


@lru_cache(maxsize=4096)
def _issuer_system(t: Tables, part: str) -> str | None:
    return t.issuer_system(part)


def _code_fix(c: Citation, new: str, safe: bool) -> Fix:
    return Fix((Edit(c.code_span, new),), safe=safe)


# ---------------------------------------------------------------------------- DC101
@check("DC101")
def unknown_type_code(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A Party type code outside HD05's list (and 36-HD's), or a State one that is a slip of a known code."""
    t = tables()
    cits = _governed(facts)
    odd = _candidates(facts, lambda c: c.system != "law" and not _known_type(t, c.head))
    if not odd:
        return
    odd_issuers = {c.issuer for c in odd}
    by_number: dict[tuple, list[Citation]] = defaultdict(list)
    for c in cits:
        if c.issuer in odd_issuers:
            by_number[(c.system, c.num, c.issuer)].append(c)
    known_elsewhere: dict[tuple, Citation | None] = {}  # (number key, head) -> the first such citation
    for c in odd:
        system = _table_system(c.system)
        key = (c.system, c.num, c.issuer)
        if (key, c.head) not in known_elsewhere:
            known_elsewhere[(key, c.head)] = next((o for o in by_number[key]
                                                   if o.head != c.head and t.is_type(o.head, system)), None)
        other = known_elsewhere[(key, c.head)]
        if other is not None:
            yield Finding(c.code_span, {"code": c.code, "type": c.head, "suggestion": other.code}, "document",
                          related=(Related(other.code_span, "cited", {"code": other.code}),),
                          fix=_code_fix(c, other.code, safe=False))
            continue
        if c.system == "party" and c.head not in _nonstandard(t):
            suggestion = type_suggestion(c, t)
            if suggestion:
                yield Finding(c.code_span, {"code": c.code, "type": c.head, "suggestion": suggestion}, "table",
                              fix=_code_fix(c, c.code.replace(c.head, suggestion, 1), safe=False))
            else:
                yield Finding(c.code_span, {"code": c.code, "type": c.head}, "unknown")
        elif c.system == "state":
            suggestion = type_suggestion(c, t)
            if suggestion:
                yield Finding(c.code_span, {"code": c.code, "type": c.head, "suggestion": suggestion}, "table",
                              fix=_code_fix(c, c.code.replace(c.head, suggestion, 1), safe=False))


# ---------------------------------------------------------------------------- DC102
@check("DC102")
def unknown_issuer_code(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """An issuer code that is a slip of a nationally fixed code (``QĐ-Tg`` for ``QĐ-TTg``)."""
    t = tables()
    for c in _candidates(facts, lambda c: any(_may_be_slip(t, part) for part in _issuer_parts(c))):
        system = _table_system(c.system)
        for part in _issuer_parts(c):
            suggestion = issuer_suggestion(part, system, t, c.day)
            if suggestion:
                new = c.code[: len(c.code) - len(c.issuer)] + c.issuer.replace(part, suggestion, 1)
                yield Finding(c.code_span, {"code": c.code, "issuer": part, "suggestion": suggestion, "new": new},
                              fix=_code_fix(c, new, safe=False))


def _issuer_parts(c: Citation) -> tuple[str, ...]:
    """The parts of a code that name its issuer, as far as a table can judge them: a Party code's
    issuer parts (joint issuers included); the body after a State type (``QĐ-UBND``, not the
    units after it: ``QĐ-BNN-TCLN``), or every part of a joint circular or resolution. A công
    văn's code (``470/UBND-NNMT``, ``02/BCTT-TS``) names a body and its drafting unit, an open
    set no table holds: none."""
    if c.system == "party":
        return c.issuers
    if c.system == "law" or c.type_code is None or not c.issuer:
        return ()
    return c.issuers if c.type_code in ("TTLT", "NQLT") else c.issuers[:1]


@lru_cache(maxsize=4096)
def _known_party_issuer(t: Tables, part: str) -> bool:
    """A Party issuer code of HD05's table (TW, TU, ĐU, CB, …), a unit with its cấp ủy (BTCTU),
    or a State body that may sign a Party-form code jointly: anything else names no Party body."""
    return t.known_issuer(part) or t.known_issuer(_telex(part))


# ---------------------------------------------------------------------------- DC103
@check("DC103")
def type_word_mismatch(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The type word (tên loại) must be the type the code's type part stands for."""
    t = tables()
    for c in _candidates(facts, lambda c: _type_word_finding(c, t) is not None):
        yield _type_word_finding(c, t)  # type: ignore[misc]


def _type_word_finding(c: Citation, t: Tables) -> Finding | None:
    """DC103's finding on ``c``, if any: the same for every citation of a group of :func:`_alike`
    but for its places."""
    word = c.type_word
    if word is None or word == "Văn bản":
        return None
    untyped = t.untyped_words.get(word.lower(), ())
    if c.system == "law":
        return None
    if "law" in untyped and word != "Nghị quyết":
        return Finding(c.type_word_span, {"word": word, "code": c.code}, "law",
                       related=(Related(c.code_span, "code", {"code": c.code}),))
    system = _table_system(c.system)
    expected = t.codes_for_word(word, system)
    if not expected:
        return None
    head = c.head
    if head in expected or any(head.startswith(e) for e in expected) or head in _nonstandard(t):
        return None
    if head in t.adopted_by and word.lower() in t.adopted_words:
        return None  # "Đề án 641/QĐ-TTg": the scheme adopted by that decision
    if c.outer_word is not None and _agrees(t, c.outer_word, c, system):
        return None  # "Văn bản góp ý dự thảo Thông tư số 15/SCT-KT": the number is the outer document's
    row = t.type_row(system, head)
    if row is not None:
        return Finding(c.type_word_span, {"word": word, "code": c.code, "type": head, "means": row.names[0],
                                          "expected": "/".join(expected)}, "code",
                       related=(Related(c.code_span, "code", {"code": c.code}),))
    if (c.system == "state" and c.type_code is None and word.lower() not in t.cong_van_words
            and type_suggestion(c, t) is None):
        return Finding(c.type_word_span, {"word": word, "code": c.code, "expected": "/".join(expected)},
                       "cong-van", related=(Related(c.code_span, "code", {"code": c.code}),))
    return None


def _agrees(t: Tables, word: str, c: Citation, system: str) -> bool:
    """Whether the type word ``word`` may introduce the code of ``c``."""
    if c.system == "state" and c.type_code is None:
        return word == "Văn bản" or word.lower() in t.untyped_words or word.lower() in t.cong_van_words
    return c.head in t.codes_for_word(word, system) or (c.head in t.adopted_by and word.lower() in t.adopted_words)


# ---------------------------------------------------------------------------- DC104
@lru_cache(maxsize=4096)
def _party_committee_code(t: Tables, code: str) -> bool:
    row = t.issuers.get(code)
    if row is not None:
        return row.system == "party" and row.kind == "committee"
    unit, committee = t.split_unit(code)
    return unit is not None


@check("DC104")
def wrong_system_form(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Party codes are ``số-LOẠI/CƠQUAN`` (HD05 II.I.3.2.2), State codes ``số/LOẠI-CƠQUAN`` (NĐ 30)."""
    t = tables()
    for c in _candidates(facts, lambda c: _wrong_form(t, c) is not None):
        if _wrong_form(t, c) == "party-in-state":
            new = f"{c.number}-{c.type_code}/{c.issuer}"
            yield Finding(c.code_span, {"code": c.code, "issuer": c.issuer, "new": new}, "party-in-state",
                          fix=_code_fix(c, new, safe=False))
        else:
            new = f"{c.number}/{c.type_code}-{c.issuer}"
            yield Finding(c.code_span, {"code": c.code, "issuer": c.issuer, "new": new}, "state-in-party",
                          fix=_code_fix(c, new, safe=False))


def _wrong_form(t: Tables, c: Citation) -> str | None:
    """How the code of ``c`` has the other system's form ("party-in-state", "state-in-party"), or None."""
    if c.system == "state" and c.type_code and all(_party_committee_code(t, p) for p in c.issuers):
        return "party-in-state"
    if c.system == "party" and all(_issuer_system(t, p) == "state" for p in c.issuers):
        return "state-in-party"
    return None


# ---------------------------------------------------------------------------- DC105
_TIDY = re.compile(r"[0-9A-Za-zĐđ/\-]*")  # a code with no space, dot or en dash, as most are
_LAW_TERM_SPLIT = re.compile(r"(QH[0-9])[ \t]([0-9])")


@check("DC105")
def code_spacing(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """No space and no dot inside a code (NĐ 30 PL I II.3; HD05 II.I.3.2.2); a line break is no typo."""
    for c in _governed(facts):
        raw = c.raw_code
        if _TIDY.fullmatch(raw):
            continue
        if _restates_own(c, facts):
            continue  # "Kèm theo Quyết định số 11 /2026/…": the number is stamped into a blank
        if "\n" in raw:
            continue
        if _LAW_TERM_SPLIT.search(raw) and _LAW_TERM_SPLIT.sub(r"\1\2", raw) == c.code:
            continue  # "QH1 5": a space between the digits of a term is a scan's, never typed
        if any(ch.isspace() for ch in raw) or "." in raw or "–" in raw:
            yield Finding(c.code_span, {"code": raw, "new": c.code}, fix=_code_fix(c, c.code, safe=True))


# ---------------------------------------------------------------------------- DC106
@check("DC106")
def telex_in_code(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """``DD`` left by Telex typing where the code has ``Đ`` (``QDD`` → ``QĐ``)."""
    t = tables()
    for c in _candidates(facts, lambda c: any(_telex(g) != g for g in c.groups)):  # a group has a Telex "DD"
        for i, group in enumerate(c.groups):
            fixed = _telex(group)
            is_type_slot = i == 0 and c.system != "law"
            if fixed != group and (t.is_type(fixed) if is_type_slot else t.known_issuer(fixed)):
                new = c.code.replace(group, fixed)
                yield Finding(c.code_span, {"code": c.code, "group": group, "fixed": fixed, "new": new},
                              fix=_code_fix(c, new, safe=True))
                break


# ---------------------------------------------------------------------------- DC107
@check("DC107")
def code_year_mismatch(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The year in ``số/năm/…`` is the year the document was issued (Luật 64/2025 Điều 7.3)."""
    odd = [c for c in _checked(facts) if c.year is not None and c.day is not None and c.day.year != c.year]
    conflicting = {id(conflict.citation) for conflict in date_conflicts(facts)} if odd else set()  # DT102's
    for c in odd:
        if not (c.date_ambiguous or id(c) in conflicting):
            yield Finding(c.code_span, {"code": c.code, "year": c.year, "date": _fmt_date(c)},
                          related=(Related(c.date.span, "date", {"date": _fmt_date(c)}),))
    own = facts.own_document
    if own and own.citation.year and own.date is not None and own.date.date and own.date.date.year != own.citation.year:
        c = own.citation
        yield Finding(c.code_span, {"code": c.code, "year": c.year, "date": own.date.date.strftime("%d/%m/%Y")},
                      related=(Related(own.date.span, "date", {"date": own.date.date.strftime("%d/%m/%Y")}),))


# ---------------------------------------------------------------------------- DC108
@check("DC108")
def assembly_term_mismatch(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """``…/QHk``: k is the khóa of Quốc hội in office when the law or resolution was passed.

    When the date agrees with the year of the code, the text settles which part is wrong (the
    khóa) and the fix says so; otherwise the year and the khóa are only said to disagree."""
    t = tables()
    for c in _checked(facts):
        if c.system != "law" or c.year is None:
            continue
        digits = "".join(ch for ch in c.issuer if ch.isdigit())
        if not digits:
            continue
        k = int(digits)
        settled = c.day is not None and c.day.year == c.year and not c.date_ambiguous
        allowed = t.qh_terms_on(c.day) if settled else t.qh_terms_in_year(c.year)
        if not allowed or k in allowed:
            continue
        body = c.issuer.rstrip("0123456789 ")
        args = {"code": c.code, "k": k, "roman": int_to_roman(k), "year": c.year,
                "when": _fmt_date(c), "expected": ", ".join(f"{body}{a}" for a in allowed)}
        if settled:
            fix = _code_fix(c, c.code[: len(c.code) - len(c.issuer)] + f"{body}{allowed[0]}", safe=False) \
                if len(allowed) == 1 else None
            yield Finding(c.code_span, args, "date", fix=fix)
        else:
            yield Finding(c.code_span, args, "year")


# ---------------------------------------------------------------------------- DC109
@check("DC109")
def code_outside_window(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A code in use only for a while (QĐi 04/2018–03/2019, HU until 01/7/2025) on a newer document."""
    t = tables()
    items: list[tuple[Citation, object]] = [(c, c.day) for c in _candidates(facts, lambda c: _windowed(t, c))]
    own = facts.own_document
    if own and own.date is not None and own.date.date:
        items.append((own.citation, own.date.date))
    for c, day in items:
        if day is None:
            continue
        system = _table_system(c.system)
        row = _windowed_type(t, system, c.head) if c.system != "law" else None
        if row is not None and not row.valid_on(day):
            yield Finding(c.code_span, {"code": c.code, "part": c.head, "date": day.strftime("%d/%m/%Y"),
                                        "window": _window(row.valid_from, row.valid_to)}, "type")
            continue
        for part, stop in _ended_parts(t, c.issuers, system):
            if day >= stop:
                yield Finding(c.code_span, {"code": c.code, "part": part, "date": day.strftime("%d/%m/%Y"),
                                            "window": _window(None, stop)}, "issuer")
                break


def _windowed(t: Tables, c: Citation) -> bool:
    """Whether a part of the code of ``c`` is in use only for a while (a type or an issuer code)."""
    system = _table_system(c.system)
    return (c.system != "law" and _windowed_type(t, system, c.head) is not None) or bool(_ended_parts(t, c.issuers, system))


@lru_cache(maxsize=4096)
def _windowed_type(t: Tables, system: str, head: str) -> TypeCode | None:
    """The row of a type code that is valid only for a while (None for the others)."""
    row = t.type_row(system, head)
    return row if row is not None and (row.valid_from or row.valid_to) else None


@lru_cache(maxsize=4096)
def _ended_parts(t: Tables, parts: tuple[str, ...], system: str) -> tuple[tuple[str, dt.date], ...]:
    """For each issuer part of ``system`` that stopped being issued, in order: the code (or its
    part) that stopped and the day it stopped."""
    return tuple(ended for part in parts if (ended := t.ended(part)) and t.issuer_system(part) == system)


def _window(start, end) -> str:
    if start and end:
        return f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"
    if end:
        return f"trước {end:%d/%m/%Y}"
    return f"từ {start:%d/%m/%Y}"


# ---------------------------------------------------------------------------- DC110
def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _similar(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The letter groups of two codes are a slip apart."""
    ka, kb = "-".join(a), "-".join(b)
    return _distance(ka, kb) <= max(2, len(ka) // 4)


def _explained_slip(c: Citation, t: Tables) -> bool:
    system = _table_system(c.system)
    return type_suggestion(c, t) is not None or any(issuer_suggestion(p, system, t, c.day) for p in c.issuers) \
        or any(_telex(g) != g for g in c.groups)


def _distinct_codes(t: Tables, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two codes that differ only in parts each of which is a known type or body code
    (``09/2025/TT-BNV``, ``09/2025/TT-BNG``; ``02/TB-ĐKT``, ``02/KH-ĐKT``) are two documents."""
    if len(a) != len(b):
        return False
    return all(x == y or (_known_code(t, x) and _known_code(t, y)) for x, y in zip(a, b))


def _known_code(t: Tables, part: str) -> bool:
    return t.is_type(part) or t.known_issuer(part)


def dated_codes(facts: Facts) -> list[Citation]:
    """The citations whose number and date identify a document (rule DC110): numbered, dated,
    the date not possibly another document's."""
    return [c for c in _checked(facts) if c.day is not None and not c.date_ambiguous]


def two_codes_of_one_document(c: Citation, main: Citation, t: Tables, similar: dict | None = None) -> bool:
    """Whether ``c`` and ``main``, of the same number and date and other codes, are one document
    cited under two codes (:func:`slip_apart`) and no table explains the slip in ``c`` (the
    rules of the code itself report that one). ``similar`` caches the comparison of letter groups."""
    return slip_apart(c, main, t, similar) and not _explained_slip(c, t)


def slip_apart(c: Citation, main: Citation, t: Tables, similar: dict | None = None) -> bool:
    """Two citations of the same number and date are one document under two codes: same system
    and year, codes a slip apart, not two known type or body codes, no two bodies or places named."""
    if c.system != main.system or (c.year or main.year) and c.year != main.year:
        return False
    cache = similar if similar is not None else {}
    key = (c.groups, main.groups)
    if key not in cache:
        cache[key] = _similar(c.groups, main.groups)
    return cache[key] and not (_distinct_codes(t, c.groups, main.groups)
                               or several_issuers((c, main)))  # two bodies or places named: two documents


@check("DC110")
def one_document_two_codes(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """One document (same number, same date) cited under two different codes. A number and a
    year alone do not make one document: numbers restart with each issuer."""
    t = tables()
    groups: dict[tuple, list[Citation]] = defaultdict(list)
    for c in dated_codes(facts):
        groups[(c.num, c.day)].append(c)
    similar: dict[tuple, bool] = {}
    for cits in groups.values():
        first: dict[tuple[str, ...], Citation] = {}  # each code's first citation (cits are in order)
        for c in cits:
            first.setdefault(c.groups, c)
        if len(first) < 2:
            continue
        codes = Counter(c.groups for c in cits)
        main_groups = max(codes, key=lambda g: (codes[g], -first[g].code_start))
        main = first[main_groups]
        for c in cits:
            if c.groups == main_groups or not two_codes_of_one_document(c, main, t, similar):
                continue
            yield Finding(c.code_span, {"code": c.code, "other": main.code},
                          related=(Related(main.code_span, "other", {"code": main.code}),))


# ---------------------------------------------------------------------------- DC111
@check("DC111")
def party_number_two_terms(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Party numbers restart every term (HD05 II.I.3.1.1(b)): one number, two terms, two documents."""
    t = tables()
    by_key: dict[tuple, dict[str, Citation]] = defaultdict(dict)
    for c in _checked(facts):
        if c.system == "party" and c.day is not None:
            term = t.party_term(c.issuer, c.day)
            if term is not None:
                by_key[(c.num, c.groups)].setdefault(term, c)
    for terms in by_key.values():
        if len(terms) < 2:
            continue
        ordered = sorted(terms.items(), key=lambda kv: kv[1].code_span.start)
        first_term, first = ordered[0]
        for term, c in ordered[1:]:
            if c.term:
                continue  # the citation names its term
            yield Finding(c.code_span, {"code": c.code, "term": term, "other_term": first_term},
                          related=(Related(first.code_span, "other", {"term": first_term}),))


# ---------------------------------------------------------------------------- DC112
@check("DC112")
def unknown_party_issuer(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """The issuer part of a Party-form code names no Party body of HD05's table (``12-NQ/UT``).

    Mass organisations also use the Party form with codes of their own (a provincial youth
    union's ``TĐTN``), which the table does not hold: a preview rule."""
    t = tables()
    for c in _governed(facts):
        if c.system != "party":
            continue
        unknown = [p for p in c.issuers if not _known_party_issuer(t, p)]
        if unknown and issuer_suggestion(unknown[0], "party", t, c.day) is None:
            yield Finding(c.code_span, {"code": c.code, "issuer": unknown[0]})

