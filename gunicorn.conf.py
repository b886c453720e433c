"""gunicorn reads this file from the working directory (the Procfile's `web` runs from here).

``GIL_SWITCH_INTERVAL`` (seconds; unset or 0: Python's default, 0.005): how long a thread may
hold Python's global interpreter lock while others wait. In a threaded worker a cached page
waits for the lock behind threads rendering misses or searches; a shorter interval lets it in
sooner. Measured in docs/performance.md, 2026-11-30 (evening).
"""

import os
import sys


def post_fork(server, worker):
    interval = float(os.environ.get("GIL_SWITCH_INTERVAL", "0") or 0)
    if interval > 0:
        sys.setswitchinterval(interval)
