"""Corpus check: every finding on the real documents of ``../shared/corpus``, judged.

Like ruff's ecosystem check or mypy_primer: the linter runs with every rule (preview rules
included) on all of ``../shared/corpus/*.txt`` and ``../shared/corpus/wide/*.txt``, and on the Word
originals ``../shared/corpus/docx/*.docx`` and ``../shared/corpus/wide-docx/*.docx``, with a fixed
"today", and its findings are compared with the committed snapshot ``tests/corpus-snapshot/``:
one TSV file per rule family, one row per finding::

    file  line  col  rule  span  verdict  reason

``file`` is relative to the corpus folder, ``span`` the text the finding marks (tabs and line
breaks escaped, long spans shortened), ``verdict`` one of ``real`` / ``false`` / ``unsure`` (or
empty while unjudged), ``reason`` a short phrase written by the person who read the text.
Rows judged ``false`` whose finding has gone are kept in ``retired.tsv``: a false alarm that was
fixed must not come back.

Verdicts carried from the text to the Word original: a .docx is the original of the .txt of the
same name (``docx/NN-x.docx`` of ``NN-x.txt``, ``wide-docx/NNN-x.docx`` of ``wide/NNN-x.txt``). On
``--update``, a .docx row that nobody judged, with the same rule and the same span text as judged
rows of its .txt that all agree, takes their verdict with the reason ``=txt: <their reason>``.
Such rows are derived again on every update (a verdict changed on the .txt follows; one that is
gone or disagrees leaves the .docx row unjudged), so they stay right after verdicts of the .txt
rows are merged. Write any other reason to judge a .docx row yourself: it is then kept as is.

Usage::

    python bench/corpus.py                       # per-rule table and the changes against the snapshot
    python bench/corpus.py --update [--select FN]  # rewrite the snapshot, keeping verdicts
    python bench/corpus.py --precision           # also rewrite rules/precision.yaml from the verdicts

Exit status: 0 when the findings equal the snapshot, every row is judged and no retired false
alarm is back; 1 otherwise (so CI and the test suite can call it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from vanban_lint.config import Config  # noqa: E402
from vanban_lint.precision import PRECISION_FILE, Measure, write_precision  # noqa: E402
from vanban_lint.registry import all_rules  # noqa: E402
from vanban_lint.runner import Run  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SNAPSHOT = ROOT / "tests" / "corpus-snapshot"
RETIRED = "retired.tsv"
TODAY = dt.date(2026, 12, 1)
VERDICTS = ("real", "false", "unsure")
HEADER = ("file", "line", "col", "rule", "span", "verdict", "reason")
SPAN_MAX = 80


class Row(NamedTuple):
    """One finding with its verdict."""

    file: str
    line: int
    col: int
    rule: str
    span: str
    verdict: str = ""
    reason: str = ""

    @property
    def key(self) -> tuple[str, int, int, str, str]:
        """A finding 'did not move' when file, place, rule and marked text are the same."""
        return (self.file, self.line, self.col, self.rule, self.span)

    @property
    def family(self) -> str:
        return self.rule[:2]

    def tsv(self) -> str:
        return "\t".join((self.file, str(self.line), str(self.col), self.rule, self.span, self.verdict,
                          self.reason))


PROPAGATED = "=txt: "
DOCX_TO_TEXT = {"docx": "", "wide-docx": "wide/"}  # folder of the Word originals -> folder of their text


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    """The real documents: the reports, the wide corpus, then the Word originals of both."""
    return (sorted(corpus.glob("*.txt")) + sorted((corpus / "wide").glob("*.txt"))
            + sorted((corpus / "docx").glob("*.docx")) + sorted((corpus / "wide-docx").glob("*.docx")))


def text_of(file: str) -> str | None:
    """The corpus name of the .txt made from the Word original ``file`` (None for a text file)."""
    folder, _, name = file.rpartition("/")
    if folder not in DOCX_TO_TEXT or not name.endswith(".docx"):
        return None
    return DOCX_TO_TEXT[folder] + name[: -len(".docx")] + ".txt"


def propagate(rows: list[Row], judged: Iterable[Row]) -> list[Row]:
    """Give unjudged (or previously propagated) .docx rows the verdict of the matching .txt rows.

    Matching rows: the .txt of the same document, same rule, same span text, judged, all with one
    verdict. See the module docstring.
    """
    verdicts: dict[tuple[str, str, str], set[tuple[str, str]]] = defaultdict(set)
    for r in judged:
        if r.verdict and r.file.endswith(".txt"):
            verdicts[(r.file, r.rule, r.span)].add((r.verdict, r.reason))
    out = []
    for row in rows:
        txt = text_of(row.file)
        if txt is not None and (not row.verdict or row.reason.startswith(PROPAGATED)):
            found = verdicts.get((txt, row.rule, row.span), set())
            kinds = {v for v, _ in found}
            if len(kinds) == 1:
                verdict, reason = sorted(found)[0]
                row = row._replace(verdict=verdict, reason=PROPAGATED + reason.removeprefix(PROPAGATED))
            else:
                row = row._replace(verdict="", reason="")
        out.append(row)
    return out


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\f", "\\f")
    return text if len(text) <= SPAN_MAX else text[:SPAN_MAX - 1] + "…"


def current_rows(corpus: Path = CORPUS) -> list[Row]:
    """Lint every corpus file with every rule and return the findings as unjudged rows.

    The text files are linted as one run and the Word files as another, as a user lints a
    folder of drafts, so that the rules across files (XF) are judged too; a Word original and
    its text are not compared with each other."""
    rules = all_rules()
    rows = []
    files = corpus_files(corpus)
    for group in ([p for p in files if p.suffix != ".docx"], [p for p in files if p.suffix == ".docx"]):
        run = Run(rules, Config(), select=None, ignore=[], lang="vi", today=TODAY, preview=True)
        for path, result in zip(group, run.lint_all([str(p) for p in group])):
            if result.error:
                raise SystemExit(f"{path}: {result.error}")
            doc = result.document
            rel = path.relative_to(corpus).as_posix()
            for d in result.diagnostics:
                span = _escape(doc.text[d.span.start:d.span.end])
                rows.append(Row(rel, d.location.line, d.location.column, d.rule, span))
    return sorted(rows)


def read_rows(path: Path) -> list[Row]:
    """Rows of one snapshot file (header line skipped); errors name the file and line."""
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if n == 1 or not line:
                continue
            parts = line.split("\t")
            if len(parts) != len(HEADER):
                raise SystemExit(f"{path}:{n}: expected {len(HEADER)} tab-separated columns, got {len(parts)}")
            file, ln, col, rule, span, verdict, reason = parts
            if verdict not in ("", *VERDICTS):
                raise SystemExit(f"{path}:{n}: verdict must be one of {', '.join(VERDICTS)} (or empty), not {verdict!r}")
            rows.append(Row(file, int(ln), int(col), rule, span, verdict, reason))
    return rows


def write_rows(path: Path, rows: Iterable[Row]) -> None:
    rows = sorted(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(HEADER) + "\n")
        for row in rows:
            fh.write(row.tsv() + "\n")


def snapshot_rows(folder: Path = SNAPSHOT) -> list[Row]:
    """Every judged finding of the snapshot (all families, retired rows excluded)."""
    out: list[Row] = []
    for path in sorted(folder.glob("*.tsv")):
        if path.name != RETIRED:
            out.extend(read_rows(path))
    return sorted(out)


class Comparison(NamedTuple):
    """What changed between the findings of today and the snapshot."""

    added: list[Row]        # found now, not in the snapshot
    removed: list[Row]      # in the snapshot, not found now
    unjudged: list[Row]     # in both, but nobody has judged it yet
    returned: list[Row]     # found now and judged false before (retired)


def compare(current: list[Row], snapshot: list[Row], retired: list[Row]) -> Comparison:
    snap_keys = {r.key for r in snapshot}
    cur_keys = {r.key for r in current}
    retired_keys = {r.key for r in retired}
    return Comparison(
        added=[r for r in current if r.key not in snap_keys],
        removed=[r for r in snapshot if r.key not in cur_keys],
        unjudged=[r for r in snapshot if not r.verdict and r.key in cur_keys],
        returned=[r for r in current if r.key in retired_keys],
    )


def update(current: list[Row], folder: Path = SNAPSHOT, families: set[str] | None = None) -> None:
    """Rewrite the snapshot for ``families`` (all when None), keeping the verdicts of unmoved findings.

    Rows judged false whose finding has gone move to ``retired.tsv``.
    """
    old = snapshot_rows(folder)
    retired = read_rows(folder / RETIRED)
    verdicts = {r.key: r for r in old}
    touched = families or {r.family for r in current} | {r.family for r in old}
    by_family: dict[str, list[Row]] = defaultdict(list)
    kept = [row for row in current if row.family in touched]
    kept = [row._replace(verdict=verdicts[row.key].verdict, reason=verdicts[row.key].reason)
            if row.key in verdicts else row for row in kept]
    for row in propagate(kept, [*old, *kept]):
        by_family[row.family].append(row)
    cur_keys = {r.key for r in current}
    retired_keys = {r.key for r in retired}
    for row in old:
        if row.family in touched and row.key not in cur_keys and row.verdict == "false" and row.key not in retired_keys:
            retired.append(row)
    for family in touched:
        path = folder / f"{family}.tsv"
        if by_family.get(family):
            write_rows(path, by_family[family])
        elif path.exists():
            path.unlink()
    write_rows(folder / RETIRED, retired)


def measures(rows: Iterable[Row]) -> dict[str, Measure]:
    """Per-rule counts of findings and verdicts.

    A .docx row carrying the verdict of its .txt (reason ``=txt: …``) is the same finding on the
    same document: it is not counted again, so documents that have a Word original do not weigh
    twice. Findings only the Word file shows (layout, numbering, headers) are counted.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    files: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.reason.startswith(PROPAGATED):
            continue
        counts[row.rule][row.verdict or "unjudged"] += 1
        files[row.rule].add(row.file)
    return {rule: Measure(sum(c.values()), len(files[rule]), c["real"], c["false"], c["unsure"])
            for rule, c in sorted(counts.items())}


def table(rows: list[Row]) -> Iterator[str]:
    """The per-rule table: findings, files, verdicts, judged precision, and whether it is on by default."""
    rules = all_rules()
    per_rule = measures(rows)
    yield f"{'rule':<6} {'sev':<7} {'status':<8} {'findings':>8} {'files':>5} {'real':>5} {'false':>5} " \
          f"{'unsure':>6} {'unjudged':>8} {'precision':>9}"
    totals = Counter()
    for code, rule in rules.items():
        m = per_rule.get(code, Measure(0, 0, 0, 0, 0))
        status = "preview" if rule.preview else "default"
        prec = f"{m.precision:.1%}" if m.precision is not None else "-"
        unjudged = m.findings - m.real - m.false - m.unsure
        yield f"{code:<6} {str(rule.severity):<7} {status:<8} {m.findings:>8} {m.files:>5} {m.real:>5} " \
              f"{m.false:>5} {m.unsure:>6} {unjudged:>8} {prec:>9}"
        if not rule.preview:
            totals.update(findings=m.findings, real=m.real, false=m.false, unsure=m.unsure)
    judged = totals["real"] + totals["false"] + totals["unsure"]
    overall = f"{totals['real'] / judged:.1%}" if judged else "-"
    yield f"default rules: {totals['findings']} findings, {totals['real']} real, {totals['false']} false, " \
          f"{totals['unsure']} unsure: precision {overall}"


def _show(title: str, rows: list[Row], limit: int = 40) -> Iterator[str]:
    if rows:
        yield f"\n{title} ({len(rows)}):"
        for row in rows[:limit]:
            yield "  " + row.tsv().rstrip("\t")
        if len(rows) > limit:
            yield f"  … {len(rows) - limit} more"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the snapshot, keeping verdicts of unmoved findings")
    parser.add_argument("--select", help="with --update: only these families (comma-separated: FN,DC)")
    parser.add_argument("--precision", action="store_true",
                        help=f"rewrite {PRECISION_FILE} from the snapshot's verdicts (the rules' measured precision)")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    current = current_rows()
    if args.update:
        families = {f.strip().upper() for f in args.select.split(",")} if args.select else None
        update(current, SNAPSHOT, families)
    snapshot = snapshot_rows()
    if args.precision:
        write_precision(measures(snapshot))
    result = compare(current, snapshot, read_rows(SNAPSHOT / RETIRED))
    for line in table(snapshot):
        print(line)
    for title, rows in (("new findings, not in the snapshot", result.added),
                        ("findings of the snapshot that are gone", result.removed),
                        ("unjudged findings", result.unjudged),
                        ("false alarms that came back", result.returned)):
        for line in _show(title, rows):
            print(line)
    ok = not (result.added or result.removed or result.unjudged or result.returned)
    print("\nsnapshot up to date" if ok else
          "\nsnapshot differs: review the rows above, judge them, then `python bench/corpus.py --update`")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
