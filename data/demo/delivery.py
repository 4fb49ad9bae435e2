"""Demo projects with budgets, their daily spend and weighted milestones."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from data.demo import names
from data.demo.calendar import DAY, Window, to_weekday, uniform_days
from data.demo.clients import Clients

SPEND_CATEGORIES = np.array(
    ["labor", "travel", "software", "subcontract", "other"], dtype=object
)
CATEGORY_SHARE = (0.72, 0.07, 0.1, 0.07, 0.04)
PROJECTS_PER_YEAR = np.array([2.0, 1.0, 0.4])  # by segment
BUDGET_CENTS = np.array([25_000_000, 6_000_000, 1_500_000])
SPEND_ROWS_PER_DAY = np.array([1.4, 0.8, 0.45])
WEIGHTS = np.array([0.5, 2.0, 3.0])
BATCH_PROJECTS = 1_000  # spend is generated this many projects at a time


@dataclass(frozen=True)
class Projects:
    """Column arrays of the projects, and what spend and milestones need."""

    client: np.ndarray
    start: np.ndarray
    end: np.ndarray
    budget: np.ndarray
    burn: np.ndarray  # final cost / budget
    columns: dict[str, np.ndarray]

    @property
    def count(self) -> int:
        """Number of projects."""
        return int(self.start.shape[0])


def make_projects(
    rng: np.random.Generator, clients: Clients, window: Window
) -> Projects:
    """Projects per client in proportion to its active years in the window."""
    first = np.maximum(clients.onboarded, window.start)
    last = np.minimum(clients.last_active(window), window.end + 30 * DAY)
    years = np.clip((last - first).astype(np.int64), 0, None) / 365.25
    counts = rng.poisson(PROJECTS_PER_YEAR[clients.segment] * years)
    client = np.repeat(np.arange(clients.count), counts)
    count = client.shape[0]
    start = to_weekday(uniform_days(rng, first[client], last[client]))
    length = rng.integers(45, 60 + 120 * (3 - clients.segment[client]), size=count)
    end = start + length * DAY
    budget = BUDGET_CENTS[clients.segment[client]] * rng.lognormal(0.0, 0.5, count)
    budget = np.maximum(np.round(budget, -4), 100_000).astype(np.int64)
    burn = np.exp(rng.normal(-0.04 - 0.08 * clients.quality[client], 0.18))
    order = np.lexsort((client, start))
    client, start, end = client[order], start[order], end[order]
    budget, burn = budget[order], burn[order]
    kinds = np.array(names.PROJECT_KINDS, dtype=object)
    label = kinds[rng.integers(0, kinds.shape[0], size=count)]
    phase = rng.integers(1, 4, size=count).astype(str).astype(object)
    label = np.where(rng.random(count) < 0.3, label + " " + phase, label)
    ids = np.arange(1, count + 1)
    columns = {
        "id": ids,
        "external_id": np.array([f"P{i:06d}" for i in ids.tolist()], dtype=object),
        "client_id": clients.id[client],
        "name": label,
        "start_on": start,
        "end_on": end,
        "budget_cents": budget,
    }
    return Projects(client, start, end, budget, burn, columns)


def spend_batches(
    rng: np.random.Generator, projects: Projects, clients: Clients, window: Window
) -> Iterator[dict[str, np.ndarray]]:
    """Spend entries from each project's start to its end or the last day."""
    stop = np.minimum(projects.end, window.end)
    elapsed = np.clip((stop - projects.start).astype(np.int64) + 1, 0, None)
    duration = (projects.end - projects.start).astype(np.int64) + 1
    per_day = SPEND_ROWS_PER_DAY[clients.segment[projects.client]]
    counts = rng.poisson(per_day * elapsed)
    anchor = _current_quarter_project(projects, window)
    if anchor is not None:
        counts[anchor] += 1
    per_row = projects.budget * projects.burn / (per_day * duration)
    first_id = 1
    for low in range(0, projects.count, BATCH_PROJECTS):
        batch = np.arange(low, min(low + BATCH_PROJECTS, projects.count))
        project = np.repeat(batch, counts[batch])
        count = project.shape[0]
        offset = np.floor(rng.random(count) * elapsed[project]).astype(np.int64)
        day = projects.start[project] + offset * DAY
        if anchor is not None and anchor in batch:
            day[np.flatnonzero(project == anchor)[-1]] = window.end
        amount = per_row[project] * rng.lognormal(-0.1, 0.45, count)
        category = rng.choice(SPEND_CATEGORIES.shape[0], size=count, p=CATEGORY_SHARE)
        order = np.lexsort((day, project))
        yield {
            "id": np.arange(first_id, first_id + count),
            "project_id": projects.columns["id"][project[order]],
            "spent_on": day[order],
            "amount_cents": np.round(amount[order]).astype(np.int64),
            "category": SPEND_CATEGORIES[category[order]],
        }
        first_id += count


def _current_quarter_project(projects: Projects, window: Window) -> int | None:
    """A project running on the last day, else one started by then, if any."""
    running = (projects.start <= window.end) & (projects.end >= window.end)
    started = np.flatnonzero(running)
    if started.shape[0] == 0:
        started = np.flatnonzero(projects.start <= window.end)
    return int(started[-1]) if started.shape[0] else None


def milestone_columns(
    rng: np.random.Generator, projects: Projects, clients: Clients, window: Window
) -> dict[str, np.ndarray]:
    """Three to six milestones per project; late ones where service is poor."""
    counts = rng.integers(3, 7, size=projects.count)
    project = np.repeat(np.arange(projects.count), counts)
    count = project.shape[0]
    step = np.repeat(np.cumsum(counts) - counts, counts)
    position = np.arange(count) - step
    duration = (projects.end - projects.start).astype(np.int64)[project]
    share = (position + 1) / counts[project]
    planned = (
        projects.start[project] + np.round(duration * share).astype(np.int64) * DAY
    )
    quality = clients.quality[projects.client[project]]
    delay = np.round(rng.normal(4 - 8 * quality, 10, count)).astype(np.int64)
    completed = np.maximum(planned + delay * DAY, projects.start[project])
    done = completed <= window.end
    default = rng.random(count) < 0.4
    weight = np.where(default, 1.0, WEIGHTS[rng.integers(0, 3, size=count)])
    milestone_names = np.array(names.MILESTONES, dtype=object)
    ids = np.arange(1, count + 1)
    return {
        "id": ids,
        "external_id": np.array([f"MS{i:07d}" for i in ids.tolist()], dtype=object),
        "project_id": projects.columns["id"][project],
        "name": milestone_names[np.minimum(position, milestone_names.shape[0] - 1)],
        "planned_on": planned,
        "completed_on": np.where(done, completed, np.datetime64("NaT")),
        "weight": weight,
    }
