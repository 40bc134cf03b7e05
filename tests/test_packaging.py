"""The built wheel carries the data and works outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (found,) = out.glob("pmpath-*.whl")
    return found


def test_wheel_contains_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for data_file in sorted((ROOT / "data").glob("*.yaml")):
        assert f"pmpath/_data/{data_file.name}" in names
    assert "pmpath/cli/main.py" in names
    assert not any(name.startswith("tests/") for name in names)


def test_wheel_runs_from_another_directory(wheel, tmp_path):
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(unpacked), "COLUMNS": "100"}
    code = "import pmpath.kb.loader as l, sys; print(l.builtin_data_dir()); sys.argv=['pmpath','show','growth-pm']; from pmpath.__main__ import main; main()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    first, rest = result.stdout.split("\n", 1)
    assert first == str(unpacked / "pmpath" / "_data")
    assert "Growth Product Manager" in rest


def test_wheel_contains_the_browser_stylesheet(wheel):
    """pmpath browse reads its layout from a .tcss file beside the module: a wheel without it would not start."""
    assert "pmpath/browse/browse.tcss" in set(zipfile.ZipFile(wheel).namelist())
