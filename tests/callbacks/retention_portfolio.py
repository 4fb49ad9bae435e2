"""A tiny portfolio for the Retention, Churn and Satisfaction tab tests.

as_of 2026-08-15, period 2026-Q3 = [07-01, 08-15], P-1y cut like P =
[2025-07-01, 2025-08-15].

- Acme (C1, smb, since 2025-01-15): $1,000 on 2025-07-05, $1,300 on 2026-07-05
  (expansion $300); NPS 0 on 2026-07-20, CSAT 4 on 2026-07-21; an action item
  due 2026-06-01 never done.
- Beta (C2, smb, 2025-02-01 → churned 2026-07-10, "price"): $500 on 2025-07-20,
  nothing since (churned $500).
- Gamma (C3, enterprise, since 2025-04-10): $800 on 2025-08-01, $600 on
  2026-08-01 (contraction $200); $999 on 2025-08-20, after the cut day of P-1y;
  NPS 8 on 2026-05-10 and 10 on 2026-08-01.
- Delta (C4, enterprise, since 2026-04-01): $400 on 2026-07-15 (not in the base).
- Epsilon (C5, smb, 2025-03-01 → churned 2025-11-20, "moved").
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from dashboard.kernel.settings import Settings
from dashboard.services import Services
from data.models import Client
from tests.factories import add_action_item, add_client, add_invoice, add_survey

D = dt.date
AS_OF = D(2026, 8, 15)


def add_portfolio(conn) -> dict[str, int]:
    """Insert the portfolio above; return the client ids by external id."""
    ids = {
        "C1": add_client(conn, "C1", name="Acme", onboarded_on=D(2025, 1, 15)),
        "C2": add_client(
            conn, "C2", name="Beta", onboarded_on=D(2025, 2, 1),
            churned_on=D(2026, 7, 10),
        ),
        "C3": add_client(
            conn, "C3", name="Gamma", segment="enterprise",
            onboarded_on=D(2025, 4, 10),
        ),
        "C4": add_client(
            conn, "C4", name="Delta", segment="enterprise",
            onboarded_on=D(2026, 4, 1),
        ),
        "C5": add_client(
            conn, "C5", name="Epsilon", onboarded_on=D(2025, 3, 1),
            churned_on=D(2025, 11, 20),
        ),
    }  # fmt: skip
    conn.execute(
        update(Client).where(Client.external_id == "C2").values(churn_reason="price")
    )
    conn.execute(
        update(Client).where(Client.external_id == "C5").values(churn_reason="moved")
    )
    add_invoice(conn, ids["C1"], D(2025, 7, 5), 100_000)
    add_invoice(conn, ids["C1"], D(2026, 7, 5), 130_000)
    add_invoice(conn, ids["C2"], D(2025, 7, 20), 50_000)
    add_invoice(conn, ids["C3"], D(2025, 8, 1), 80_000)
    add_invoice(conn, ids["C3"], D(2025, 8, 20), 99_900)
    add_invoice(conn, ids["C3"], D(2026, 8, 1), 60_000)
    add_invoice(conn, ids["C4"], D(2026, 7, 15), 40_000)
    add_survey(conn, ids["C1"], D(2026, 7, 20), "nps", 0)
    add_survey(conn, ids["C1"], D(2026, 7, 21), "csat", 4)
    add_survey(conn, ids["C3"], D(2026, 5, 10), "nps", 8)
    add_survey(conn, ids["C3"], D(2026, 8, 1), "nps", 10)
    add_action_item(conn, ids["C1"], D(2026, 6, 1), created_on=D(2026, 5, 1))
    return ids


def portfolio_services(engine) -> Services:
    """Insert the portfolio; Services over it, as of 2026-08-15."""
    with engine.begin() as conn:
        add_portfolio(conn)
    return Services(settings=Settings(as_of=AS_OF, load_demo_data=False), engine=engine)
