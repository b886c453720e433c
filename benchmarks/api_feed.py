"""What a page of guides costs through the API, and what the first API request of a process costs.

    .venv/bin/python benchmarks/api_feed.py          # a new SQLite database in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/feedbench \
        .venv/bin/python benchmarks/api_feed.py
    .venv/bin/python benchmarks/api_feed.py --guides 100 --runs 20

The database is DATABASE_URL if set, else a new SQLite file in a temporary folder (removed
afterwards). ``seed.py`` migrates it, loads the demo content if it has none (``load_initial_data``:
4 guides) and tops it up with copies of the demo microneedling guide to ``--guides`` copies (so
``--guides 46`` gives 50 live guides). It refuses the database named ``test``.

Requests go through Django's test client in this process, with production settings (no HTTP
server, no network: the figures are the application's own cost). For each address: SQL queries,
bytes as sent and gzipped, and the median and fastest of ``--runs`` requests after one warm-up
request. Then, in fresh processes (``--boots`` of each), a WSGI application is created and
called directly, as gunicorn does: the first and second v3 requests after
``get_wsgi_application()`` alone (what every worker did before the schemas were built at
start-up), and after importing ``portal.wsgi`` (which builds them, see ``headless/warmup.py``).
It prints figures only; it never fails on a slow result.
"""

import argparse
import gzip
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"

FIRST_REQUEST = "/api/v3/pages/?type=articles.TreatmentPage"
BOOT_SCRIPT = """
import json, sys, time
from wsgiref.util import setup_testing_defaults
started = time.perf_counter()
if sys.argv[1] == "wsgi":
    from portal.wsgi import application  # what gunicorn loads in each worker
else:
    from django.core.wsgi import get_wsgi_application
    application = get_wsgi_application()  # portal/wsgi.py without the warm-up
booted = time.perf_counter()

def get(address):
    path, _, query = address.partition("?")
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "localhost"}
    setup_testing_defaults(environ)
    statuses = []
    b"".join(application(environ, lambda status, headers, *info: statuses.append(status)))
    return statuses[0]

times = []
for _ in range(2):
    began = time.perf_counter()
    status = get(sys.argv[2])
    times.append(time.perf_counter() - began)
figures = {"boot": booted - started, "first": times[0], "second": times[1], "status": status}
print(json.dumps(figures))
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--guides", type=int, default=46, help="seeded copies (default 46)")
    parser.add_argument("--runs", type=int, default=15, help="timed requests per address")
    parser.add_argument("--boots", type=int, default=3, help="fresh processes per start mode")
    return parser.parse_args(argv)


def environment(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTHON"))}
    env.pop("REDIS_URL", None)  # a per-process memory cache: nothing shared between runs
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="localhost,testserver,127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
    )
    return env


def seed(env: dict, guides: int) -> None:
    started = time.monotonic()
    subprocess.run(
        [sys.executable, str(BENCH / "seed.py"), "--guides", str(guides)],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
        check=True,
        capture_output=True,
        text=True,
    )
    print(f"Seeded in {time.monotonic() - started:.1f} s", file=sys.stderr)


def addresses() -> list[tuple[str, str]]:
    from articles.models import TreatmentPage

    guide = TreatmentPage.objects.live().filter(slug="microneedling").first()
    listed = [
        ("v3 guides feed, 5", "/api/v3/guides/?limit=5"),
        ("v3 guides feed, 20", "/api/v3/guides/?limit=20"),
        ("v3 guides feed, 50", "/api/v3/guides/?limit=50"),
        ("v3 guides feed, search, 20", "/api/v3/guides/?limit=20&search=needles"),
        ("v3 pages of a type, 20", "/api/v3/pages/?type=articles.TreatmentPage&limit=20"),
        ("v2 pages fields=*, 20", "/api/v2/pages/?type=articles.TreatmentPage&fields=*&limit=20"),
        ("v2 pages fields=title,summary, 20", "/api/v2/pages/?type=articles.TreatmentPage"
         "&fields=title,summary&limit=20"),
    ]  # fmt: skip
    if guide is not None:
        listed.append(("v3 one guide", f"/api/v3/pages/{guide.pk}/"))
    return listed


def measure(runs: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows = []
    for name, url in addresses():
        client.get(url)  # warm: renditions, caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        queries = len(captured)  # now: the next request clears the log
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - began)
        body = response.content
        items = len(json.loads(body).get("items", [None])) if response.status_code == 200 else 0
        rows.append(
            {
                "name": name,
                "url": url,
                "status": response.status_code,
                "items": items,
                "queries": queries,
                "bytes": len(body),
                "gzip": len(gzip.compress(body, 6)),
                "median_ms": 1000 * statistics.median(times),
                "min_ms": 1000 * min(times),
            }
        )
    return rows


def boots(env: dict, count: int) -> dict[str, dict]:
    results = {}
    for mode in ("setup", "wsgi"):
        runs = []
        for _ in range(count):
            done = subprocess.run(
                [sys.executable, "-c", BOOT_SCRIPT, mode, FIRST_REQUEST],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            if not str(runs[-1]["status"]).startswith("200"):
                print(f"{mode}: the first request answered {runs[-1]['status']}", file=sys.stderr)
        results[mode] = {
            key: 1000 * statistics.median(run[key] for run in runs)
            for key in ("boot", "first", "second")
        }
    return results


def main(argv=None) -> None:
    args = parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", "")
    folder = None
    if not database_url:
        folder = tempfile.TemporaryDirectory(prefix="api-feed-")
        database_url = f"sqlite:///{folder.name}/bench.sqlite3"
    if database_url.rstrip("/").rsplit("/", 1)[-1].split("?")[0] == "test":
        sys.exit("Refusing to use the database named 'test' (the test suite's).")
    env = environment(database_url)
    try:
        seed(env, args.guides)
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
        import django

        django.setup()
        from django.db import connection

        from articles.models import TreatmentPage

        engine = connection.vendor
        live = TreatmentPage.objects.live().count()
        print(f"{engine}, {live} live guides, median and fastest of {args.runs} runs\n")
        print("| Address | Items | Queries | Bytes | Gzipped | Median ms | Fastest ms |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in measure(args.runs):
            print(
                f"| {row['name']} (`{row['url']}`) | {row['items']} | {row['queries']} | "
                f"{row['bytes']:,} | {row['gzip']:,} | {row['median_ms']:.0f} | "
                f"{row['min_ms']:.0f} |"
            )
        print(f"\nFresh processes (median of {args.boots}), first and second `{FIRST_REQUEST}`:\n")
        print("| Start | Start-up ms | First request ms | Second request ms |")
        print("| --- | ---: | ---: | ---: |")
        labels = {
            "setup": "WSGI application only (`get_wsgi_application()`)",
            "wsgi": "`portal.wsgi` (gunicorn's import, with the warm-up)",
        }
        for mode, figures in boots(env, args.boots).items():
            print(
                f"| {labels[mode]} | {figures['boot']:.0f} | {figures['first']:.0f} | "
                f"{figures['second']:.0f} |"
            )
    finally:
        if folder is not None:
            folder.cleanup()


if __name__ == "__main__":
    main()
