"""Budget metrics of METRICS.md: earned value per project, then the portfolio.

`project_figures` turns the per-project inputs (cents, milestone weights, dates)
into one row per project in currency units; every portfolio figure is a sum over
that frame, so the drill-down and the cards cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.kernel.catalog import CENTS

FIGURE_COLUMNS = [
    "external_id",
    "name",
    "client_external_id",
    "bac",
    "ac",
    "elapsed",
    "pv",
    "complete",
    "ev",
    "eac",
    "burn_ratio",
]


def elapsed_share(start_on: dt.date, end_on: dt.date, t: dt.date) -> float:
    """elapsed_j: `clamp((t − start_on + 1) / (end_on − start_on + 1), 0, 1)`."""
    total = (end_on - start_on).days + 1
    return min(max(((t - start_on).days + 1) / total, 0.0), 1.0)


def project_eac(bac: float, ac: float, ev: float | None, elapsed: float) -> float:
    """EAC_j: `BAC×AC/EV` when EV > 0; else `AC/elapsed` when elapsed > 0; else BAC."""
    if ev is not None and not math.isnan(ev) and ev > 0:
        return bac * ac / ev
    if elapsed > 0:
        return ac / elapsed
    return bac


# `date.toordinal()` of numpy's day 0 (1970-01-01).
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def day_numbers(days) -> np.ndarray:
    """Dates (date objects or numpy days) as float day numbers: their
    `toordinal()`, for `elapsed_shares`."""
    if not (isinstance(days, np.ndarray) and days.dtype.kind == "M"):
        try:
            # numpy turns date objects into days some twenty times slower.
            ordinals = [day.toordinal() for day in days]
        except AttributeError:  # numpy days or text among them
            pass
        else:
            return np.array(ordinals, dtype="float64")
    values = np.asarray(days, dtype="datetime64[D]").astype("int64")
    return (values + EPOCH_ORDINAL).astype("float64")


def elapsed_shares(
    t: float | np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    """`elapsed_share` of day numbers, element by element (broadcast: a column
    of days against a row of projects gives a matrix); the same doubles."""
    return np.clip((t - starts + 1) / (ends - starts + 1), 0.0, 1.0)


def project_eacs(
    bac: np.ndarray, ac: np.ndarray, ev: np.ndarray, elapsed: np.ndarray
) -> np.ndarray:
    """`project_eac` element by element (EV NaN where a project has none); the
    same doubles."""
    with np.errstate(divide="ignore", invalid="ignore"):
        by_ev = bac * ac / ev
        by_time = ac / elapsed
    earned = ~np.isnan(ev) & (ev > 0)
    return np.where(earned, by_ev, np.where(elapsed > 0, by_time, bac))


def _none_for_nan(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), None)


def project_figures(projects: pd.DataFrame, t: dt.date) -> pd.DataFrame:
    """Per project: BAC, AC, elapsed, PV, complete, EV, EAC and its burn ratio.

    `projects` has the columns of `data.queries.budget.project_inputs`. Amounts are
    in currency units; `complete` and `ev` are None without milestones, and
    `burn_ratio` (`AC_j / PV_j`) is None when PV_j is 0.
    """
    index = projects.index
    bac = projects["budget_cents"].astype("float64") / CENTS
    ac = projects["spent_cents"].astype("float64") / CENTS
    elapsed = pd.Series(
        elapsed_shares(
            float(t.toordinal()),
            day_numbers(projects["start_on"]),
            day_numbers(projects["end_on"]),
        ),
        index=index,
        dtype="float64",
    )
    pv = bac * elapsed
    complete = projects["completed_weight"].astype("float64") / projects[
        "milestone_weight"
    ].astype("float64")
    ev = bac * complete
    eac = pd.Series(
        project_eacs(
            bac.to_numpy(),
            ac.to_numpy(),
            ev.to_numpy(dtype="float64"),
            elapsed.to_numpy(),
        ),
        index=index,
        dtype="float64",
    )
    burn = (ac / pv).where(pv > 0)
    figures = pd.DataFrame(
        {
            "external_id": projects["external_id"],
            "name": projects["name"],
            "client_external_id": projects["client_external_id"],
            "bac": bac,
            "ac": ac,
            "elapsed": elapsed,
            "pv": pv,
            "complete": _none_for_nan(complete),
            "ev": _none_for_nan(ev),
            "eac": eac,
            "burn_ratio": _none_for_nan(burn),
        },
        columns=FIGURE_COLUMNS,
    )
    return figures.reset_index(drop=True)


def _ratio(numerator: float, denominator: float) -> float | None:
    if denominator == 0 or math.isnan(denominator):
        return None
    return float(numerator / denominator)


def _earned(figures: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(figures["ev"], errors="coerce").astype("float64")


def budget_burn(figures: pd.DataFrame) -> float | None:
    """Budget burn [budget_burn]: `Σ AC_j / Σ BAC_j`; None without projects."""
    return _ratio(figures["ac"].sum(), figures["bac"].sum())


def time_elapsed(figures: pd.DataFrame) -> float | None:
    """Time elapsed [time_elapsed]: `Σ PV_j / Σ BAC_j`; None without projects."""
    return _ratio(figures["pv"].sum(), figures["bac"].sum())


def burn_ratio(figures: pd.DataFrame) -> float | None:
    """Burn ratio [burn_ratio]: `budget_burn / time_elapsed`; None when either is
    undefined or time elapsed is 0."""
    burn, elapsed = budget_burn(figures), time_elapsed(figures)
    if burn is None or elapsed is None or elapsed == 0:
        return None
    return burn / elapsed


def burn_ratio_by_client(figures: pd.DataFrame) -> pd.Series:
    """`burn_ratio` of each client's own projects, indexed by client_external_id.

    Clients whose ratio is undefined are left out. One grouped sum instead of a
    frame per client (client health scores thousands of clients at once).
    """
    sums = figures.groupby("client_external_id")[["ac", "pv", "bac"]].sum()
    burn = sums["ac"] / sums["bac"]
    elapsed = sums["pv"] / sums["bac"]
    defined = (sums["bac"] > 0) & (elapsed > 0)
    return (burn[defined] / elapsed[defined]).astype("float64")


def cpi(figures: pd.DataFrame) -> float | None:
    """CPI [cpi]: `Σ EV / Σ AC` over projects with milestones; None when Σ AC = 0."""
    ev = _earned(figures)
    has_milestones = ev.notna()
    return _ratio(ev[has_milestones].sum(), figures.loc[has_milestones, "ac"].sum())


def spi(figures: pd.DataFrame) -> float | None:
    """SPI [spi]: `Σ EV / Σ PV` over projects with milestones; None when Σ PV = 0."""
    ev = _earned(figures)
    has_milestones = ev.notna()
    return _ratio(ev[has_milestones].sum(), figures.loc[has_milestones, "pv"].sum())


def eac(figures: pd.DataFrame) -> float | None:
    """Forecast at completion [eac]: Σ EAC_j; None when no project is counted."""
    if figures.empty:
        return None
    return float(figures["eac"].sum())


def budget_metrics(
    figures: pd.DataFrame, spend_cents: int | None
) -> dict[str, float | None]:
    """The Budget rows of METRICS.md from `project_figures` and the spend in P
    (`spend` is None when the spend is not given)."""
    return {
        "budget_burn": budget_burn(figures),
        "time_elapsed": time_elapsed(figures),
        "burn_ratio": burn_ratio(figures),
        "spend": None if spend_cents is None else int(spend_cents) / CENTS,
        "cpi": cpi(figures),
        "spi": spi(figures),
        "eac": eac(figures),
    }


def budget_metrics_of_inputs(
    projects: pd.DataFrame | Mapping[str, np.ndarray],
    t: dt.date,
    spend_cents: int | None,
) -> dict[str, float | None]:
    """`budget_metrics(project_figures(projects, t), spend_cents)` over the
    inputs' columns as arrays (a frame of `project_inputs`, or its columns as
    arrays), without building the figures' frame (the headline's nine windows):
    the same operations in the same order, so the same doubles."""

    def column(name: str) -> np.ndarray:
        return np.asarray(projects[name], dtype="float64")

    bac = column("budget_cents") / CENTS
    ac = column("spent_cents") / CENTS
    elapsed = elapsed_shares(
        float(t.toordinal()),
        day_numbers(projects["start_on"]),
        day_numbers(projects["end_on"]),
    )
    pv = bac * elapsed
    with np.errstate(divide="ignore", invalid="ignore"):  # as pandas divides
        complete = column("completed_weight") / column("milestone_weight")
    ev = bac * complete
    earned = ~np.isnan(ev)
    burn, share = _ratio(ac.sum(), bac.sum()), _ratio(pv.sum(), bac.sum())
    return {
        "budget_burn": burn,
        "time_elapsed": share,
        "burn_ratio": None
        if burn is None or share is None or share == 0
        else burn / share,
        "spend": None if spend_cents is None else int(spend_cents) / CENTS,
        "cpi": _ratio(ev[earned].sum(), ac[earned].sum()),
        "spi": _ratio(ev[earned].sum(), pv[earned].sum()),
        "eac": None
        if not len(bac)
        else float(project_eacs(bac, ac, ev, elapsed).sum()),
    }
