"""The lockout holds under concurrency: real threads against SQLite and PostgreSQL
never get more than five passwords checked, and a lock refuses the right one."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from dashboard.auth import lockout
from data.models.auth import AuditEntry, LoginFailure
from tests.dashboard.auth.conftest import START
from tests.login import csrf_from

WRONG = "wrong-password"
RIGHT = "demo-password-1"


def checked_passwords(engine) -> int:
    """Passwords verified: failures with a wrong password, plus logins."""
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).where(
                (AuditEntry.action == "login")
                | (
                    (AuditEntry.action == "login_failed")
                    & (AuditEntry.detail == "wrong password")
                )
            )
        ).scalar_one()


def ready_browser(auth_app):
    """A test client holding the login form's token (fetched before the race)."""
    client = auth_app.client()
    token = csrf_from(client.get("/login").get_data(as_text=True))
    return client, token


def post_login(browser, password: str, address: str = "127.0.0.1") -> int:
    client, token = browser
    response = client.post(
        "/login",
        data={"username": "admin", "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )
    return response.status_code


def test_parallel_wrong_passwords_check_at_most_five(auth_app):
    browsers = [ready_browser(auth_app) for _ in range(20)]
    start = threading.Barrier(len(browsers))

    def attempt(browser) -> int:
        start.wait()
        return post_login(browser, WRONG)

    with ThreadPoolExecutor(len(browsers)) as pool:
        statuses = list(pool.map(attempt, browsers))
    assert checked_passwords(auth_app.engine) == 5
    assert sorted(statuses).count(429) == 16  # 15 refused, and the fifth failure
    assert statuses.count(401) == 4
    # The right password is refused while the lock lasts, then accepted.
    late = ready_browser(auth_app)
    assert post_login(late, RIGHT) == 429
    auth_app.clock.advance(minutes=14, seconds=59)
    assert post_login(late, RIGHT) == 429
    auth_app.clock.advance(seconds=1)
    assert post_login(late, RIGHT) == 303


def test_the_right_password_racing_a_lock_is_refused(auth_app):
    browsers = [ready_browser(auth_app) for _ in range(16)]
    right = ready_browser(auth_app)
    locked = threading.Event()
    start = threading.Barrier(len(browsers))

    def attempt(browser) -> int:
        start.wait()
        status = post_login(browser, WRONG)
        if status == 429:
            locked.set()
        return status

    def the_owner() -> int:
        locked.wait(timeout=60)
        return post_login(right, RIGHT)

    with ThreadPoolExecutor(len(browsers) + 1) as pool:
        owner = pool.submit(the_owner)
        list(pool.map(attempt, browsers))
        assert owner.result() == 429
    assert checked_passwords(auth_app.engine) == 5


def test_a_login_gives_back_only_its_own_attempt(auth_app):
    # Four failures, one success, one failure (each from another address): the
    # success does not wipe the four, so five wrong in the window lock the user.
    for n in range(4):
        assert post_login(ready_browser(auth_app), WRONG, f"10.0.0.{n}") == 401
    assert post_login(ready_browser(auth_app), RIGHT, "10.0.1.1") == 303
    assert post_login(ready_browser(auth_app), WRONG, "10.0.1.2") == 429
    assert post_login(ready_browser(auth_app), RIGHT, "10.0.1.3") == 429


def test_a_lock_written_during_the_check_refuses_the_right_password(engine):
    keys = lockout.failure_keys("admin", "10.0.0.1")
    with engine.begin() as conn:
        lockout.reserve(conn, keys, START)  # the right password, being checked
    for _ in range(4):  # meanwhile four wrong ones fail; the last one locks
        with engine.begin() as conn:
            lockout.reserve(conn, keys, START)
            locked = lockout.record_failure(conn, keys, START)
    assert locked == START + lockout.LOCK_DURATION
    try:
        with engine.begin() as conn:
            lockout.release(conn, keys, START)
    except lockout.Refused as refused:
        assert refused.until == START + lockout.LOCK_DURATION
    else:
        raise AssertionError("a login after the lock was let in")
    with engine.connect() as conn:
        counts = dict(conn.execute(select(LoginFailure.key, LoginFailure.count)).all())
    assert counts == {"user:admin": 5, "addr:10.0.0.1": 5}
