"""Setting targets: checked, scoped, version-checked against a concurrent save,
and audit-logged; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import select

from dashboard.auth.audit import recent
from dashboard.kernel.scope import Scope
from dashboard.kernel.targets import TargetError, TargetKey
from dashboard.reviews.targets import TargetNotAllowed, delete_target, save_target
from data import target_store
from data.models import Target
from data.target_store import StaleTarget
from data.version import data_version
from tests.factories import add_client

AT = dt.datetime(2026, 11, 30, 10, 0)
LATER = dt.datetime(2026, 11, 30, 10, 5)
NPS = TargetKey("nps", "2026-Q4", client="ACME")
EVERYTHING = Scope.everything()


@pytest.fixture
def book(engine):
    with engine.begin() as conn:
        add_client(conn, "ACME", owner="Ann", segment="enterprise")
        add_client(conn, "BETA", owner="Bob")
    return engine


def _save(engine, key=NPS, value=30, *, version=None, by="ann", at=AT, **options):
    options = {"scope": EVERYTHING} | options
    return save_target(
        engine, key, value, expected_version=version, by=by, at=at, **options
    )


def _stored(engine) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(Target.kpi, Target.value, Target.set_by, Target.version)
        )
        return [tuple(row) for row in rows]


def _audit(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [(row.action, row.username, row.detail) for row in recent(conn)][::-1]


def test_create_replace_and_delete_each_from_the_version_read(book):
    created = _save(book, note=" Agreed at the QBR ")
    assert (created.value, created.note, created.version) == (
        30.0,
        "Agreed at the QBR",
        1,
    )
    replaced = _save(book, value=35, version=1, by="bob", at=LATER)
    assert (replaced.value, replaced.version) == (35.0, 2)
    assert _stored(book) == [("nps", 35.0, "bob", 2)]
    delete_target(book, NPS, expected_version=2, by="ann", scope=EVERYTHING, at=LATER)
    assert _stored(book) == []
    assert _audit(book) == [
        ("target_set", "ann", "nps 2026-Q4 client ACME = 30 (version 1)"),
        ("target_set", "bob", "nps 2026-Q4 client ACME = 35 (version 2)"),
        ("target_deleted", "ann", "nps 2026-Q4 client ACME (version 2)"),
    ]


def test_a_save_from_an_older_reading_is_refused_with_who_changed_it(book):
    _save(book)
    _save(book, value=35, version=1, by="bob", at=LATER)
    with pytest.raises(StaleTarget) as stale:
        _save(book, value=40, version=1)
    assert str(stale.value) == (
        "The target nps 2026-Q4 client ACME was changed meanwhile by bob at"
        " 2026-11-30 10:05 UTC (now 35): reload it and try again."
    )
    assert stale.value.current.version == 2
    # Creating what exists already is the same conflict.
    with pytest.raises(StaleTarget, match="changed meanwhile by bob"):
        _save(book, value=40)
    with pytest.raises(StaleTarget, match="changed meanwhile by bob"):
        delete_target(book, NPS, expected_version=1, by="ann", scope=EVERYTHING, at=AT)
    delete_target(book, NPS, expected_version=2, by="bob", scope=EVERYTHING, at=LATER)
    with pytest.raises(StaleTarget) as stale:
        _save(book, value=40, version=2)
    assert str(stale.value) == (
        "The target nps 2026-Q4 client ACME was deleted meanwhile: reload and try"
        " again."
    )
    assert _stored(book) == []
    assert [entry[0] for entry in _audit(book)] == [
        "target_set", "target_set", "target_deleted"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "value", "note", "field"),
    [
        (NPS, 101, None, "value"),
        (TargetKey("attendance_rate", "2026-Q4", client="ACME"), 85, None, "value"),
        (TargetKey("cac", "2026-Q4"), 100, None, "kpi"),
        (TargetKey("nps", "Q4 2026", client="ACME"), 30, None, "period"),
        (TargetKey("nps", "2026-Q4", client="ACME", segment="smb"), 30, None,
         "segment"),
        (TargetKey("nps", "2026-Q4", client="NOPE"), 30, None, "client"),
        (NPS, 30, "x" * 501, "note"),
        (NPS, 30, "bell \x07", "note"),
    ],
)  # fmt: skip
def test_a_bad_field_is_named_and_nothing_is_written(book, key, value, note, field):
    with pytest.raises(TargetError) as refused:
        _save(book, key, value, note=note)
    assert refused.value.field == field
    assert _stored(book) == [] and _audit(book) == []


def test_only_targets_within_the_viewers_scope(book):
    anns = Scope.for_owner("Ann")
    assert _save(book, scope=anns).version == 1
    beta = TargetKey("nps", "2026-Q4", client="BETA")
    with pytest.raises(TargetError, match="no client 'BETA' that you may see"):
        _save(book, beta, scope=anns)
    with pytest.raises(TargetNotAllowed):
        _save(book, TargetKey("nps", "2026-Q4"), scope=anns)
    with pytest.raises(TargetNotAllowed):
        _save(book, TargetKey("nps", "2026-Q4", segment="smb"), scope=anns)
    # Presenting ACME: its own targets can be set during the review.
    presenting = Scope.for_client("ACME")
    assert _save(book, value=31, version=1, scope=presenting).version == 2
    assert _save(book, TargetKey("nps", "2026-Q4", segment="smb")).version == 1
    assert _save(book, TargetKey("nps", "2026-Q4")).version == 1


def test_a_save_waiting_for_a_concurrent_one_is_refused_after_it(book):
    _save(book)
    outcome: dict[str, object] = {}

    def second_manager() -> None:
        try:
            outcome["saved"] = _save(book, value=40, version=1, by="bob")
        except StaleTarget as stale:
            outcome["stale"] = stale

    # The first manager's save is written but not committed when the second
    # starts from the same version 1: the second waits, then sees version 2.
    with book.begin() as conn:
        target_store.set_target(
            conn, NPS, client_id=1, value=35.0, note=None, by="ann", at=LATER,
            expected_version=1,
        )  # fmt: skip
        thread = threading.Thread(target=second_manager)
        thread.start()
        time.sleep(0.5)
        assert thread.is_alive()  # waiting for the first manager's commit
    thread.join(timeout=30)
    assert "saved" not in outcome
    assert outcome["stale"].current.value == 35.0
    assert outcome["stale"].current.version == 2
    assert _stored(book) == [("nps", 35.0, "ann", 2)]


def test_two_saves_from_the_same_version_at_once_one_wins(book):
    _save(book)
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def manager(name: str, value: int) -> None:
        start.wait()
        try:
            results[name] = _save(book, value=value, version=1, by=name).value
        except StaleTarget as stale:
            results[name] = stale

    threads = [
        threading.Thread(target=manager, args=("ann", 35)),
        threading.Thread(target=manager, args=("bob", 40)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    winners = {n: v for n, v in results.items() if not isinstance(v, StaleTarget)}
    losers = [v for v in results.values() if isinstance(v, StaleTarget)]
    assert len(winners) == 1 and len(losers) == 1
    ((winner, value),) = winners.items()
    assert _stored(book) == [("nps", value, winner, 2)]
    assert losers[0].current.set_by == winner
    assert [entry[0] for entry in _audit(book)] == ["target_set", "target_set"]


def test_each_save_and_delete_changes_the_data_version(book):
    """Cached views are keyed by the data version, so a target write must move it;
    a refused save must not."""

    def version():
        with book.connect() as conn:
            return data_version(conn)

    start = version()
    created = _save(book)
    assert version() == start + 1
    replaced = _save(book, value=35, version=created.version, at=LATER)
    assert version() == start + 2
    with pytest.raises(StaleTarget):
        _save(book, value=40, version=created.version, at=LATER)
    assert version() == start + 2
    delete_target(
        book,
        NPS,
        expected_version=replaced.version,
        by="ann",
        scope=EVERYTHING,
        at=LATER,
    )
    assert version() == start + 3
