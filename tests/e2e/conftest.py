"""Fixtures of the browser suite: a throwaway JupyterLab server, headless Chromium, a page per test.

The server runs from this Python (the project's ``.venv``) on 127.0.0.1 with a random port and
token, serving a throwaway COPY of ``notebooks/`` and ``exercises/`` (JupyterLab autosaves, so the
committed notebooks are never touched) with a throwaway ``TPMPREP_HOME`` and JupyterLab settings.
Server and browser are always shut down, also when a test fails. Every step's screenshot goes to
the artifacts folder (see :func:`artifacts_root`); a failing test adds ``FAILED.png``, the page's
console log and the server log's path to its report.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .chromium import ChromiumError, find_chromium, missing_message
from .notebook import NotebookPage

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
COPIED_FOLDERS = ("notebooks", "exercises")
SERVER_START_SECONDS = 120
# No news, no update check, no toasts: nothing may cover what the tests click.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
}

_REPORTS = pytest.StashKey[dict]()


def artifacts_root() -> Path:
    """Where screenshots and logs go.

    ``$TPMPREP_E2E_ARTIFACTS``, else ``$CI_LOG_DIR/e2e``, else ``.ci/logs/e2e`` in the repository.
    """
    if os.environ.get("TPMPREP_E2E_ARTIFACTS"):
        return Path(os.environ["TPMPREP_E2E_ARTIFACTS"]).resolve()
    if os.environ.get("CI_LOG_DIR"):
        return Path(os.environ["CI_LOG_DIR"]).resolve() / "e2e"
    return REPO / ".ci" / "logs" / "e2e"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:120]


class Lab:
    """A running JupyterLab server: its address, token, root folder, ``TPMPREP_HOME`` and log."""

    def __init__(self, base: str, token: str, root: Path, home: Path, log: Path):
        self.base, self.token, self.root, self.home, self.log = base, token, root, home, log

    def url(self, path: str) -> str:
        """The JupyterLab URL that opens ``path`` (relative to the root) in a fresh workspace."""
        return f"{self.base}/lab/tree/{path}?reset&token={self.token}"

    def api(self, method: str, path: str) -> object:
        """Call the server's REST API; return the decoded JSON (None when empty)."""
        request = urllib.request.Request(
            f"{self.base}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        """Stop every kernel the tests started (each test opens its own notebook)."""
        for session in self.api("GET", "sessions") or []:
            with contextlib.suppress(urllib.error.URLError, OSError):
                self.api("DELETE", f"sessions/{session['id']}")

    @property
    def store_path(self) -> Path:
        """The progress store the kernels write: ``$TPMPREP_HOME/progress.sqlite3``."""
        return self.home / "progress.sqlite3"

    def attempts(self, item_id: str) -> list:
        """The attempts recorded for ``item_id``, oldest first (read with the library's store)."""
        from tpmprep.practice.store import ProgressStore

        with ProgressStore(self.store_path) as store:
            return store.attempts(item_id)


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


@pytest.fixture(scope="module")
def lab(request, tmp_path_factory):
    """A JupyterLab server on a throwaway copy of the workbook; stopped at the end of the module."""
    work = tmp_path_factory.mktemp("e2e-lab")
    root, home = work / "root", work / "home"
    for folder in COPIED_FOLDERS:
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns(".ipynb_*"))
    (root / "e2e").mkdir()
    home.mkdir()
    settings = work / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    logs = artifacts_root() / _slug(request.node.name.removesuffix(".py"))
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / "jupyterlab.log"

    token = secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "JUPYTER_TOKEN")}
    runtime = work / "runtime"
    env.update(
        TPMPREP_HOME=str(home),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(work / "lab-workspaces"),
        JUPYTER_RUNTIME_DIR=str(runtime),
        PYTHONUNBUFFERED="1",
    )
    proc = None
    try:
        # A free port can be taken by someone else before the server binds it: try another.
        for _ in range(3):
            proc, base = _start_server(token, root, env, log)
            if proc.poll() is None:
                break
            if "already in use" not in _log_tail(log):
                break
        if proc.poll() is not None:
            pytest.fail(
                f"JupyterLab did not start (exit code {proc.poll()}); its log ({log}) ends "
                f"with:\n{_log_tail(log)}",
                pytrace=False,
            )
        yield Lab(base, token, root, home, log)
    finally:
        if proc is not None:
            _stop(proc, runtime)
        shutil.rmtree(work, ignore_errors=True)


def _start_server(token: str, root: Path, env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    """Start JupyterLab on a free port; return it once it answers, or once it has exited."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses root (containers, CI) otherwise
    with log.open("w") as out:
        proc = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while proc.poll() is None:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
            return proc, base
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                _stop(proc, None)
                pytest.fail(
                    f"JupyterLab did not answer within {SERVER_START_SECONDS} s; its log "
                    f"({log}) ends with:\n{_log_tail(log)}",
                    pytrace=False,
                )
            time.sleep(0.5)
    return proc, base


def _stop(proc: subprocess.Popen, runtime: Path | None) -> None:
    """Stop the server (SIGTERM to its process group, SIGKILL if it lingers), then its kernels.

    The server shuts its kernels down on SIGTERM. Kernels run in sessions of their own, so any
    left behind (a server that had to be killed) are found by their connection files, which
    lie in this server's private runtime folder, and killed by process id.
    """
    for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    if runtime is None:
        return
    marker = str(runtime).encode()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError, ValueError):
            if marker in cmdline.read_bytes():
                os.kill(int(cmdline.parent.name), signal.SIGKILL)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright; closed at the end of the module."""
    try:
        found = find_chromium()
    except ChromiumError as wrong:
        pytest.fail(str(wrong), pytrace=False)
    if found is None:
        pytest.fail(
            f"{missing_message()} `.venv/bin/python tests/e2e/chromium.py` (run by make test) "
            "installs one when it can.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=found.path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def jlab(request, browser, lab):
    """A fresh browser page on the lab, with a screenshot helper and the console collected."""
    folder = artifacts_root() / _slug(request.node.module.__name__.rsplit(".", 1)[-1])
    folder /= _slug(request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    notebook = NotebookPage(page, lab, folder)
    try:
        yield notebook
    finally:
        notebook.write_console_log()
        with contextlib.suppress(Exception):
            context.close()
        with contextlib.suppress(Exception):
            lab.shut_down_kernels()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """On a failing e2e test: screenshot the page, save its console log, name both in the report."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    notebook = getattr(item, "funcargs", {}).get("jlab")
    if report.when == "call" and report.failed and isinstance(notebook, NotebookPage):
        saved = notebook.save_failure()
        report.sections.append(("e2e artifacts", saved))
    return report
