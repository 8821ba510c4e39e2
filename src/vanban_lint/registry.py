"""Rules are data plus code.

Each rule's metadata (code, name, severity, messages in Vietnamese and English, rationale,
source, examples it must flag and text it must leave alone) lives in ``rules/checks/*.yaml``;
its logic is a function in the check module the file names (``module: footnotes`` for
``vanban_lint.checks.footnotes``), registered with :func:`check`. A check module (with the
extractors it needs) is imported when one of its rules first runs, so that a run of a few rules
does not pay for the others' start-up. :func:`verify_implementations` imports every module and
fails loudly when code and metadata do not match (the test suite runs it), so no rule can exist
without its examples, and no metadata can describe a rule that does not run.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping, NamedTuple

import regex

from vanban_lint.data import load_yaml_file, require_fields, rules_dir
from vanban_lint.diagnostics import Finding, Severity
from vanban_lint.errors import ConfigError
from vanban_lint.precision import Measure, load_precision

if TYPE_CHECKING:
    from vanban_lint.document import Document
    from vanban_lint.facts import Facts

CheckFn = Callable[["Document", "Facts", dict], Iterable[Finding]]

# The check modules, one per rule family (see design.md); a rules file names its module.
CHECK_MODULES = ("footnotes", "headings", "orthography", "punctuation", "suppressions", "dates", "numbers", "codes",
                 "citation_dates", "terms", "spelling", "thethuc", "capitalisation", "crossfile", "catalog")

LANGS = ("vi", "en")
CODE_RE = regex.compile(r"[A-Z]{2}\d{3}")
NAME_RE = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

_IMPLEMENTATIONS: dict[str, CheckFn] = {}
# Rules over the files of a run together (vanban_lint.crossfile): fn(files, options) -> findings.
_PROJECT_IMPLEMENTATIONS: dict[str, Callable] = {}


def check(code: str) -> Callable[[CheckFn], CheckFn]:
    """Register the function that implements rule ``code``."""

    def deco(fn: CheckFn) -> CheckFn:
        if code in _IMPLEMENTATIONS:
            raise ConfigError(f"rule {code} implemented twice")
        _IMPLEMENTATIONS[code] = fn
        return fn

    return deco


def project_check(code: str) -> Callable[[Callable], Callable]:
    """Register the function that implements rule ``code`` over all the files of a run
    (:mod:`vanban_lint.crossfile`): it takes their facts and the rule's options."""

    def deco(fn: Callable) -> Callable:
        if code in _IMPLEMENTATIONS or code in _PROJECT_IMPLEMENTATIONS:
            raise ConfigError(f"rule {code} implemented twice")
        _PROJECT_IMPLEMENTATIONS[code] = fn
        return fn

    return deco


class Example(NamedTuple):
    """A text a rule must flag (``expect`` positions, if given, must all be reported) or leave alone.

    A rule over several files has ``files`` (name -> text, linted together) instead of one text;
    its ``expect`` entries are then ``[file, line, column]``."""

    text: str
    filename: str = "example.md"
    expect: tuple[tuple, ...] = ()
    options: Mapping = MappingProxyType({})
    files: Mapping[str, str] = MappingProxyType({})


class Rule(NamedTuple):
    code: str
    name: str
    family: str
    severity: Severity
    summary: dict[str, str]
    messages: dict[str, dict[str, str]]
    notes: dict[str, dict[str, str]]
    rationale: dict[str, str]  # by language
    source: str
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    options: dict[str, Any]
    fn: LazyCheck  # the rule's function, imported when first called
    preview: bool = False            # off by default: see vanban_lint.precision
    measure: Measure | None = None   # findings and verdicts on the real corpus
    project: bool = False            # a rule over the files of a run together (crossfile)

    def message(self, variant: str, lang: str, args: dict) -> str:
        return _format(self.messages[variant][lang], args)

    def note(self, key: str, lang: str, args: dict) -> str:
        return _format(self.notes[key][lang], args)


def _format(template: str, args: dict) -> str:
    try:
        return template.format(**args)
    except (KeyError, IndexError) as exc:
        raise ConfigError(f"message template {template!r} needs argument {exc}") from None


class LazyCheck:
    """The function of rule ``code`` in check module ``module``, imported on the first call."""

    __slots__ = ("module", "code", "project", "_fn")

    def __init__(self, module: str, code: str, project: bool) -> None:
        self.module, self.code, self.project = module, code, project
        self._fn: Callable | None = None

    def __call__(self, *args: Any) -> Any:
        if self._fn is None:
            self._fn = self.resolve()
        return self._fn(*args)

    def resolve(self) -> Callable:
        """The registered function; ConfigError when the module does not implement the rule as described."""
        importlib.import_module(f"vanban_lint.checks.{self.module}")
        table = _PROJECT_IMPLEMENTATIONS if self.project else _IMPLEMENTATIONS
        fn = table.get(self.code)
        if fn is None or fn.__module__ != f"vanban_lint.checks.{self.module}":
            kind = "over several files (project_check)" if self.project else "(check)"
            raise ConfigError(f"no implementation {kind} of {self.code} registered in vanban_lint.checks.{self.module}")
        return fn

    def __reduce__(self) -> tuple:  # pickles as its names, not as the function
        return (LazyCheck, (self.module, self.code, self.project))


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    """Load every rule's metadata from YAML; implementations are imported when they first run."""
    rules: dict[str, Rule] = {}
    measured = load_precision()
    folder = os.path.join(rules_dir(), "checks")
    for path in sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".yaml")):
        doc = load_yaml_file(path)
        require_fields(str(path), doc, {"family": str, "module": str, "title": str, "rules": list})
        if doc["module"] not in CHECK_MODULES:
            raise ConfigError(f"{path}: module must be one of {', '.join(CHECK_MODULES)}")
        for i, entry in enumerate(doc["rules"]):
            rule = _parse_rule(f"{path}: rules[{i}]", doc["family"], doc["module"], entry,
                               measured.get(entry.get("code")))
            if rule.code in rules:
                raise ConfigError(f"{path}: rule {rule.code} defined twice")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


def verify_implementations(rules: dict[str, Rule]) -> None:
    """Import every check module and fail (ConfigError) unless each rule's module implements it,
    as a rule over one file or over several as its examples say, and nothing is implemented
    without metadata."""
    for rule in rules.values():
        rule.fn.resolve()
    for mod in CHECK_MODULES:
        importlib.import_module(f"vanban_lint.checks.{mod}")
    missing = sorted((set(_IMPLEMENTATIONS) | set(_PROJECT_IMPLEMENTATIONS)) - set(rules))
    if missing:
        raise ConfigError(f"rules implemented without metadata in rules/checks: {', '.join(missing)}")


def _parse_rule(where: str, family: str, module: str, entry: Any, measure: Measure | None = None) -> Rule:
    require_fields(
        where, entry,
        {"code": str, "name": str, "severity": str, "summary": dict, "message": dict,
         "rationale": dict, "source": str, "examples": dict},
        {"notes": dict, "options": dict, "preview": bool},
    )
    code = entry["code"]
    where = f"{where} ({code})"
    if not CODE_RE.fullmatch(code) or not code.startswith(family):
        raise ConfigError(f"{where}: code must be the family letters '{family}' and three digits")
    if not NAME_RE.fullmatch(entry["name"]):
        raise ConfigError(f"{where}: name must be kebab-case")
    try:
        severity = Severity.parse(entry["severity"])
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    messages = entry["message"]
    if all(lang in messages for lang in LANGS) and all(isinstance(messages[k], str) for k in LANGS):
        messages = {"default": messages}
    for variant, texts in messages.items():
        _require_langs(f"{where}: message.{variant}", texts)
    notes = entry.get("notes") or {}
    for key, texts in notes.items():
        _require_langs(f"{where}: notes.{key}", texts)
    _require_langs(f"{where}: summary", entry["summary"])
    _require_langs(f"{where}: rationale", entry["rationale"])
    examples = entry["examples"]
    require_fields(f"{where}: examples", examples, {"bad": list, "good": list})
    bad = tuple(_parse_example(f"{where}: examples.bad[{i}]", e) for i, e in enumerate(examples["bad"]))
    good = tuple(_parse_example(f"{where}: examples.good[{i}]", e) for i, e in enumerate(examples["good"]))
    if not bad or not good:
        raise ConfigError(f"{where}: needs at least one bad and one good example")
    project = any(e.files for e in (*bad, *good))  # a rule over several files is shown on sets of files
    if project != all(e.files for e in (*bad, *good)):
        raise ConfigError(f"{where}: the examples of a rule over several files (and only those) have 'files'")
    fn = LazyCheck(module, code, project)
    return Rule(code, entry["name"], family, severity, entry["summary"], messages, notes,
                {lang: entry["rationale"][lang].strip() for lang in LANGS}, entry["source"].strip(), bad, good,
                dict(entry.get("options") or {}), fn,
                preview=bool(entry.get("preview")) or (measure is not None and measure.below(severity)),
                measure=measure, project=project)


def _require_langs(where: str, texts: Any) -> None:
    if not isinstance(texts, dict) or any(not isinstance(texts.get(lang), str) for lang in LANGS):
        raise ConfigError(f"{where}: needs 'vi' and 'en' strings")


def _parse_example(where: str, entry: Any) -> Example:
    if isinstance(entry, str):
        return Example(entry)
    if isinstance(entry, dict) and "files" in entry:
        return _parse_files_example(where, entry)
    require_fields(where, entry, {"text": str}, {"filename": str, "expect": list, "options": dict})
    expect = []
    for item in entry.get("expect") or []:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, int) for x in item)):
            raise ConfigError(f"{where}: expect entries are [line, column] pairs")
        expect.append((item[0], item[1]))
    return Example(entry["text"], entry.get("filename") or "example.md", tuple(expect),
                   dict(entry.get("options") or {}))


def _parse_files_example(where: str, entry: dict) -> Example:
    """An example of several files linted together: ``files: {name: text}``, ``expect:
    [[name, line, column]]``."""
    require_fields(where, entry, {"files": dict}, {"expect": list, "options": dict})
    files = entry["files"]
    if len(files) < 2 or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise ConfigError(f"{where}: files maps two or more file names to their texts")
    expect = []
    for item in entry.get("expect") or []:
        if not (isinstance(item, list) and len(item) == 3 and item[0] in files
                and all(isinstance(x, int) for x in item[1:])):
            raise ConfigError(f"{where}: expect entries are [file, line, column]")
        expect.append(tuple(item))
    return Example("", "", tuple(expect), dict(entry.get("options") or {}), dict(files))


def select_rules(rules: dict[str, Rule], select: Iterable[str] | None, ignore: Iterable[str],
                 preview: bool = False) -> list[Rule]:
    """Rules whose code starts with a ``select`` prefix and with no ``ignore`` prefix.

    ``ALL`` selects everything; a prefix matches a family (``FN``) or a code (``FN101``).
    Preview rules run only with ``preview`` (as in ruff, selecting one does not enable it).
    """
    sel = [s.upper() for s in (select or ["ALL"])]
    ign = [s.upper() for s in ignore]

    def matches(code: str, prefixes: list[str]) -> bool:
        return any(p == "ALL" or code.startswith(p) for p in prefixes)

    return [r for c, r in rules.items()
            if (preview or not r.preview) and matches(c, sel) and not matches(c, ign)]


def resolve_code(rules: dict[str, Rule], key: str) -> Rule | None:
    """Find a rule by code (``FN101``) or name (``undefined-footnote``)."""
    key = key.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    for rule in rules.values():
        if rule.name == key.lower():
            return rule
    return None
