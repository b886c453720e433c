"""Running manage.py in a subprocess: with the production settings, as a server would, or with
any environment (``run_manage``)."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k7#Vq2!mZ9@wL4$eR8^tY1&uI6*oP3(aS5)dF0_gH-jK+lX=cB"


def run_manage(env: dict, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """``manage.py args`` in a new process with exactly ``env``; what it printed, its exit code."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``manage.py args`` with the production settings and this environment plus ``env``."""
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    clean_env.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return run_manage(clean_env, *args)


def production_shell(code: str, **env: str) -> str:
    """Run Python code with fully configured production settings; return what it printed."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="guides.example.org",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
