"""Linting files in parallel processes (``--jobs N``), results in the order of the files.

Workers are forked, so they start with what the parent has already loaded (the rules, the
configurations, the pattern cache), and the function they run needs no pickling; only each
file's outcome travels back, with the patterns the worker compiled for it (written to the
pattern cache by the parent). Where processes cannot be forked (Windows), or none can be
started, files are linted one after the other.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from vanban_lint import rxcache

_TASK: Callable[[Any], Any] | None = None  # set in the parent before forking: what workers run


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def map_ordered(fn: Callable[[Any], Any], items: Sequence[Any], jobs: int,
                sequential: Sequence[int] = ()) -> list[Any]:
    """``[fn(x) for x in items]``, computed in up to ``jobs`` forked processes; the items at the
    indexes ``sequential`` (standard input) run in this process."""
    apart = [i for i in range(len(items)) if i not in set(sequential)]
    if jobs <= 1 or len(apart) < 2:
        return [fn(x) for x in items]
    import multiprocessing  # only when there are files to share out: it costs start-up time

    if "fork" not in multiprocessing.get_all_start_methods():
        return [fn(x) for x in items]
    global _TASK
    _TASK = fn
    try:
        workers = min(jobs, len(apart))
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.map(_run, [items[i] for i in apart], chunksize=max(1, len(apart) // (workers * 8)))
    except OSError:  # no worker could be started (a limit on processes or memory): one process
        return [fn(x) for x in items]
    finally:
        _TASK = None
    out: list[Any] = [None] * len(items)
    for i, (value, patterns) in zip(apart, done):
        out[i] = value
        if patterns:
            rxcache.adopt(patterns)
    for i in sequential:
        out[i] = fn(items[i])
    return out


def _run(item: Any) -> tuple[Any, dict | None]:
    """The task's result in a worker, with the patterns the worker compiled for it (the parent
    writes them to the pattern cache, so that the next run's workers compile nothing)."""
    assert _TASK is not None
    value = _TASK(item)
    return value, (rxcache.fresh() if rxcache.active() else None)
