"""One document cited differently in two files of a run (family XF).

"The same document" is what it is in one file: the key of DT102 (system, number, letter groups,
numbering period; no other body, place or term named) for dates, the number and date of DC110
with codes a slip apart for codes. Across files one more condition holds: drafts from several
places may share a folder, and ``123/QĐ-UBND`` or ``15-NQ/TU`` is a document of each province,
district or commune. A document is followed across files only when every part of its issuer
code names one body of the whole country (``issuers.yaml``: national), or every citation names
the same local place after it ("của UBND huyện Bảo Thắng"). A file that cites the document with
two dates itself is left to DT102 and takes no part. Bodies named after a citation tell two
documents apart (Bộ Chính trị, Ban Bí thư: one code, two series), so another body is reported
only where the code itself says which body issued it (XF103).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from vanban_lint.checks.citation_dates import one_document
from vanban_lint.checks.codes import two_codes_of_one_document
from vanban_lint.extract.citations import Citation
from vanban_lint.extract.code_tables import tables
from vanban_lint.registry import project_check

if TYPE_CHECKING:  # the runner of the checks across files is loaded only for a run of several files
    from vanban_lint.crossfile import CrossFinding, FileFacts

MAX_RELATED = 3


def _fmt(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def one_body(cits: Iterable[Citation]) -> bool:
    """The citations name one body wherever their drafts come from: a law's code or a national
    issuer code, or the same local place named after every one of them."""
    t = tables()
    cits = list(cits)
    if all(c.system == "law" or all(t.national(part) for part in c.issuers) for c in cits):
        return True  # a law or a resolution of Quốc hội (…/QH15), or a national body's code
    places = {c.issuer_place for c in cits}
    return len(places) == 1 and None not in places


def _one_body_codes(c: Citation, o: Citation) -> bool:
    """Two codes a slip apart name one body when one of them is a national body's (the other
    being its slip), or both citations name the same place."""
    return one_body((c,)) or one_body((o,)) or one_body((c, o))


def _signature(c: Citation) -> Citation:
    """``c`` without its places in the text: what comparing it with another citation reads."""
    return c._replace(start=0, end=0, code_start=0, code_end=0, type_word_at=None, date=None)


@project_check("XF101")
def date_across_files(files: list[FileFacts], options: dict) -> Iterator[CrossFinding]:
    """A document cited with one date in a file and another date in another file: reported in
    each of them, with the other files' places."""
    from vanban_lint.crossfile import CrossFinding, CrossRelated

    merged: dict[tuple, list[tuple[int, list[Citation]]]] = defaultdict(list)
    for i, f in enumerate(files):
        for key, cits in f.dated.items():
            if len({c.day for c in cits}) == 1:  # a file at odds with itself is DT102's
                merged[key].append((i, cits))
    for per_file in merged.values():
        days = [cits[0].day for _, cits in per_file]
        if len(set(days)) < 2:
            continue
        everything = [c for _, cits in per_file for c in cits]
        if not one_document(everything) or not one_body(everything):
            continue
        counts, firsts = Counter(days), {}
        run_ends = _run_ends(days)
        for i, cits in per_file:
            c = cits[0]
            if c.day not in firsts:
                firsts[c.day] = [(per_file[p][0], per_file[p][1][0]) for p in _first_other(days, run_ends, c.day)]
            others = firsts[c.day]
            related = tuple(CrossRelated(j, o.date.span, "other", {"date": _fmt(o.day)}) for j, o in others)
            yield CrossFinding(i, c.date.span, {"code": c.code, "date": _fmt(c.day), "other": _fmt(others[0][1].day),
                                                "count": len(days) - counts[c.day]}, related)


def _run_ends(days: list) -> list[int]:
    """For each index, where the run of equal days it stands in ends."""
    ends = [len(days)] * len(days)
    for p in range(len(days) - 2, -1, -1):
        ends[p] = ends[p + 1] if days[p + 1] == days[p] else p + 1
    return ends


def _first_other(days: list, run_ends: list[int], day: dt.date) -> list[int]:
    """The first :data:`MAX_RELATED` indices of another day than ``day``, runs of ``day`` jumped
    over whole: each file of many citing one document costs a few steps, not a pass over all."""
    out, p = [], 0
    while p < len(days) and len(out) < MAX_RELATED:
        if days[p] == day:
            p = run_ends[p]
            continue
        out.append(p)
        p += 1
    return out


@project_check("XF102")
def code_across_files(files: list[FileFacts], options: dict) -> Iterator[CrossFinding]:
    """A document (same number and date) cited under a code in a file and under a code a slip
    apart in another file (as DC110 within one file): reported in each of them. A slip that a
    table explains (``QĐ-Tg``) either way is left to the rules of one file (DC101, DC102)."""
    from vanban_lint.crossfile import CrossFinding, CrossRelated

    t = tables()
    merged: dict[tuple, dict[int, dict[tuple, Citation]]] = defaultdict(lambda: defaultdict(dict))
    for i, f in enumerate(files):
        for c in f.coded:
            merged[(c.num, c.day)][i].setdefault(c.groups, c)
    similar: dict[tuple, bool] = {}
    for per_file in merged.values():
        if len(per_file) < 2:
            continue
        # A comparison of two citations reads no place in the text: each pair of distinct
        # citations (by :func:`_signature`) is compared once, and each file's other places are
        # taken in file order from the lists of the citations that matched, a few at a time.
        cited: dict[Citation, list[tuple[int, int, int, Citation]]] = defaultdict(list)
        for n, (j, theirs) in enumerate(per_file.items()):
            for k, o in enumerate(theirs.values()):
                cited[_signature(o)].append((n, k, j, o))
        matching: dict[Citation, list] = {}
        for i, mine in per_file.items():
            for groups, c in mine.items():
                key = _signature(c)
                if key not in matching:
                    matching[key] = [places for sig, places in cited.items()
                                     if sig.groups != groups and _one_body_codes(c, places[0][3])
                                     and two_codes_of_one_document(c, places[0][3], t, similar)
                                     and two_codes_of_one_document(places[0][3], c, t, similar)]
                others = []
                for _, _, j, o in heapq.merge(*matching[key]):
                    if j != i and o.groups not in mine and groups not in per_file[j]:
                        others.append((j, o))
                        if len(others) == MAX_RELATED:
                            break
                if others:
                    related = tuple(CrossRelated(j, o.code_span, "other", {"code": o.code}) for j, o in others)
                    yield CrossFinding(i, c.code_span, {"code": c.code, "other": others[0][1].code}, related)


@project_check("XF103")
def issuer_across_files(files: list[FileFacts], options: dict) -> Iterator[CrossFinding]:
    """A document (same code and date) named as issued by one body in a file and by another body
    in another file, where the code's issuer part is the code of the body named in the other
    file only (``866/QĐ-TTg … của Chính phủ`` here, ``… của Thủ tướng Chính phủ`` there): reported
    in the file that names the body the code does not stand for. Bodies sharing one code (the
    Bộ Chính trị and the Ban Bí thư, both TW) are two documents, and are left alone."""
    from vanban_lint.crossfile import CrossFinding, CrossRelated

    t = tables()
    named: dict[tuple, list[tuple[int, Citation]]] = defaultdict(list)
    for i, f in enumerate(files):
        for key, cits in f.dated.items():
            for c in cits:
                if c.issuer_text and c.issuer_text in t.body_codes:
                    named[(key, c.day)].append((i, c))
    for found in named.values():
        right = [(i, c) for i, c in found if t.body_codes[c.issuer_text] in c.issuers]
        if not right:
            continue
        reported: set[int] = set()
        right_files = {i for i, _ in right}
        for i, c in found:
            if t.body_codes[c.issuer_text] in c.issuers or i in reported:
                continue
            if i not in right_files:  # then every right citation is another file's
                reported.add(i)
                j, o = right[0]
                yield CrossFinding(i, c.span, {"code": c.code, "body": c.issuer_text, "other": o.issuer_text},
                                   (CrossRelated(j, o.span, "other", {"body": o.issuer_text}),))
