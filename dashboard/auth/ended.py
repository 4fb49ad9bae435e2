"""Tokens whose session has ended (logout, expiry, disabled user), shared by the
worker processes of one server, for the outage memory to refuse.

The memory is an anonymous shared mapping: made before the server forks its
workers (gunicorn --preload builds the app first), it is the same memory in
every worker, so a logout answered by one worker is known to all at once. It
keeps the newest SLOTS entries, each the first 16 characters of the token's
SHA-256 (a collision can only refuse a session, never accept one).
"""

from __future__ import annotations

import mmap
import multiprocessing

SLOTS = 8192
WIDTH = 16
HEADER = 8  # the number of entries ever added (the next slot is this modulo SLOTS)


def _entry(token_hash: str) -> bytes:
    return token_hash.encode("ascii", "replace")[:WIDTH].ljust(WIDTH, b"\0")


class EndedTokens:
    """A fixed ring of ended token hashes in memory shared across forks."""

    def __init__(self, slots: int = SLOTS) -> None:
        self._slots = slots
        self._memory = mmap.mmap(-1, HEADER + slots * WIDTH)
        self._lock = multiprocessing.get_context("fork").Lock()

    def add(self, token_hash: str) -> None:
        """Remember that this token's session has ended."""
        with self._lock:
            added = int.from_bytes(self._memory[:HEADER], "little")
            start = HEADER + (added % self._slots) * WIDTH
            self._memory[start : start + WIDTH] = _entry(token_hash)
            self._memory[:HEADER] = (added + 1).to_bytes(HEADER, "little")

    def __contains__(self, token_hash: str) -> bool:
        entry = _entry(token_hash)
        with self._lock:
            found = self._memory.find(entry, HEADER)
            while found != -1 and (found - HEADER) % WIDTH:
                found = self._memory.find(entry, found + 1)
        return found != -1
