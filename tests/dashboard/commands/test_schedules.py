"""`python -m dashboard schedules ...` and `worker --once`: one-line answers,
a refused recipient at save time, send-now into the outbox."""

from __future__ import annotations

import email
from email import policy

import pytest

from dashboard.cli import main
from data.db import make_engine, upgrade
from tests.dashboard.delivery.plans import add_book_and_logins


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'book.db'}"
    engine = make_engine(url)
    upgrade(engine)
    add_book_and_logins(engine)
    engine.dispose()
    for name, value in {
        "DATABASE_URL": url,
        "AS_OF": "2026-08-15",
        "LOG_LEVEL": "WARNING",
        "OUTBOX_DIR": str(tmp_path / "outbox"),
        "BROWSER_PATH": str(tmp_path / "no-chromium"),  # the email links instead
        "RECIPIENT_DOMAINS": "acme.example",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SMTP_URL", raising=False)
    return tmp_path


def run(capsys, *args):
    code = main(["schedules", *args])
    out, err = capsys.readouterr()
    return code, out, err


ADD = (
    "add", "--name", "Acme monthly", "--client", "K1", "--monthly", "31",
    "--at", "08:30", "--timezone", "America/New_York", "--owner", "ann",
)  # fmt: skip


def test_add_list_pause_resume_remove(database, capsys):
    code, out, err = run(capsys, *ADD, "--to", "dan@acme.example")
    assert (code, out, err) == (0, "schedule 1 added\n", "")
    code, out, _ = run(capsys, "list")
    header, line = out.splitlines()
    cells = line.split("\t")
    assert cells[:4] == [
        "1", "Acme monthly", "K1 client en",
        "monthly on day 31 at 08:30 America/New_York",
    ]  # fmt: skip
    assert cells[5:] == ["active", "dan@acme.example"]
    assert run(capsys, "pause", "1")[1] == "schedule 1 paused\n"
    assert "\tpaused\t" in run(capsys, "list")[1]
    assert run(capsys, "resume", "1")[1] == "schedule 1 resumed\n"
    assert run(capsys, "remove", "1")[1] == "schedule 1 removed\n"
    assert run(capsys, "pause", "1")[2] == "error: no schedule 1\n"


def test_a_recipient_outside_the_allowed_domains_is_refused(database, capsys):
    code, out, err = run(capsys, *ADD, "--to", "dan@acme.example,eve@evil.example")
    assert code == 2 and out == ""
    assert err == (
        "error: eve@evil.example is refused: evil.example is not one of the allowed"
        " recipient domains (RECIPIENT_DOMAINS=acme.example)\n"
    )


def test_send_now_writes_an_eml_into_the_outbox(database, capsys):
    run(capsys, *ADD, "--to", "dan@acme.example")
    code, out, err = run(capsys, "send-now", "1", "--to", "me@acme.example")
    assert code == 0, err
    assert out == f"me@acme.example\tsent\t(via the outbox {database / 'outbox'})\n"
    [eml] = (database / "outbox").glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == "me@acme.example"
    assert message["Subject"].startswith("Acme · report for ")
    code, _, err = run(capsys, "send-now", "1", "--to", "me@elsewhere.example")
    assert code == 2 and "elsewhere.example is not one of the allowed" in err


def test_worker_once_with_nothing_due(database, capsys):
    code = main(["worker", "--once"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out == f"0 of 0 due messages sent via the outbox {database / 'outbox'}\n"
