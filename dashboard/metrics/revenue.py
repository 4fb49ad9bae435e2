"""Revenue metrics of METRICS.md over per-client invoice sums (whole cents).

`by_client` frames have one row per client and integer cent columns: `current`
(rev_c(P)), `year_earlier` (rev_c(P-1y)) and, for CLV, `trailing_12` (rev_c(T12)).
Sums are taken in cents (exact) and turned into currency units at the end.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.kernel.catalog import CENTS


def _units(cents: int) -> float:
    return int(cents) / CENTS


def _cents(by_client: pd.DataFrame, column: str) -> np.ndarray:
    return np.asarray(by_client[column], dtype="int64")


def revenue(by_client: pd.DataFrame, column: str = "current") -> float:
    """Revenue [revenue]: Σ invoice amounts in the window (credit notes included)."""
    return _units(_cents(by_client, column).sum())


def arpa(by_client: pd.DataFrame, column: str = "current") -> float | None:
    """ARPA [arpa]: revenue / clients with revenue (> 0); None when there are none."""
    return _arpa(_cents(by_client, column))


def _arpa(cents: np.ndarray) -> float | None:
    paying = int((cents > 0).sum())
    if paying == 0:
        return None
    return int(cents.sum()) / paying / CENTS


def retention_base(by_client: pd.DataFrame) -> pd.DataFrame:
    """B: the clients with revenue in P-1y (`year_earlier` > 0)."""
    return by_client[by_client["year_earlier"] > 0]


class _Base:
    """B as two arrays of cents: rev_c(P) and rev_c(P-1y) of its clients."""

    def __init__(self, by_client: pd.DataFrame):
        earlier = _cents(by_client, "year_earlier")
        kept = earlier > 0
        self.current = _cents(by_client, "current")[kept]
        self.earlier = earlier[kept]
        self.empty = not len(self.earlier)

    def nrr(self) -> float | None:
        if self.empty:
            return None
        return int(self.current.sum()) / int(self.earlier.sum())

    def grr(self) -> float | None:
        if self.empty:
            return None
        kept = np.minimum(self.current, self.earlier)
        return int(kept.sum()) / int(self.earlier.sum())

    def expansion(self) -> float | None:
        if self.empty:
            return None
        return _units(np.clip(self.current - self.earlier, 0, None).sum())

    def contraction(self) -> float | None:
        if self.empty:
            return None
        shrunk = (self.current > 0) & (self.current < self.earlier)
        return _units((self.earlier[shrunk] - self.current[shrunk]).sum())

    def churned_revenue(self) -> float | None:
        if self.empty:
            return None
        return _units(self.earlier[self.current <= 0].sum())


def nrr(by_client: pd.DataFrame) -> float | None:
    """NRR [nrr]: `Σ_B rev_c(P) / Σ_B rev_c(P-1y)`; None when B is empty."""
    return _Base(by_client).nrr()


def grr(by_client: pd.DataFrame) -> float | None:
    """GRR [grr]: `Σ_B min(rev_c(P), rev_c(P-1y)) / Σ_B rev_c(P-1y)`; never above 1."""
    return _Base(by_client).grr()


def expansion(by_client: pd.DataFrame) -> float | None:
    """Expansion [expansion]: `Σ_B max(rev_c(P) − rev_c(P-1y), 0)`; None without B."""
    return _Base(by_client).expansion()


def contraction(by_client: pd.DataFrame) -> float | None:
    """Contraction [contraction]: Σ over B with `0 < rev(P) < rev(P-1y)` of the drop."""
    return _Base(by_client).contraction()


def churned_revenue(by_client: pd.DataFrame) -> float | None:
    """Churned revenue [churned_revenue]: Σ over B with `rev(P) <= 0` of rev(P-1y)."""
    return _Base(by_client).churned_revenue()


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
    """Revenue, ARPA and the retention decomposition of one period (the columns
    read once, as arrays)."""
    current = _cents(by_client, "current")
    base = _Base(by_client)
    return {
        "revenue": _units(current.sum()),
        "arpa": _arpa(current),
        "nrr": base.nrr(),
        "grr": base.grr(),
        "expansion": base.expansion(),
        "contraction": base.contraction(),
        "churned_revenue": base.churned_revenue(),
    }
