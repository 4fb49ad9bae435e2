"""The import contract of DATA.md as data: entities, their columns, types and rules."""

from __future__ import annotations

from dataclasses import dataclass

from data.models import (
    ACTION_ITEM_VISIBILITIES,
    ATTENDEE_SIDES,
    MEETING_KINDS,
    MEETING_STATUSES,
    SEGMENTS,
    SPEND_CATEGORIES,
    SURVEY_KINDS,
    AcquisitionSpend,
    ActionItem,
    Attendee,
    Client,
    Invoice,
    Meeting,
    Milestone,
    Project,
    Spend,
    SurveyResponse,
    Target,
)

# Column kinds: how a cell is read and written.
TEXT = "text"  # free text, formula escaping applies, stored exactly as given
ENUM = "enum"  # one of `choices`
DATE = "date"  # YYYY-MM-DD
DATETIME = "datetime"  # ISO 8601, with or without offset; stored as naive UTC
AMOUNT = "amount"  # decimal with '.', at most 2 decimals; stored as whole cents
INTEGER = "integer"
NUMBER = "number"  # decimal number, stored as float
BOOLEAN = "boolean"  # true/false, 1/0, yes/no


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an entity file."""

    name: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None  # strictly greater than
    max_length: int | None = None
    target: str | None = None  # the model column it lands in, when named otherwise
    refers_to: str | None = None  # entity whose external_id this column names

    @property
    def stored_as(self) -> str:
        """The name of the database column that holds the value."""
        return self.target or self.name


@dataclass(frozen=True, slots=True)
class Entity:
    """One importable entity: its file name, table and columns."""

    name: str
    table: object
    columns: tuple[Column, ...]
    keyed: bool = True  # rows carry an external_id and are upserted by it
    # Without an external_id: the columns that name a row (at most once a file).
    unique_by: tuple[str, ...] = ()

    @property
    def file_name(self) -> str:
        """The CSV file name, e.g. `clients.csv`."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        """The contract's column names in documented order."""
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        """The names of the required columns."""
        return tuple(c.name for c in self.columns if c.required)


def _text(name: str, model, *, required: bool = False, refers_to=None) -> Column:
    column_name = "external_id" if refers_to else name
    length = getattr(model.__table__.c[column_name].type, "length", None)
    return Column(name, TEXT, required=required, max_length=length, refers_to=refers_to)


def _ref(name: str, entity: str, *, required: bool = True) -> Column:
    models = {"clients": Client, "meetings": Meeting, "projects": Project}
    return _text(name, models[entity], required=required, refers_to=entity)


CLIENTS = Entity(
    "clients",
    Client.__table__,
    (
        _text("external_id", Client, required=True),
        _text("name", Client, required=True),
        Column("segment", ENUM, required=True, choices=SEGMENTS),
        _text("industry", Client),
        _text("region", Client),
        _text("owner", Client),
        Column("onboarded_on", DATE, required=True),
        Column("churned_on", DATE),
        _text("churn_reason", Client),
    ),
)
INVOICES = Entity(
    "invoices",
    Invoice.__table__,
    (
        _text("external_id", Invoice, required=True),
        _ref("client_external_id", "clients"),
        Column("issued_on", DATE, required=True),
        Column("amount", AMOUNT, required=True, target="amount_cents"),
        _text("product", Invoice),
    ),
)
MEETINGS = Entity(
    "meetings",
    Meeting.__table__,
    (
        _text("external_id", Meeting, required=True),
        _ref("client_external_id", "clients"),
        Column("kind", ENUM, required=True, choices=MEETING_KINDS),
        Column("scheduled_start", DATETIME, required=True),
        Column("planned_minutes", INTEGER, required=True, minimum=0),
        Column("status", ENUM, required=True, choices=MEETING_STATUSES),
        Column("actual_minutes", INTEGER, minimum=0),
        Column("objectives_set", INTEGER, minimum=0),
        Column("objectives_met", INTEGER, minimum=0),
        Column("cost", AMOUNT, minimum=0, target="cost_cents"),
        Column("feedback_score", NUMBER, minimum=1, maximum=5),
    ),
)
ATTENDEES = Entity(
    "attendees",
    Attendee.__table__,
    (
        _ref("meeting_external_id", "meetings"),
        _text("name", Attendee, required=True),
        Column("side", ENUM, required=True, choices=ATTENDEE_SIDES),
        Column("attended", BOOLEAN, required=True),
    ),
    keyed=False,
)
ACTION_ITEMS = Entity(
    "action_items",
    ActionItem.__table__,
    (
        _text("external_id", ActionItem, required=True),
        _ref("client_external_id", "clients"),
        _ref("meeting_external_id", "meetings", required=False),
        _text("title", ActionItem, required=True),
        _text("owner", ActionItem, required=True),
        Column("created_on", DATE, required=True),
        Column("due_on", DATE, required=True),
        Column("completed_on", DATE),
        Column("visibility", ENUM, choices=ACTION_ITEM_VISIBILITIES),
        # Whose item it is (the client's or ours), as a review records it.
        Column("side", ENUM, choices=ATTENDEE_SIDES),
    ),
)
PROJECTS = Entity(
    "projects",
    Project.__table__,
    (
        _text("external_id", Project, required=True),
        _ref("client_external_id", "clients"),
        _text("name", Project, required=True),
        Column("start_on", DATE, required=True),
        Column("end_on", DATE, required=True),
        Column("budget", AMOUNT, required=True, above=0, target="budget_cents"),
    ),
)
SPEND = Entity(
    "spend",
    Spend.__table__,
    (
        _ref("project_external_id", "projects"),
        Column("spent_on", DATE, required=True),
        Column("amount", AMOUNT, required=True, target="amount_cents"),
        Column("category", ENUM, required=True, choices=SPEND_CATEGORIES),
    ),
    keyed=False,
)
MILESTONES = Entity(
    "milestones",
    Milestone.__table__,
    (
        _text("external_id", Milestone, required=True),
        _ref("project_external_id", "projects"),
        _text("name", Milestone, required=True),
        Column("planned_on", DATE, required=True),
        Column("completed_on", DATE),
        Column("weight", NUMBER, above=0),
    ),
)
SURVEYS = Entity(
    "surveys",
    SurveyResponse.__table__,
    (
        _text("external_id", SurveyResponse, required=True),
        _ref("client_external_id", "clients"),
        Column("responded_on", DATE, required=True),
        Column("kind", ENUM, required=True, choices=SURVEY_KINDS),
        Column("score", INTEGER, required=True),
        _text("comment", SurveyResponse),
    ),
)
ACQUISITION_SPEND = Entity(
    "acquisition_spend",
    AcquisitionSpend.__table__,
    (
        Column("spent_on", DATE, required=True),
        _text("channel", AcquisitionSpend, required=True),
        Column("amount", AMOUNT, required=True, target="amount_cents"),
        Column("segment", ENUM, choices=SEGMENTS),
    ),
    keyed=False,
)
TARGETS = Entity(
    "targets",
    Target.__table__,
    (
        _text("kpi", Target, required=True),
        _text("period", Target, required=True),
        Column("value", NUMBER, required=True),
        _ref("client_external_id", "clients", required=False),
        Column("segment", ENUM, choices=SEGMENTS),
        _text("note", Target),
    ),
    keyed=False,
    unique_by=("kpi", "period", "client_external_id", "segment"),
)

# In import order: every entity comes after the entities it refers to.
ENTITIES: tuple[Entity, ...] = (
    CLIENTS,
    INVOICES,
    MEETINGS,
    ATTENDEES,
    ACTION_ITEMS,
    PROJECTS,
    SPEND,
    MILESTONES,
    SURVEYS,
    ACQUISITION_SPEND,
    TARGETS,
)
BY_NAME: dict[str, Entity] = {entity.name: entity for entity in ENTITIES}
SURVEY_SCORE_RANGES = {"nps": (0, 10), "csat": (1, 5)}
DEFAULT_MILESTONE_WEIGHT = 1.0
DEFAULT_VISIBILITY = "internal"
