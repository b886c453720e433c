"""What one guide costs to render on a page-cache miss: time, SQL queries and where they come from.

    .venv/bin/python benchmarks/guide_render.py               # the demo site in SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python benchmarks/guide_render.py
    .venv/bin/python benchmarks/guide_render.py --runs 200 --queries --profile 25

The database is DATABASE_URL if set, else the demo site in a SQLite file built once in
``benchmarks/.cache/`` (``migrate`` + ``load_initial_data``). Requests go through Django's test
client in this process with production settings (DEBUG off, no HTTP server): the figures are the
application's own time for one request, one at a time. REDIS_URL is used if set, else a memory
cache in this process.

Two kinds of cache miss are measured, on ``--path`` (the demo microneedling guide):

- **page entry missing**: the page cache does not have this address (a new query-string
  variant, an expired entry, a purged guide), but what every page shows and what was worked out
  for the guide's published version are still in the cache. The common case.
- **empty cache**: the whole cache is cleared before each request (a new or flushed Redis).

For each: the median, 90th percentile and fastest time in ms over ``--runs`` requests, the median
CPU time of this process per request (steadier than the clock on a busy machine: it leaves out
waiting for a core, and the database server's own time on PostgreSQL), and the SQL queries of one
request; ``--queries`` lists each query with the code that made it, ``--profile N`` prints
the N functions with the most cumulative time (cProfile) over the runs of the common case. A
cache hit is printed for comparison. Figures only; it never fails on a slow result.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", default="/treatments/microneedling/", help="the guide's address")
    parser.add_argument("--runs", type=int, default=100, help="timed requests per case (100)")
    parser.add_argument("--queries", action="store_true", help="list each query and its source")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="top N functions")
    return parser.parse_args(argv)


def demo_database() -> str:
    """The demo site in SQLite, built once (migrations re-applied every time)."""
    CACHE.mkdir(exist_ok=True)
    url = f"sqlite:///{CACHE / 'demo.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    for command in (["migrate", "--noinput"], ["load_initial_data"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True
        )
    return url


def setup_django() -> None:
    database_url = os.environ.get("DATABASE_URL") or demo_database()
    if database_url.rstrip("/").rsplit("/", 1)[-1] == "test":
        sys.exit("Refusing the database named 'test' (the test suite's).")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        DATABASE_URL=database_url,
        DB_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- Cases ---------------------------------------------------------------------------------------


def page_entry_missing():
    """The page cache never has the page itself; everything else stays cached."""
    from pagecache import store

    real = store.cached_page
    store.cached_page = lambda found, query: None
    return lambda: setattr(store, "cached_page", real)


def empty_cache():
    """The whole cache is cleared before every request."""
    from django.core.cache import cache
    from django.core.handlers import base

    real = base.BaseHandler.get_response

    def get_response(self, request):
        cache.clear()
        return real(self, request)

    base.BaseHandler.get_response = get_response
    return lambda: setattr(base.BaseHandler, "get_response", real)


def cache_hit():
    return lambda: None


CASES = [
    ("page entry missing", page_entry_missing),
    ("empty cache", empty_cache),
    ("cache hit", cache_hit),
]


# --- Measuring -----------------------------------------------------------------------------------


def query_sources(client, path: str) -> list[tuple[str, str]]:
    """(SQL, where it was made) for each query of one request."""
    from django.db import connection

    found = []

    def record(execute, sql, params, many, context):
        frames = [f for f in traceback.extract_stack()[:-1] if f.filename != __file__]
        ours = [f for f in frames if f.filename.startswith(f"{ROOT}{os.sep}")]
        libs = [f for f in frames if "/wagtail/" in f.filename or "/modelcluster/" in f.filename]
        where = ours[-1] if ours else (libs[-1] if libs else frames[-1])
        place = f"{Path(where.filename).relative_to(ROOT) if ours else where.filename}"
        lib = f" (via {Path(libs[-1].filename).name}:{libs[-1].name})" if ours and libs else ""
        found.append((sql, f"{place}:{where.lineno} {where.name}{lib}"))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(path)
    return found


def measure(client, path: str, runs: int) -> dict:
    for _ in range(2):  # the first request to a new cache also brings it up to date (store.py)
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}, not 200.")
    queries = query_sources(client, path)
    times, cpu_times = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        cpu_times.append((time.process_time() - began_cpu) * 1000)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {
        "state": response.headers.get("X-Page-Cache"),
        "queries": queries,
        "median": statistics.median(times),
        "p90": times[int(len(times) * 0.9) - 1],
        "fastest": times[0],
        "cpu": statistics.median(cpu_times),
        "bytes": len(response.content),
    }


def profile(client, path: str, runs: int, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv=None) -> None:
    args = parse_args(argv)
    setup_django()
    from django.db import connection
    from django.test import Client

    client = Client()
    print(f"{args.path} on {connection.vendor}, {args.runs} runs per case")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        f"{'case':<20} {'state':<6} {'queries':>7} {'median ms':>10} {'p90 ms':>8} {'fastest':>8}"
        f" {'CPU ms':>7}"
    )
    for name, start in CASES:
        stop = start()
        try:
            row = measure(client, args.path, args.runs)
            state, queries = row["state"] or "-", len(row["queries"])
            print(
                f"{name:<20} {state:<6} {queries:>7} {row['median']:>10.1f}"
                f" {row['p90']:>8.1f} {row['fastest']:>8.1f} {row['cpu']:>7.1f}"
            )
            if args.queries and name != "cache hit":
                for sql, where in row["queries"]:
                    print(f"    {where}\n        {sql[:160]}")
            if args.profile and name == "page entry missing":
                print(profile(client, args.path, args.runs, args.profile))
        finally:
            stop()


if __name__ == "__main__":
    main()
