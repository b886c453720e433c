"""The figures of issue 12 next to their goals, and a mixed-load run, on a seeded database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/goals.py
    ... benchmarks/goals.py -c 32 -d 15 --workers 3
    ... benchmarks/goals.py --mixed-only --worker-class gthread --threads 8

Seed DATABASE_URL first (``benchmarks/seed.py --guides 1000``, or ``make bench``). A second
database, DATABASE_URL's name plus ``_small``, is created and seeded with 10 copies (14 guides)
for the "search at N guides vs at ~10" ratio.

1. In-process, production settings (Django's test client, one request at a time, a memory
   cache): a guide on a cache miss (its cached copy purged before each request, as publishing
   it does; SQL queries, median ms), the A-Z index likewise (bytes, ms), search (ms, on both
   databases), the API guides feed at 5, 20 and 50 items (queries). Guide, index and search
   also "after a publish": what lists guides (kept search results, the index's lists, related
   guides: ``store.purge_listings``) renewed before each request too, as publishing any guide
   renews it. Search under wrk (3.) repeats one search, which is kept between publishes.
2. Fresh processes: the first and second API request after importing ``portal.wsgi``, as a
   gunicorn worker does (``api_feed.py``).
3. wrk against gunicorn (configured as in 4.) with production settings and
   ``PAGE_CACHE_SECONDS=0``: the static file, an uncached guide and search, one after the other;
   each rate against the static file's.
4. Mixed load, page cache on, the server as configured by ``--workers``, ``--worker-class``,
   ``--threads`` (by default as the Procfile: 3 gthread workers x 24 threads) and
   ``--slow-pool``: the static file alone, then a cached guide measured while varied searches
   and never-visited guides (page-cache misses) are hammered at the same time.
   With ``--slow-pool N`` a second gunicorn of N workers answers ``/search/`` (the proxy's
   routing, docs/deploy.md): the search load is sent to it directly.

Then a table: figure, measured, goal, pass. Figures only: the exit status is 0 whatever they
are. The machine's load average is printed before each step; on a shared machine, read the
absolute figures with care and the ratios (measured in the same run) with less.
"""

import argparse
import contextlib
import datetime
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import api_feed  # benchmarks/api_feed.py, beside this script
from load import DEFAULT_REDIS_URL, parse_wrk, wrk_command
from serve import (
    BENCH,
    ROOT,
    Server,
    collectstatic,
    get,
    log,
    production_env,
    static_path,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench"
GUIDE = "/treatments/microneedling/"
SEARCH = "/search/?q=microneedling"
SEARCH_WORDS = [
    "microneedling",
    "acne marks",
    "acne scars",
    "redness",
    "numbing cream",
    "sessions",
    "recovery",
    "sun protection",
    "side effects",
    "collagen",
    "skin",
    "peel",
]
SMALL_GUIDES = 10  # copies in the small database: 14 guides with the demo site's 4


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def note(step: str) -> None:
    now = datetime.datetime.now(datetime.UTC)
    log(f"[{now:%H:%M:%S} UTC, load average {load_average()}] {step}")


# --- In-process figures (a child process per database) -----------------------------------------


def child_measure(runs: int, full: bool) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from articles.models import TreatmentPage

    client = Client()

    from pagecache import store

    def measure(
        path: str, params: dict | None = None, miss: bool = False, published: bool = False
    ) -> dict:
        """``miss``: the page's cached copy is purged before each request (untimed), with its
        parts; the site's other caches (navigation, glossary) stay warm. ``published``: what
        lists guides (kept search results, the A-Z index's lists, related guides) is renewed too,
        as publishing any guide does (``store.purge_listings``)."""

        def get():
            if miss:
                store.purge_paths([path])
            if published:
                store.purge_listings()
            began = time.perf_counter()
            response = client.get(path, params)
            return response, (time.perf_counter() - began) * 1000

        for _ in range(3):  # warm: templates, per-process caches, the database's buffers
            get()
        captured = []

        def record(execute, sql, params, many, context):
            captured.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            response, _ms = get()
        times = [get()[1] for _ in range(runs)]
        return {
            "status": response.status_code,
            "queries": len(captured),
            "bytes": len(response.content),
            "median_ms": statistics.median(times),
            "min_ms": min(times),
        }

    figures = {
        "live": TreatmentPage.objects.live().count(),
        "search": measure("/search/", {"q": "microneedling"}),
        "search_published": measure("/search/", {"q": "microneedling"}, published=True),
    }
    if full:
        figures["guide"] = measure(GUIDE, miss=True)
        figures["guide_published"] = measure(GUIDE, miss=True, published=True)
        figures["index"] = measure("/treatments/", miss=True)
        figures["index_published"] = measure("/treatments/", miss=True, published=True)
        for limit in (5, 20, 50):
            figures[f"feed{limit}"] = measure("/api/v3/guides/", {"limit": limit})
        figures["publish"] = measure_publish()
    return figures


def measure_publish(runs: int = 3) -> dict:
    """An editor publishing a seeded guide again (a new revision, same words): milliseconds of
    the whole publish (purges included) and how many addresses it purged."""
    from articles.models import TreatmentPage
    from pagecache import store

    guide = TreatmentPage.objects.filter(slug__startswith="bench-guide-").order_by("pk").first()
    if guide is None:
        return {}
    purged: list[int] = []
    real = store.purge_paths

    def counting(paths):
        paths = set(paths)
        purged.append(len(paths))
        return real(paths)

    store.purge_paths = counting
    times = []
    try:
        for _ in range(runs):
            purged.clear()
            began = time.perf_counter()
            TreatmentPage.objects.get(pk=guide.pk).save_revision().publish()
            times.append((time.perf_counter() - began) * 1000)
    finally:
        store.purge_paths = real
    return {"median_ms": statistics.median(times), "paths": max(purged, default=0)}


def in_process(database_url: str, runs: int, full: bool) -> dict:
    env = api_feed.environment(database_url)
    env["DB_CONN_MAX_AGE"] = "60"
    command = [sys.executable, __file__, "--child", "full" if full else "search"]
    command += ["--runs", str(runs)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"In-process measurement failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def small_database(database_url: str) -> str:
    """DATABASE_URL's database name plus ``_small``, seeded with SMALL_GUIDES copies."""
    from search_speed import create_database

    parts = urlsplit(database_url)
    url = urlunsplit(parts._replace(path=parts.path + "_small"))
    create_database(url)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    command = [sys.executable, str(BENCH / "seed.py"), "--guides", str(SMALL_GUIDES)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return url


# --- wrk -------------------------------------------------------------------------------------


def wrk(base: str, path: str, connections: int, seconds: int, paths_file: Path | None = None):
    """Start wrk (one thread) on ``path``, or on the paths listed in ``paths_file``."""
    script = "paths.lua" if paths_file else "report.lua"
    command = wrk_command(base + path, connections, seconds, 1, script, "30s")
    env = {**os.environ, "WRK_PATHS": str(paths_file)} if paths_file else None
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )


def finish(process) -> dict:
    """wrk's figures; ``rps`` counts only answers that were pages (2xx/3xx), not "busy" 503s."""
    output, _ = process.communicate()
    result = parse_wrk(output)
    result["p50_ms"] = result["p50_us"] / 1000
    result["all_rps"] = result["rps"]
    result["rps"] = (result["requests"] - result["status"]) / (result["duration_us"] / 1e6)
    return result


def alone(base: str, path: str, connections: int, seconds: int) -> dict:
    note(f"wrk {path} ({connections} connections, {seconds} s)")
    return finish(wrk(base, path, connections, seconds))


def server_args(args) -> list[str]:
    extra = ["--worker-class", args.worker_class]
    if args.worker_class == "gthread":
        extra += ["--threads", str(args.threads)]
    return extra


def describe_server(args) -> str:
    kind = f"{args.workers} {args.worker_class} workers"
    if args.worker_class == "gthread":
        kind += f" x {args.threads} threads"
    slots = os.environ.get("UNCACHED_WORK_PER_PROCESS")
    if slots is not None:
        kind += f", {slots} uncached slot(s) per process" if slots != "0" else ", no slot limit"
    if float(os.environ.get("GIL_SWITCH_INTERVAL", "0") or 0) > 0:
        kind += f", GIL switch interval {os.environ['GIL_SWITCH_INTERVAL']} s"
    if args.slow_pool:
        kind += (
            f", /search/ on a second pool of {args.slow_pool} sync workers"
            f" (nice {args.slow_pool_nice})"
        )
    return kind


def flush(redis_url: str) -> None:
    """Empty the benchmark's Redis database: a page another run cached there (the same address
    on another database) would otherwise be served as a hit, even with the page cache off."""
    subprocess.run(["redis-cli", "-u", redis_url, "flushdb"], capture_output=True, check=False)


def uncached_under_wrk(args, database_url: str, redis_url: str, run_dir: Path, stack) -> dict:
    env = production_env(database_url, redis_url, 60, page_cache_seconds=0)
    flush(redis_url)
    server = Server(
        env, args.port, args.workers, run_dir / "gunicorn-uncached.log", False, server_args(args)
    )
    stack.callback(server.stop)
    server.start()
    rates = {
        "static": alone(server.base, static_path(), args.concurrency, args.duration),
        "guide": alone(server.base, GUIDE, args.concurrency, args.duration),
        "search": alone(server.base, SEARCH, args.concurrency, args.duration),
    }
    server.stop()
    return rates


def seeded_guide_paths(database_url: str) -> list[str]:
    done = subprocess.run(
        [
            "psql",
            "-d",
            database_url,
            "-tAc",
            "select url_path from wagtailcore_page where url_path like '%/bench-guide-%' "
            "and live order by path",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    # url_path starts with the home page's slug: /home/treatments/x/ is served as /treatments/x/
    return ["/" + p.strip().split("/", 2)[2] for p in done.stdout.splitlines() if p.strip()]


def mixed_load(args, database_url: str, redis_url: str, run_dir: Path, stack) -> dict:
    env = production_env(database_url, redis_url, 60)
    flush(redis_url)
    server = Server(
        env, args.port, args.workers, run_dir / "gunicorn-mixed.log", False, server_args(args)
    )
    stack.callback(server.stop)
    server.start()
    search_base = server.base
    if args.slow_pool:
        slow = Server(
            env,
            args.port + 1,
            args.slow_pool,
            run_dir / "gunicorn-search.log",
            nice=args.slow_pool_nice,
        )
        stack.callback(slow.stop)
        slow.start()
        search_base = slow.base
    folder = Path(tempfile.mkdtemp(prefix="goals-"))
    stack.callback(shutil.rmtree, folder, True)
    searches = folder / "searches.txt"
    searches.write_text(
        "\n".join(f"/search/?q={w.replace(' ', '+')}" for w in SEARCH_WORDS for _ in range(1))
    )
    misses = folder / "misses.txt"
    guides = seeded_guide_paths(database_url)
    misses.write_text("\n".join(guides))
    for _ in range(3):
        get(server.base, GUIDE)  # cached from here on
    static = alone(server.base, static_path(), args.concurrency, args.duration)
    cached = alone(server.base, GUIDE, args.concurrency, args.duration)
    heavy = max(2, args.concurrency // 2)
    note(
        f"mixed: {heavy} connections on searches, {heavy} on {len(guides)} guides never visited, "
        f"{args.concurrency} on the cached guide, {args.duration} s"
    )
    hammer_search = wrk(search_base, "/", heavy, args.duration + 4, searches)
    hammer_misses = wrk(server.base, "/", heavy, args.duration + 4, misses)
    time.sleep(2)  # let the slow requests fill the workers first
    measured = wrk(server.base, GUIDE, args.concurrency, args.duration)
    result = {
        "server": describe_server(args),
        "static": static,
        "cached": cached,
        "cached_under_load": finish(measured),
        "search_load": finish(hammer_search),
        "miss_load": finish(hammer_misses),
    }
    server.stop()
    return result


# --- The table -------------------------------------------------------------------------------


def row(figure: str, measured: str, goal: str, ok: bool | None) -> tuple:
    return (figure, measured, goal, "-" if ok is None else ("yes" if ok else "NO"))


def table(big: dict, small: dict | None, boot: dict | None, wrk_rates, mixed) -> list[tuple]:
    rows = []
    for key, label in (
        ("guide", "guide render on a miss"),
        ("guide_published", "guide render on a miss, lists renewed (a publish)"),
    ):
        if g := big.get(key):
            rows.append(
                row(
                    label,
                    f"{g['queries']} queries, {g['median_ms']:.0f} ms median",
                    "≤ 10 queries, ≤ 15 ms median",
                    g["queries"] <= 10 and g["median_ms"] <= 15,
                )
            )
    if wrk_rates:
        static = wrk_rates["static"]["rps"]
        for name, label, goal in (
            ("guide", "uncached guide under wrk vs static", 0.1),
            ("search", "search under wrk vs static", 0.05),
        ):
            rate = wrk_rates[name]["rps"]
            rows.append(
                row(
                    label,
                    f"{rate / static:.3f}x ({rate:.1f} vs {static:,.0f} req/s)",
                    f"≥ {goal}x",
                    rate / static >= goal,
                )
            )
    for key, label in (("search", ""), ("search_published", ", ranked afresh (a publish)")):
        if small and key in small and key in big:
            ratio = big[key]["median_ms"] / small[key]["median_ms"]
            rows.append(
                row(
                    f"search at {big['live']:,} vs {small['live']} guides{label}",
                    f"{ratio:.2f}x ({big[key]['median_ms']:.0f} vs "
                    f"{small[key]['median_ms']:.0f} ms)",
                    "≤ 1.5x",
                    ratio <= 1.5,
                )
            )
    for key, label in (
        ("index", "A-Z index page (miss)"),
        ("index_published", "A-Z index page (miss, lists renewed: a publish)"),
    ):
        if i := big.get(key):
            rows.append(
                row(
                    label,
                    f"{i['bytes'] / 1024:.0f} KB, {i['queries']} queries, "
                    f"{i['median_ms']:.0f} ms median",
                    "≤ 100 KB, ≤ 50 ms",
                    i["bytes"] <= 100 * 1024 and i["median_ms"] <= 50,
                )
            )
    if p := big.get("publish"):
        rows.append(
            row(
                "publishing a guide (in the editor's request)",
                f"{p['median_ms']:.0f} ms, {p['paths']:,} addresses purged",
                "purge only the pages that show it (was every guide sharing a concern)",
                None,
            )
        )
    if big.get("feed20"):
        counts = [big[f"feed{n}"]["queries"] for n in (5, 20, 50)]
        rows.append(
            row(
                "API feed queries (5 / 20 / 50 items)",
                " / ".join(str(c) for c in counts),
                "≤ 15 whatever the page size",
                max(counts) <= 15 and len(set(counts)) == 1,
            )
        )
    if boot:
        w = boot["wsgi"]
        rows.append(
            row(
                "first API request per worker",
                f"{w['first']:.0f} ms (second {w['second']:.0f} ms; start-up {w['boot']:.0f} ms)",
                "schemas built at start-up: first ≤ 2x the second (was 0.5-0.7 s, 15x)",
                w["first"] <= 2 * w["second"],
            )
        )
    if mixed:
        under = mixed["cached_under_load"]["rps"]
        static = mixed["static"]["rps"]
        rows.append(
            row(
                "cached guide while search and misses are hammered, vs static",
                f"{under / static:.2f}x ({under:.0f} vs {static:,.0f} req/s)",
                "≥ 0.3x",
                under / static >= 0.3,
            )
        )
    return rows


def print_table(rows: list[tuple]) -> None:
    headers = ("figure", "measured", "goal", "pass")
    print("| " + " | ".join(headers) + " |")
    print("| --- | --- | --- | --- |")
    for r in rows:
        print("| " + " | ".join(r) + " |")


def print_details(big, small, wrk_rates, mixed) -> None:
    print()
    for label, figures in (("big", big), ("small", small)):
        if figures:
            print(f"In-process, {figures['live']} live guides ({label} database):")
            for name, f in figures.items():
                if isinstance(f, dict) and "status" in f:
                    print(
                        f"  {name:<8} HTTP {f['status']}, {f['queries']} queries, "
                        f"{f['bytes']:,} bytes, median {f['median_ms']:.1f} ms "
                        f"(fastest {f['min_ms']:.1f})"
                    )
    for title, rates in (("Page cache off", wrk_rates), ("Mixed load", mixed)):
        if not rates:
            continue
        print(f"{title}{': ' + rates['server'] if 'server' in rates else ''}:")
        for name, r in rates.items():
            if isinstance(r, dict):
                print(
                    f"  {name:<18} {r['rps']:8.1f} req/s served, p50 {r['p50_ms']:8.1f} ms, "
                    f"p99 {r['p99_us'] / 1000:8.1f} ms, errors {r['errors']} "
                    f"(non-2xx/3xx such as 503: {r['status']})"
                )


# --- Main ------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", "--concurrency", type=int, default=32, help="connections (32)")
    parser.add_argument("-d", "--duration", type=int, default=15, help="seconds per wrk run (15)")
    parser.add_argument("--runs", type=int, default=20, help="timed in-process requests (20)")
    parser.add_argument("--port", type=int, default=8766, help="gunicorn's port (8766; +1)")
    parser.add_argument(
        "-w", "--workers", type=int, default=3, help="gunicorn workers (3, the Procfile's default)"
    )
    parser.add_argument(
        "--worker-class",
        choices=["sync", "gthread"],
        default="gthread",
        help="gunicorn worker class (gthread, as the Procfile)",
    )
    parser.add_argument(
        "--threads", type=int, default=24, help="threads per gthread worker (24, as the Procfile)"
    )
    parser.add_argument(
        "--slow-pool",
        type=int,
        default=0,
        metavar="WORKERS",
        help="serve /search/ from a second gunicorn of this many workers (0: none)",
    )
    parser.add_argument(
        "--slow-pool-nice",
        type=int,
        default=10,
        help="CPU niceness of the search pool (10: cached pages come first)",
    )
    parser.add_argument("--mixed-only", action="store_true", help="only the mixed-load run")
    parser.add_argument("--child", choices=["full", "search"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child_measure(args.runs, args.child == "full")))
        return 0
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    if database_url.rstrip("/").rsplit("/", 1)[-1] == "test":
        sys.exit("Refusing to use the database named 'test' (the test suite's).")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a seeded PostgreSQL database (benchmarks/seed.py).")
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    for tool in ("wrk", "redis-cli", "psql"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found (apt-get install wrk redis-tools postgresql-client)")
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    run_dir = BENCH / "results" / f"goals-{stamp}"
    run_dir.mkdir(parents=True, exist_ok=True)

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    big = small = boot = wrk_rates = mixed = None
    started = datetime.datetime.now(datetime.UTC)
    with contextlib.ExitStack() as stack:
        try:
            collectstatic(production_env(database_url, redis_url))  # the manifest pages use
            if not args.mixed_only:
                note("in-process figures, big database")
                big = in_process(database_url, args.runs, full=True)
                note(f"small database ({SMALL_GUIDES} copies)")
                small = in_process(small_database(database_url), args.runs, full=False)
                note("first API request of fresh processes")
                boot = api_feed.boots(api_feed.environment(database_url), 3)
                note(f"wrk, page cache off, {describe_server(args)}")
                wrk_rates = uncached_under_wrk(args, database_url, redis_url, run_dir, stack)
            note(f"mixed load, {describe_server(args)}")
            mixed = mixed_load(args, database_url, redis_url, run_dir, stack)
        except KeyboardInterrupt:
            log("Interrupted: stopping everything this script started.")
            return 130
    print()
    print(
        f"{started:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load average now "
        f"{load_average()}, {big['live'] if big else '?'} live guides; wrk -c{args.concurrency} "
        f"-d{args.duration}s; gunicorn with production settings"
    )
    print_table(table(big or {}, small, boot, wrk_rates, mixed))
    print_details(big, small, wrk_rates, mixed)
    result = {"big": big, "small": small, "boot": boot, "wrk": wrk_rates, "mixed": mixed}
    (run_dir / "result.json").write_text(json.dumps(result, indent=2, default=str))
    log(f"Saved {run_dir / 'result.json'}")
    return 0


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
