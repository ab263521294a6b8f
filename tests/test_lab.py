"""`make lab` serves the candidate's own copy (a workspace) and opens on its start notebook."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import REPO


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A throwaway workspace (the default, workspace/ in the repository, is the candidate's)."""
    return tmp_path_factory.mktemp("lab") / "workspace"


@pytest.fixture(scope="module")
def lab(workspace):
    port, token = _free_port(), secrets.token_hex(8)
    args = f"--no-browser --port={port} --IdentityProvider.token={token}"
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}", f"WORKSPACE={workspace}"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"make lab did not serve: {proc.stdout.read()}")
                time.sleep(0.5)
        yield base, token
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_lab_opens_on_the_start_notebook_of_the_workspace(lab, workspace):
    base, token = lab
    assert (workspace / "notebooks/00-start-here.ipynb").read_bytes() == (
        REPO / "notebooks/00-start-here.ipynb"
    ).read_bytes()
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(f"{base}/?token={token}")
    assert redirect.value.headers["Location"].startswith("/lab/tree/notebooks/00-start-here.ipynb")
    page = urllib.request.urlopen(f"{base}/lab/tree/notebooks/00-start-here.ipynb?token={token}")
    assert "<title>JupyterLab</title>" in page.read().decode()


@pytest.mark.parametrize("folder", ["notebooks", "exercises", "solutions"])
def test_every_notebook_the_map_links_to_is_served(lab, folder):
    base, token = lab
    for path in sorted((REPO / folder).glob("*.ipynb")):
        url = f"{base}/api/contents/{folder}/{path.name}?token={token}"
        model = json.load(urllib.request.urlopen(url))
        assert model["type"] == "notebook" and model["content"]["cells"]
