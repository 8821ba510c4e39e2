"""Command line: arguments → run → exit code.

Exit codes (one policy, here): 0 when nothing at or above the failure threshold (``--fail-on``,
default ``error``) was found; 1 when something was (or, with ``--diff``, when a fix would change
a file); 2 for usage, configuration or input errors. Input errors do not stop the run: the other
files are still linted and reported.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from vanban_lint import __version__
from vanban_lint.errors import ConfigError

if TYPE_CHECKING:
    import datetime as dt

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", "build", "dist"}


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width the way ``shutil`` finds it: argparse makes
    a formatter for every argument it adds, and otherwise imports ``shutil`` (and with it bz2 and
    lzma) for that, which costs a run more time than reading its configuration."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ.get("COLUMNS", "0"))
        except ValueError:
            columns = 0
        if columns <= 0:
            try:
                columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
            except (AttributeError, ValueError, OSError):
                columns = 80
        super().__init__(prog, width=columns - 2)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lint",
        formatter_class=_HelpFormatter,
        description="vanban-lint: kiểm tra tính nhất quán của dự thảo văn bản hành chính và văn bản của Đảng "
                    "(chú thích, số hiệu văn bản, ngày tháng, số liệu).",
    )
    p.add_argument("paths", nargs="*", help="files or folders (.md, .txt, .docx); '-' reads standard input")
    p.add_argument("--format", choices=["text", "concise", "json", "sarif", "github"],
                   help="output format (default: text; github when GITHUB_ACTIONS is set)")
    p.add_argument("--select", help="comma-separated rule codes or prefixes to enable (default: ALL)")
    p.add_argument("--ignore", help="comma-separated rule codes or prefixes to disable")
    p.add_argument("--preview", action="store_true",
                   help="also run the rules in preview (below the precision bar on real documents)")
    p.add_argument("--lang", choices=["vi", "en"], help="message language (default: vi)")
    p.add_argument("--fail-on", choices=["error", "warning", "info"],
                   help="lowest severity that makes the exit code 1 (default: error)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    p.add_argument("--config", help="configuration file (default: nearest .vanban-lint.yaml or pyproject.toml)")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--stdin-filename", help="name (and so format) of the text read from standard input")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes")
    p.add_argument("--diff", action="store_true", help="print the fixes as a diff instead of writing them")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply the configuration's exclude patterns to files named on the command line too")
    p.add_argument("--today", help="date to use as today for date checks (2026-04-15 or 15/4/2026)")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="lint files in N parallel processes (default: the number of cores); output order is stable")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of them")
    p.add_argument("--show-settings", metavar="FILE",
                   help="print the settings that apply to FILE and the configuration file they came from, and exit")
    p.add_argument("--build-catalog", action="store_true",
                   help="write a catalog of the documents cited in PATHS (documents.yaml, by majority) to standard "
                        "output; the conflicts it resolved go to standard error")
    p.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    p.add_argument("--explain", metavar="CODE", help="explain a rule (code or name) with its examples and exit")
    p.add_argument("--version", action="version", version=f"vanban-lint {__version__}")
    return p


def entry() -> None:
    """The console command (``lint``, ``vanban-lint``, ``python -m vanban_lint``): :func:`main`,
    then leave without the interpreter's teardown.

    Tearing down a finished run (freeing every module's tables one object at a time) took 13 ms
    of a 90 ms draft. Everything a run writes is written by then: reports to the flushed standard
    streams, ``--fix`` files and the pattern cache closed before :func:`main` returns. A run that
    ends by SystemExit (``--help``, ``--version``, a usage error) leaves the usual way."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away (``lint … | head``), or the stream was closed
            pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["server"]:  # ``vanban-lint server``: the language server (a file named server: ./server)
        from vanban_lint.server import main as serve

        return serve(argv[1:])  # a long-lived process: it keeps the cyclic collector
    # A lint run allocates millions of small objects (spans, facts, the modules' tables) and makes
    # no reference cycles (gc.collect() after linting a file finds nothing to free): the cyclic
    # collector would only traverse live objects, a tenth of a large file's run and 3 ms of a
    # draft's. Reference counting frees everything.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:  # main() called in a longer process (tests): leave it as it was
            gc.enable()


def _main(argv: list[str]) -> int:
    from vanban_lint import rxcache

    rxcache.load()  # before the modules that compile patterns are imported
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except ConfigError as exc:
        print(f"vanban-lint: lỗi cấu hình (configuration error): {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    finally:
        rxcache.save()


def _run(args: argparse.Namespace) -> int:
    from vanban_lint import config as configmod
    from vanban_lint.diagnostics import Severity
    from vanban_lint.registry import all_rules

    rules = all_rules()
    fixed = configmod.Config() if args.isolated else (configmod.load(args.config) if args.config else None)
    resolver = configmod.Resolver(fixed, set(rules))
    cfg = resolver.for_path(os.getcwd())  # for what is not a file's: rule listings, the output's words
    lang = args.lang or cfg.lang

    if args.list_rules:
        from vanban_lint.explain import list_rules

        sys.stdout.write(list_rules(rules, lang))
        return EXIT_OK
    if args.explain:
        from vanban_lint.explain import explain
        from vanban_lint.registry import resolve_code

        rule = resolve_code(rules, args.explain)
        if rule is None:
            print(f"vanban-lint: không có quy tắc '{args.explain}' (unknown rule)", file=sys.stderr)
            return EXIT_ERROR
        sys.stdout.write(explain(rule, lang))
        return EXIT_OK
    if args.show_settings:
        from vanban_lint.settings_view import show_settings

        sys.stdout.write(show_settings(_run_for(args, rules, resolver, None), args.show_settings))
        return EXIT_OK
    if not args.paths:
        print("vanban-lint: cần ít nhất một tệp hoặc thư mục (no files given); xem lint --help", file=sys.stderr)
        return EXIT_ERROR

    for code in [*(_split(args.select) if args.select else []), *(_split(args.ignore) if args.ignore else [])]:
        if code != "ALL" and not any(k.startswith(code) for k in rules):
            print(f"vanban-lint: không có quy tắc hay tiền tố '{code}' (unknown rule code or prefix)", file=sys.stderr)
            return EXIT_ERROR
    today = None
    if args.today:
        today = _parse_today(args.today)
        if today is None:
            print(f"vanban-lint: --today không phải ngày hợp lệ: '{args.today}' (dùng 2026-04-15 hoặc 15/4/2026)",
                  file=sys.stderr)
            return EXIT_ERROR
    if args.jobs is not None and args.jobs < 1:
        print("vanban-lint: --jobs cần một số nguyên dương (a positive number)", file=sys.stderr)
        return EXIT_ERROR
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")

    run = _run_for(args, rules, resolver, today)
    files, missing = collect_files(args.paths, resolver, args.force_exclude)
    jobs = args.jobs or _default_jobs()
    if args.build_catalog:
        from vanban_lint.catalog_cli import build_catalog

        return build_catalog(run, files, missing, jobs)
    results = run.lint_all(files, jobs)
    for path, message in missing:
        results.append(run.error_result(path, message))
    color = args.color == "always" or (args.color == "auto" and fmt == "text" and sys.stdout.isatty()
                                       and "NO_COLOR" not in os.environ)
    from vanban_lint.report import render

    if run.diffs:
        sys.stdout.write("".join(run.diffs))
    if args.statistics:
        from vanban_lint.report.statistics import render as statistics

        sys.stdout.write(statistics(results, rules, lang))
    elif not (run.fix and run.stdin_output is not None):
        out = render(fmt, results, lang, color=color)
        (sys.stderr if run.diffs and fmt == "text" else sys.stdout).write(out)
    if run.stdin_output is not None:
        sys.stdout.write(run.stdin_output)

    if any(r.error for r in results):
        return EXIT_ERROR
    if args.diff and run.diffs:
        return EXIT_FINDINGS
    if args.exit_zero:
        return EXIT_OK
    fail_on = Severity.parse(args.fail_on) if args.fail_on else None
    failed = any(d.severity >= (fail_on or run.fail_on_for(r.path)) for r in results for d in r.diagnostics)
    return EXIT_FINDINGS if failed else EXIT_OK


def _default_jobs() -> int:
    """One process per core: files are shared out among them, and a file alone has its rules run
    in two (vanban_lint.split; a snippet of a few lines takes one)."""
    from vanban_lint.parallel import default_jobs

    return default_jobs()


def _run_for(args: argparse.Namespace, rules, resolver, today: dt.date | None):
    """The run the command line asks for; each file's configuration is found by ``resolver``."""
    from vanban_lint.runner import Run

    return Run(rules=rules, cfg=resolver, select=_split(args.select) if args.select else None,
               ignore=_split(args.ignore) if args.ignore else [], lang=args.lang, today=today,
               fix=args.fix, diff=args.diff, unsafe=args.unsafe_fixes, stdin_filename=args.stdin_filename,
               preview=args.preview)


def _parse_today(value: str) -> dt.date | None:
    """A date given as ISO (2026-04-15) or day first as Vietnamese writes it (15/4/2026)."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    from dateutil import parser  # only when needed: it costs start-up time

    try:
        return parser.parse(value, dayfirst=True).date()
    except (ValueError, OverflowError):
        return None


def _split(value: str) -> list[str]:
    return [v.strip().upper() for v in value.replace(" ", ",").split(",") if v.strip()]


def collect_files(paths: list[str], resolver, force_exclude: bool) -> tuple[list[str], list[tuple[str, str]]]:
    """Expand folders into the lintable files below them (sorted), each file's configuration
    deciding whether it is excluded; report paths that do not exist."""
    from vanban_lint.readers import LINTABLE_EXT

    files: list[str] = []
    missing: list[tuple[str, str]] = []
    for path in paths:
        if path == "-":
            files.append(path)
        elif os.path.isdir(path):
            found = []
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in names:
                    full = os.path.join(folder, name)
                    if os.path.splitext(name)[1].lower() in LINTABLE_EXT and not resolver.for_path(full).excluded(full):
                        found.append(full)
            files.extend(sorted(found))
        elif os.path.exists(path):
            if not (force_exclude and resolver.for_path(path).excluded(path)):
                files.append(path)
        else:
            missing.append((path, "không tìm thấy tệp (file not found)"))
    return files, missing


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
