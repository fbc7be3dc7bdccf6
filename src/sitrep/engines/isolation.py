"""Worker processes never import from the folder a user builds from.

A user may run `sitrep build .` inside an unpacked leak. Python puts the current directory first on the import
path of a `python -c` child, which is how multiprocessing starts its forkserver, and Ray adds the driver's
working directory to every worker's path. Either way a file in that folder named like a standard-library
module (`concurrent.py`) would be imported, and run, in place of the real one. These helpers start workers
with no such entry: `-P` semantics (PYTHONSAFEPATH) for the forkserver, and (in the Ray engine) an empty working
directory for Ray's start-up; they also strip such entries from the path handed down.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


def _is_cwd_entry(entry: str, cwd: str) -> bool:
    """'' and '.' mean "the working directory at import time"; an absolute path to it is the same hole."""
    if entry in ("", "."):
        return True
    try:
        return os.path.realpath(entry) == cwd
    except (OSError, ValueError):
        return False


def safe_sys_path(path: list[str] | None = None) -> list[str]:
    """`path` (default `sys.path`) without the entries that name the current working directory."""
    cwd = os.path.realpath(os.getcwd())
    return [p for p in (sys.path if path is None else path) if not _is_cwd_entry(p, cwd)]


@contextlib.contextmanager
def isolated_imports() -> Iterator[None]:
    """While workers are started: children get PYTHONSAFEPATH=1 and this process's path has no cwd entry.

    The environment and `sys.path` are put back afterwards, so only the children started inside see it.
    """
    saved_env = os.environ.get("PYTHONSAFEPATH")
    saved_path = list(sys.path)
    os.environ["PYTHONSAFEPATH"] = "1"
    sys.path[:] = safe_sys_path(saved_path)
    try:
        yield
    finally:
        sys.path[:] = saved_path
        if saved_env is None:
            os.environ.pop("PYTHONSAFEPATH", None)
        else:
            os.environ["PYTHONSAFEPATH"] = saved_env
