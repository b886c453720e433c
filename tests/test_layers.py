"""Imports between the apps run one way: integration apps import content apps, content apps import
infrastructure, never the other way (the layers are in pyproject.toml, [tool.importlinter]).

An upward import (say ``articles`` importing ``headless``) fails here with the import-linter report
naming the module and line, the same report ``lint-imports`` prints.
"""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["importlinter"]


def test_imports_only_run_downward():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [lint_imports, "--no-cache", "--no-logo", "--config", PROJECT / "pyproject.toml"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_app_of_the_project_has_a_layer():
    """A new app is checked too: every app of this repository in INSTALLED_APPS sits in a layer."""
    ours = {app for app in settings.INSTALLED_APPS if (PROJECT / app / "__init__.py").exists()}
    (contract,) = CONFIG["contracts"]
    layered = {
        name.strip() for layer in contract["layers"] for name in layer.replace(":", "|").split("|")
    }
    assert ours <= set(CONFIG["root_packages"])
    assert ours <= layered


def test_the_demo_app_is_for_development_and_tests_only():
    """Production settings install no demo content (nor its load_initial_data command)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "a-long-random-production-key-for-this-test-only-0123456789",
        "ALLOWED_HOSTS": "guides.example.org",
    }
    script = "\n".join(
        [
            "import django",
            "django.setup()",
            "from django.apps import apps",
            "print(apps.is_installed('demo'))",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "False", result.stderr
    assert "demo" in settings.INSTALLED_APPS  # the test settings build the demo site
