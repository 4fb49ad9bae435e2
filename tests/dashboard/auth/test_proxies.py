"""The client's address behind reverse proxies: trusted only when configured, so a
forged X-Forwarded-For can neither dodge the address lockout nor lock others out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.kernel.settings import Settings, SettingsError
from data.models.auth import AuditEntry
from tests.dashboard.auth.conftest import make_auth_app
from tests.login import log_in


def from_address(client, forwarded_for: str):
    """Every later request of `client` says it was forwarded for that address."""
    client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client


def audited_addresses(engine) -> list[tuple[str, str | None]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(AuditEntry.action, AuditEntry.address).order_by(AuditEntry.id)
        )
        return [tuple(row) for row in rows]


def test_without_trusted_proxies_a_forged_forwarded_for_is_ignored(empty_engine):
    auth_app = make_auth_app(empty_engine)
    client = auth_app.client()
    for number, name in enumerate(("u1", "u2", "u3", "u4", "u5")):
        from_address(client, f"203.0.113.{number}")
        log_in(client, name, "wrong-password")
    # Five failures from the one real address (127.0.0.1), whatever the header
    # said: every username is locked for it, a sixth forged address included.
    from_address(client, "198.51.100.7")
    assert log_in(client, "admin").status_code == 429
    assert {address for _, address in audited_addresses(empty_engine)} == {"127.0.0.1"}


def test_behind_one_trusted_proxy_each_client_address_counts_alone(empty_engine):
    auth_app = make_auth_app(empty_engine, trusted_proxies=1)
    attacker = from_address(auth_app.client(), "203.0.113.9")
    for name in ("u1", "u2", "u3", "u4", "u5"):
        log_in(attacker, name, "wrong-password")
    assert log_in(attacker, "admin").status_code == 429
    # Another person behind the same proxy is not locked out by them.
    colleague = from_address(auth_app.client(), "198.51.100.7")
    assert log_in(colleague, "admin").status_code == 303
    audited = audited_addresses(empty_engine)
    assert audited[0] == ("login_failed", "203.0.113.9")
    assert audited[-1] == ("login", "198.51.100.7")
    # The proxy appends the address it saw; only that last one is trusted.
    forger = from_address(auth_app.client(), "198.51.100.7, 192.0.2.44")
    log_in(forger, "nobody", "wrong-password")
    assert audited_addresses(empty_engine)[-1] == ("login_failed", "192.0.2.44")


def test_trusted_proxies_setting_is_checked():
    assert Settings.from_env({"TRUSTED_PROXIES": "2"}).trusted_proxies == 2
    assert Settings.from_env({}).trusted_proxies == 0
    with pytest.raises(SettingsError, match="TRUSTED_PROXIES=6 must be between"):
        Settings.from_env({"TRUSTED_PROXIES": "6"})
    with pytest.raises(SettingsError, match="TRUSTED_PROXIES=one is not a whole"):
        Settings.from_env({"TRUSTED_PROXIES": "one"})
