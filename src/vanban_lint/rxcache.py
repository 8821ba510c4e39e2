"""Compiled regular expressions kept across runs, so that a run does not compile them again.

Both ``regex`` and ``re`` compile a pattern in Python (parsing, optimising, emitting its code):
about 35 ms and 9 ms for the patterns of one draft, against 1 ms to rebuild them from their
code, in a run of about 120 ms on a 70 KB file. This cache keeps, for each pattern compiled in
a run, the data its compiled form is rebuilt from (for ``regex``, ``Pattern._pickled_data``,
what ``pickle`` stores: the pattern, its flags and its code as numbers; for ``re``, the same
arguments of ``_sre.compile``) in ``<cache dir>/regex-<versions>.marshal``, written with
:mod:`marshal` (data only, no code) when a run compiled something new. The next run puts the
rebuilt patterns into each module's own cache, so that ``regex.compile`` and ``re.compile`` find
them there.

The cache is tied to the versions of Python, of ``regex``, of ``_sre`` and of this format; any
problem with it (absent, unreadable, stale, another layout of a module's cache) falls back to
compiling. ``VANBAN_LINT_CACHE_DIR=`` disables it, as it disables the cache of the data tables.
"""

from __future__ import annotations

import marshal
import os
import re
import sys

import regex

from vanban_lint.data import cache_dir

FORMAT = 2
MAX_PATTERNS = 400  # below the regex module's own cache size (500), which it would shrink
_loaded: set[tuple[str, str, int]] = set()  # (module, pattern, flags)


def _file() -> str | None:
    root = cache_dir()
    if root is None:
        return None
    python = "".join(map(str, sys.version_info[:2]))
    sre = getattr(getattr(getattr(re, "_compiler", None), "_sre", None), "MAGIC", "none")
    return os.path.join(root, f"regex-{FORMAT}-py{python}-sre{sre}-{regex.__version__}.marshal")


def _regex_tables():
    """The regex module's cache dictionaries and its compiler, if it has the layout known here."""
    main = getattr(regex, "_main", None)
    tables = [getattr(main, name, None) for name in ("_cache", "_named_args", "_locale_sensitive")]
    compile_ = getattr(getattr(main, "_regex", None), "compile", None)
    if not all(isinstance(t, dict) for t in tables) or compile_ is None:
        return None
    return (*tables, compile_)


def _re_tables():
    """The re module's cache and the parts of its compiler used here, if it has them."""
    compiler = getattr(re, "_compiler", None)
    parts = (getattr(re, "_cache", None), getattr(re, "_parser", None), getattr(compiler, "_code", None),
             getattr(getattr(compiler, "_sre", None), "compile", None))
    return parts if isinstance(parts[0], dict) and all(parts) else None


_active = False  # load() was called: this process keeps the cache (the command line does)


def active() -> bool:
    """Whether this process keeps the cache (load() was called)."""
    return _active


def load() -> None:
    """Put the patterns of the cache file into the modules' caches."""
    global _active
    _active = True
    path = _file()
    if path is None:
        return
    try:
        with open(path, "rb") as fh:
            entries = marshal.loads(fh.read())  # one read: marshal.load(file) reads item by item
        _load_regex(entries["regex"])
        _load_re(entries["re"])
    except Exception:  # noqa: BLE001 - a broken cache must never stop a run
        return


def fresh() -> dict:
    """The data of the patterns compiled in this process, not read from the cache nor handed over
    before: what a forked child (vanban_lint.split, vanban_lint.parallel) hands back to its
    parent, which writes the cache."""
    found = {"regex": _regex_entries(fresh_only=True), "re": _re_entries(fresh_only=True)}
    out = {module: [(p, f, data()) for (p, f), data in patterns.items()] for module, patterns in found.items()}
    _loaded.update((module, p, f) for module, entries in out.items() for p, f, _ in entries)
    return out


def adopt(entries: dict) -> None:
    """Put the patterns another process compiled (:func:`fresh`) into this process's module
    caches, as if compiled here, so that :func:`save` writes them."""
    try:
        _load_regex(entries["regex"], loaded=False)
        _load_re(entries["re"], loaded=False)
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        return


def _load_regex(entries: list, loaded: bool = True) -> None:
    tables = _regex_tables()
    if tables is None:
        return
    cache, named_args, locale_sensitive, compile_ = tables
    version = regex.DEFAULT_VERSION
    for pattern, flags, data in entries:
        compiled = compile_(*data)
        if compiled.pattern != pattern:
            return
        cache[(pattern, str, flags, frozenset(), version, None)] = compiled
        named_args[(pattern, str, flags)] = frozenset()
        locale_sensitive[(str, pattern)] = False
        if loaded:
            _loaded.add(("regex", pattern, flags))


def _load_re(entries: list, loaded: bool = True) -> None:
    tables = _re_tables()
    if tables is None:
        return
    cache, _, _, compile_ = tables
    for pattern, flags, data in entries:
        compiled = compile_(*data)
        if compiled.pattern != pattern:
            return
        cache[(str, pattern, flags)] = compiled
        if loaded:
            _loaded.add(("re", pattern, flags))


def save() -> None:
    """Write the patterns of the modules' caches when some were compiled in this run."""
    path = _file()
    if path is None:
        return
    try:
        found = {"regex": _regex_entries(), "re": _re_entries()}
        if all((module, p, f) in _loaded for module, entries in found.items() for p, f in entries):
            return
        entries = {"regex": [], "re": []}
        for module, patterns in found.items():
            fresh = [key for key in patterns if (module, *key) not in _loaded]
            keep = patterns if len(patterns) <= MAX_PATTERNS else fresh[-MAX_PATTERNS:]  # drop stale ones
            entries[module] = [(p, f, patterns[p, f]()) for p, f in keep]
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            with open(tmp, "wb") as fh:
                marshal.dump(entries, fh)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except Exception:  # noqa: BLE001 - nor a cache that cannot be written
        return


def _regex_entries(fresh_only: bool = False) -> dict:
    """(pattern, flags) → a function giving the data its compiled form is rebuilt from; with
    ``fresh_only``, only for the patterns not read from the cache nor handed over before."""
    tables = _regex_tables()
    if tables is None:
        return {}
    return {(key[0], int(key[2])): (lambda c=compiled: c._pickled_data) for key, compiled in list(tables[0].items())
            if len(key) == 6 and type(key[0]) is str and key[1] is str and key[3] == frozenset()
            and key[4] == regex.DEFAULT_VERSION and key[5] is None
            and not (fresh_only and ("regex", key[0], int(key[2])) in _loaded)}


def _re_entries(fresh_only: bool = False) -> dict:
    """The same for ``re``: the arguments of ``_sre.compile``, from the pattern parsed again
    (as ``re._compiler.compile`` does)."""
    tables = _re_tables()
    if tables is None:
        return {}
    cache, parser, code = tables[0], tables[1], tables[2]

    def data(pattern: str, flags: int) -> tuple:
        parsed = parser.parse(pattern, flags)
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        return (pattern, flags | parsed.state.flags, [int(op) for op in code(parsed, flags)], parsed.state.groups - 1,
                dict(groupindex), tuple(indexgroup))

    return {(key[1], int(key[2])): (lambda p=key[1], f=int(key[2]): data(p, f)) for key in list(cache)
            if len(key) == 3 and key[0] is str and type(key[1]) is str
            and not (fresh_only and ("re", key[1], int(key[2])) in _loaded)}
