"""PMPATH_TODAY pins the date that calendar windows are computed from."""

from __future__ import annotations

from datetime import date

import pytest

from pmpath.questions import clock


def test_the_real_date_without_the_variable(monkeypatch):
    monkeypatch.delenv("PMPATH_TODAY", raising=False)
    assert clock.today() == date.today()


def test_a_pinned_date(monkeypatch):
    monkeypatch.setenv("PMPATH_TODAY", "2030-02-01")
    assert clock.today() == date(2030, 2, 1)


@pytest.mark.parametrize("value", ["2030-13-01", "tomorrow", "2030/02/01"])
def test_a_malformed_pin_is_refused_with_the_expected_form(monkeypatch, value):
    monkeypatch.setenv("PMPATH_TODAY", value)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        clock.today()


def test_path_windows_follow_the_pinned_date(run):
    before = run("path", "apm", "pm", "--since", "2024-01", env={"PMPATH_TODAY": "2024-06-01"})
    after = run("path", "apm", "pm", "--since", "2024-01", env={"PMPATH_TODAY": "2030-06-01"})
    assert before.exit_code == after.exit_code == 0, before.stderr + after.stderr
    assert "already past" not in before.stdout and "already past" in after.stdout


def test_a_since_after_the_pinned_date_is_in_the_future(run):
    result = run("path", "apm", "pm", "--since", "2025-01", env={"PMPATH_TODAY": "2024-06-01"})
    assert result.exit_code == 2 and "future" in result.stderr.lower()


def test_a_malformed_pin_is_a_usage_error_not_a_traceback(run):
    result = run("path", "apm", "pm", "--since", "2024-01", env={"PMPATH_TODAY": "soon"})
    assert result.exit_code == 2
    assert "PMPATH_TODAY" in result.stderr and "Traceback" not in result.stderr
