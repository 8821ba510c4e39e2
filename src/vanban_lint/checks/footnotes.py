"""Footnote rules (family FN).

A footnote apparatus is correct when every marker has a body and every body a marker, each
number is defined once, numbers follow the order of first reference (1, 2, 3… with no gap),
bodies are listed in that order, no body carries a marker of its own, and one document uses one
footnote form. Word numbers footnotes this way automatically; drafts that are edited by hand,
merged from several contributions or converted from PDF lose it.
"""

from __future__ import annotations

from collections.abc import Iterator

from vanban_lint.diagnostics import Finding, Related
from vanban_lint.document import Document
from vanban_lint.extract.footnotes import FootnoteDef, FootnoteRef, Footnotes
from vanban_lint.facts import Facts
from vanban_lint.registry import check


def _outside_refs(fn: Footnotes) -> list[FootnoteRef]:
    """References that are not a footnote's marker inside its own body."""
    return [r for r in fn.refs if r.in_def is None or fn.defs[r.in_def].label != r.label]


@check("FN101")
def undefined_footnote(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    fn = facts.footnotes
    defined = {d.label for d in fn.defs}
    for ref in fn.refs:
        if ref.label not in defined:
            yield Finding(ref.span, {"label": ref.label})


@check("FN102")
def unused_footnote(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    fn = facts.footnotes
    referenced = {r.label for r in _outside_refs(fn)}
    for d in fn.defs:
        if d.label not in referenced:
            yield Finding(d.span, {"label": d.label})


@check("FN103")
def duplicate_footnote(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    first: dict[str, FootnoteDef] = {}
    for d in facts.footnotes.defs:
        if d.label in first:
            yield Finding(d.span, {"label": d.label}, related=(Related(first[d.label].span, "first"),))
        else:
            first[d.label] = d


@check("FN104")
def footnote_order(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """Numbers must follow the order of first reference: 1, 2, 3… without a gap. A document
    without any footnote body has no numbering to judge: a stray superscript there is FN101's."""
    fn = facts.footnotes
    if not fn.defs:
        return
    first_refs: dict[int, FootnoteRef] = {}
    for ref in _outside_refs(fn):
        if ref.number is not None and ref.number not in first_refs:
            if ref.in_def is not None and any(r.number == ref.number for r in fn.refs if r.in_def is None):
                continue
            first_refs[ref.number] = ref
    if not first_refs:
        return
    order = list(first_refs.values())
    position = {r.number: i for i, r in enumerate(order)}
    expected = 1
    prev = 0
    reported: set[int] = set()
    seen: set[int] = set()
    for i, ref in enumerate(order):
        k = ref.number
        seen.add(k)
        if k == expected:
            expected += 1
            while expected in seen:
                expected += 1
        elif k > expected:
            if expected in position and position[expected] > i:
                if expected not in reported:
                    reported.add(expected)
                    yield Finding(ref.span, {"label": k, "expected": expected}, "early",
                                  (Related(order[position[expected]].span, "expected", {"label": expected}),))
            else:
                missing = [n for n in range(expected, k) if n not in position]
                yield Finding(ref.span, {"label": k, "prev": prev, "missing": _list(missing)}, "gap")
                expected = k + 1
                while expected in seen:
                    expected += 1
        prev = max(prev, k)


@check("FN105")
def footnote_definition_order(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    highest: FootnoteDef | None = None
    seen: set[str] = set()
    for d in facts.footnotes.defs:
        if d.number is None or d.label in seen:
            continue  # duplicates are FN103's
        seen.add(d.label)
        if highest is not None and d.number < highest.number:
            yield Finding(d.span, {"label": d.label, "after": highest.label},
                          related=(Related(highest.span, "after", {"label": highest.label}),))
        elif highest is None or d.number > highest.number:
            highest = d


@check("FN106")
def footnote_self_reference(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    fn = facts.footnotes
    for ref in fn.refs:
        if ref.in_def is not None and fn.defs[ref.in_def].label == ref.label:
            d = fn.defs[ref.in_def]
            yield Finding(ref.span, {"label": ref.label}, related=(Related(d.span, "body", {"label": d.label}),))


@check("FN107")
def footnote_marker_in_footnote(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A marker inside another footnote's body is only in order when it introduces the next number."""
    fn = facts.footnotes
    body_refs = {}
    for ref in fn.refs:
        if ref.in_def is None:
            body_refs.setdefault(ref.label, ref)
    for ref in fn.refs:
        if ref.in_def is None:
            continue
        owner = fn.defs[ref.in_def]
        if owner.label == ref.label:
            continue  # FN106
        earlier = body_refs.get(ref.label)
        if earlier is not None and earlier.span.start < ref.span.start:
            yield Finding(ref.span, {"label": ref.label, "owner": owner.label},
                          related=(Related(earlier.span, "earlier", {"label": ref.label}),))


@check("FN108")
def mixed_footnote_forms(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    fn = facts.footnotes
    forms = fn.forms
    if len(forms) < 2:
        return
    counts = {f: sum(1 for x in [*fn.refs, *fn.defs] if x.form == f) for f in forms}
    main = max(forms, key=lambda f: (counts[f], -forms.index(f)))
    main_first = min((x for x in [*fn.refs, *fn.defs] if x.form == main), key=lambda x: x.span.start)
    for form in forms:
        if form == main:
            continue
        first = min((x for x in [*fn.refs, *fn.defs] if x.form == form), key=lambda x: x.span.start)
        yield Finding(first.span, {"form": _FORM_NAMES[form], "main": _FORM_NAMES[main]},
                      related=(Related(main_first.span, "main", {"form": _FORM_NAMES[main]}),))


_FORM_NAMES = {"markdown": "[^n]", "superscript": "¹²³", "plain": "chữ số dính liền (sản1.)", "word": "Word"}


def _list(numbers: list[int]) -> str:
    if not numbers:
        return "-"
    if len(numbers) > 3 and numbers[-1] - numbers[0] == len(numbers) - 1:
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(str(n) for n in numbers)
