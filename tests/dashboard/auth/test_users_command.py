"""`python -m dashboard users`: add, list, disable, set-password; one-line errors."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from dashboard.auth.passwords import verify_password
from dashboard.cli import main
from data.db import upgrade
from data.models.auth import AuditEntry, User
from tests.dashboard.auth.conftest import database_url
from tests.factories import add_client


@pytest.fixture
def run(empty_engine, monkeypatch, capsys):
    """Run the command line on the test database with lines on stdin."""
    upgrade(empty_engine)
    with empty_engine.begin() as conn:
        add_client(conn, "C7", owner="Ann")
    monkeypatch.setenv("DATABASE_URL", database_url(empty_engine))

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def user_row(engine, name: str):
    with engine.connect() as conn:
        return conn.execute(select(User).where(User.username == name)).one_or_none()


def test_add_reads_the_password_twice_from_stdin(run, empty_engine):
    code, out, _ = run(
        "users", "add", "Wei", "--role", "client_viewer", "--client", "C7",
        "--display-name", "Wang Wei", stdin="long-password-1\nlong-password-1\n",
    )  # fmt: skip
    assert (code, out) == (0, "user wei added (client_viewer)\n")
    row = user_row(empty_engine, "wei")
    assert (row.display_name, row.role, row.disabled) == (
        "Wang Wei",
        "client_viewer",
        0,
    )
    assert verify_password("long-password-1", row.password_hash)
    with empty_engine.connect() as conn:
        audited = conn.execute(
            select(AuditEntry.action, AuditEntry.username, AuditEntry.detail)
        ).one()
    assert tuple(audited) == ("user_added", "wei", "role=client_viewer client=C7")


@pytest.mark.parametrize(
    ("argv", "stdin", "error"),
    [
        (
            ["--role", "admin"],
            "long-password-1\nlong-password-2\n",
            "error: the two passwords do not match\n",
        ),
        (
            ["--role", "client_viewer", "--client", "NOPE"],
            "long-password-1\nlong-password-1\n",
            "error: no client with external id NOPE\n",
        ),
        (
            ["--role", "client_viewer"],
            "long-password-1\nlong-password-1\n",
            "error: a client_viewer needs --client EXTERNAL_ID\n",
        ),
        (
            ["--role", "account_manager"],
            "long-password-1\nlong-password-1\n",
            "error: an account_manager needs --owner OWNER_NAME\n",
        ),
        (
            ["--role", "admin"],
            "short\nshort\n",
            "error: the password must have at least 10 characters\n",
        ),
    ],
)
def test_add_refuses_with_one_line(run, empty_engine, argv, stdin, error):
    code, out, err = run("users", "add", "bob", *argv, stdin=stdin)
    assert (code, out, err) == (2, "", error)
    assert user_row(empty_engine, "bob") is None


def test_add_refuses_a_second_user_of_the_same_name(run):
    twice = "long-password-1\nlong-password-1\n"
    assert run("users", "add", "ann", "--role", "admin", stdin=twice)[0] == 0
    assert run("users", "add", "ANN", "--role", "manager", stdin=twice)[1:] == (
        "",
        "error: user ann already exists\n",
    )


def test_list_disable_and_set_password(run, empty_engine):
    twice = "long-password-1\nlong-password-1\n"
    run(
        "users",
        "add",
        "ann",
        "--role",
        "account_manager",
        "--owner",
        "Ann",
        stdin=twice,
    )
    run("users", "add", "zed", "--role", "manager", stdin=twice)
    code, out, _ = run("users", "list")
    assert code == 0
    assert out.splitlines() == [
        "username\trole\tscope\tstatus\tdisplay name",
        "ann\taccount_manager\tAnn\tactive\tann",
        "zed\tmanager\tall clients\tactive\tzed",
    ]
    assert run("users", "disable", "zed")[:2] == (0, "user zed disabled\n")
    assert run("users", "list")[1].splitlines()[2] == (
        "zed\tmanager\tall clients\tdisabled\tzed"
    )
    assert run("users", "disable", "nobody")[1:] == ("", "error: no user nobody\n")
    code, out, _ = run(
        "users", "set-password", "ann", stdin="another-password\nanother-password\n"
    )
    assert (code, out) == (0, "password set for ann\n")
    stored = user_row(empty_engine, "ann").password_hash
    assert verify_password("another-password", stored)
    assert not verify_password("long-password-1", stored)
    mismatch = run("users", "set-password", "ann", stdin="another-password\nx\n")
    assert mismatch[1:] == ("", "error: the two passwords do not match\n")
    with empty_engine.connect() as conn:
        actions = conn.execute(
            select(AuditEntry.action).order_by(AuditEntry.id)
        ).scalars()
        assert list(actions) == [
            "user_added",
            "user_added",
            "user_disabled",
            "password_set",
        ]
