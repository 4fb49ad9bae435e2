"""Revenue metrics of METRICS.md over per-client invoice sums (whole cents).

`by_client` frames have one row per client and integer cent columns: `current`
(rev_c(P)), `year_earlier` (rev_c(P-1y)) and, for CLV, `trailing_12` (rev_c(T12)).
Sums are taken in cents (exact) and turned into currency units at the end.
"""

from __future__ import annotations

import pandas as pd

from dashboard.kernel.catalog import CENTS


def _units(cents: int) -> float:
    return int(cents) / CENTS


def revenue(by_client: pd.DataFrame, column: str = "current") -> float:
    """Revenue [revenue]: Σ invoice amounts in the window (credit notes included)."""
    return _units(by_client[column].sum())


def arpa(by_client: pd.DataFrame, column: str = "current") -> float | None:
    """ARPA [arpa]: revenue / clients with revenue (> 0); None when there are none."""
    paying = int((by_client[column] > 0).sum())
    if paying == 0:
        return None
    return int(by_client[column].sum()) / paying / CENTS


def retention_base(by_client: pd.DataFrame) -> pd.DataFrame:
    """B: the clients with revenue in P-1y (`year_earlier` > 0)."""
    return by_client[by_client["year_earlier"] > 0]


def nrr(by_client: pd.DataFrame) -> float | None:
    """NRR [nrr]: `Σ_B rev_c(P) / Σ_B rev_c(P-1y)`; None when B is empty."""
    base = retention_base(by_client)
    if base.empty:
        return None
    return int(base["current"].sum()) / int(base["year_earlier"].sum())


def grr(by_client: pd.DataFrame) -> float | None:
    """GRR [grr]: `Σ_B min(rev_c(P), rev_c(P-1y)) / Σ_B rev_c(P-1y)`; never above 1."""
    base = retention_base(by_client)
    if base.empty:
        return None
    kept = base[["current", "year_earlier"]].min(axis=1)
    return int(kept.sum()) / int(base["year_earlier"].sum())


def expansion(by_client: pd.DataFrame) -> float | None:
    """Expansion [expansion]: `Σ_B max(rev_c(P) − rev_c(P-1y), 0)`; None without B."""
    base = retention_base(by_client)
    if base.empty:
        return None
    grown = (base["current"] - base["year_earlier"]).clip(lower=0)
    return _units(grown.sum())


def contraction(by_client: pd.DataFrame) -> float | None:
    """Contraction [contraction]: Σ over B with `0 < rev(P) < rev(P-1y)` of the drop."""
    base = retention_base(by_client)
    if base.empty:
        return None
    shrunk = base[(base["current"] > 0) & (base["current"] < base["year_earlier"])]
    return _units((shrunk["year_earlier"] - shrunk["current"]).sum())


def churned_revenue(by_client: pd.DataFrame) -> float | None:
    """Churned revenue [churned_revenue]: Σ over B with `rev(P) <= 0` of rev(P-1y)."""
    base = retention_base(by_client)
    if base.empty:
        return None
    return _units(base.loc[base["current"] <= 0, "year_earlier"].sum())


def clv(
    arpa_12: float | None, gross_margin: float, churn_12: float | None
) -> float | None:
    """CLV [clv]: `ARPA_12 × GROSS_MARGIN / churn_12`; None when churn_12 is 0/None."""
    if arpa_12 is None or churn_12 is None or churn_12 == 0:
        return None
    return arpa_12 * gross_margin / churn_12


def cac(spend_cents: int | None, new_clients: int) -> float | None:
    """CAC [cac]: acquisition spend / new clients; None when N = 0 or no spend."""
    if spend_cents is None or new_clients <= 0:
        return None
    return int(spend_cents) / new_clients / CENTS


def revenue_metrics(by_client: pd.DataFrame) -> dict[str, float | None]:
    """Revenue, ARPA and the retention decomposition of one period."""
    return {
        "revenue": revenue(by_client),
        "arpa": arpa(by_client),
        "nrr": nrr(by_client),
        "grr": grr(by_client),
        "expansion": expansion(by_client),
        "contraction": contraction(by_client),
        "churned_revenue": churned_revenue(by_client),
    }
