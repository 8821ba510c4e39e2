"""Running the rules of one file in two processes (a file alone on the command line).

The rules of one document fall into two groups that share few facts: the rules over the words
and marks of the text and its header and closing blocks (spelling, orthography, capitalisation,
punctuation, thể thức) and the rules over what the document cites, counts and numbers (codes,
dates, numbers, terms, the catalog, footnotes, headings). After the document is read, a forked
child runs the second group on its own copy of the document (shared with the parent page by page
until written) while the parent runs the first; the child sends back its findings, one list per
rule, and the regular expressions it compiled (the parent writes them to the pattern cache,
:mod:`vanban_lint.rxcache`).
The facts stay lazy: each process extracts only what its rules ask for, so the work is split,
not repeated.

Used where it pays: on a system that can fork, when more than one core is allowed, for a text of
at least :data:`MIN_CHARS` characters. Forking costs about 2 ms; even a 10 KB draft gains about
9 ms of its 75 (each process imports only the check modules and loads only the tables of its own
rules, and those first-time costs are most of a small file's time), a 72 KB draft 11 ms and a
7 MB file about 1.5 s. Any failure of the child (killed, an error in a check, an answer that
cannot be read) makes the parent run the child's rules itself, so the findings are the same in
every case.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

from vanban_lint import rxcache

MIN_CHARS = 2_000  # a snippet from an editor is linted in one process
# The families whose rules the child runs: the rules over what the document cites and counts,
# which share the citations and dates, and the rules over footnotes and headings, whose facts the
# numbers need anyway (they exclude the markers and heading numbers): the parent extracts none
# of the child's facts but the header's date line, from the header alone. Measured with
# bench/run.py: the real documents joined 1.96 -> 1.46 s against footnotes and headings in the
# parent, the 7 MB file 0.787 -> 0.802 s, the draft unchanged within its spread.
CHILD_FAMILIES = ("CA", "DC", "DT", "FN", "HD", "NB", "TM")

T = TypeVar("T")
R = TypeVar("R")


def worth_splitting(chars: int, processes: int) -> bool:
    """Whether a text of ``chars`` characters is linted in two processes when ``processes`` are allowed."""
    return processes > 1 and chars >= MIN_CHARS and hasattr(os, "fork")


def in_child(code: str) -> bool:
    """Whether the rule ``code`` runs in the child process."""
    return code.startswith(CHILD_FAMILIES)


def run_split(items: Sequence[T], apart: Callable[[T], bool], run: Callable[[T], R]) -> list[R]:
    """``[run(x) for x in items]``, the items for which ``apart`` is true computed in a forked
    child while this process computes the others; results in the order of ``items``.

    ``run``'s results must pickle. If the child fails in any way, this process computes its items
    too, so an error in ``run`` is raised here as it would be without the split."""
    child_items = [i for i, x in enumerate(items) if apart(x)]
    if not child_items or len(child_items) == len(items):
        return [run(x) for x in items]
    try:
        read_fd, write_fd = os.pipe()
    except OSError:  # out of file descriptors: one process does it all
        return [run(x) for x in items]
    try:
        pid = os.fork()
    except OSError:  # no process to be had (a limit on processes or memory): one process does it all
        os.close(read_fd)
        os.close(write_fd)
        return [run(x) for x in items]
    if pid == 0:  # the child: compute, send, leave without running the parent's clean-up
        status = 1
        try:
            os.close(read_fd)
            results = [run(items[i]) for i in child_items]
            patterns = rxcache.fresh() if rxcache.active() else None  # the parent writes the cache
            data = _pickler().dumps((results, patterns), protocol=-1)  # -1: the highest protocol
            with os.fdopen(write_fd, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    results: list[R | None] = [None] * len(items)
    mine = set(range(len(items))) - set(child_items)
    try:
        for i in sorted(mine):
            results[i] = run(items[i])
    finally:
        answer = _receive(read_fd, pid)
    if answer is None or len(answer) != len(child_items):
        answer = [run(items[i]) for i in child_items]
    for i, value in zip(child_items, answer):
        results[i] = value
    return results  # type: ignore[return-value]


def _pickler():
    """The pickle functions, imported when first needed (after the fork, while the other process
    works): the C module ``_pickle`` alone where it exists (0.4 ms to import, against 1.2 ms for
    ``pickle``, whose Python half is not used here)."""
    try:
        import _pickle as pickle
    except ImportError:  # an interpreter without the C module
        import pickle
    return pickle


def _receive(read_fd: int, pid: int) -> list | None:
    """The child's results, or None when it failed; the child is always reaped."""
    pickle = _pickler()  # before waiting: imported while the child may still be at work

    try:
        with os.fdopen(read_fd, "rb") as src:
            data = src.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        answer, patterns = pickle.loads(data)  # noqa: S301 - bytes written by our own forked child
    except Exception:  # noqa: BLE001 - a truncated answer is a failed child
        return None
    if patterns:
        rxcache.adopt(patterns)
    return answer if isinstance(answer, list) else None
