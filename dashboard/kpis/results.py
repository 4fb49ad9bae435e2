"""A shared cache of computed views (the headline, a tab), always fresh.

An entry's key holds everything the view depends on: which view, the viewer's
scope (so two viewers never share an entry), the normalised link (filters, tab,
language, theme), the as-of day, the deployment's settings and database, and the
data version (data/version.py), which every write changes in its own transaction.
So an entry, once found, is exactly what computing the view again would give.

With REDIS_URL the cache is Redis (Flask-Caching's backend, shared by every
worker); without it, a small cache in the process. When the cache cannot be
reached the view is computed as if there were no cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from flask_caching.backends import BaseCache, RedisCache, SimpleCache

from dashboard.kernel.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
# Entries never go stale (the version is in the key); this only frees memory.
TIMEOUT_SECONDS = 24 * 3600
LOCAL_ENTRIES = 500
KEY_PREFIX = "crd:view:"


class ResultCache:
    """`fetch(parts, compute)`: the value stored under `parts`, or `compute()`
    stored there."""

    def __init__(self, backend: BaseCache) -> None:
        self.backend = backend

    @classmethod
    def for_settings(cls, settings: Settings) -> ResultCache:
        """Redis when `settings.redis_url` is set, else a cache in this process."""
        if settings.redis_url:
            import redis  # keeps start fast: only deployments with Redis load it

            client = redis.from_url(settings.redis_url, socket_timeout=1)
            return cls(
                RedisCache(
                    host=client, key_prefix=KEY_PREFIX, default_timeout=TIMEOUT_SECONDS
                )
            )
        return cls(
            SimpleCache(threshold=LOCAL_ENTRIES, default_timeout=TIMEOUT_SECONDS)
        )

    @staticmethod
    def key(parts: Sequence[object]) -> str:
        """A short key for the parts (hashed: no filter value or name in Redis)."""
        text = json.dumps(list(parts), ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def fetch(self, parts: Sequence[object], compute: Callable[[], T]) -> T:
        """The stored value for `parts`, or `compute()` (then stored)."""
        key = self.key(parts)
        try:
            found = self.backend.get(key)
        except Exception:  # an unreachable cache must not fail the view
            log.warning("the result cache is unreachable; computing the view")
            return compute()
        if found is not None:
            return found[0]
        value = compute()
        self._store(key, value)
        return value

    def get(self, parts: Sequence[object]) -> object | None:
        """The value stored under `parts`, or None (also when the cache cannot
        be reached)."""
        try:
            found = self.backend.get(self.key(parts))
        except Exception:
            log.warning("the result cache is unreachable; computing anew")
            return None
        return None if found is None else found[0]

    def put(self, parts: Sequence[object], value: object) -> None:
        """Store `value` under `parts` (nothing when the cache cannot be reached)."""
        self._store(self.key(parts), value)

    def _store(self, key: str, value: object) -> None:
        try:
            self.backend.set(key, (value,))
        except Exception:
            log.warning("the result cache is unreachable; the view is not kept")

    def clear(self) -> None:
        """Forget every entry (tests; entries never need it otherwise)."""
        self.backend.clear()
