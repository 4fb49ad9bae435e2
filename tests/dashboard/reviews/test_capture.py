"""Capture during a review: the importer's rules name every bad value and
nothing partial is saved; every save moves the review's version by one."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.reviews import capture
from dashboard.reviews.records import StaleReview, read_review
from dashboard.reviews.saving import CaptureError
from dashboard.reviews.start import start_review
from data.models import ActionItem, Attendee, AuditEntry, Meeting, Target
from data.models.reviews import ReviewNote
from data.version import data_version
from tests.dashboard.reviews.review_fixtures import (
    STARTED,
    form,
    saver,
    seed,
    started,
)


def _count(engine, model, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(model).where(*where)
        ).scalar_one()


def _review(engine, review_id):
    with engine.connect() as conn:
        return read_review(conn, review_id)


def test_a_review_invites_the_last_meetings_people_and_a_second_start_joins(engine):
    seed(engine)
    review_id = started(engine)
    again, new = start_review(
        engine, "C-1", period=parse_period("2026-Q3"), lang="en", by="am",
        at=STARTED, scope=Scope.everything(),
    )  # fmt: skip
    assert (again, new) == (review_id, False)
    review = _review(engine, review_id)
    with engine.connect() as conn:
        people = conn.execute(
            select(Attendee.name, Attendee.side, Attendee.attended)
            .where(Attendee.meeting_id == review.meeting_id)
            .order_by(Attendee.name)
        ).all()
        status = conn.execute(
            select(Meeting.status, Meeting.kind).where(Meeting.id == review.meeting_id)
        ).one()
    assert [tuple(p) for p in people] == [
        ("Ann", "client", False),
        ("Bo", "internal", False),
    ]
    assert tuple(status) == ("scheduled", "qbr")
    assert (review.period, review.version, review.status) == ("2026-Q3", 1, "open")


def test_a_review_of_a_client_out_of_scope_is_refused(engine):
    from dashboard.reviews.records import ReviewNotFound

    seed(engine)
    with pytest.raises(ReviewNotFound):
        start_review(
            engine, "C-1", period=parse_period("2026-Q3"), lang="en", by="am",
            at=STARTED, scope=Scope.for_owner("someone else"),
        )  # fmt: skip


def test_attendance_ticks_who_came_and_adds_a_person(engine):
    seed(engine)
    review_id = started(engine)
    review = _review(engine, review_id)
    with engine.connect() as conn:
        ann = conn.execute(
            select(Attendee.id).where(
                Attendee.name == "Ann", Attendee.meeting_id == review.meeting_id
            )
        ).scalar_one()
    with engine.connect() as conn:
        data_before = data_version(conn)
    version = capture.save_attendance(
        saver(engine), review_id,
        form(version=1, attended=[ann], name="Cy", side="client"),
    )  # fmt: skip
    assert version == 2
    with engine.connect() as conn:
        assert data_version(conn) == data_before + 1
    with engine.connect() as conn:
        came = conn.execute(
            select(Attendee.name, Attendee.attended)
            .where(Attendee.meeting_id == review.meeting_id)
            .order_by(Attendee.name)
        ).all()
    assert [tuple(c) for c in came] == [("Ann", True), ("Bo", False), ("Cy", True)]
    assert _count(engine, AuditEntry, AuditEntry.action == "review_changed") == 1


def test_adding_a_person_twice_saves_nothing_not_even_the_ticks(engine):
    seed(engine)
    review_id = started(engine)
    review = _review(engine, review_id)
    with engine.connect() as conn:
        ids = (
            conn.execute(
                select(Attendee.id).where(Attendee.meeting_id == review.meeting_id)
            )
            .scalars()
            .all()
        )
    with pytest.raises(CaptureError) as caught:
        capture.save_attendance(
            saver(engine), review_id,
            form(version=1, attended=ids, name="Ann", side="client"),
        )  # fmt: skip
    assert caught.value.issues == [("name", "is on the list already")]
    assert _count(engine, Attendee, Attendee.attended.is_(True),
                  Attendee.meeting_id == review.meeting_id) == 0  # fmt: skip
    assert _review(engine, review_id).version == 1


def test_an_action_item_with_bad_values_names_each_and_saves_nothing(engine):
    seed(engine)
    review_id = started(engine)
    with pytest.raises(CaptureError) as caught:
        capture.save_action_item(
            saver(engine), review_id,
            form(version=1, title="Send the plan", owner="", due_on="2026-13-01",
                 side="client", visibility="shared"),
        )  # fmt: skip
    fields = [field for field, _what in caught.value.issues]
    assert fields == ["owner", "due_on"]
    assert _count(engine, ActionItem) == 0
    assert _review(engine, review_id).version == 1


def test_an_action_item_due_before_today_is_refused_by_the_import_rule(engine):
    seed(engine)
    review_id = started(engine)
    with pytest.raises(CaptureError) as caught:
        capture.save_action_item(
            saver(engine), review_id,
            form(version=1, title="Plan", owner="Ann", due_on="2026-11-29",
                 side="client", visibility="shared"),
        )  # fmt: skip
    assert caught.value.issues == [("due_on", "must not be before created_on")]


def test_an_action_item_is_stored_on_the_reviews_meeting(engine):
    seed(engine)
    review_id = started(engine)
    capture.save_action_item(
        saver(engine), review_id,
        form(version=1, title="Send the plan", owner="Ann", due_on="2026-12-15",
             side="client", visibility="shared"),
    )  # fmt: skip
    review = _review(engine, review_id)
    with engine.connect() as conn:
        row = conn.execute(
            select(ActionItem.title, ActionItem.owner, ActionItem.created_on,
                   ActionItem.due_on, ActionItem.side, ActionItem.visibility,
                   ActionItem.meeting_id)
        ).one()  # fmt: skip
    assert tuple(row) == (
        "Send the plan", "Ann", dt.date(2026, 11, 30), dt.date(2026, 12, 15),
        "client", "shared", review.meeting_id,
    )  # fmt: skip


def test_closing_an_internal_item_while_the_client_watches_is_refused(engine):
    from tests.factories import add_action_item

    client_id = seed(engine)
    with engine.begin() as conn:
        secret = add_action_item(conn, client_id, dt.date(2026, 12, 1),
                                 created_on=dt.date(2026, 11, 1))  # fmt: skip
        shared = add_action_item(conn, client_id, dt.date(2026, 12, 1),
                                 created_on=dt.date(2026, 11, 1),
                                 visibility="shared")  # fmt: skip
    review_id = started(engine)
    with pytest.raises(CaptureError):
        capture.close_action_item(saver(engine), review_id,
                                  form(version=1, item=secret))  # fmt: skip
    capture.close_action_item(saver(engine), review_id, form(version=1, item=shared))
    with engine.connect() as conn:
        done = dict(conn.execute(select(ActionItem.id, ActionItem.completed_on)).all())
    assert done == {secret: None, shared: dt.date(2026, 11, 30)}


def test_objectives_met_above_set_is_refused_and_nothing_changes(engine):
    seed(engine)
    review_id = started(engine)
    with pytest.raises(CaptureError) as caught:
        capture.save_outcome(
            saver(engine), review_id,
            form(version=1, objectives_set="3", objectives_met="4",
                 feedback_score="4.5"),
        )  # fmt: skip
    assert caught.value.issues == [("objectives_met", "must not exceed objectives_set")]
    with pytest.raises(CaptureError) as caught:
        capture.save_outcome(
            saver(engine), review_id,
            form(version=1, objectives_set="3", objectives_met="2",
                 feedback_score="6"),
        )  # fmt: skip
    assert [f for f, _ in caught.value.issues] == ["feedback_score"]
    capture.save_outcome(
        saver(engine),
        review_id,
        form(version=1, objectives_set="3", objectives_met="2", feedback_score="4.5"),
    )
    review = _review(engine, review_id)
    with engine.connect() as conn:
        row = conn.execute(
            select(Meeting.objectives_set, Meeting.objectives_met,
                   Meeting.feedback_score).where(Meeting.id == review.meeting_id)
        ).one()  # fmt: skip
    assert tuple(row) == (3, 2, 4.5)
    assert review.version == 2


def test_a_note_needs_text_and_a_known_section(engine):
    seed(engine)
    review_id = started(engine)
    with pytest.raises(CaptureError) as caught:
        capture.save_note(saver(engine), review_id, form(
            version=1, section="appendix", kind="decision", visibility="shared",
            text="x"))  # fmt: skip
    assert [f for f, _ in caught.value.issues] == ["section"]
    with pytest.raises(CaptureError) as caught:
        capture.save_note(saver(engine), review_id, form(
            version=1, section="progress", kind="decision", visibility="shared",
            text="   "))  # fmt: skip
    assert caught.value.issues == [("text", "is required but empty")]
    assert _count(engine, ReviewNote) == 0


def test_a_target_is_set_for_the_reviews_client(engine):
    seed(engine)
    review_id = started(engine)
    with pytest.raises(CaptureError) as caught:
        capture.save_review_target(
            saver(engine), review_id,
            form(version=1, kpi="attendance_rate", period="2026-Q4", value="85"),
        )  # fmt: skip
    assert [f for f, _ in caught.value.issues] == ["value"]
    capture.save_review_target(saver(engine), review_id, form(
        version=1, kpi="attendance_rate", period="2026-Q4", value="0.85"))  # fmt: skip
    with engine.connect() as conn:
        row = conn.execute(select(Target.kpi, Target.period, Target.value)).one()
    assert tuple(row) == ("attendance_rate", "2026-Q4", 0.85)


def test_a_save_from_an_older_reading_is_refused_with_who_changed_it(engine):
    seed(engine)
    review_id = started(engine)
    capture.save_outcome(saver(engine, by="am"), review_id,
                         form(version=1, objectives_set="2"))  # fmt: skip
    with pytest.raises(StaleReview) as caught:
        capture.save_outcome(saver(engine, minutes=1), review_id,
                             form(version=1, objectives_set="5"))  # fmt: skip
    assert caught.value.current.changed_by == "am"
    assert "am changed this review at 10:00:00 UTC" in caught.value.text("en")
    review = _review(engine, review_id)
    with engine.connect() as conn:
        planned = conn.execute(select(Meeting.objectives_set).where(
            Meeting.id == review.meeting_id)).scalar_one()  # fmt: skip
    assert planned == 2


def test_a_target_is_changed_from_the_version_read_and_not_set_twice(engine):
    seed(engine)
    review_id = started(engine)
    target = {"kpi": "nps", "period": "2026-Q4"}
    version = capture.save_review_target(
        saver(engine), review_id, form(version=1, value="30", **target)
    )
    with pytest.raises(CaptureError) as caught:
        capture.save_review_target(
            saver(engine), review_id, form(version=version, value="40", **target)
        )
    assert caught.value.issues == [("value", capture.EXISTS)]
    capture.save_review_target(
        saver(engine), review_id,
        form(version=version, value="40", target_version=1, **target),
    )  # fmt: skip
    with engine.connect() as conn:
        row = conn.execute(select(Target.value, Target.version)).one()
    assert tuple(row) == (40.0, 2)


def test_the_side_of_an_item_agreed_in_a_review_is_exported(engine, tmp_path):
    import csv

    from data.exporter import export_all

    seed(engine)
    review_id = started(engine)
    capture.save_action_item(
        saver(engine), review_id,
        form(version=1, title="Send the plan", owner="Bo", due_on="2026-12-15",
             side="internal", visibility="shared"),
    )  # fmt: skip
    export_all(engine, tmp_path, timezone="UTC")
    with (tmp_path / "action_items.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["title"], r["visibility"], r["side"]) for r in rows] == [
        ("Send the plan", "shared", "internal")
    ]
