"""The browser tests' Chromium: where it is looked for, how it is got, when make test gives up.

Every case runs the real script logic against a fake machine: a PATH holding only fake tools
(small Python scripts standing in for chromium, apt-get, sudo and the venv's Python) and a fake
home for Playwright's cache, so nothing is installed and the network is never used.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from e2e.chromium import ChromiumError, Provisioner, find_chromium, main

from conftest import REPO

CHROME = 'print("Chromium 999.0.1 fake")'
# apt-get that records its arguments, and on install puts a working chromium on the fake PATH
APT_GET = f"""
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write("apt-get " + " ".join(sys.argv[1:]) + " DEBIAN_FRONTEND="
              + os.environ.get("DEBIAN_FRONTEND", "") + "\\n")
if "install" in sys.argv:
    chrome = os.path.join(os.path.dirname(os.path.abspath(__file__)), "chromium")
    with open(chrome, "w") as out:
        out.write("#!{sys.executable}\\n" + {CHROME!r} + "\\n")
    os.chmod(chrome, 0o755)
"""
# the venv's Python whose `-m playwright install chromium` fails, as on a closed network
PYTHON_OFFLINE = """
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write("python " + " ".join(sys.argv[1:]) + "\\n")
print("Error: getaddrinfo EAI_AGAIN cdn.playwright.dev")
sys.exit(1)
"""


def tool(folder: Path, name: str, body: str) -> Path:
    """A fake executable in ``folder``: a Python script running ``body``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!{sys.executable}\nimport os, sys\n{textwrap.dedent(body)}\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def machine(tmp_path):
    """A machine with no browser: an empty fake PATH, a fake home, a log of what ran."""
    env = {
        "PATH": str(tmp_path / "bin"),
        "HOME": str(tmp_path / "home"),
        "FAKE_LOG": str(tmp_path / "ran.log"),
    }
    (tmp_path / "bin").mkdir()
    (tmp_path / "home").mkdir()
    return tmp_path, env


def ran(tmp_path: Path) -> list[str]:
    log = tmp_path / "ran.log"
    return log.read_text().splitlines() if log.exists() else []


def provisioner(env, *, euid, python, lines):
    return Provisioner(env, euid=euid, python=str(python), say=lines.append)


def test_the_named_browser_wins_over_the_one_on_path(machine):
    tmp_path, env = machine
    tool(tmp_path / "bin", "chromium", CHROME)
    named = tool(tmp_path / "elsewhere", "my-chrome", CHROME)
    env["TPMPREP_CHROMIUM"] = str(named)
    found = find_chromium(env)
    assert (found.path, found.source) == (str(named), "$TPMPREP_CHROMIUM")


def test_a_wrong_named_browser_stops_instead_of_being_skipped(machine, capsys):
    tmp_path, env = machine
    tool(tmp_path / "bin", "chromium", CHROME)
    env["TPMPREP_CHROMIUM"] = str(tmp_path / "no-such-chrome")
    lines: list[str] = []
    code = main([], provisioner(env, euid=0, python=sys.executable, lines=lines))
    assert code == 1
    err = capsys.readouterr().err
    assert f"TPMPREP_CHROMIUM='{tmp_path}/no-such-chrome' is not an executable file" in err
    assert lines == [] and ran(tmp_path) == []


@pytest.mark.parametrize("name", ["chromium", "chromium-browser", "google-chrome"])
def test_a_browser_on_path_is_found_by_any_of_its_names(machine, name):
    tmp_path, env = machine
    tool(tmp_path / "bin", name, CHROME)
    found = find_chromium(env)
    assert (found.path, found.source) == (str(tmp_path / "bin" / name), "PATH")


def test_the_newest_playwright_download_is_found(machine):
    """Revision 1255 is newer than 999 although "999" sorts after "1255" as text."""
    tmp_path, env = machine
    cache = tmp_path / "home" / ".cache" / "ms-playwright"
    tool(cache / "chromium-999" / "chrome-linux", "chrome", CHROME)
    newest = tool(cache / "chromium-1255" / "chrome-linux64", "chrome", CHROME)
    tool(cache / "chromium_headless_shell-1300" / "chrome-linux", "headless_shell", CHROME)
    found = find_chromium(env)
    assert (found.path, found.source) == (str(newest), "Playwright's download")


def test_playwright_browsers_path_is_honoured(machine):
    tmp_path, env = machine
    env["PLAYWRIGHT_BROWSERS_PATH"] = str(tmp_path / "browsers")
    chrome = tool(tmp_path / "browsers" / "chromium-1255" / "chrome-linux64", "chrome", CHROME)
    assert find_chromium(env).path == str(chrome)


def test_a_found_browser_is_used_and_nothing_is_installed(machine):
    tmp_path, env = machine
    tool(tmp_path / "bin", "apt-get", APT_GET)
    chrome = tool(tmp_path / "bin", "chromium", CHROME)
    lines: list[str] = []
    found = provisioner(env, euid=0, python=sys.executable, lines=lines).ensure()
    assert found.path == str(chrome)
    assert lines == [f"chromium: using {chrome} (found, on PATH): Chromium 999.0.1 fake"]
    assert ran(tmp_path) == []


def test_as_root_apt_installs_debians_chromium(machine):
    tmp_path, env = machine
    tool(tmp_path / "bin", "apt-get", APT_GET)
    python = tool(tmp_path / "venv", "python", PYTHON_OFFLINE)
    lines: list[str] = []
    found = provisioner(env, euid=0, python=python, lines=lines).ensure()
    assert found.path == str(tmp_path / "bin" / "chromium")
    assert ran(tmp_path) == [
        "apt-get update -qq DEBIAN_FRONTEND=noninteractive",
        "apt-get install -y -qq --no-install-recommends chromium DEBIAN_FRONTEND=noninteractive",
    ]
    assert "chromium: installing the Debian package 'chromium' with apt-get (as root)" in lines
    assert lines[-1].endswith("(installed with apt-get, on PATH): Chromium 999.0.1 fake")


def test_without_root_apt_runs_through_password_less_sudo(machine):
    tmp_path, env = machine
    tool(tmp_path / "bin", "apt-get", APT_GET)
    tool(
        tmp_path / "bin",
        "sudo",
        """
        with open(os.environ["FAKE_LOG"], "a") as log:
            log.write("sudo " + " ".join(sys.argv[1:]) + "\\n")
        assert sys.argv[1] == "-n"  # never waits for a password
        os.environ["PATH"] += ":/usr/bin:/bin"
        os.execvp(sys.argv[2], sys.argv[2:])
        """,
    )
    lines: list[str] = []
    found = provisioner(env, euid=1000, python=sys.executable, lines=lines).ensure()
    assert found.path == str(tmp_path / "bin" / "chromium")
    log = ran(tmp_path)
    assert log[0] == "sudo -n true"
    assert log[-2:] == [
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
        "--no-install-recommends chromium",
        "apt-get install -y -qq --no-install-recommends chromium DEBIAN_FRONTEND=noninteractive",
    ]
    assert "chromium: installing the Debian package 'chromium' with apt-get (with sudo)" in lines


def test_when_apt_fails_playwright_downloads_its_own(machine):
    tmp_path, env = machine
    tool(tmp_path / "bin", "apt-get", "sys.exit(100)")
    chrome = tmp_path / "home" / ".cache" / "ms-playwright" / "chromium-1255" / "chrome-linux64"
    python = tool(
        tmp_path / "venv",
        "python",
        f"""
        assert sys.argv[1:] == ["-m", "playwright", "install", "chromium"], sys.argv
        os.makedirs({str(chrome)!r})
        with open({str(chrome / "chrome")!r}, "w") as out:
            out.write("#!{sys.executable}\\n" + {CHROME!r} + "\\n")
        os.chmod({str(chrome / "chrome")!r}, 0o755)
        """,
    )
    lines: list[str] = []
    found = provisioner(env, euid=0, python=python, lines=lines).ensure()
    assert (found.path, found.source) == (str(chrome / "chrome"), "Playwright's download")
    assert "chromium: apt-get could not install 'chromium'" in lines
    assert any(line.startswith("chromium: downloading Playwright's Chromium") for line in lines)


@pytest.mark.parametrize(
    ("sudo", "reason"),
    [
        (None, "not installing with apt: not root, and there is no sudo"),
        ("sys.exit(1)", "not installing with apt: not root, and sudo asks for a password"),
    ],
)
def test_no_root_no_sudo_no_download_fails_with_the_instructions(machine, capsys, sudo, reason):
    tmp_path, env = machine
    tool(tmp_path / "bin", "apt-get", APT_GET)
    if sudo:
        tool(tmp_path / "bin", "sudo", sudo)
    python = tool(tmp_path / "venv", "python", PYTHON_OFFLINE)
    lines: list[str] = []
    code = main([], provisioner(env, euid=1000, python=python, lines=lines))
    assert code == 1
    assert f"chromium: {reason}" in lines
    assert "chromium: Playwright's download failed" in lines
    assert ran(tmp_path) == ["python -m playwright install chromium"]  # apt-get never ran
    err = capsys.readouterr().err
    assert "sudo apt-get install chromium" in err
    assert ".venv/bin/python -m playwright install chromium" in err
    assert "TPMPREP_CHROMIUM=/path/to/chrome make test" in err


def test_without_apt_get_it_goes_straight_to_playwright(machine):
    tmp_path, env = machine
    python = tool(tmp_path / "venv", "python", PYTHON_OFFLINE)
    lines: list[str] = []
    with pytest.raises(ChromiumError, match="none was found"):
        provisioner(env, euid=0, python=python, lines=lines).ensure()
    assert "chromium: not installing with apt: there is no apt-get on PATH" in lines[1]


def test_a_browser_that_does_not_start_is_reported_with_its_error(machine, capsys):
    tmp_path, env = machine
    tool(
        tmp_path / "bin",
        "chromium",
        'print("chromium: error while loading shared libraries: libnss3.so"); sys.exit(127)',
    )
    code = main([], provisioner(env, euid=0, python=sys.executable, lines=[]))
    assert code == 1
    err = capsys.readouterr().err
    assert "does not run" in err and "libnss3.so" in err and "exit code 127" in err


def test_make_test_gets_chromium_before_pytest_and_ci_only_runs_make_test():
    commands = subprocess.run(
        ["make", "--no-print-directory", "-n", "test"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    ensure = next(i for i, c in enumerate(commands) if "tests/e2e/chromium.py" in c)
    pytest_run = next(i for i, c in enumerate(commands) if "bin/pytest" in c)
    assert ensure < pytest_run
    ci = (REPO / ".ci" / "run").read_text()
    assert "make test" in ci and "apt-get" not in ci
