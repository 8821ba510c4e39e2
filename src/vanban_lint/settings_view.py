"""``lint --show-settings FILE``: the settings that apply to a file and where they came from."""

from __future__ import annotations

import os


def show_settings(run, path: str) -> str:
    """The configuration file found for ``path`` (or none), its values, the command line's
    overrides, whether ``path`` is excluded, and the rules that will run on it."""
    cfg = run.config_for(path)
    settings = run.settings_for(path)
    extra = cfg.ignores_for(path)
    lines = [
        f"file: {path}",
        f"configuration: {cfg.path or '(none: defaults)'}",
        f"root: {os.path.abspath(cfg.root)}",
        f"preview: {str(run.preview or cfg.preview).lower()}",
        f"lang: {settings.lang}",
        f"fail-on: {cfg.fail_on}",
        f"select: {_codes(run.select if run.select is not None else cfg.select) or 'ALL'}"
        + (" (command line)" if run.select is not None else ""),
        f"ignore: {_codes([*cfg.ignore, *run.ignore]) or '-'}",
        f"per-file-ignores for this file: {_codes(extra) or '-'}",
        f"excluded: {'yes' if cfg.excluded(path) else 'no'}",
        f"severity: {', '.join(f'{k}={v}' for k, v in sorted(cfg.severity.items())) or '-'}",
        f"rules: {', '.join(f'{k}={v}' for k, v in sorted(cfg.rules.items())) or '-'}",
        f"catalog: {cfg.catalog or '-'}",
        f"enabled rules ({len(settings.rules)}): {' '.join(r.code for r in settings.rules)}",
    ]
    return "\n".join(lines) + "\n"


def _codes(codes) -> str:
    return ", ".join(codes or [])
