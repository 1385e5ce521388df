"""Issue 15, item 5: a real distribution, installed where no checkout is around it.

``python -m build`` makes the wheel and the sdist from this checkout, ``twine
check`` passes on both, and the wheel installs into a fresh virtual
environment, run from a directory with nothing of the project in it, where the
command line and the import work; the wheel holds ``py.typed`` and no tests.
The framework and server packages are not among what it installs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
FRAMEWORKS = ("fastapi", "flask", "django", "uvicorn", "gunicorn", "starlette", "werkzeug")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


def test_twine_check_passes(dist: Path) -> None:
    files = sorted(str(path) for path in dist.iterdir())
    assert len(files) == 2  # the wheel and the sdist
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,  # its output is the message when it fails
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


def test_the_wheel_holds_the_package_with_its_types_and_no_tests(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "audit_logging/py.typed" in names
    assert "audit_logging/__init__.py" in names
    assert not [name for name in names if name.startswith(("tests/", "benchmarks/", "examples/"))]
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(name.endswith("/src/audit_logging/py.typed") for name in members)


def test_the_wheel_installs_and_runs_with_no_checkout_around_it(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    elsewhere = tmp_path / "elsewhere"  # nothing of the project here: what runs comes from the wheel
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
        cwd=elsewhere,
        env=env,
    )
    where = subprocess.run(
        [str(python), "-c", "import audit_logging, json; print(json.dumps(audit_logging.__file__))"],
        check=True,
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert str(environment) in json.loads(where.stdout)  # the installed copy, not the checkout's
    events = subprocess.run(
        [str(environment / "bin" / "audit-logging"), "events", "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert len(json.loads(events.stdout)) == 80
    installed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format", "json"], check=True, capture_output=True, text=True, env=env
    )
    names = {package["name"].lower() for package in json.loads(installed.stdout)}
    assert {"structlog", "python-json-logger", "opentelemetry-sdk"} <= names
    assert not names.intersection(FRAMEWORKS)
