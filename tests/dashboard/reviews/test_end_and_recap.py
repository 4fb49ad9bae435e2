"""Ending a review stores the meeting as held and finalises the client report
with the shared outcome (never an internal note); the recap is sent once; two
managers saving at the same moment: one wins, the other is told."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from sqlalchemy import select

from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.reviews import capture
from dashboard.reviews.changes import since_last_review
from dashboard.reviews.end import end_review
from dashboard.reviews.recap import RecapRefused, send_recap
from dashboard.reviews.records import StaleReview, read_review
from dashboard.reviews.saving import CaptureError
from data.models import ROLLUP_TABLES, ActionItem, Meeting
from data.models.reports import ReportSnapshot
from data.rollups import refresh_rollups
from tests.dashboard.delivery.test_smtp import smtp  # noqa: F401 - the fixture
from tests.dashboard.reviews.review_fixtures import form, saver, seed, started


def _run_review(engine, settings) -> tuple[int, int]:
    """A review with a shared decision, an internal note, a shared and an
    internal item, ended 45 minutes after it started; (review id, snapshot id)."""
    seed(engine)
    review_id = started(engine)
    s = saver(engine, minutes=10)
    version = capture.save_note(s, review_id, form(
        version=1, section="next_steps", kind="decision", visibility="shared",
        text="Move the go-live to March"))  # fmt: skip
    version = capture.save_note(s, review_id, form(
        version=version, section="problems", kind="note", visibility="internal",
        text="Renewal at risk: price"))  # fmt: skip
    version = capture.save_action_item(s, review_id, form(
        version=version, title="Send the revised plan", owner="Bo",
        due_on="2026-12-10", side="internal", visibility="shared"))  # fmt: skip
    version = capture.save_action_item(s, review_id, form(
        version=version, title="Draft the renewal offer", owner="Bo",
        due_on="2026-12-05", side="internal", visibility="internal"))  # fmt: skip
    snapshot_id = end_review(
        saver(engine, minutes=45), settings, review_id, form(version=version)
    )
    return review_id, snapshot_id


def test_ending_holds_the_meeting_and_finalises_the_shared_outcome(engine, settings):
    review_id, snapshot_id = _run_review(engine, settings)
    with engine.connect() as conn:
        review = read_review(conn, review_id)
        meeting = conn.execute(
            select(Meeting.status, Meeting.actual_minutes).where(
                Meeting.id == review.meeting_id
            )
        ).one()
        snap = conn.execute(
            select(ReportSnapshot.client, ReportSnapshot.period,
                   ReportSnapshot.audience, ReportSnapshot.model_json,
                   ReportSnapshot.html)
            .where(ReportSnapshot.id == snapshot_id)
        ).one()  # fmt: skip
    assert tuple(meeting) == ("held", 45)
    assert (review.status, review.snapshot_id) == ("ended", snapshot_id)
    assert snap[:3] == ("C-1", "2026-Q3", "client")
    steps = dict(json.loads(snap.model_json)["commentary"])["next_steps"]
    assert steps == (
        "Decisions of the review:\n- Move the go-live to March\n"
        "Action items agreed in the review:\n"
        "- Send the revised plan (Bo, due Dec 10, 2026)"
    )
    assert "Renewal at risk" not in snap.html
    assert "Draft the renewal offer" not in snap.html
    # Ending again gives the same report and changes nothing.
    again = end_review(saver(engine, minutes=50), settings, review_id, form())
    assert again == snapshot_id


def test_corrected_minutes_are_checked_like_an_import(engine, settings):
    seed(engine)
    review_id = started(engine)
    with pytest.raises(CaptureError) as caught:
        end_review(saver(engine), settings, review_id, form(version=1, minutes="-5"))
    assert [f for f, _ in caught.value.issues] == ["actual_minutes"]
    end_review(saver(engine), settings, review_id, form(version=1, minutes="70"))
    with engine.connect() as conn:
        minutes = conn.execute(select(Meeting.actual_minutes).where(
            Meeting.status == "held", Meeting.kind == "qbr")).scalar_one()  # fmt: skip
    assert minutes == 70


def test_the_recap_is_sent_once_to_the_attendees(engine, settings, smtp):  # noqa: F811
    from dashboard.delivery.mailer import SmtpMailer

    inbox, ds = smtp()
    review_id, snapshot_id = _run_review(engine, settings)
    mailer = SmtpMailer(ds.smtp)

    def send():
        return send_recap(
            engine, ds, mailer, review_id, "ann@client.example, bo@ours.example",
            scope=Scope.everything(), by="manager",
            now=dt.datetime(2026, 11, 30, 11),
        )  # fmt: skip

    assert send() == ("ann@client.example", "bo@ours.example")
    with pytest.raises(RecapRefused) as caught:
        send()
    assert caught.value.text("en") == "The recap of this review was sent already."
    assert len(inbox.received) == 1
    to, message = inbox.received[0]
    assert to == ["ann@client.example", "bo@ours.example"]
    assert message["Subject"] == "Acme · review of 2026-Q3: recap"
    body = message.get_content()
    assert "- Move the go-live to March" in body
    assert "- Send the revised plan (Bo, due Dec 10, 2026)" in body
    assert "Renewal" not in body and "Draft the renewal offer" not in body
    assert f"/report/snapshots/{snapshot_id}" in body


def test_a_recap_to_a_bad_address_is_refused_and_not_claimed(engine, settings):
    from dashboard.delivery.config import DeliverySettings

    review_id, _snapshot = _run_review(engine, settings)
    sent = []

    class Keep:
        def send(self, message):
            sent.append(message)

    def send(addresses: str):
        return send_recap(
            engine, DeliverySettings(), Keep(), review_id, addresses,
            scope=Scope.everything(), by="m", now=dt.datetime(2026, 12, 1),
        )  # fmt: skip

    with pytest.raises(RecapRefused) as caught:
        send("ann at client")
    assert caught.value.text("en") == "'ann at client' is not an email address"
    send("ann@client.example")
    assert len(sent) == 1


def test_changed_since_lists_the_agreed_items_and_their_status(engine, settings):
    review_id, _snapshot = _run_review(engine, settings)
    with engine.begin() as conn:
        conn.execute(
            ActionItem.__table__.update()
            .where(ActionItem.title == "Send the revised plan")
            .values(completed_on=dt.date(2026, 12, 12))
        )
    with engine.connect() as conn:
        client_view = since_last_review(
            conn, settings, "C-1", scope=Scope.for_client("C-1"),
            period=parse_period("2026-Q3"), lang="en", today=dt.date(2026, 12, 20),
        )  # fmt: skip
        internal_view = since_last_review(
            conn, settings, "C-1", scope=Scope.everything(),
            period=parse_period("2026-Q3"), lang="en", today=dt.date(2026, 12, 20),
        )  # fmt: skip
    assert client_view.review.id == review_id
    assert [(i.item.title, i.status) for i in client_view.items] == [
        ("Send the revised plan", "done_late")
    ]
    assert [(i.item.title, i.status) for i in internal_view.items] == [
        ("Draft the renewal offer", "late"),
        ("Send the revised plan", "done_late"),
    ]
    keys = [f.key for f in client_view.figures]
    assert "attendance_rate" in keys and "health" not in keys


def test_two_managers_saving_at_once_one_wins_the_other_is_told(engine):
    seed(engine)
    review_id = started(engine)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(who: str, objectives: str) -> None:
        barrier.wait()
        try:
            outcomes[who] = capture.save_outcome(
                saver(engine, by=who), review_id,
                form(version=1, objectives_set=objectives),
            )  # fmt: skip
        except StaleReview as exc:
            outcomes[who] = exc

    threads = [
        threading.Thread(target=save, args=("ann", "2")),
        threading.Thread(target=save, args=("bo", "5")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won = [who for who, result in outcomes.items() if result == 2]
    lost = [r for r in outcomes.values() if isinstance(r, StaleReview)]
    assert len(won) == 1 and len(lost) == 1
    assert lost[0].current.changed_by == won[0]
    with engine.connect() as conn:
        review = read_review(conn, review_id)
        stored = conn.execute(select(Meeting.objectives_set).where(
            Meeting.id == review.meeting_id)).scalar_one()  # fmt: skip
    assert stored == {"ann": 2, "bo": 5}[won[0]]
    assert review.version == 2


def test_what_a_review_writes_is_in_the_rollups_at_once(engine, settings):
    # The cards read meetings and action items from the rollups: after the
    # review's saves they hold what a full rebuild from the raw rows gives.
    def rollup_rows():
        with engine.connect() as conn:
            return {
                table.name: sorted(map(tuple, conn.execute(select(table)).all()))
                for table in ROLLUP_TABLES
            }

    _run_review(engine, settings)
    kept = rollup_rows()
    assert kept["rollup_action_items"]  # the review's items are counted
    with engine.begin() as conn:
        refresh_rollups(conn, None)
    assert rollup_rows() == kept
