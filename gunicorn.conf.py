"""gunicorn reads this file from the working directory (the Procfile's `web` runs from here).

``GIL_SWITCH_INTERVAL`` (seconds, default 0.001; 0 keeps Python's own, 0.005): how long a
thread may hold Python's global interpreter lock while others wait for it. In a threaded worker
a cached page waits for the lock behind the thread rendering a miss or a search; a shorter
interval lets it in sooner. With the limit on uncached work (portal/limits.py) a cached guide
kept 0.36 to 0.43 of a static file's rate under mixed load at 10,000 guides, against 0.29 to
0.32 with Python's interval (0.39 either way at 1,000); without the limit it did not help.
Measured in docs/performance.md, 2026-11-30 (evening).
"""

import os
import sys


def post_fork(server, worker):
    interval = float(os.environ.get("GIL_SWITCH_INTERVAL", "0.001") or 0)
    if interval > 0:
        sys.setswitchinterval(interval)
