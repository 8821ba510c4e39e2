"""Terms and ordinals of elected bodies (family TM).

Quốc hội and Hội đồng nhân dân are elected together for five years (2011, 2016, 2021, 2026):
"Quốc hội khóa XV" is the 2021–2026 term, and an HĐND term named beside it is the same one.
A national Party congress opens its term in the year it meets (Đại hội XIII: 2021). Local Party
committees hold their congresses in rounds (2015, 2020, 2025), so their terms end on that grid.
Sources: reference §4.1–4.4 (``rules/data/terms.yaml``, ``rules/data/elected_bodies.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterator

from vanban_lint.diagnostics import Finding, Related
from vanban_lint.document import Document
from vanban_lint.extract.terms import body_table
from vanban_lint.facts import Facts
from vanban_lint.registry import check


@check("TM101")
def term_years_vs_khoa(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A term range must begin in the year the khóa or congress named in its clause began."""
    for r in facts.terms.ranges:
        a = r.anchor
        if a is None or r.first == a.start_year:
            continue
        if a.kind == "quoc_hoi" and r.body != "state":
            continue
        if a.kind == "congress" and r.body not in (None, "party_central"):
            continue
        yield Finding(r.span, {"range": f"{r.first}–{r.last}", "label": a.label, "year": a.start_year},
                      variant=a.kind, related=(Related(a.span, a.kind, {"label": a.label}),))


@check("TM102")
def term_off_grid(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """A term of Quốc hội/HĐND or of a Party committee lasts at most five years and ends on its grid."""
    table = body_table()
    for r in facts.terms.ranges:
        if r.body is None or r.first < table.grid_from[r.body]:
            continue
        years = r.last - r.first
        args = {"range": f"{r.first}–{r.last}", "years": years, "max": table.max_years[r.body]}
        if years <= 0 or years > table.max_years[r.body]:
            yield Finding(r.span, args, variant=f"length_{r.body}")
        elif r.last % 5 not in table.end_mod5[r.body]:
            yield Finding(r.span, args, variant=f"grid_{r.body}")


def _same_body(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """"tỉnh" and "tỉnh lào cai" name the same committee in one document; "tỉnh" and "huyện" do not."""
    short, long = sorted((a, b), key=len)
    return long[:len(short)] == short


def _one_letter_apart(a: str, b: str) -> bool:
    """Roman ordinals a typo apart: one letter added, dropped or changed (XV / V, XV / XX)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _conflict(a, b) -> bool:
    """Two mentions of one committee's congress whose ordinals cannot both be right.

    Two ordinals can be two congresses (the last and the present one), so they conflict only
    when both name the same term, or when neither term rules it out and the ordinals are a typo
    apart but not consecutive ("lần thứ XV" / "lần thứ V")."""
    if a.ordinal == b.ordinal or not _same_body(a.body, b.body):
        return False
    if a.term is not None and b.term is not None:
        return a.term == b.term
    return (abs(a.ordinal - b.ordinal) > 1 and a.ordinal_text.isupper() and b.ordinal_text.isupper()
            and _one_letter_apart(a.ordinal_text, b.ordinal_text))


@check("TM103")
def congress_ordinal_conflict(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """One local congress named with two ordinals (same committee, same term, or a typo apart)."""
    seen: dict[tuple, object] = {}  # the first mention of each distinct (body, ordinal, term)
    for c in facts.terms.congresses:
        key = (c.body, c.ordinal_text, c.term)
        if key in seen:
            continue
        for prev in seen.values():
            if _conflict(prev, c):
                yield Finding(c.ordinal_span, {"ordinal": c.ordinal_text, "other": prev.ordinal_text},
                              related=(Related(prev.ordinal_span, "other", {"ordinal": prev.ordinal_text}),))
                break
        seen[key] = c


@check("TM104")
def plan_horizon_conflict(doc: Document, facts: Facts, options: dict) -> Iterator[Finding]:
    """One cited plan, programme or đề án (the same code) with two periods or two horizons in its title."""
    first: dict[str, object] = {}
    for h in facts.terms.horizons:
        prev = first.setdefault(h.code, h)
        if prev is h:
            continue
        if (prev.first, prev.last) != (h.first, h.last):
            variant, shown, other = "period", f"{h.first}–{h.last}", f"{prev.first}–{prev.last}"
        elif h.until is not None and prev.until is not None and h.until != prev.until:
            variant, shown, other = "until", str(h.until), str(prev.until)
        else:
            continue
        yield Finding(h.span, {"code": h.code, "value": shown, "other": other}, variant=variant,
                      related=(Related(prev.span, variant, {"value": other}),))
