"""Sessions during a database outage: a session the database confirmed a short
while ago keeps working until the database is back, so the page can say the
database is away and recover by itself; nothing else gets in.

While the database answers, every request is checked against it (a logout or a
disabled user ends a session at once); this memory is read only when it does not.
It never serves a session past its idle timeout or lifetime as last confirmed,
nor a token whose logout (or refusal) any worker of the server has seen: ended
tokens are kept in memory the workers share (dashboard.auth.ended), so neither
another worker nor a request that loaded the session just before can bring it
back.
"""

from __future__ import annotations

import datetime as dt
import threading

from dashboard.auth.ended import EndedTokens
from dashboard.auth.sessions import ActiveSession

# How long after its last confirmation a session may outlive a database outage.
OUTAGE_GRACE = dt.timedelta(minutes=10)
MAX_REMEMBERED = 10_000


class DatabaseDown(RuntimeError):
    """The session cannot be checked: the database does not answer."""


class RecentSessions:
    """Sessions the database confirmed, by token hash, with when (per process)."""

    def __init__(self) -> None:
        self._confirmed: dict[str, tuple[ActiveSession, dt.datetime]] = {}
        self._ended = EndedTokens()
        self._lock = threading.Lock()

    def confirmed(self, active: ActiveSession, now: dt.datetime) -> None:
        """The database has just confirmed this session."""
        with self._lock:
            if len(self._confirmed) >= MAX_REMEMBERED:
                self._forget_older_than(now - OUTAGE_GRACE)
            if len(self._confirmed) >= MAX_REMEMBERED:
                self._confirmed.pop(next(iter(self._confirmed)))
            self._confirmed[active.token_hash] = (active, now)

    def refused(self, token_hash: str) -> None:
        """The database says this token is no (longer a) session: forget it."""
        with self._lock:
            known = self._confirmed.pop(token_hash, None)
        if known is not None:  # unknown tokens (guesses) cannot crowd out others
            self._ended.add(token_hash)

    def logged_out(self, token_hash: str) -> None:
        """The session has just been ended: no worker serves it from now on."""
        with self._lock:
            self._confirmed.pop(token_hash, None)
        self._ended.add(token_hash)

    def during_outage(self, token_hash: str, now: dt.datetime) -> ActiveSession:
        """The session as last confirmed, if that was within the grace period;
        else DatabaseDown."""
        with self._lock:
            found = self._confirmed.get(token_hash)
        if found is None or now - found[1] > OUTAGE_GRACE or token_hash in self._ended:
            raise DatabaseDown("the database does not answer")
        active = found[0]
        if active.expires_at is not None and now > active.expires_at:
            raise DatabaseDown("the database does not answer")
        return active

    def _forget_older_than(self, moment: dt.datetime) -> None:
        for key in [k for k, (_, at) in self._confirmed.items() if at < moment]:
            del self._confirmed[key]
