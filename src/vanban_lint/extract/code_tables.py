"""The tables behind document codes: type codes, issuer codes and terms, from ``rules/data``.

``doc_types.yaml`` (HD05 and NĐ 30/2020 Phụ lục III, with the 36-HD/VPTW and pre-2020 values),
``issuers.yaml`` (HD05 II.I.3.1.2(b), with the codes that ended in 2025) and ``terms.yaml``
(Party and Quốc hội terms) are loaded once, on first use, and validated: a malformed row is a
:class:`~vanban_lint.errors.ConfigError` naming the file and the row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from vanban_lint.data import load_table, require_fields
from vanban_lint.errors import ConfigError

SYSTEMS = ("party", "state")
LAW_TOLERANCE = dt.timedelta(days=45)


class TypeCode(NamedTuple):
    """One abbreviation of a document type in one system, with its validity window for new documents."""

    code: str
    system: str
    names: tuple[str, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    nonstandard: tuple[str, ...]
    source: str

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day < self.valid_to)


class IssuerCode(NamedTuple):
    code: str
    system: str
    kind: str  # body | unit | committee
    valid_to: dt.date | None
    source: str
    national: bool = False  # one body in the whole country (a ministry, TW), not one in each place


class Term(NamedTuple):
    """A numbering term; ``start_earliest``/``start_latest`` bound when it began."""

    name: str
    start_earliest: dt.date
    start_latest: dt.date
    end: dt.date | None = None


class Tables:
    """The three tables, indexed for the rules (made once by :func:`tables`; never changed)."""

    def __init__(self, types: dict[tuple[str, str], TypeCode], type_names: dict[str, dict[str, tuple[str, ...]]],
                 untyped_words: dict[str, tuple[str, ...]], issuers: dict[str, IssuerCode],
                 body_names: dict[str, str], party_central: tuple[Term, ...], party_local: tuple[Term, ...],
                 quoc_hoi: dict[int, Term], committees: tuple[IssuerCode, ...], lists: dict[str, tuple[str, ...]],
                 body_codes: dict[str, str] | None = None) -> None:
        self.types = types  # (system, code) -> row
        self.type_names = type_names  # lower-case name -> system -> codes
        self.untyped_words = untyped_words  # lower-case type word -> systems taking no type code
        self.issuers = issuers
        self.body_names = body_names  # lower-case name or alias in running text -> canonical body name
        self.body_codes = body_codes or {}  # canonical body name -> its issuer code
        self.party_central = party_central
        self.party_local = party_local
        self.quoc_hoi = quoc_hoi
        self.committees = committees  # longest code first, so that ThU is tried before TU
        # Type words issued in the công văn form in practice; type words adopted by a decision
        # and the codes of such decisions; code groups and names of bodies outside NĐ 30 and HD05.
        self.cong_van_words = frozenset(w.lower() for w in lists["cong_van_practice"])
        self.adopted_words = frozenset(w.lower() for w in lists["adopted"])
        self.adopted_by = frozenset(lists["adopted_by"])
        self.unregulated_groups = frozenset(lists["unregulated_groups"])
        self.unregulated_names = lists["unregulated_names"]

    # ------------------------------------------------------------------ types
    def type_row(self, system: str, code: str) -> TypeCode | None:
        return self.types.get((system, code))

    def is_type(self, code: str, system: str | None = None) -> bool:
        if system:
            return (system, code) in self.types
        return ("party", code) in self.types or ("state", code) in self.types

    def codes_for_word(self, word: str, system: str) -> tuple[str, ...]:
        """Type codes a type word (``Quy định``) takes in ``system``."""
        return self.type_names.get(word.lower(), {}).get(system, ())

    def type_codes(self, system: str) -> list[str]:
        return [c for (s, c) in self.types if s == system]

    # ---------------------------------------------------------------- issuers
    def issuer_row(self, code: str) -> IssuerCode | None:
        """The row of a whole code, or of the unit of a unit+committee code (``BTCTU`` → BTC)."""
        row = self.issuers.get(code)
        if row is not None:
            return row
        unit, committee = self.split_unit(code)
        return self.issuers.get(unit) if unit else None

    def split_unit(self, code: str) -> tuple[str | None, str | None]:
        """``BTGTU`` → (``BTG``, ``TU``) when both parts are Party codes of those kinds."""
        for row in self.committees:
            if code.endswith(row.code) and len(code) > len(row.code):
                unit = self.issuers.get(code[: -len(row.code)])
                if unit is not None and unit.kind == "unit":
                    return unit.code, row.code
        return None, None

    def national(self, code: str) -> bool:
        """Whether ``code`` names one body of the whole country: a national body, or a unit of
        a national committee (``BTCTW``)."""
        row = self.issuers.get(code)
        if row is not None:
            return row.national
        unit, committee = self.split_unit(code)
        return committee is not None and self.issuers[committee].national

    def known_issuer(self, code: str) -> bool:
        return self.issuer_row(code) is not None

    def issuer_system(self, code: str) -> str | None:
        row = self.issuer_row(code)
        return row.system if row else None

    def ended(self, code: str) -> tuple[str, dt.date] | None:
        """The code (or its part) that stopped being issued, and the day it stopped."""
        row = self.issuers.get(code)
        if row is not None and row.valid_to:
            return row.code, row.valid_to
        unit, committee = self.split_unit(code)
        for part in (unit, committee):
            if part and self.issuers[part].valid_to:
                return part, self.issuers[part].valid_to
        return None

    # ------------------------------------------------------------------ terms
    def party_term(self, issuer: str, day: dt.date) -> str | None:
        """The term of a Party body's numbering series on ``day``; None inside a changeover window."""
        central = issuer == "TW" or issuer.endswith("TW")
        terms = self.party_central if central else self.party_local
        current: str | None = None
        for term in terms:
            if day >= term.start_latest:
                current = term.name
            elif day >= term.start_earliest:
                return None
        return current

    def qh_terms_on(self, day: dt.date) -> list[int]:
        """Khóa of Quốc hội that may have issued a law on ``day`` (several near a changeover)."""
        return [k for k, t in self.quoc_hoi.items()
                if t.start_earliest <= day and (t.end is None or day <= t.end + LAW_TOLERANCE)]

    def qh_terms_in_year(self, year: int) -> list[int]:
        return [k for k, t in self.quoc_hoi.items()
                if t.start_earliest.year <= year and (t.end is None or (t.end + LAW_TOLERANCE).year >= year)]


def _date(where: str, value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    raise ConfigError(f"{where}: dates must be written YYYY-MM-DD, got {value!r}")


@lru_cache(maxsize=1)
def tables() -> Tables:
    """Load and validate the three tables (once per process)."""
    doc = load_table("doc_types")
    require_fields("rules/data/doc_types.yaml", doc, {"types": list, "untyped_words": list,
                                                       "cong_van_practice": dict, "adopted": dict})
    lists: dict[str, tuple[str, ...]] = {}
    require_fields("rules/data/doc_types.yaml: cong_van_practice", doc["cong_van_practice"],
                   {"words": list, "source": str})
    require_fields("rules/data/doc_types.yaml: adopted", doc["adopted"], {"words": list, "by": list, "source": str})
    lists["cong_van_practice"] = tuple(doc["cong_van_practice"]["words"])
    lists["adopted"] = tuple(doc["adopted"]["words"])
    lists["adopted_by"] = tuple(doc["adopted"]["by"])
    types: dict[tuple[str, str], TypeCode] = {}
    type_names: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for i, row in enumerate(doc["types"]):
        where = f"rules/data/doc_types.yaml: types[{i}]"
        require_fields(where, row, {"code": str, "system": str, "names": list, "source": str},
                       {"valid_from": dt.date, "valid_to": dt.date, "basis": str, "nonstandard": list})
        if row["system"] not in SYSTEMS:
            raise ConfigError(f"{where}: system must be one of {SYSTEMS}")
        key = (row["system"], row["code"])
        if key in types:
            raise ConfigError(f"{where}: {row['system']} type code {row['code']} listed twice")
        types[key] = TypeCode(row["code"], row["system"], tuple(row["names"]),
                              _date(where, row.get("valid_from")), _date(where, row.get("valid_to")),
                              tuple(row.get("nonstandard") or ()), row["source"])
        for name in row["names"]:
            type_names[name.lower()][row["system"]].append(row["code"])
    untyped: dict[str, tuple[str, ...]] = {}
    for i, row in enumerate(doc["untyped_words"]):
        where = f"rules/data/doc_types.yaml: untyped_words[{i}]"
        require_fields(where, row, {"name": str, "systems": list, "source": str})
        untyped[row["name"].lower()] = tuple(row["systems"])

    doc = load_table("issuers")
    require_fields("rules/data/issuers.yaml", doc, {"issuers": list, "named_bodies": list, "unregulated": dict})
    require_fields("rules/data/issuers.yaml: unregulated", doc["unregulated"],
                   {"code_groups": list, "names": list, "source": str})
    lists["unregulated_groups"] = tuple(doc["unregulated"]["code_groups"])
    lists["unregulated_names"] = tuple(doc["unregulated"]["names"])
    issuers: dict[str, IssuerCode] = {}
    body_names: dict[str, str] = {}
    body_codes: dict[str, str] = {}
    for i, row in enumerate(doc["issuers"]):
        where = f"rules/data/issuers.yaml: issuers[{i}]"
        require_fields(where, row, {"code": str, "system": str, "kind": str, "source": str},
                       {"valid_to": dt.date, "national": bool})
        if row["kind"] not in ("body", "unit", "committee") or row["system"] not in SYSTEMS:
            raise ConfigError(f"{where}: kind must be body/unit/committee and system party/state")
        if row["code"] in issuers:
            raise ConfigError(f"{where}: issuer code {row['code']} listed twice")
        issuers[row["code"]] = IssuerCode(row["code"], row["system"], row["kind"],
                                          _date(where, row.get("valid_to")), row["source"], bool(row.get("national")))
    for i, row in enumerate(doc["named_bodies"]):
        where = f"rules/data/issuers.yaml: named_bodies[{i}]"
        require_fields(where, row, {"name": str, "code": str, "aliases": list, "source": str})
        if row["code"] not in issuers:
            raise ConfigError(f"{where}: code {row['code']} is not in the issuers table")
        for name in (row["name"], *row["aliases"]):
            body_names[" ".join(name.lower().split())] = row["name"]
        body_codes[row["name"]] = row["code"]

    doc = load_table("terms")
    require_fields("rules/data/terms.yaml", doc, {"party_central": list, "party_local": list, "quoc_hoi": list})
    party: dict[str, tuple[Term, ...]] = {}
    for key in ("party_central", "party_local"):
        rows = []
        for i, row in enumerate(doc[key]):
            where = f"rules/data/terms.yaml: {key}[{i}]"
            require_fields(where, row, {"term": str, "start_earliest": dt.date, "start_latest": dt.date, "source": str})
            rows.append(Term(row["term"], row["start_earliest"], row["start_latest"]))
        party[key] = tuple(sorted(rows, key=lambda t: t.start_earliest))
    qh: dict[int, Term] = {}
    for i, row in enumerate(doc["quoc_hoi"]):
        where = f"rules/data/terms.yaml: quoc_hoi[{i}]"
        require_fields(where, row, {"term": int, "start": dt.date, "end": (dt.date, type(None)), "source": str})
        qh[row["term"]] = Term(str(row["term"]), row["start"], row["start"], row["end"])
    return Tables(types, {k: {s: tuple(v) for s, v in d.items()} for k, d in type_names.items()}, untyped,
                  issuers, body_names, party["party_central"], party["party_local"], qh,
                  tuple(sorted((r for r in issuers.values() if r.kind == "committee"), key=lambda r: -len(r.code))),
                  lists, body_codes)
