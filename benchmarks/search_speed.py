"""Site search at 10 and at 1,000 guides: time per request and SQL queries, in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        .venv/bin/python benchmarks/search_speed.py
    ... benchmarks/search_speed.py --sizes 10,200,1000 --repeat 50

Each size gets a database of its own, named after DATABASE_URL's with the size added
(``bench_search_10``, ``bench_search_1000``), created if missing and seeded by
``benchmarks/seed.py``: the demo site (4 guides) plus that many copies of its microneedling
guide, as ``seed.py --guides``. A rerun reuses them, so only the first run pays for seeding
(well under a minute for 1,000).

Every size runs in a child process of its own (Django connects to one database per process).
Requests go through Django's test client with DEBUG off (``portal.settings.test``): no
gunicorn, no network, one request at a time, so the figures are the server's own time for one
search. For throughput under load use ``load.py --targets search``.

The searches: every copy mentions microneedling (all guides match), "acne marks" goes through
the glossary's words patients use (to "acne scars", again in every copy), a later results page,
and a word in one guide's title only. Prints the median and 90th percentile per search, the SQL
queries per request, the guides found, and the ratio of the largest size to the smallest.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SEARCHES = {
    "all match": {"q": "microneedling"},
    "glossary": {"q": "acne marks"},
    "page 3": {"q": "microneedling", "page": "3"},
    "one match": {"q": "0001"},  # the seeded copies are "... sample 0001" and so on
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="10,1000", help="guides copied per run, as seed.py --guides (10,1000)"
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per search (30)")
    parser.add_argument(
        "--settings", default="portal.settings.test", help="Django settings (portal.settings.test)"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def database_url_for(base: str, size: int) -> str:
    parts = urlsplit(base)
    name = parts.path.lstrip("/") or "bench_search"
    return urlunsplit(parts._replace(path=f"/{name}_{size}"))


def create_database(url: str) -> None:
    """CREATE DATABASE for ``url`` on its server, unless it exists."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}.", flush=True)


# --- One size, in its own process ---------------------------------------------------------------


def seed_to(size: int) -> int:
    """The demo site plus ``size`` copies of its microneedling guide (as ``seed.py --guides``)."""
    sys.path.insert(0, str(BENCH))
    import seed  # benchmarks/seed.py

    from articles.models import TreatmentPage

    seed.seed(size)
    return TreatmentPage.objects.live().count()


def time_searches(repeat: int) -> dict:
    from django.core import signals
    from django.db import close_old_connections, connection
    from django.test import Client

    # As Django's own tests do: the connection stays open, so its queries can be counted.
    signals.request_finished.disconnect(close_old_connections)
    client = Client()
    figures = {}
    for name, params in SEARCHES.items():
        for _ in range(3):  # warm up: templates, glossary, the database's caches
            response = client.get("/search/", params)
            if response.status_code != 200:
                sys.exit(f"{name}: HTTP {response.status_code}")
        queries: list[str] = []

        def record(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            html = client.get("/search/", params).content.decode()
        took = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get("/search/", params)
            took.append((time.perf_counter() - started) * 1000)
        took.sort()
        summary = html.split('role="status">', 1)[-1].split("</p>", 1)[0].strip()
        figures[name] = {
            "median_ms": statistics.median(took),
            "p90_ms": took[int(len(took) * 0.9) - 1],
            "queries": len(queries),
            "results_on_page": html.count('class="card"'),
            "summary": " ".join(summary.split()),
        }
    return figures


def child(size: int, repeat: int) -> None:
    import django

    django.setup()
    live = seed_to(size)
    print(json.dumps({"size": size, "live": live, "searches": time_searches(repeat)}))


# --- Parent: one child per size, then the table ------------------------------------------------


def run_size(base_url: str, size: int, args) -> dict:
    url = database_url_for(base_url, size)
    create_database(url)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": args.settings}
    env["DB_CONN_MAX_AGE"] = "60"  # as in production (docs/operators.md): no connect per request
    env.pop("REDIS_URL", None)  # search is never page-cached: the cache plays no part here
    print(f"{size} guides: seeding and timing in {urlsplit(url).path[1:]}...", flush=True)
    command = [sys.executable, __file__, "--child", str(size), "--repeat", str(args.repeat)]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"Run for {size} guides failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.child is not None:
        sys.path.insert(0, str(ROOT))
        child(args.child, args.repeat)
        return
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://...:5432/bench_search")
    sizes = [int(size) for size in args.sizes.split(",")]
    runs = [run_size(base_url, size, args) for size in sizes]

    print()
    print(f"Search, one request at a time, {args.repeat} timed requests each (ms):")
    header = (
        f"{'search':<10} {'guides':>6} {'median':>8} {'p90':>8} {'SQL':>4} {'cards':>5}  summary"
    )
    print(header)
    print("-" * len(header))
    for name in SEARCHES:
        for run in runs:
            f = run["searches"][name]
            print(
                f"{name:<10} {run['live']:>6} {f['median_ms']:>8.1f} {f['p90_ms']:>8.1f} "
                f"{f['queries']:>4} {f['results_on_page']:>5}  {f['summary'][:60]}"
            )
    if len(runs) > 1:
        small, large = runs[0], runs[-1]
        print()
        for name in SEARCHES:
            big, little = large["searches"][name], small["searches"][name]
            if big["results_on_page"] != little["results_on_page"]:
                print(f"{name:<10} not compared: not the same number of results on the page")
                continue
            ratio = big["median_ms"] / little["median_ms"]
            print(f"{name:<10} {large['live']} vs {small['live']} guides: {ratio:.2f}x")


if __name__ == "__main__":
    main()
