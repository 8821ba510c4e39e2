"""A catalog of known documents (``documents.yaml``), named in the configuration (``catalog:``).

.. code-block:: yaml

    documents:
      - code: 21-NQ/TW
        date: 2022-06-16                 # or "16/6/2022"
        issuer: Ban Chấp hành Trung ương # optional: the body as named after a citation
        title: về tăng cường củng cố tổ chức cơ sở đảng   # optional, for people
        replaced-by: {code: 29-NQ/TW, date: 2025-03-01}  # optional: replaced on that day

Each entry's code, date and issuer are read by the citation extractor itself, from the sentence
"Văn bản số <code> ngày <date> của <issuer>", so that an entry is "the same document" as a
citation exactly when two citations in one file would be (rules DT102, DC110). ``lint
--build-catalog PATHS`` writes a catalog from a set of drafts (:func:`build`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from vanban_lint.errors import ConfigError


class Entry(NamedTuple):
    """A known document; ``citation`` is the entry read as a citation, ``line`` its line in the file."""

    code: str
    date: dt.date
    issuer: str | None
    title: str | None
    replaced_by: str | None
    replaced_on: dt.date | None
    line: int
    citation: Any  # extract.citations.Citation


class Catalog(NamedTuple):
    """The entries of a catalog file, by the key of one document (``citation_dates.date_groups``)
    and by number and date (``codes.dated_codes``)."""

    path: str
    entries: tuple[Entry, ...]
    by_key: dict
    by_number: dict

    def where(self, entry: Entry) -> str:
        """``path:line`` of an entry, the path relative to the current folder when below it."""
        rel = os.path.relpath(self.path)
        return f"{self.path if rel.startswith('..') else rel}:{entry.line}"


def load(path: str) -> Catalog:
    """The catalog in ``path`` (read once per process while the file is unchanged)."""
    try:
        stat = os.stat(path)
    except OSError:
        raise ConfigError(f"{path}: catalog file not found") from None
    return _load(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load(path: str, mtime: int, size: int) -> Catalog:
    from vanban_lint.data import load_yaml_file

    data = load_yaml_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise ConfigError(f"{path}: a catalog is a mapping with a 'documents' list")
    with open(path, encoding="utf-8-sig") as fh:
        lines = fh.read().split("\n")
    return from_entries(data["documents"], path, lines)


def from_entries(rows: list, path: str = "documents.yaml", lines: list[str] | None = None) -> Catalog:
    """A catalog from its parsed rows (a file's, or inline ones in a rule's example)."""
    from vanban_lint.checks.citation_dates import document_key

    entries = []
    by_key: dict[tuple, list[Entry]] = defaultdict(list)
    by_number: dict[tuple, list[Entry]] = defaultdict(list)
    for i, row in enumerate(rows):
        entry = _entry(f"{path}: documents[{i}]", row, lines or [])
        entries.append(entry)
        by_number[(entry.citation.num, entry.citation.day)].append(entry)
        key = document_key(entry.citation)
        if key is not None:
            by_key[key].append(entry)
    return Catalog(path, tuple(entries), dict(by_key), dict(by_number))


def _entry(where: str, row: Any, lines: list[str]) -> Entry:
    from vanban_lint.data import require_fields

    require_fields(where, row, {"code": str, "date": (str, dt.date)},
                   {"issuer": str, "title": str, "replaced-by": dict})
    day = _date(where, row["date"])
    replaced_by = replaced_on = None
    if "replaced-by" in row:
        rep = row["replaced-by"]
        require_fields(f"{where}: replaced-by", rep, {"code": str, "date": (str, dt.date)})
        replaced_by, replaced_on = rep["code"].strip(), _date(f"{where}: replaced-by", rep["date"])
    citation = _read_citation(where, row["code"].strip(), day, row.get("issuer"))
    line = next((n for n, text in enumerate(lines, 1) if row["code"].strip() in text), 0)
    return Entry(citation.code, day, row.get("issuer"), row.get("title"), replaced_by, replaced_on, line, citation)


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date(where: str, value: Any) -> dt.date:
    """A date as YAML reads it, or written ``2022-06-16`` or ``16/6/2022``."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        m = _DMY.fullmatch(text)
        return dt.date(int(m[3]), int(m[2]), int(m[1])) if m else dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{where}: '{value}' is not a date (2022-06-16 or 16/6/2022)") from None


def _read_citation(where: str, code: str, day: dt.date, issuer: str | None):
    """The entry as the citation extractor reads "Văn bản số <code> ngày <date> của <issuer>"."""
    from vanban_lint.facts import Facts
    from vanban_lint.readers import read_text

    text = f"Văn bản số {code} ngày {day.day:02d}/{day.month:02d}/{day.year}" + (f" của {issuer}" if issuer else "") + ".\n"
    cits = [c for c in Facts(read_text("catalog.txt", text)).citations if not c.is_own and c.num is not None]
    if len(cits) != 1 or cits[0].day != day:
        raise ConfigError(f"{where}: '{code}' is not a document code with its date")
    return cits[0]


def catalog_option(options: dict) -> Catalog | None:
    """The catalog given to a rule: a :class:`Catalog` (from the configuration) or inline rows
    (a rule's example)."""
    value = options.get("catalog")
    if value is None or isinstance(value, Catalog):
        return value
    return _inline(repr(value), value)


_INLINE: dict[str, Catalog] = {}


def _inline(key: str, rows: list) -> Catalog:
    if key not in _INLINE:
        _INLINE[key] = from_entries(rows)
    return _INLINE[key]


# ---------------------------------------------------------------------------- build
class Built(NamedTuple):
    """A catalog written from drafts: its YAML text and the conflicts resolved by majority."""

    yaml: str
    conflicts: list[str]


def build(files: Iterable, locate) -> Built:
    """A catalog by majority from the facts of drafts (``crossfile.FileFacts``).

    Citations of one number and date whose codes are a slip apart (``codes.slip_apart``) are
    one document under the code most of them give; citations of one document (DT102's key) are
    kept apart by the place named after them, and the date most of them give is taken. Every
    minority code or date is listed as a conflict with its place. ``locate(file_index, span)``
    gives ``path:line:column``."""
    from vanban_lint.checks.citation_dates import document_key, one_document

    found = [(i, c) for i, f in enumerate(files) for cits in f.dated.values() for c in cits]
    conflicts: list[str] = []
    merged: dict[tuple, list[tuple[int, Any]]] = defaultdict(list)
    for i, c in _one_code_each(found, locate, conflicts):
        key = document_key(c)
        if key is not None:
            merged[(*key, c.issuer_place)].append((i, c))
    lines = ["# Known documents, written by lint --build-catalog from drafts by majority: review before use.",
             "documents:"]
    for key in sorted(merged, key=_sort_key):
        group = merged[key]
        cits = [c for _, c in group]
        if not one_document(cits):
            continue
        days = Counter(c.day for c in cits)
        first: dict[dt.date, tuple[int, Any]] = {}
        for i, c in group:
            first.setdefault(c.day, (i, c))
        main = max(days, key=lambda d: (days[d], -first[d][0]))
        code = Counter(c.code for c in cits if c.day == main).most_common(1)[0][0]
        for day in sorted(d for d in days if d != main):
            i, c = first[day]
            note = (f"{code}: {_fmt(main)} ({days[main]} of {len(cits)} citations); also {_fmt(day)} "
                    f"({days[day]}) at {locate(i, c.date.span)}")
            conflicts.append(note)
            lines.append(f"  # conflict: {note}")
        lines.append(f"  - code: {_quote(code)}")
        lines.append(f"    date: {main.isoformat()}")
        issuers = Counter(c.issuer_text for c in cits if c.issuer_text)
        named = issuers.most_common(1)[0][0] if issuers else key[-1]
        if named:
            lines.append(f"    issuer: {_quote(named)}")
    return Built("\n".join(lines) + "\n", conflicts)


def _one_code_each(found: list[tuple[int, Any]], locate, conflicts: list[str]) -> list[tuple[int, Any]]:
    """The citations with the code of each document of one number and date made the code most
    of them give, where the others are a slip of it; each such slip noted in ``conflicts``."""
    from vanban_lint.checks.codes import slip_apart
    from vanban_lint.extract.code_tables import tables

    t = tables()
    by_number: dict[tuple, list[tuple[int, Any]]] = defaultdict(list)
    for i, c in found:
        by_number[(c.num, c.day)].append((i, c))
    out = []
    for group in by_number.values():
        codes = Counter(c.groups for _, c in group)
        if len(codes) == 1:
            out.extend(group)
            continue
        first = {}
        for i, c in group:
            first.setdefault(c.groups, (i, c))
        main = first[max(codes, key=lambda g: (codes[g], -first[g][0]))][1]
        for i, c in group:
            if c.groups != main.groups and slip_apart(c, main, t):
                if first[c.groups] == (i, c):
                    conflicts.append(f"{main.code}: also cited as {c.code} ({codes[c.groups]}) at "
                                     f"{locate(i, c.code_span)}")
                c = c._replace(code=main.code, groups=main.groups, issuer=main.issuer, issuers=main.issuers)
            out.append((i, c))
    return out


def _sort_key(key: tuple) -> tuple:
    """Entries by system, numbering period (year or term), number, code and place."""
    system, num, groups, series, place = key
    return system, str(series), num, groups, place or ""


def _fmt(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
