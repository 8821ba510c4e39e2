"""Configuration: discovery, validation and per-file settings.

One configuration applies to a file (no merging, as in ruff): ``--config FILE``, else the
nearest of ``.vanban-lint.yaml``, ``.vanban-lint.yml`` or ``pyproject.toml`` with a
``[tool.vanban-lint]`` table, searching from the file's folder up to the filesystem root
(:class:`Resolver`); files of several projects linted in one run each get their own. Standard
input and run-wide options use the one found from the current directory. Unknown keys and bad
values are errors that name the file.

.. code-block:: yaml

    preview: false           # true: also run the rules in preview (below the precision bar)
    select: [ALL]            # codes or prefixes
    ignore: [NB2]
    lang: vi                 # vi | en
    fail-on: error           # error | warning | info: the lowest severity that makes the exit code 1
    severity: {FN104: error} # re-grade a rule
    rules: {NB101: {tolerance: 0.1}}   # rule options
    per-file-ignores: {"luu-tru/*.md": [DT]}
    exclude: ["mau/*.md"]
    catalog: documents.yaml  # known documents (vanban_lint.catalog), relative to this file
"""

from __future__ import annotations

import fnmatch
import os
import re
from typing import Any

from vanban_lint.data import load_yaml_file
from vanban_lint.diagnostics import Severity
from vanban_lint.errors import ConfigError

CONFIG_NAMES = (".vanban-lint.yaml", ".vanban-lint.yml")
KEYS = {"preview", "select", "ignore", "lang", "fail-on", "severity", "rules", "per-file-ignores", "exclude",
        "catalog"}


class Config:
    """A validated configuration (defaults when no file was found)."""

    def __init__(self, path: str | None = None, root: str = ".") -> None:
        self.path = path
        self.root = root
        self.preview = False
        self.select: list[str] | None = None
        self.ignore: list[str] = []
        self.lang = "vi"
        self.fail_on = Severity.ERROR
        self.severity: dict[str, Severity] = {}
        self.rules: dict[str, dict] = {}
        self.per_file_ignores: dict[str, list[str]] = {}
        self.exclude: list[str] = []
        self.catalog: str | None = None  # absolute path of the catalog of known documents

    def ignores_for(self, path: str) -> list[str]:
        """Extra ignored codes for ``path`` from ``per-file-ignores``."""
        rel = self._relative(path)
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
                out.extend(codes)
        return out

    def excluded(self, path: str) -> bool:
        rel = self._relative(path)
        return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(os.path.basename(path), p) for p in self.exclude)

    def _relative(self, path: str) -> str:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        if rel.startswith(".."):
            rel = path
        return rel.replace(os.sep, "/")


def discover(start: str = ".") -> str | None:
    """The nearest configuration file from ``start`` upwards, or None."""
    folder = os.path.realpath(start)
    while True:
        for name in CONFIG_NAMES:
            if os.path.isfile(os.path.join(folder, name)):
                return os.path.join(folder, name)
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _pyproject_table(pyproject) is not None:
            return pyproject
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


class Resolver:
    """The configuration of each file: ``fixed`` (``--config``, or defaults with ``--isolated``)
    for all, else the nearest one above the file, found once per folder and loaded once per file."""

    def __init__(self, fixed: Config | None = None, known: set[str] | None = None) -> None:
        self.fixed = fixed
        self.known = known
        self._by_folder: dict[str, str | None] = {}
        self._loaded: dict[str | None, Config] = {}

    def for_path(self, path: str) -> Config:
        """The configuration that applies to ``path`` (a file, or a folder's own path)."""
        if self.fixed is not None:
            return self.fixed
        folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        if folder not in self._by_folder:
            self._by_folder[folder] = discover(folder)
        return self._load(self._by_folder[folder])

    def _load(self, found: str | None) -> Config:
        if found not in self._loaded:
            cfg = load(found)
            if self.known is not None:
                validate_codes(cfg, self.known)
            self._loaded[found] = cfg
        return self._loaded[found]


def load(path: str | None) -> Config:
    """Load and validate a configuration file (None: defaults)."""
    if path is None:
        return Config()
    if not os.path.isfile(path):
        raise ConfigError(f"{path}: configuration file not found")
    if os.path.basename(path) == "pyproject.toml":
        data = _pyproject_table(path)
        if data is None:
            raise ConfigError(f"{path}: no [tool.vanban-lint] table")
    else:
        data = load_yaml_file(path)
        if data is None:
            data = {}
    return parse(data, path, os.path.dirname(os.path.abspath(path)))


# Where a pyproject.toml can define the table ``tool.vanban-lint``: a key path ``tool.vanban-lint``
# (a table header, a dotted key, quoted or not), a ``[tool]`` table or a ``tool = {…}`` inline table.
_MAY_DEFINE_TABLE = re.compile(
    rb"""tool["']?[ \t]*\.[ \t]*["']?vanban-lint|^[ \t]*\[[ \t]*["']?tool["']?[ \t]*\]|^[ \t]*["']?tool["']?[ \t]*=""",
    re.MULTILINE)


def _pyproject_table(path: str) -> dict | None:
    """The ``[tool.vanban-lint]`` table of a pyproject.toml, or None. A file that cannot define
    it is not parsed (most projects' pyproject.toml configure other tools, and a package may
    name its ``vanban-lint`` command: importing and running the TOML parser costs a draft's
    run 2 ms); a key spelled with escapes (``"vanban\\u002dlint"``) is not looked for."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if b"vanban-lint" not in raw or not _MAY_DEFINE_TABLE.search(raw):
        return None
    try:
        import tomllib  # type: ignore[import-not-found]
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("vanban-lint")
    return table if isinstance(table, dict) else None


def parse(data: Any, where: str, root: str = ".") -> Config:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: the configuration must be a mapping")
    unknown = set(data) - KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(KEYS))}")
    cfg = Config(path=where, root=root)
    if "preview" in data:
        if not isinstance(data["preview"], bool):
            raise ConfigError(f"{where}: preview must be true or false")
        cfg.preview = data["preview"]
    if "select" in data:
        cfg.select = _codes(where, "select", data["select"])
    if "ignore" in data:
        cfg.ignore = _codes(where, "ignore", data["ignore"])
    if "lang" in data:
        if data["lang"] not in ("vi", "en"):
            raise ConfigError(f"{where}: lang must be 'vi' or 'en'")
        cfg.lang = data["lang"]
    if "fail-on" in data:
        cfg.fail_on = _severity(where, "fail-on", data["fail-on"])
    for code, level in _mapping(where, "severity", data.get("severity", {})).items():
        cfg.severity[str(code).upper()] = _severity(where, f"severity.{code}", level)
    for code, opts in _mapping(where, "rules", data.get("rules", {})).items():
        cfg.rules[str(code).upper()] = _mapping(where, f"rules.{code}", opts)
    for pattern, codes in _mapping(where, "per-file-ignores", data.get("per-file-ignores", {})).items():
        cfg.per_file_ignores[str(pattern)] = _codes(where, f"per-file-ignores.{pattern}", codes)
    if "exclude" in data:
        ex = data["exclude"]
        if not isinstance(ex, list) or not all(isinstance(x, str) for x in ex):
            raise ConfigError(f"{where}: exclude must be a list of glob patterns")
        cfg.exclude = list(ex)
    if "catalog" in data:
        if not isinstance(data["catalog"], str) or not data["catalog"].strip():
            raise ConfigError(f"{where}: catalog must be the path of a documents.yaml file")
        cfg.catalog = os.path.normpath(os.path.join(root, data["catalog"]))
    return cfg


def validate_codes(cfg: Config, known: set[str]) -> None:
    """Every code or prefix named in the configuration must match at least one rule."""
    named = [*(cfg.select or []), *cfg.ignore, *cfg.severity, *cfg.rules]
    for codes in cfg.per_file_ignores.values():
        named.extend(codes)
    for code in named:
        if code != "ALL" and not any(k.startswith(code) for k in known):
            raise ConfigError(f"{cfg.path}: unknown rule code or prefix '{code}'")


def _codes(where: str, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of rule codes")
    return [v.strip().upper() for v in value]


def _mapping(where: str, key: str, value: Any) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key} must be a mapping")
    return value


def _severity(where: str, key: str, value: Any) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: {key}: {exc}") from None
