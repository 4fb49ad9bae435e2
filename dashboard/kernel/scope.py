"""Scope: the clients a viewer may see, decided on the server, never by the browser."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Which clients a viewer may see, and whether internal-only figures are shown.

    `client_ids` (external ids) and `owner` narrow the portfolio; None means no
    narrowing on that attribute. Every query applies the scope in SQL.
    """

    client_ids: frozenset[str] | None = None
    owner: str | None = None
    internal: bool = True

    @classmethod
    def everything(cls) -> Scope:
        """All clients, internal figures included (admins, managers, the CLI)."""
        return cls()

    @classmethod
    def for_owner(cls, owner: str) -> Scope:
        """The clients whose owner is this account manager."""
        return cls(owner=owner)

    @classmethod
    def for_client(cls, external_id: str, *, internal: bool = False) -> Scope:
        """Exactly one client; internal-only figures hidden unless asked for."""
        return cls(client_ids=frozenset({external_id}), internal=internal)

    @property
    def is_everything(self) -> bool:
        """True when nothing is narrowed."""
        return self.client_ids is None and self.owner is None

    @property
    def cache_key(self) -> str:
        """A stable string that identifies the scope in cache keys."""
        clients = ",".join(sorted(self.client_ids)) if self.client_ids else "*"
        return f"clients={clients};owner={self.owner or '*'};internal={self.internal}"
