"""The login machinery's notion of now, free of any web framework import."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Now as a naive UTC datetime (how the database stores times)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
