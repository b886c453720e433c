"""Shared by the benchmark scripts: a local gunicorn with production settings, and HTTP GETs.

``local_server()`` starts one for ``page_weight.py`` and ``lighthouse`` when they are not given
a URL: on DATABASE_URL if set, else on a demo SQLite database built once in
``benchmarks/.cache/`` (``migrate`` + ``load_initial_data``), so a plain checkout works.
"""

import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
# The project's .venv, else the environment running this script (e.g. in a git worktree).
VENV_BIN = ROOT / ".venv" / "bin" if (ROOT / ".venv").exists() else Path(sys.executable).parent
CACHE = BENCH / ".cache"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- HTTP helpers ---------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    seconds: float


def get(base: str, path: str, timeout: float = 10.0, headers: dict | None = None) -> Answer:
    """One GET without following redirects; status 0 if the server could not be reached."""
    host, port = base.split("//", 1)[1].split(":")
    started = time.monotonic()
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip", **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        return Answer(
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            body,
            time.monotonic() - started,
        )
    except OSError as error:
        return Answer(0, {"error": str(error)}, b"", time.monotonic() - started)
    finally:
        connection.close()


# --- Processes -------------------------------------------------------------------------------


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, text=True, capture_output=True, **kwargs)


def stop_process(process: subprocess.Popen | None, timeout: float = 10.0) -> None:
    """Stop a process this script started (and its process group), politely then firmly."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Server:
    """gunicorn with production settings, in its own process group."""

    def __init__(
        self,
        env: dict,
        port: int,
        workers: int,
        logfile: Path,
        access_log: bool = False,
        extra_args: list[str] | None = None,
        nice: int = 0,
    ):
        self.env, self.port, self.workers, self.logfile = env, port, workers, logfile
        self.access_log = access_log
        self.extra_args = extra_args or []  # e.g. ["--worker-class", "gthread", "--threads", "8"]
        self.nice = nice  # run at a lower CPU priority (a pool for slow requests)
        self.process: subprocess.Popen | None = None
        self.base = f"http://127.0.0.1:{port}"

    def start(self) -> None:
        command = [
            str(VENV_BIN / "gunicorn"),
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
        ]
        if self.access_log:
            command += ["--access-logfile", "-"]
        command += self.extra_args
        if self.nice:
            command = ["nice", "-n", str(self.nice), *command]
        self.log = self.logfile.open("ab")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.logfile}")
            if get(self.base, "/", timeout=5).status == 200:
                return
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer GET / with 200 in 90 s; see {self.logfile}")

    def stop(self) -> None:
        stop_process(self.process)
        self.process = None
        if getattr(self, "log", None):
            self.log.close()


def production_env(
    database_url: str,
    redis_url: str = "",
    conn_max_age: int = 60,
    page_cache_seconds: int | None = None,
) -> dict:
    """The environment for portal.settings.production on this machine, over plain HTTP."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL", "PYTHON"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DB_CONN_MAX_AGE=str(conn_max_age),
        LOG_LEVEL="WARNING",
        PATH=f"{VENV_BIN}:{env.get('PATH', '')}",
    )
    if not redis_url:
        env.pop("REDIS_URL")  # the settings then use a per-process memory cache
    if page_cache_seconds is not None:
        env["PAGE_CACHE_SECONDS"] = str(page_cache_seconds)
    return env


def collectstatic(env: dict) -> None:
    started = time.monotonic()
    command = [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"]
    run(command, cwd=ROOT, env=env)
    log(f"collectstatic took {time.monotonic() - started:.1f} s")


def static_path() -> str:
    manifest = json.loads((ROOT / "static_collected" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/portal.css"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def demo_database() -> str:
    """A SQLite database with the demo site, built once (migrations re-applied every time)."""
    CACHE.mkdir(exist_ok=True)
    url = f"sqlite:///{CACHE / 'demo.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    started = time.monotonic()
    python = str(VENV_BIN / "python")
    run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env)
    run([python, "manage.py", "load_initial_data", "-v0"], cwd=ROOT, env=env)
    log(f"Demo database ready in {time.monotonic() - started:.1f} s ({url})")
    return url


@contextlib.contextmanager
def local_server(workers: int = 2) -> Iterator[str]:
    """A production-settings gunicorn on a free port; yields its base URL, stops it after."""
    database_url = os.environ.get("DATABASE_URL") or demo_database()
    if database_url.rstrip("/").rsplit("/", 1)[-1] == "test":
        sys.exit("Refusing to use the database named 'test' (the test suite's).")
    env = production_env(database_url, os.environ.get("REDIS_URL", ""))
    collectstatic(env)
    with tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False) as logfile:
        path = Path(logfile.name)
    server = Server(env, free_port(), workers, path)
    try:
        server.start()
        log(f"Started gunicorn (production settings) at {server.base} on {database_url}")
        yield server.base
    finally:
        server.stop()
        path.unlink(missing_ok=True)
