"""A small book for report tests, with as_of 2026-08-15 and P = 2026-Q3.

P counts 2026-07-01..2026-08-15 (46 days); P-1 is 2026-Q2 cut to 2026-04-01..
2026-05-16; P-1y is 2025-07-01..2025-08-15.

K1 Acme: revenue $1,500 in P, $1,000 in P-1, $1,200 a year earlier (+50.0%);
NPS answers 10 and 3 in P (NPS 0, one detractor) against 10 in P-1 (NPS 100:
−100.0 pts); attendance 3 of 4 in P (75.0%) against 5 of 5 (−25.0 pp), the
meeting in P costing $125.00 (none before); two open items owned by bob,
"Agree new dates for the Rollout" overdue (due 08-01) and "Review the NPS
feedback with the client" not yet due (09-01); project
Rollout 07-01..09-28 (90 days), budget $10,000, spent $8,000: burn 80.0%, elapsed
46/90 = 51.1%, burn ratio 0.8 / (46/90) = 1.565… (1.57×), forecast 8,000 /
(46/90) = $15,652.17; milestones planned 08-01 (open: late) and 09-10 (ahead).
K2 Rival Corp: one held meeting in P, 1 of 2 client invitees attended (50.0%),
no action items. K3 Quiet Ltd: a client since 2026-01-01 without any data.
"""

from __future__ import annotations

import datetime as dt

from dashboard.kernel.settings import Settings
from tests.factories import (
    add_action_item,
    add_client,
    add_invoice,
    add_meeting,
    add_milestone,
    add_project,
    add_spend,
    add_survey,
)

D = dt.date
AS_OF = D(2026, 8, 15)
SETTINGS = Settings(as_of=AS_OF, load_demo_data=False)


def add_report_book(conn) -> dict[str, int]:
    """Insert K1, K2 and K3 as described above; return their ids."""
    k1 = add_client(conn, "K1", name="Acme", onboarded_on=D(2024, 1, 1), owner="ann")
    k2 = add_client(
        conn, "K2", name="Rival Corp", onboarded_on=D(2024, 1, 1), owner="ann"
    )
    k3 = add_client(conn, "K3", name="Quiet Ltd", onboarded_on=D(2026, 1, 1))
    add_invoice(conn, k1, D(2026, 7, 5), 150_000)
    add_invoice(conn, k1, D(2026, 4, 5), 100_000)
    add_invoice(conn, k1, D(2025, 7, 5), 120_000)
    add_survey(conn, k1, D(2026, 7, 20), "nps", 10)
    add_survey(conn, k1, D(2026, 7, 21), "nps", 3)
    add_survey(conn, k1, D(2026, 4, 20), "nps", 10)
    invited = (("client", True),) * 3 + (("client", False),)
    add_meeting(
        conn, k1, dt.datetime(2026, 7, 10, 9), attendees=invited, cost_cents=12_500
    )
    add_meeting(
        conn, k1, dt.datetime(2026, 4, 10, 9), attendees=(("client", True),) * 5
    )
    add_meeting(
        conn,
        k1,
        dt.datetime(2026, 9, 3, 9),
        status="scheduled",
        kind="qbr",
    )
    add_action_item(
        conn, k1, D(2026, 8, 1), created_on=D(2026, 7, 10), owner="bob",
        title="Agree new dates for the Rollout", visibility="shared",
    )  # fmt: skip
    add_action_item(
        conn, k1, D(2026, 9, 1), created_on=D(2026, 8, 10), owner="bob",
        title="Review the NPS feedback with the client",
        visibility="shared",
    )  # fmt: skip
    project = add_project(
        conn, k1, D(2026, 7, 1), D(2026, 9, 28), 1_000_000, name="Rollout"
    )
    add_spend(conn, project, D(2026, 8, 10), 800_000)
    add_milestone(conn, project, D(2026, 8, 1))
    add_milestone(conn, project, D(2026, 9, 10))
    add_meeting(
        conn,
        k2,
        dt.datetime(2026, 7, 15, 9),
        attendees=(("client", True), ("client", False)),
    )
    return {"K1": k1, "K2": k2, "K3": k3}
