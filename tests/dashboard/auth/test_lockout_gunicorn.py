"""The lockout under the Procfile's gunicorn (two workers, four threads each) on
PostgreSQL: 50 parallel wrong passwords and the right one check at most five."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from data.db import make_engine, upgrade
from data.models.auth import AuditEntry, LoginFailure
from tests.conftest import POSTGRES_URL, skip_or_fail
from tests.login import add_user_row, csrf_from

ROOT = Path(__file__).resolve().parents[3]
WRONG_ATTEMPTS = 50


def procfile_command(port: int) -> list[str]:
    """The Procfile's web command, run by this Python, bound to the port."""
    line = (ROOT / "Procfile").read_text().split("web:", 1)[1].splitlines()[0]
    words = shlex.split(line)
    assert words[0] == "gunicorn"
    return [sys.executable, "-m", "gunicorn", *words[1:], "--bind", f"127.0.0.1:{port}"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_url():
    """A fresh schema with the full schema and one admin (the demo password)."""
    if not POSTGRES_URL:
        skip_or_fail("TEST_DATABASE_URL is not set: the gunicorn lockout test skipped")
    schema = f"lockout_{uuid.uuid4().hex[:10]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(POSTGRES_URL).update_query_dict(
        {"options": f"-csearch_path={schema}"}
    )
    rendered = url.render_as_string(hide_password=False)
    engine = make_engine(rendered)
    upgrade(engine)
    add_user_row(engine, "admin", "admin")
    yield rendered
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def served(database_url, tmp_path):
    """gunicorn with the Procfile's settings; yields (base URL, database URL)."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "LOAD_DEMO_DATA": "0",
        "TIMEZONE": "UTC",
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            procfile_command(port), cwd=ROOT, env=env, stdout=log, stderr=log
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 40
    while True:
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("gunicorn did not start: " + log_path.read_text()[-2000:])
        time.sleep(0.3)
    yield base, database_url
    process.terminate()
    process.wait(timeout=20)


def login_form(base: str) -> tuple[dict[str, str], str]:
    """The login form's cookie and token (one pair serves every attempt)."""
    response = requests.get(base + "/login", timeout=10)
    return dict(response.cookies), csrf_from(response.text)


def post_login(base: str, form, password: str) -> int:
    cookies, token = form
    response = requests.post(
        base + "/login",
        data={"username": "admin", "password": password, "csrf_token": token},
        cookies=cookies,
        allow_redirects=False,
        timeout=60,
    )
    return response.status_code


def test_fifty_parallel_wrong_passwords_and_the_right_one(served):
    base, database_url = served
    form = login_form(base)
    locked = threading.Event()
    start = threading.Barrier(WRONG_ATTEMPTS)

    def wrong(_n: int) -> int:
        start.wait()
        status = post_login(base, form, "wrong-password")
        if status == 429:
            locked.set()
        return status

    def right() -> int:
        # Sent as soon as the lock shows, while most wrong ones are in flight.
        assert locked.wait(timeout=60)
        return post_login(base, form, "demo-password-1")

    with ThreadPoolExecutor(WRONG_ATTEMPTS + 1) as pool:
        owner = pool.submit(right)
        statuses = list(pool.map(wrong, range(WRONG_ATTEMPTS)))
        assert owner.result() == 429
    assert statuses.count(401) + statuses.count(429) == WRONG_ATTEMPTS
    # Still locked after the burst: the right password stays refused.
    assert post_login(base, form, "demo-password-1") == 429
    engine = make_engine(database_url)
    with engine.connect() as conn:
        details = conn.execute(
            select(AuditEntry.action, AuditEntry.detail, func.count()).group_by(
                AuditEntry.action, AuditEntry.detail
            )
        ).all()
        lock = conn.execute(
            select(LoginFailure.locked_until).where(LoginFailure.key == "user:admin")
        ).scalar_one()
    engine.dispose()
    counts = {(action, detail or ""): n for action, detail, n in details}
    assert counts[("login_failed", "wrong password")] == 5
    assert ("login", "") not in counts
    refused = sum(
        n for (action, detail), n in counts.items() if re.match("refused", detail)
    )
    assert refused == WRONG_ATTEMPTS - 5 + 2  # the rest, and the right one twice
    assert counts[("lockout", f"locked until {lock:%H:%M:%S} UTC")] == 1
