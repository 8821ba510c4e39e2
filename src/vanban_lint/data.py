"""Loading the YAML tables of ``rules/`` (safe loader only) and validating their shape.

The tables are data a văn thư can review without reading Python. A malformed table is an
error that names the file and the entry, never a silent no-op.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from vanban_lint.errors import ConfigError

try:  # libyaml's loader is several times faster and just as safe
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    """The ``rules/`` directory: inside the installed package, or at the top of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if (candidate / "checks").is_dir():
            return candidate
    raise ConfigError(f"rules/ data directory not found next to {here} (broken installation)")


def load_yaml_file(path: Path) -> Any:
    """Parse one YAML file with the safe loader; errors name the file and the line."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)  # noqa: S506 - CSafeLoader/SafeLoader only
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None


@lru_cache(maxsize=None)
def load_table(name: str) -> Any:
    """Load ``rules/data/<name>.yaml``."""
    return load_yaml_file(rules_dir() / "data" / f"{name}.yaml")


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
