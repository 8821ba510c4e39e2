"""Loading the YAML tables of ``rules/`` (safe loader only) and validating their shape.

The tables are data a văn thư can review without reading Python. A malformed table is an
error that names the file and the entry, never a silent no-op.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from functools import lru_cache
from typing import Any

from vanban_lint.errors import ConfigError

CACHE_ENV = "VANBAN_LINT_CACHE_DIR"  # set to "" to disable the parse cache


@lru_cache(maxsize=1)
def rules_dir() -> str:
    """The ``rules/`` directory: inside the installed package, or at the top of a checkout."""
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (os.path.join(here, "rules"), os.path.join(os.path.dirname(os.path.dirname(here)), "rules")):
        if os.path.isdir(os.path.join(candidate, "checks")):
            return candidate
    raise ConfigError(f"rules/ data directory not found next to {here} (broken installation)")


def load_yaml_file(path: str) -> Any:
    """Parse one YAML file with the safe loader; errors name the file and the line.

    Parsed results are cached as JSON (data only, never code) in the user's cache directory,
    one cache file per YAML path, valid while the YAML file keeps its size and modification
    time, because parsing YAML costs more start-up time than linting a whole draft. Any cache
    problem falls back to parsing.
    """
    path = os.fspath(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    stamp = [st.st_size, st.st_mtime_ns]
    cache = _cache_file(path)
    if cache is not None:
        try:
            with open(cache, encoding="utf-8") as fh:
                entry = json.load(fh, object_hook=_decode)
            if entry.get("stamp") == stamp:
                return entry["data"]
        except (OSError, ValueError, AttributeError, KeyError):
            pass
    data = _parse_yaml(path)
    if cache is not None:
        _write_cache(cache, stamp, data)
    return data


def _parse_yaml(path: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available; both are safe
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader)  # noqa: S506 - safe loaders only
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None


def cache_dir() -> str | None:
    """The user's cache directory of vanban-lint, or None when ``VANBAN_LINT_CACHE_DIR=`` disables it."""
    root = os.environ.get(CACHE_ENV)
    if root == "":
        return None
    if root is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "vanban-lint")
    return root


def _cache_file(path: str) -> str | None:
    root = cache_dir()
    if root is None:
        return None
    name = "".join(c if c.isalnum() else "_" for c in os.path.abspath(path))[-150:]
    return os.path.join(root, f"{name}.json")


def _write_cache(cache: str, stamp: list[int], data: Any) -> None:
    try:
        text = json.dumps({"stamp": stamp, "data": data}, ensure_ascii=False, default=_encode)
        if json.loads(text, object_hook=_decode)["data"] != data:
            return  # not representable (e.g. integer keys): parse every time
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        tmp = f"{cache}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, cache)
    except (OSError, TypeError, ValueError):
        pass


def _encode(obj: Any) -> Any:
    if isinstance(obj, dt.datetime):
        raise TypeError("datetimes are not cached")
    if isinstance(obj, dt.date):
        return {"__date__": obj.isoformat()}
    raise TypeError(type(obj).__name__)


def _decode(obj: dict) -> Any:
    if len(obj) == 1 and "__date__" in obj:
        return dt.date.fromisoformat(obj["__date__"])
    return obj


@lru_cache(maxsize=None)
def load_table(name: str) -> Any:
    """Load ``rules/data/<name>.yaml``."""
    return load_yaml_file(os.path.join(rules_dir(), "data", f"{name}.yaml"))


def require_fields(where: str, entry: Any, fields: dict[str, type | tuple[type, ...]],
                   optional: dict[str, type | tuple[type, ...]] | None = None) -> dict:
    """Check that ``entry`` is a mapping with these fields of these types; return it.

    Unknown fields are errors too, so that a typo in a table cannot silently disable a row.
    """
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(entry).__name__}")
    optional = optional or {}
    for key, typ in fields.items():
        if key not in entry:
            raise ConfigError(f"{where}: missing field '{key}'")
        if not isinstance(entry[key], typ):
            raise ConfigError(f"{where}: field '{key}' must be {_type_name(typ)}, got {entry[key]!r}")
    for key, value in entry.items():
        if key in fields:
            continue
        if key not in optional:
            raise ConfigError(f"{where}: unknown field '{key}'")
        if value is not None and not isinstance(value, optional[key]):
            raise ConfigError(f"{where}: field '{key}' must be {_type_name(optional[key])}, got {value!r}")
    return entry


def _type_name(typ: type | tuple[type, ...]) -> str:
    if isinstance(typ, tuple):
        return " or ".join(t.__name__ for t in typ)
    return typ.__name__
