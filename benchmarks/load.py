"""Load and fault test: gunicorn with production settings, driven by wrk, on this machine.

    .venv/bin/python benchmarks/load.py                      # 64 connections, 30 s per target
    .venv/bin/python benchmarks/load.py -c 32 -d 10 --targets home,guide,static
    .venv/bin/python benchmarks/load.py --fault               # restarts PostgreSQL and Redis

Seed the database first (benchmarks/seed.py). The script runs ``collectstatic`` and starts
``gunicorn portal.wsgi`` with ``portal.settings.production`` (SECRET_KEY, ALLOWED_HOSTS and
SECURE_SSL_REDIRECT=false set for it), DATABASE_URL (default: the ``bench`` database on
127.0.0.1:5432) and REDIS_URL (default: redis://127.0.0.1:6379/3, flushed first), 2 x cores + 1
sync workers. Then wrk loads each target in turn and the script prints requests/s, p50/p99
latency, errors and the ratio to a static file served by the same gunicorn (whitenoise), which
is the upper bound for anything that runs the Django stack.

``--fault`` loads all targets at once while it restarts PostgreSQL, restarts Redis and stops
Redis for a few seconds, then reports errors per phase and whether every target answers again
by itself. By default it does this to a private PostgreSQL cluster (a copy of the benchmark
database) and a private Redis that it starts itself, so it never disrupts the shared services
other people's tests use; ``--services system`` restarts the machine's own services instead
(``pg_ctlcluster``/``service``). Everything it started is stopped on exit, Ctrl-C included.
"""

import argparse
import contextlib
import datetime
import glob
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from serve import (  # benchmarks/serve.py: beside this script, so on sys.path
    BENCH,
    VENV_BIN,
    Server,
    collectstatic,
    get,
    log,
    production_env,
    run,
    static_path,
    stop_process,
)

RESULTS = BENCH / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/3"
GUIDE_PATH = "/treatments/microneedling/"
# The fault test leaves out the two heaviest pages (the 1,000-guide A-Z list and the API feed):
# their multi-second answers would time out under load whatever the services do.
FAULT_TARGETS = "home,guide,search,api"
TARGET_ORDER = ["static", "home", "guide", "index", "search", "api", "api-feed"]

# --- Services for the fault test --------------------------------------------------------------


def redis_ping(url: str) -> bool:
    match = re.match(r"redis://([^:/]+):(\d+)", url)
    try:
        out = subprocess.run(
            ["redis-cli", "-h", match[1], "-p", match[2], "ping"],
            capture_output=True,
            text=True,
            timeout=3,
        )
    except subprocess.TimeoutExpired:
        return False
    return out.stdout.strip() == "PONG"


def pg_ready(url: str) -> bool:
    return subprocess.run(["pg_isready", "-d", url, "-t", "2"], capture_output=True).returncode == 0


def wait_for(check, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def pg_bindir() -> Path:
    server_version = run(["pg_dump", "--version"]).stdout.split()[-1].split(".")[0]
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
    for candidate in candidates:
        if candidate.split("/")[4] == server_version:
            return Path(candidate)
    if candidates:
        return Path(candidates[-1])
    raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")


class PrivateServices:
    """A PostgreSQL cluster and a Redis server of our own, so restarts disturb nobody else."""

    kind = "private"

    def __init__(self, source_database_url: str, pg_port: int, redis_port: int):
        self.source = source_database_url
        self.pg_port, self.redis_port = pg_port, redis_port
        self.dir = Path(tempfile.mkdtemp(prefix="portal-bench-fault-"))
        self.pg_data = self.dir / "pg"
        self.redis_dir = self.dir / "redis"
        self.redis: subprocess.Popen | None = None
        self.pg_started = False
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.bindir = pg_bindir()
        name = source_database_url.rstrip("/").rsplit("/", 1)[-1]
        self.database_url = f"postgres://postgres@127.0.0.1:{pg_port}/{name}"
        self.redis_url = f"redis://127.0.0.1:{redis_port}/0"

    def pg_ctl(self, *args: str) -> None:
        # Output to a file, never a pipe: the server pg_ctl starts would hold a pipe open.
        command = [*self.as_postgres, str(self.bindir / "pg_ctl"), "-D", str(self.pg_data)]
        with (self.dir / "pg_ctl.log").open("ab") as out:
            subprocess.run([*command, *args], stdout=out, stderr=out, check=True, timeout=120)

    def start(self) -> None:
        self.redis_dir.mkdir()
        self.pg_data.mkdir()
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.pg_data, "postgres")
        log(f"Private PostgreSQL on :{self.pg_port} and Redis on :{self.redis_port} in {self.dir}")
        run(
            [
                *self.as_postgres,
                str(self.bindir / "initdb"),
                "-D",
                str(self.pg_data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ]
        )
        self.pg_started = True
        self.pg_ctl(
            "-w",
            "-l",
            str(self.dir / "server.log"),
            "-o",
            f"-p {self.pg_port} -c listen_addresses=127.0.0.1 -k {self.pg_data} "
            "-c fsync=off -c max_connections=100",
            "start",
        )
        name = self.database_url.rsplit("/", 1)[-1]
        run(["createdb", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", name])
        dump = self.dir / "bench.dump"
        started = time.monotonic()
        run(["pg_dump", "-Fc", "-f", str(dump), "-d", self.source])
        run(["pg_restore", "--no-owner", "-j", "2", "-d", self.database_url, str(dump)])
        log(f"Copied the benchmark database in {time.monotonic() - started:.1f} s")
        self.start_redis()

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.redis_dir),
                "--save",
                "3600 1 300 100 60 10000",  # Debian's defaults: a restart keeps the data
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--logfile",
                str(self.redis_dir / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        if not wait_for(lambda: redis_ping(self.redis_url), 10):
            raise RuntimeError("private redis-server did not start")

    def stop_redis(self) -> None:
        stop_process(self.redis)
        self.redis = None

    # The three faults.
    def restart_postgres(self) -> str:
        self.pg_ctl("-w", "-m", "fast", "-l", str(self.dir / "server.log"), "restart")
        return "pg_ctl restart -m fast (what pg_ctlcluster restart does)"

    def restart_redis(self) -> str:
        self.stop_redis()
        self.start_redis()
        return "SIGTERM redis-server (saves its data), start it again"

    def redis_down(self) -> str:
        self.stop_redis()
        return "SIGTERM redis-server"

    def redis_up(self) -> str:
        self.start_redis()
        return "start redis-server"

    def close(self) -> None:
        self.stop_redis()
        if self.pg_started:
            with contextlib.suppress(subprocess.CalledProcessError):
                self.pg_ctl("-w", "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


class SystemServices:
    """The machine's own PostgreSQL cluster and Redis, through their service scripts."""

    kind = "system"

    def __init__(self, database_url: str, redis_url: str):
        self.database_url, self.redis_url = database_url, redis_url
        port = re.search(r":(\d+)/", database_url)
        port = port[1] if port else "5432"
        clusters = [line.split() for line in run(["pg_lsclusters", "-h"]).stdout.splitlines()]
        self.cluster = next((c[:2] for c in clusters if c[2] == port), None)

    def start(self) -> None:
        pass

    def restart_postgres(self) -> str:
        if self.cluster:
            run(["pg_ctlcluster", *self.cluster, "restart"])
            return f"pg_ctlcluster {' '.join(self.cluster)} restart"
        run(["service", "postgresql", "restart"])
        return "service postgresql restart"

    def _redis(self, action: str) -> str:
        subprocess.run(["service", "redis-server", action], capture_output=True, timeout=60)
        return f"service redis-server {action}"

    def restart_redis(self) -> str:
        was_up = redis_ping(self.redis_url)
        note = self._redis("restart")
        if was_up and not wait_for(lambda: redis_ping(self.redis_url), 10):
            note += " (Redis did not come back)"
        return note

    def redis_down(self) -> str:
        note = self._redis("stop")
        if redis_ping(self.redis_url):
            note += " (Redis still answers: it is not managed by the service script here)"
        return note

    def redis_up(self) -> str:
        return self._redis("start")

    def close(self) -> None:
        """Leave both services running, whatever happened."""
        if not pg_ready(self.database_url) and self.cluster:
            subprocess.run(["pg_ctlcluster", *self.cluster, "start"], capture_output=True)
        if not redis_ping(self.redis_url):
            self._redis("start")


# --- wrk -------------------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    path: str
    note: str = ""
    first: dict = field(default_factory=dict)


def wrk_command(url, connections, seconds, threads, script, timeout="5s") -> list[str]:
    return [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}",
        "-H",
        "Accept-Encoding: gzip",
        "-s",
        str(BENCH / "wrk" / script),
        url,
    ]


def parse_wrk(output: str) -> dict:
    result: dict = {}
    for line in output.splitlines():
        if line.startswith("WRK_JSON "):
            result.update(json.loads(line[len("WRK_JSON ") :]))
        elif line.startswith("WRK_TIMELINE "):
            result["timeline"] = json.loads(line[len("WRK_TIMELINE ") :])
    if "requests" not in result:
        raise RuntimeError(f"could not read wrk's output:\n{output}")
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return result


# --- Setting up ------------------------------------------------------------------------------


def resolve_targets(base: str, args) -> list[Target]:
    """Every target's address, checked to answer 200; the API's address found by asking it."""
    targets = [
        Target("static", static_path(), "whitenoise, gzip"),
        Target("home", "/", "page cache"),
        Target("guide", GUIDE_PATH, "page cache"),
        Target("index", "/treatments/", "A-Z of every guide, page cache"),
        Target("search", f"/search/?q={args.search}", "never cached"),
    ]
    api_detail, api_feed = None, None
    found = get(base, "/api/v3/pages/?type=articles.TreatmentPage&slug=microneedling")
    if found.status == 200:
        page_id = json.loads(found.body)["items"][0]["id"]
        api_detail = Target("api", f"/api/v3/pages/{page_id}/", "v3 guide detail")
        api_feed = Target("api-feed", "/api/v3/guides/", "v3 feed, first page")
    else:
        found = get(base, "/api/v2/pages/?type=articles.TreatmentPage&slug=microneedling")
        if found.status == 200:
            page_id = json.loads(found.body)["items"][0]["id"]
            api_detail = Target("api", f"/api/v2/pages/{page_id}/", "v2 guide detail (no v3)")
            api_feed = Target(
                "api-feed", "/api/v2/pages/?type=articles.TreatmentPage", "v2 list (no v3)"
            )
        else:
            log(f"No API answered (v3 and v2: {found.status}); skipping the API rows.")
    targets += [t for t in (api_detail, api_feed) if t]
    wanted = set(args.targets.split(",")) if args.targets else None
    targets = [t for t in targets if wanted is None or t.name in wanted]
    for target in targets:
        answers = [get(base, target.path, timeout=30) for _ in range(3)]
        target.first = {
            "status": [a.status for a in answers],
            "page_cache": [a.headers.get("x-page-cache", "-") for a in answers],
            "bytes": len(answers[-1].body),
            "ms": [round(a.seconds * 1000, 1) for a in answers],
        }
        if answers[-1].status != 200:
            log(f"WARNING: {target.name} {target.path} answers {answers[-1].status}")
    return targets


def cpu_busy(seconds: float = 2.0) -> float:
    """Share of the machine's CPU time in use over ``seconds`` (all processes, 0 to 1)."""

    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return sum(fields), idle

    total1, idle1 = sample()
    time.sleep(seconds)
    total2, idle2 = sample()
    return 1 - (idle2 - idle1) / max(1, total2 - total1)


def wait_until_quiet(max_seconds: float, below: float = 0.25) -> float:
    """Wait (up to ``max_seconds``) for other work on the machine to calm down; the busy share."""
    deadline = time.monotonic() + max_seconds
    busy = cpu_busy()
    while busy >= below and time.monotonic() < deadline:
        log(f"  machine {busy:.0%} busy with other work; waiting for it to calm down")
        time.sleep(5)
        busy = cpu_busy()
    return busy


def machine_info(env: dict) -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    versions = {}
    for name, command in {
        "wrk": ["wrk", "-v"],
        "postgresql": ["psql", "-d", env["DATABASE_URL"], "-tAc", "show server_version"],
        "redis": ["redis-server", "--version"],
        "gunicorn": [str(VENV_BIN / "gunicorn"), "--version"],
    }.items():
        with contextlib.suppress(Exception):
            out = subprocess.run(command, capture_output=True, text=True, timeout=10)
            versions[name] = (out.stdout or out.stderr).strip().splitlines()[0]
    guides = ""
    with contextlib.suppress(Exception):
        guides = run(
            [
                "psql",
                "-d",
                env["DATABASE_URL"],
                "-tAc",
                "select count(*) from wagtailcore_page p join articles_treatmentpage t "
                "on t.page_ptr_id = p.id where p.live",
            ]
        ).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "versions": versions,
        "live_guides": guides,
    }


# --- The load test ---------------------------------------------------------------------------


def print_table(rows: list[dict], static_rps: float | None) -> None:
    header = (
        f"{'target':<15} {'path':<42} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'errors':>6} {'vs static':>9} {'busy':>5}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = f"{row['rps'] / static_rps:.3f}" if static_rps else "-"
        path = row["path"] if len(row["path"]) <= 42 else row["path"][:41] + "…"
        print(
            f"{row['target']:<15} {path:<42} {row['rps']:>8.1f} {row['p50_us'] / 1000:>8.1f} "
            f"{row['p99_us'] / 1000:>8.1f} {row['errors']:>6} {ratio:>9} "
            f"{row['busy_before']:>5.0%}"
        )
    print("busy: share of the machine's CPU in use by other work just before the target ran")


def load_test(args, stack: contextlib.ExitStack, run_dir: Path) -> dict:
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    env = production_env(database_url, redis_url, args.conn_max_age, args.page_cache_seconds)
    info = machine_info(env)
    collectstatic(env)
    subprocess.run(["redis-cli", "-u", redis_url, "flushdb"], capture_output=True, check=False)
    server = Server(env, args.port, args.workers, run_dir / "gunicorn.log", args.access_log)
    stack.callback(server.stop)
    server.start()
    targets = resolve_targets(server.base, args)
    settings = {
        "workers": args.workers,
        "worker_class": "sync",
        "DB_CONN_MAX_AGE": args.conn_max_age,
        "PAGE_CACHE_SECONDS": args.page_cache_seconds or "default (600)",
        "database": database_url,
        "redis": redis_url,
        "connections": args.concurrency,
        "seconds_per_target": args.duration,
        "wrk_threads": args.threads,
    }
    log(f"Machine: {info}\nSettings: {settings}")
    rows = []
    for target in targets:
        busy = wait_until_quiet(args.wait_quiet)
        log(f"wrk {target.name}: {target.path} ({args.duration} s, {args.concurrency} connections)")
        command = wrk_command(
            server.base + target.path,
            args.concurrency,
            args.duration,
            args.threads,
            "report.lua",
            timeout=f"{args.timeout}s",
        )
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        result = parse_wrk(output)
        rows.append(
            {
                "target": target.name,
                "path": target.path,
                "note": target.note,
                "busy_before": round(busy, 2),
                "loadavg_after": os.getloadavg()[0],
                **result,
            }
        )
        rows[-1]["warmup"] = target.first
        time.sleep(1)
    static = next((r["rps"] for r in rows if r["target"] == "static"), None)
    print()
    print(
        f"{info['date']}  {info['cores']} cores ({info['cpu']}), {info['live_guides']} live guides,"
        f" gunicorn {args.workers} sync workers, wrk -t{args.threads} -c{args.concurrency} "
        f"-d{args.duration}s --timeout {args.timeout}s, DB_CONN_MAX_AGE={args.conn_max_age}"
    )
    print_table(rows, static)
    print()
    for row in rows:
        warm = row["warmup"]
        print(
            f"  {row['target']:<15} first 3 answers {warm['status']} "
            f"X-Page-Cache {warm['page_cache']} {warm['ms']} ms, {warm['bytes']} bytes"
            f"{'  non-2xx: ' + str(row['status']) if row['status'] else ''}"
            f"{'  timeouts: ' + str(row['timeout']) if row['timeout'] else ''}"
        )
    server_errors = count_log_errors(run_dir / "gunicorn.log")
    print(f"\nServer log: {server_errors['tracebacks']} tracebacks; {server_errors['kinds']}")
    return {"machine": info, "settings": settings, "rows": rows, "server_log": server_errors}


def count_log_errors(path: Path) -> dict:
    """Tracebacks in the server log, by the exception finally raised (chains count once)."""
    lines = path.read_text(errors="replace").splitlines() if path.exists() else []
    chained = ("During handling of the above exception", "The above exception was the direct")
    kinds: dict[str, int] = {}
    tracebacks = 0
    pending = None
    for line in [*lines, ""]:
        if pending and line.strip():
            if not line.startswith(chained):
                kinds[pending] = kinds.get(pending, 0) + 1
                tracebacks += 1
            pending = None
        match = re.match(r"([A-Za-z_][\w.]*(?:Error|Exception|Interrupted|Timeout)\w*)(:|$)", line)
        if match:
            pending = match[1]
    timeouts = sum("WORKER TIMEOUT" in line for line in lines)
    if timeouts:
        kinds["gunicorn WORKER TIMEOUT"] = timeouts
    return {"tracebacks": tracebacks, "kinds": kinds}


# --- The fault test --------------------------------------------------------------------------


def split_timeline(timeline: dict, bounds: list[tuple[str, int, int]]) -> list[dict]:
    """Responses per phase ([start, end) in seconds): OK count, page-cache hits among them, and
    error responses by status."""
    cells = [{"ok": 0, "hits": 0, "errors": {}} for _ in bounds]
    for key, count in timeline.items():
        second, status, cache = key.split(":")
        second, status = int(second), int(status)
        for cell, (_name, start, end) in zip(cells, bounds, strict=True):
            if start <= second < end:
                if 200 <= status < 400:
                    cell["ok"] += count
                    cell["hits"] += count if cache == "hit" else 0
                else:
                    cell["errors"][status] = cell["errors"].get(status, 0) + count
                break
    return cells


def error_window(timelines: list[dict], start: int, end: int) -> tuple[int, int] | None:
    """First and last second (unix) in [start, end) with an error response on any target."""
    seconds = [
        int(key.split(":")[0])
        for timeline in timelines
        for key in timeline
        if not 200 <= int(key.split(":")[1]) < 400 and start <= int(key.split(":")[0]) < end
    ]
    return (min(seconds), max(seconds)) if seconds else None


def fault_test(args, stack: contextlib.ExitStack, run_dir: Path) -> dict:
    source = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    if args.services == "system":
        services = SystemServices(source, os.environ.get("REDIS_URL", DEFAULT_REDIS_URL))
    else:
        services = PrivateServices(source, args.fault_pg_port, args.fault_redis_port)
    stack.callback(services.close)
    services.start()
    env = production_env(
        services.database_url, services.redis_url, args.conn_max_age, args.page_cache_seconds
    )
    info = machine_info(env)
    collectstatic(env)
    server = Server(env, args.port, args.workers, run_dir / "gunicorn.log", args.access_log)
    stack.callback(server.stop)
    server.start()
    if not args.targets:
        args.targets = FAULT_TARGETS
    targets = [t for t in resolve_targets(server.base, args) if t.name != "static"]
    per_target = max(2, args.concurrency // len(targets))
    total = args.fault_duration
    schedule = [
        (0.15 * total, "postgres restart", services.restart_postgres, None),
        (0.40 * total, "redis restart", services.restart_redis, None),
        (0.60 * total, "redis outage", services.redis_down, services.redis_up),
    ]
    log(
        f"Fault run: {len(targets)} targets x {per_target} connections for {total} s; "
        f"faults at {[round(s[0]) for s in schedule]} s ({services.kind} services)"
    )
    processes = {}
    started = time.time()
    for target in targets:
        command = wrk_command(
            server.base + target.path, per_target, total, 1, "timeline.lua", f"{args.timeout}s"
        )
        processes[target.name] = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        stack.callback(stop_process, processes[target.name])
    events = []
    for at, name, action, undo in schedule:
        time.sleep(max(0.0, started + at - time.time()))
        event = {"name": name, "start": time.time()}
        event["how"] = action()
        if undo is not None:
            time.sleep(args.outage)
            event["how"] += f"; {args.outage:g} s later: " + undo()
        event["end"] = time.time()
        events.append(event)
        log(
            f"  {event['start'] - started:5.1f} s {name}: {event['how']} "
            f"({event['end'] - event['start']:.1f} s)"
        )
    results = {}
    for name, process in processes.items():
        output, _ = process.communicate(timeout=total + 60)
        results[name] = parse_wrk(output)
    finished = time.time()

    # After the run: does every target answer again, and is the page cache back in use?
    recovery = {}
    for target in targets:
        answers = [get(server.base, target.path, timeout=10) for _ in range(3)]
        recovery[target.name] = {
            "status": [a.status for a in answers],
            "page_cache": [a.headers.get("x-page-cache", "-") for a in answers],
        }

    # Contiguous phases in whole seconds: before, one per fault (until the next one), after.
    # The last fault's phase ends `settle` seconds after it was undone.
    marks = [int(e["start"]) for e in events]
    back = int(events[-1]["end"]) + 1  # the last fault (the outage) is over
    after = back + int(args.settle)
    bounds = [("before faults", int(started), marks[0])]
    for i, event in enumerate(events):
        bounds.append((event["name"], marks[i], marks[i + 1] if i + 1 < len(marks) else back))
    bounds.append((f"redis back ({args.settle:g} s)", back, after))
    bounds.append(("after faults", after, int(finished) + 1))
    timelines = {name: result.get("timeline", {}) for name, result in results.items()}
    table = {name: split_timeline(timelines[name], bounds) for name in results}
    after_errors = sum(sum(cells[-1]["errors"].values()) for cells in table.values())
    after_ok = sum(cells[-1]["ok"] for cells in table.values())
    recovered = after_errors == 0 and all(
        all(s == 200 for s in r["status"]) for r in recovery.values()
    )

    print()
    print(
        f"{info['date']}  fault test, {info['cores']} cores, {info['live_guides']} live guides, "
        f"{services.kind} services, {len(targets)} targets x {per_target} connections, {total} s,"
        f" gunicorn {args.workers} sync workers, DB_CONN_MAX_AGE={args.conn_max_age}"
    )
    windows = {}
    for (name, start, end), event in zip(bounds[1:-2], events, strict=True):
        window = error_window(list(timelines.values()), start, end)
        windows[name] = window
        span = (
            f"errors from {window[0] - started:.0f} s to {window[1] + 1 - started:.0f} s"
            if window
            else "no error responses"
        )
        print(f"  at {event['start'] - started:5.1f} s: {name} ({event['how']}): {span}")
    header = f"{'target':<15}" + "".join(f" {name[:17]:>17}" for name, _, _ in bounds)
    header += f" {'sock err':>8} {'after run':>9}"
    print("\nOK / error responses per phase (error statuses below)")
    print(header)
    print("-" * len(header))
    for name, cells in table.items():
        result = results[name]
        sock = result["connect"] + result["read"] + result["write"] + result["timeout"]
        ok = all(s == 200 for s in recovery[name]["status"])
        print(
            f"{name:<15}"
            + "".join(
                f" {str(c['ok']) + ' / ' + str(sum(c['errors'].values())):>17}" for c in cells
            )
            + f" {sock:>8} {'200' if ok else 'FAIL':>9}"
        )
        statuses = {}
        for c in cells:
            for status, count in c["errors"].items():
                statuses[status] = statuses.get(status, 0) + count
        if statuses:
            print(f"{'':<15} error statuses: {statuses}")
    print("\nShare of OK responses served from the page cache (X-Page-Cache: hit), per phase")
    for name, cells in table.items():
        if any(c["hits"] for c in cells):
            print(
                f"{name:<15}"
                + "".join(f" {c['hits'] / c['ok'] if c['ok'] else 0:>17.0%}" for c in cells)
            )
    print("\nAfter the run:")
    for name, rec in recovery.items():
        print(f"  {name:<15} status {rec['status']} X-Page-Cache {rec['page_cache']}")
    print(
        f"\nRecovered by itself: {'yes' if recovered else 'NO'} ({after_ok} OK and "
        f"{after_errors} error responses after the faults; every target answers 200)"
        if recovered
        else f"\nRecovered by itself: NO ({after_errors} error responses after the faults)"
    )
    server_errors = count_log_errors(run_dir / "gunicorn.log")
    print(f"Server log: {server_errors['tracebacks']} tracebacks; {server_errors['kinds']}")
    return {
        "machine": info,
        "services": services.kind,
        "settings": {
            "workers": args.workers,
            "DB_CONN_MAX_AGE": args.conn_max_age,
            "connections_per_target": per_target,
            "seconds": total,
            "outage_seconds": args.outage,
        },
        "events": [{**e, "start": e["start"] - started, "end": e["end"] - started} for e in events],
        "phases": [{"name": n, "start": s - started, "end": e - started} for n, s, e in bounds],
        "error_windows": {
            k: (v[0] - started, v[1] + 1 - started) if v else None for k, v in windows.items()
        },
        "per_target": {
            name: {
                "phases": table[name],
                "socket_errors": {
                    k: results[name][k] for k in ("connect", "read", "write", "timeout")
                },
                "requests": results[name]["requests"],
                "p50_ms": results[name]["p50_us"] / 1000,
                "p99_ms": results[name]["p99_us"] / 1000,
                "timeline": timelines[name],
            }
            for name in results
        },
        "recovery": recovery,
        "recovered": recovered,
        "server_log": server_errors,
    }


# --- Main ------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    cores = os.cpu_count() or 1
    parser.add_argument("-c", "--concurrency", type=int, default=64, help="connections (64)")
    parser.add_argument("-d", "--duration", type=int, default=30, help="seconds per target (30)")
    parser.add_argument("-t", "--threads", type=int, default=min(cores, 4), help="wrk threads")
    parser.add_argument(
        "-w", "--workers", type=int, default=2 * cores + 1, help="gunicorn workers (2 x cores + 1)"
    )
    parser.add_argument("--port", type=int, default=8765, help="gunicorn's port (8765)")
    parser.add_argument(
        "--timeout",
        type=int,
        default=30,
        help="seconds before wrk gives up on a request and counts an error (30, as gunicorn)",
    )
    parser.add_argument(
        "--targets",
        help=f"comma-separated subset of: {','.join(TARGET_ORDER)} (default: all)",
    )
    parser.add_argument("--search", default="microneedling", help="search words (microneedling)")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        help="DB_CONN_MAX_AGE for the server (default 60, as docs/operators.md advises)",
    )
    parser.add_argument(
        "--page-cache-seconds", type=int, help="PAGE_CACHE_SECONDS (default: the settings' 600)"
    )
    parser.add_argument("--access-log", action="store_true", help="gunicorn access log on")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0,
        metavar="SECONDS",
        help="before each target, wait up to this long for the machine to be under 25%% busy",
    )
    parser.add_argument("--fault", action="store_true", help="run the fault test instead")
    parser.add_argument(
        "--services",
        choices=["private", "system"],
        default="private",
        help="fault test: restart private copies (default) or the machine's own services",
    )
    parser.add_argument("--fault-duration", type=int, default=60, help="fault run seconds (60)")
    parser.add_argument("--outage", type=float, default=8.0, help="Redis outage seconds (8)")
    parser.add_argument(
        "--settle", type=float, default=5.0, help="seconds after the outage shown apart (5)"
    )
    parser.add_argument("--fault-pg-port", type=int, default=5439)
    parser.add_argument("--fault-redis-port", type=int, default=6399)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    if database_url.rstrip("/").rsplit("/", 1)[-1] == "test":
        sys.exit("Refusing to use the database named 'test' (the test suite's).")
    for tool in ("wrk", "redis-cli", "psql"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found (apt-get install wrk redis-tools postgresql-client)")
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    run_dir = RESULTS / f"{'fault' if args.fault else 'load'}-{stamp}"
    run_dir.mkdir(parents=True, exist_ok=True)

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)
    with contextlib.ExitStack() as stack:
        try:
            result = (fault_test if args.fault else load_test)(args, stack, run_dir)
        except KeyboardInterrupt:
            log("Interrupted: stopping everything this script started.")
            return 130
        finally:
            # Cleanups (gunicorn, wrk, services) run when the stack closes, even on errors;
            # Ctrl-C during cleanup must not skip the rest.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    (run_dir / "result.json").write_text(json.dumps(result, indent=2, default=str))
    log(f"Saved {run_dir / 'result.json'} and the server log beside it.")
    if args.fault:
        return 0 if result["recovered"] else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
