"""Running manage.py in a subprocess with the production settings, as a server would."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k7#Vq2!mZ9@wL4$eR8^tY1&uI6*oP3(aS5)dF0_gH-jK+lX=cB"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
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
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


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
