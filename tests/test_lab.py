"""`make lab`: JupyterLab's server opens the MyST text notebooks as notebooks, and saving one
writes the text file the book is built from (jupytext's contents manager)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from cautils.paths import NOTEBOOKS_DIR

pytestmark = pytest.mark.slow
TOKEN = "caeb-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(url: str, method: str = "GET", body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture()
def server(tmp_path):
    if shutil.which("jupyter", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("jupyter server not installed in this environment")
    root = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, root)
    port = _free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("jupyter")),
            "server",
            f"--port={port}",
            "--no-browser",
            "--allow-root",
            f"--ServerApp.root_dir={root}",
            f"--IdentityProvider.token={TOKEN}",
            "--ServerApp.ip=127.0.0.1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path)},
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(60):
        try:
            _request(f"{base}/api/status")
            break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("jupyter server did not start")
    yield base, root
    process.terminate()
    process.wait(timeout=20)


def test_lab_opens_a_text_notebook_and_saves_edits_to_it(server):
    base, root = server
    model = _request(f"{base}/api/contents/country.md?type=notebook&content=1")
    assert model["type"] == "notebook"
    cells = model["content"]["cells"]
    assert any("parameters" in c["metadata"].get("tags", []) for c in cells)
    first_markdown = next(c for c in cells if c["cell_type"] == "markdown")
    first_markdown["source"] = first_markdown["source"] + "\n\nAn edit made in JupyterLab."
    _request(
        f"{base}/api/contents/country.md", "PUT", {"type": "notebook", "format": "json", "content": model["content"]}
    )
    text = (root / "country.md").read_text(encoding="utf-8")
    assert "An edit made in JupyterLab." in text
    assert text.startswith("---\njupytext:"), "the file stays a MyST text notebook"
    assert '"outputs"' not in text and not list(root.glob("*.ipynb")), "no outputs and no .ipynb copy are written"
