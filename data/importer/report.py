"""What an import run tells its caller: the counts of a good run, or every problem."""

from __future__ import annotations

from dataclasses import dataclass, field

PRINTED_PROBLEMS = 200


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: where it is and what is wrong."""

    where: str  # "meetings.csv" or "book.xlsx, sheet meetings"
    unit: str  # "line" or "row"
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = self.where
        if self.row is not None:
            place += f" {self.unit} {self.row}"
        if self.column is not None:
            place += f", column {self.column}"
        return f"{place}: {self.message}"


class ImportFailed(Exception):
    """The run was rejected and nothing was written; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.report())

    def report(self, limit: int = PRINTED_PROBLEMS) -> str:
        """The error report: a summary line, then at most `limit` problems."""
        count = len(self.problems)
        files = len({p.where for p in self.problems})
        noun = "problem" if count == 1 else "problems"
        places = "file" if files == 1 else "files"
        lines = [
            f"Import rejected, nothing was written: {count} {noun} in {files} {places}."
        ]
        lines += [f"  {problem}" for problem in self.problems[:limit]]
        if count > limit:
            lines.append(f"  ... and {count - limit} more")
        return "\n".join(lines)


@dataclass(slots=True)
class EntityCounts:
    """What a run did to one entity's rows."""

    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0  # replaced rows of attendees, spend and acquisition spend


@dataclass
class ImportReport:
    """The result of a good run: counts per entity, in import order."""

    entities: dict[str, EntityCounts] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        """Rows read over all files."""
        return sum(counts.rows for counts in self.entities.values())

    @property
    def rows_per_second(self) -> float:
        """Rows read per second of the whole run."""
        return self.rows / self.seconds if self.seconds > 0 else float(self.rows)

    def summary(self) -> str:
        """A small table: entity, rows, inserted, updated, unchanged, deleted."""
        head = f"{'entity':<18}{'rows':>10}{'inserted':>10}{'updated':>10}"
        head += f"{'unchanged':>11}{'deleted':>9}"
        lines = [head]
        for name, c in self.entities.items():
            lines.append(
                f"{name:<18}{c.rows:>10}{c.inserted:>10}{c.updated:>10}"
                f"{c.unchanged:>11}{c.deleted:>9}"
            )
        lines.append(
            f"{self.rows} rows in {self.seconds:.1f} s"
            f" ({self.rows_per_second:,.0f} rows/s)"
        )
        return "\n".join(lines)
