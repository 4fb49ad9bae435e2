"""The result cache: values stored and read by their parts; an unreachable
cache reads as empty and stores nothing, never failing a view."""

from __future__ import annotations

from flask_caching.backends import BaseCache, SimpleCache

from dashboard.kpis.results import ResultCache


class Down(BaseCache):
    def get(self, key):
        raise ConnectionError("no cache")

    def set(self, key, value, timeout=None):
        raise ConnectionError("no cache")


def test_put_then_get_and_fetch_read_the_same_entry():
    cache = ResultCache(SimpleCache())
    assert cache.get(["trend", 1]) is None
    cache.put(["trend", 1], {"nps": [1.5]})
    assert cache.get(["trend", 1]) == {"nps": [1.5]}
    assert cache.get(["trend", 2]) is None
    assert cache.fetch(["trend", 1], lambda: "computed") == {"nps": [1.5]}
    assert cache.fetch(["tab", 1], lambda: "computed") == "computed"
    assert cache.get(["tab", 1]) == "computed"


def test_an_unreachable_cache_reads_empty_and_computes(caplog):
    cache = ResultCache(Down())
    assert cache.get(["trend"]) is None
    cache.put(["trend"], 1)  # nothing raised
    assert cache.fetch(["tab"], lambda: "computed") == "computed"
    assert "unreachable" in caplog.text
