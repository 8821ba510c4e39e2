"""Measured precision of each rule on the real corpus, and the preview policy it drives.

``rules/precision.yaml`` holds, per rule, how many findings it reports on the real documents of
the corpus check (``bench/corpus.py``) and how many of them a reader judged real, false or
unsure. The policy follows ruff's preview mode: a rule whose judged precision is below 95 %
(98 % for a rule of severity error) is in preview, off by default (``--preview`` or
``preview: true`` turns it on). A rule may also be put in preview by hand (``preview: true`` in
its ``rules/checks`` entry), for instance while too few real findings exist to measure it.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from vanban_lint.data import load_yaml_file, require_fields, rules_dir
from vanban_lint.diagnostics import Severity
from vanban_lint.errors import ConfigError

PRECISION_FILE = "rules/precision.yaml"
THRESHOLD = {Severity.ERROR: 0.98, Severity.WARNING: 0.95, Severity.INFO: 0.95}
# YAML keys of a Measure's fields (a bare ``false`` key would be read as the boolean).
_FIELDS = ("findings", "files", "real", "false_alarms", "unsure")


class Measure(NamedTuple):
    """One rule's findings on the corpus and their verdicts."""

    findings: int
    files: int
    real: int
    false: int
    unsure: int

    @property
    def precision(self) -> float | None:
        """Real findings over judged ones (unsure counts against the rule); None when none is judged."""
        judged = self.real + self.false + self.unsure
        return self.real / judged if judged else None

    def below(self, severity: Severity) -> bool:
        """True when the measured precision misses the bar for a rule of this severity."""
        p = self.precision
        return p is not None and p < THRESHOLD[severity]


def load_precision() -> dict[str, Measure]:
    """The measured precision table, validated; empty when the file is absent."""
    path = os.path.join(rules_dir(), "precision.yaml")
    if not os.path.exists(path):
        return {}
    doc = load_yaml_file(path)
    require_fields(path, doc, {"rules": dict}, {"corpus": str})
    out = {}
    for code, entry in doc["rules"].items():
        require_fields(f"{path}: {code}", entry, {k: int for k in _FIELDS})
        m = Measure(*(entry[k] for k in _FIELDS))
        if m.real + m.false + m.unsure > m.findings or min(m) < 0:
            raise ConfigError(f"{path}: {code}: verdict counts do not add up to at most the findings")
        out[str(code)] = m
    return out


def write_precision(measures: dict[str, Measure]) -> None:
    """Write ``rules/precision.yaml`` (used by ``bench/corpus.py --precision``)."""
    lines = [
        "# Measured precision of each rule on the real documents of ../shared/corpus and",
        "# ../shared/corpus/wide, from the judged snapshot tests/corpus-snapshot/ (bench/corpus.py).",
        "# Written by `python bench/corpus.py --precision`; do not edit by hand.",
        "corpus: ../shared/corpus and ../shared/corpus/wide",
        "rules:",
    ]
    for code, m in sorted(measures.items()):
        lines.append(f"  {code}: {{" + ", ".join(f"{k}: {v}" for k, v in zip(_FIELDS, m)) + "}")
    with open(os.path.join(rules_dir(), "precision.yaml"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
