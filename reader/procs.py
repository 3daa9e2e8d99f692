"""Process pools that work inside a host that replaced ``sys.stderr`` (a terminal UI does).

multiprocessing starts its resource tracker with ``sys.stderr.fileno()`` among the descriptors the
child keeps; Textual's captured stderr answers -1, and every spawn/forkserver pool created from the
app then fails with "bad value(s) in fds_to_keep". Starting the tracker once against the real stderr
avoids that; later pools reuse it. Its stderr is then /dev/null: the tracker's warnings must not draw
over a full-screen app.
"""

from __future__ import annotations

import os
import sys
import threading

_lock = threading.Lock()


def _usable_fd(stream: object) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def ensure_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr (idempotent, thread-safe)."""
    from multiprocessing import resource_tracker

    with _lock:
        if _usable_fd(sys.stderr):
            resource_tracker.ensure_running()
            return
        saved = sys.stderr
        with open(os.devnull, "w") as devnull:
            sys.stderr = devnull
            try:
                resource_tracker.ensure_running()
            finally:
                sys.stderr = saved
