"""The app factory: serves the page from local assets, and refuses bad start-ups."""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import callbacks.headline
import callbacks.tabs
from dashboard.factory import CALLBACK_MODULES, create_app, warm_worker
from dashboard.kernel.settings import Settings
from data.db import make_engine
from tests.login import add_user_row, log_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def client(tmp_path):
    """A logged-in browser (an admin) on an empty database."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    app = create_app(Settings(database_url=url, load_demo_data=False))
    engine = make_engine(url)
    add_user_row(engine, "admin", "admin")
    engine.dispose()
    client = app.server.test_client()
    assert log_in(client, "admin").status_code == 303
    return client


def test_page_and_layout_are_served(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Client Review Dashboard" in page.get_data(as_text=True)
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200
    # The frame: the page itself is drawn by a callback for the URL.
    for component_id in (b'"url"', b'"page"', b'"view"'):
        assert component_id in layout.data


def test_every_asset_comes_from_the_app_itself(client):
    html = client.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the page links no scripts or stylesheets"
    assert all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    assert any("01-bootstrap.min.css" in url for url in urls)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_worker_warms_up_on_the_default_views_keeping_nothing(
    tmp_path, monkeypatch, caplog
):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    app = create_app(Settings(database_url=url, load_demo_data=True))
    services = app.server.extensions["dashboard"]
    calls = []
    for module, name in ((callbacks.headline, "main_outputs"),
                         (callbacks.tabs, "tab_content")):  # fmt: skip
        computed = getattr(module, name)
        monkeypatch.setattr(
            module, name, lambda *a, c=computed, n=name: calls.append(n) or c(*a)
        )
    warm_worker(app.server)
    assert calls == ["main_outputs", "tab_content"]
    assert not services.results.backend._cache  # nothing kept: the next is cold
    # A database gone away: the worker still starts, with a warning.
    monkeypatch.setattr(callbacks.headline, "main_outputs", _gone)
    warm_worker(app.server)
    assert "warm-up failed" in caplog.text


def _gone(*_args):
    raise OSError("the database went away")


def test_an_unreachable_database_stops_the_start_with_one_line(tmp_path):
    settings = Settings(database_url="postgresql+psycopg://postgres@127.0.0.1:1/none")
    with pytest.raises(SystemExit) as stop:
        create_app(settings)
    message = str(stop.value.code)
    assert message.startswith("error: DATABASE_URL=postgresql+psycopg://")
    assert "cannot be reached" in message
    assert "\n" not in message


def test_a_bad_setting_stops_python_app_py_without_a_traceback(tmp_path):
    env = {**os.environ, "FISCAL_YEAR_START_MONTH": "13"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'app.db'}"
    result = subprocess.run(
        [sys.executable, "app.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "error: FISCAL_YEAR_START_MONTH=13 must be between 1 and 12"
    )


def test_every_callbacks_module_that_registers_is_in_the_one_list():
    modules = [
        importlib.import_module(f"callbacks.{info.name}")
        for info in pkgutil.iter_modules([str(ROOT / "callbacks")])
    ]
    registering = {m.__name__ for m in modules if hasattr(m, "register")}
    listed = [m.__name__ for m in CALLBACK_MODULES]
    assert sorted(listed) == sorted(registering)
    assert len(set(listed)) == len(listed)
