"""The catalogue views (specializations, search, break-in, resources) through the command line."""

from tests.conftest import CAREER

NARROW = {"COLUMNS": "60", "NO_COLOR": "1"}
WIDE = {"COLUMNS": "120", "NO_COLOR": "1"}


def test_a_list_in_a_row_hangs_beside_its_label(run):
    out = run("--kb", str(CAREER), "resources", env=NARROW).stdout.splitlines()
    cost = next(i for i, line in enumerate(out) if line.strip().startswith("Cost"))
    assert out[cost].rstrip().endswith("· free to audit")
    assert out[cost + 1].index("·") == out[cost].index("·")  # the second price under the first
    assert out[cost + 2].strip() == "[src]" and out[cost + 2].index("[") == out[cost].index("·") + 2


def test_a_list_in_a_row_is_a_markdown_list_after_its_label(run):
    out = run("--kb", str(CAREER), "resources", "--format", "markdown", env=NARROW).stdout
    assert out.startswith("# Learning resources\n")
    assert "**Cost:**\n\n- free to audit\n- certificate: **\\$79** a month (at your own pace) \\[src\\]\n" in out


def test_specializations_are_a_table_only_when_wide(run):
    wide = run("--kb", str(CAREER), "specializations", env=WIDE).stdout.splitlines()
    narrow = run("--kb", str(CAREER), "specializations", env=NARROW).stdout.splitlines()
    assert any("Specialization" in line and "Main focus" in line for line in wide)
    assert not any("Main focus" in line for line in narrow)
    assert narrow[1] == "" and narrow[2].endswith("(growth-maker)")
    assert any(line.startswith("  Focus ") for line in narrow)


def test_a_target_without_a_reason_leaves_no_blank_line(run):
    out = run("--kb", str(CAREER), "break-in", "--from", "student", "--full", env=NARROW).stdout.splitlines()
    target = out.index("Role to target first")
    assert out[target + 1].startswith("Starter (start)")
    assert out[target + 2] == "" and out[target + 3] != ""
