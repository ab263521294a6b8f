"""Find the Chromium the browser tests drive, and get one when none is found.

``make test`` runs this file before pytest (``.venv/bin/python tests/e2e/chromium.py``). It
looks, in order, at ``$TPMPREP_CHROMIUM``, at ``chromium``, ``chromium-browser`` and
``google-chrome`` on ``PATH`` and at a Chromium that Playwright downloaded before. When none is
there it installs Debian's ``chromium`` package with apt (as root, or with password-less sudo),
and when that is closed or fails it lets Playwright download its own. It says what it does at
each step, checks that the browser runs (``--version``) and exits 1 with the instructions only
when every way is closed. The fixtures in ``conftest.py`` call :func:`find_chromium` too, so the
tests drive the browser this script found.

Standard library only: it runs before anything else is known to work.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

BROWSER_ENV = "TPMPREP_CHROMIUM"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
APT_PACKAGE = "chromium"
# Where Playwright unpacks Chromium under its cache, Linux (chrome-linux64, chrome-linux-arm64,
# older chrome-linux) and macOS (chrome-mac-x64/-arm64, the app bundle inside).
PLAYWRIGHT_EXECUTABLES = (
    "chrome-linux*/chrome",
    "chrome-mac*/*.app/Contents/MacOS/*",
)
VERSION_SECONDS = 60
PREFIX = "chromium:"


class ChromiumError(LookupError):
    """Raised when no working Chromium can be found or got; the message says how to get one."""


@dataclass(frozen=True)
class Browser:
    """A Chromium executable and where it was found.

    Attributes
    ----------
    path : str
        The executable.
    source : str
        Where it was found: ``$TPMPREP_CHROMIUM``, ``PATH`` or ``Playwright's download``.
    """

    path: str
    source: str


def playwright_cache(environ: Mapping[str, str] | None = None) -> Path:
    """The folder Playwright downloads browsers into, as Playwright itself computes it.

    ``$PLAYWRIGHT_BROWSERS_PATH`` (``0``: inside the installed package), else
    ``$XDG_CACHE_HOME/ms-playwright`` or ``~/.cache/ms-playwright`` on Linux and
    ``~/Library/Caches/ms-playwright`` on macOS.

    Parameters
    ----------
    environ : mapping, optional
        The environment to read (default: ``os.environ``).

    Returns
    -------
    pathlib.Path
        The folder (it may not exist).
    """
    env = os.environ if environ is None else environ
    named = env.get("PLAYWRIGHT_BROWSERS_PATH")
    if named == "0":
        spec = importlib.util.find_spec("playwright")
        package = Path(spec.origin).parent if spec and spec.origin else Path.cwd()
        return package / "driver" / "package" / ".local-browsers"
    if named:
        return Path(named)
    home = Path(env.get("HOME") or Path.home())
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "ms-playwright"
    return Path(env.get("XDG_CACHE_HOME") or home / ".cache") / "ms-playwright"


def _executable(path: str | Path) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def _revision(folder: Path) -> int:
    digits = re.search(r"(\d+)$", folder.name)
    return int(digits.group(1)) if digits else -1


def find_chromium(environ: Mapping[str, str] | None = None) -> Browser | None:
    """Find a Chromium: ``$TPMPREP_CHROMIUM``, then ``PATH``, then Playwright's download.

    Parameters
    ----------
    environ : mapping, optional
        The environment to read ``TPMPREP_CHROMIUM``, ``PATH``, ``HOME`` and the Playwright
        variables from (default: ``os.environ``).

    Returns
    -------
    Browser or None
        The first one found (the newest Playwright download), or None.

    Raises
    ------
    ChromiumError
        If ``$TPMPREP_CHROMIUM`` is set but is not an executable file (it is never skipped).
    """
    env = os.environ if environ is None else environ
    named = env.get(BROWSER_ENV)
    if named:
        if _executable(named):
            return Browser(named, f"${BROWSER_ENV}")
        raise ChromiumError(
            f"{BROWSER_ENV}={named!r} is not an executable file; point it at a Chrome or "
            f"Chromium executable, or unset it to let make test find or install one."
        )
    for name in BROWSER_NAMES:
        found = shutil.which(name, path=env.get("PATH", ""))
        if found:
            return Browser(found, "PATH")
    cache = playwright_cache(env)
    for folder in sorted(cache.glob("chromium-*"), key=_revision, reverse=True):
        for pattern in PLAYWRIGHT_EXECUTABLES:
            for path in sorted(folder.glob(pattern)):
                if _executable(path):
                    return Browser(str(path), "Playwright's download")
    return None


def missing_message(environ: Mapping[str, str] | None = None) -> str:
    """What to do when there is no Chromium: where it looked, how to install, how to point.

    Parameters
    ----------
    environ : mapping, optional
        The environment searched (default: ``os.environ``).

    Returns
    -------
    str
        The instructions.
    """
    cache = playwright_cache(environ)
    return (
        f"The browser tests need Chromium and none was found (looked at ${BROWSER_ENV}, "
        f"{', '.join(BROWSER_NAMES)} on PATH and Playwright's downloads in {cache}). Install "
        f"one with `sudo apt-get install {APT_PACKAGE}` (Debian/Ubuntu) or "
        f"`.venv/bin/python -m playwright install chromium`, or point {BROWSER_ENV} at a "
        f"Chrome or Chromium executable: `{BROWSER_ENV}=/path/to/chrome make test`."
    )


def browser_version(browser: Browser, environ: Mapping[str, str] | None = None) -> str:
    """Run ``browser --version`` and return what it prints: proof that it starts.

    Parameters
    ----------
    browser : Browser
        The browser to try.
    environ : mapping, optional
        The environment to run it in (default: ``os.environ``).

    Returns
    -------
    str
        The version line, e.g. ``Chromium 120.0.6099.224 built on Debian 12``.

    Raises
    ------
    ChromiumError
        If it does not start, exits with an error or prints nothing within a minute.
    """
    env = dict(os.environ if environ is None else environ)
    try:
        done = subprocess.run(
            [browser.path, "--version"],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=VERSION_SECONDS,
        )
        said = (done.stdout.strip() or done.stderr.strip()).splitlines()
        if done.returncode == 0 and said:
            return said[-1]
        problem = f"exit code {done.returncode}: {' / '.join(said[-3:]) or 'no output'}"
    except (OSError, subprocess.TimeoutExpired) as error:
        problem = str(error)
    hint = ""
    if browser.source == "Playwright's download":
        hint = (
            " A downloaded Chromium may lack system libraries: "
            "`sudo .venv/bin/python -m playwright install-deps chromium` installs them."
        )
    raise ChromiumError(
        f"{browser.path} (found on {browser.source}) does not run: `{browser.path} --version` "
        f"gave {problem}.{hint} Fix it, or point {BROWSER_ENV} at a Chrome or Chromium that runs."
    )


class Provisioner:
    """Finds a Chromium or gets one, telling what it does through ``say``.

    Parameters
    ----------
    environ : mapping, optional
        The environment to search and to run commands in (default: ``os.environ``).
    euid : int, optional
        The effective user id (default: this process's); 0 is root.
    python : str, optional
        The Python that runs ``-m playwright install chromium`` (default: this one).
    say : callable, optional
        Where progress lines go (default: ``print`` to stdout).
    """

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        *,
        euid: int | None = None,
        python: str | None = None,
        say: Callable[[str], object] | None = None,
    ):
        self.env = dict(os.environ if environ is None else environ)
        self.euid = os.geteuid() if euid is None else euid
        self.python = python or sys.executable
        self._say = say or (lambda line: print(line, flush=True))

    def say(self, line: str) -> None:
        """Report a step."""
        self._say(f"{PREFIX} {line}")

    def which(self, name: str) -> str | None:
        """Find ``name`` on this environment's ``PATH``."""
        return shutil.which(name, path=self.env.get("PATH", ""))

    def run(self, command: list[str], extra: Mapping[str, str] | None = None) -> int:
        """Run ``command`` (its output goes to this terminal); return its exit code."""
        self.say(f"running: {shlex.join(command)}")
        try:
            return subprocess.run(
                command, env={**self.env, **(extra or {})}, stdin=subprocess.DEVNULL
            ).returncode
        except OSError as error:
            self.say(f"could not run {command[0]}: {error}")
            return 127

    def apt_prefix(self) -> list[str] | None:
        """How to run apt-get here: ``[]`` as root, ``["sudo", "-n"]`` with password-less sudo.

        Returns
        -------
        list of str or None
            The prefix, or None (after saying why) when apt-get cannot be used.
        """
        if not self.which("apt-get"):
            self.say("not installing with apt: there is no apt-get on PATH (not Debian/Ubuntu)")
            return None
        if self.euid == 0:
            return []
        sudo = self.which("sudo")
        if sudo is None:
            self.say("not installing with apt: not root, and there is no sudo")
            return None
        probe = subprocess.run(
            [sudo, "-n", "true"], env=self.env, stdin=subprocess.DEVNULL, capture_output=True
        )
        if probe.returncode != 0:
            self.say("not installing with apt: not root, and sudo asks for a password")
            return None
        return [sudo, "-n"]

    def install_with_apt(self) -> bool:
        """Install Debian's ``chromium`` package with apt-get, when this user may.

        Returns
        -------
        bool
            Whether apt-get succeeded.
        """
        prefix = self.apt_prefix()
        if prefix is None:
            return False
        how = "with sudo" if prefix else "as root"
        self.say(f"installing the Debian package '{APT_PACKAGE}' with apt-get ({how})")
        quiet = {"DEBIAN_FRONTEND": "noninteractive"}
        noninteractive = ["env", "DEBIAN_FRONTEND=noninteractive"] if prefix else []
        if self.run([*prefix, *noninteractive, "apt-get", "update", "-qq"], quiet) != 0:
            self.say("apt-get update failed; trying the install with the package lists there are")
        install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", APT_PACKAGE]
        if self.run([*prefix, *noninteractive, *install], quiet) != 0:
            self.say(f"apt-get could not install '{APT_PACKAGE}'")
            return False
        return True

    def install_with_playwright(self) -> bool:
        """Let Playwright download its own Chromium into its cache.

        Returns
        -------
        bool
            Whether the download succeeded.
        """
        self.say(f"downloading Playwright's Chromium into {playwright_cache(self.env)}")
        if self.run([self.python, "-m", "playwright", "install", "chromium"]) != 0:
            self.say("Playwright's download failed")
            return False
        return True

    def found(self, how: str) -> Browser | None:
        """Look again; on success say what was found and check that it runs."""
        browser = find_chromium(self.env)
        if browser is not None:
            version = browser_version(browser, self.env)
            self.say(f"using {browser.path} ({how}, on {browser.source}): {version}")
        return browser

    def ensure(self) -> Browser:
        """Return a Chromium that runs, installing one when none is found.

        Returns
        -------
        Browser
            The browser the tests will drive.

        Raises
        ------
        ChromiumError
            If ``$TPMPREP_CHROMIUM`` is wrong, the browser found does not run, or no way of
            getting one worked; the message says how to install one or where to point.
        """
        browser = self.found("found")
        if browser is not None:
            return browser
        self.say(
            "no Chromium found for the browser tests (looked at "
            f"${BROWSER_ENV}, {', '.join(BROWSER_NAMES)} on PATH and {playwright_cache(self.env)})"
        )
        if self.install_with_apt():
            browser = self.found("installed with apt-get")
            if browser is not None:
                return browser
            self.say(f"apt-get installed '{APT_PACKAGE}' but no Chromium is on PATH")
        if self.install_with_playwright():
            browser = self.found("downloaded by Playwright")
            if browser is not None:
                return browser
            self.say("Playwright said it downloaded Chromium, but it is not where expected")
        raise ChromiumError(missing_message(self.env))


def main(argv: list[str] | None = None, provisioner: Provisioner | None = None) -> int:
    """Make sure the browser tests have a Chromium; 0 when they do, 1 with instructions if not.

    Parameters
    ----------
    argv : list of str, optional
        Unused; the script takes no arguments.
    provisioner : Provisioner, optional
        Who looks and installs (default: one for this process's environment and user).

    Returns
    -------
    int
        The exit code.
    """
    del argv
    try:
        (provisioner or Provisioner()).ensure()
    except ChromiumError as error:
        print(f"{PREFIX} {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
