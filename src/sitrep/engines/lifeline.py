"""Worker processes end when the build does, however it ends (Ctrl-C, SIGTERM, SIGKILL, a crash).

The forkserver is a child of the build and forks the workers; each calls `die_with_parent` first thing, so
the kernel kills the forkserver when the build dies and every worker when the forkserver dies. Without it a
killed build left its forkserver (still loading spaCy) and workers running.
"""

from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal this process gets when its parent dies


def die_with_parent() -> None:
    """Linux: ask for SIGKILL when the parent dies. Elsewhere do nothing (the pool's close still ends the
    workers on a normal exit)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)
