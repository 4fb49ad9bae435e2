"""An app with the auth test users, uploads into the test's folder."""

from __future__ import annotations

import time

import pytest

from tests.dashboard.auth.conftest import make_auth_app
from tests.login import csrf_from, log_in

WAIT_SECONDS = 60


@pytest.fixture
def upload_dir(tmp_path):
    return tmp_path / "uploads"


@pytest.fixture
def app(empty_engine, upload_dir, monkeypatch):
    monkeypatch.setenv("UPLOAD_DIR", str(upload_dir))
    monkeypatch.setenv("UPLOAD_MAX_MB", "1")
    monkeypatch.delenv("UPLOAD_ALLOW_MANAGERS", raising=False)
    return make_auth_app(empty_engine)


def logged_in(app, name):
    client = app.client()
    log_in(client, name)
    return client


def upload(browser, files: dict[str, bytes], **query):
    """POST the files (name -> content) as the form's file field."""
    from io import BytesIO

    token = csrf_from(browser.get("/data/upload").get_data(as_text=True))
    data = {"csrf_token": token, "files": [(BytesIO(c), n) for n, c in files.items()]}
    return browser.post(
        "/data/upload",
        data=data,
        content_type="multipart/form-data",
        query_string=query,
    )


def finished(browser, run_id: int) -> str:
    """The run page once its process is done (polls its status)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        html = browser.get(f"/data/upload/{run_id}").get_data(as_text=True)
        if 'data-status="queued"' not in html and 'data-status="running"' not in html:
            return html
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} did not finish in {WAIT_SECONDS} s")
