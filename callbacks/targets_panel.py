"""The client page's agreed targets panel: read the target a form names, save,
change or remove it through dashboard.reviews.targets (the import's rules, a
version check, the audit log, a new data version).

Only admins, managers and account managers (for their own clients) edit, and
never while presenting: the panel is not drawn for anyone else, and a request
made anyway (a forged callback) is refused before anything is read.
"""

from __future__ import annotations

import functools

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, no_update
from flask import has_request_context, request

from callbacks.client_data import external_id_of
from dashboard.auth.clock import utc_now
from dashboard.auth.users import CurrentUser
from dashboard.figures.card_values import format_value
from dashboard.kernel.catalog import KPI_BY_KEY
from dashboard.kernel.filters import Filters
from dashboard.kernel.formatting import format_period
from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import TITLES
from dashboard.kernel.periods import parse_period
from dashboard.kernel.targets import (
    PORTFOLIO_ONLY,
    TARGET_KEYS,
    TargetError,
    TargetKey,
    checked_key,
)
from dashboard.kernel.urlstate import parse_query
from dashboard.reviews.targets import TargetNotAllowed, delete_target, save_target
from dashboard.services import Services
from data import target_store
from data.importer.cells import CellError, parse_number
from data.queries.client_detail import client_profile
from data.queries.targets import targets_for_period
from data.target_store import StaleTarget
from layouts import ids
from layouts.targets_panel import (
    TargetRow,
    build_target_rows,
    build_targets_panel,
    scope_labels,
)

EDITOR_ROLES = ("admin", "manager", "account_manager")
UNIT_HINTS = {
    "rate": "A rate: a fraction from 0 to 1 (0.85 for 85%).",
    "percent": "A percentage from 0 to 100.",
    "ratio": "A ratio of at least 0 (1.1 for 110%).",
    "amount": "An amount of at least 0, in units of the currency.",
    "minutes": "Minutes, at least 0.",
    "count": "A whole number of at least 0.",
    "score": "A score in the KPI's range (NPS −100 to 100, feedback 1 to 5).",
}


def editor(services: Services) -> CurrentUser | None:
    """The viewer when they may set targets here (not a client viewer, not while
    presenting); the client's scope is checked by the service."""
    user = services.current_user()
    if user is None or user.is_presenting or user.role not in EDITOR_ROLES:
        return None
    return user


def client_kpis(wider: bool) -> list[str]:
    """The KPIs the form offers: a client's target is never a logo count."""
    return [k for k in TARGET_KEYS if wider or k not in PORTFOLIO_ONLY]


def target_rows(services: Services, conn, external_id: str, period, lang: str):
    """The period's targets that apply to the client (its own, its segment's,
    the portfolio's) as listed rows."""
    frame = targets_for_period(
        conn=conn,
        filters=Filters(period=period, clients=(external_id,)),
        scope=services.current_scope(),
        period=period.label,
    )
    whom = scope_labels(lang)
    _ = translator(lang)
    currency = services.settings.currency
    return [
        TargetRow(
            kpi=_(TITLES[row["kpi"]]),
            whom=whom[row["scope"]],
            value=format_value(row["kpi"], row["value"], lang, currency),
            set_by=row["set_by"],
            set_at=row["set_at"].strftime("%Y-%m-%d %H:%M"),
        )
        for row in frame.to_dict("records")
    ]


def targets_panel(services: Services, conn, profile: dict, period, lang: str):
    """The panel for the client page, or None for a viewer who may not edit."""
    user = editor(services)
    if user is None:
        return None
    wider = services.current_scope().is_everything
    return build_targets_panel(
        kpis=client_kpis(wider),
        period=period.label,
        rows=target_rows(services, conn, profile["external_id"], period, lang),
        wider=wider,
        lang=lang,
        # The form opens on "this client": the first KPI a client's target takes.
        first_kpi=client_kpis(False)[0],
    )


def form_key(profile: dict, kpi, period, whom) -> TargetKey:
    """The target a form names; TargetError naming a wrong field."""
    if not isinstance(kpi, str) or not kpi:
        raise TargetError("kpi", "choose a KPI")
    if not isinstance(period, str) or not period.strip():
        raise TargetError("period", "give a period such as 2026-Q4")
    period = period.strip()
    if whom == "client":
        return TargetKey(kpi, period, client=profile["external_id"])
    if whom == "segment":
        return TargetKey(kpi, period, segment=profile["segment"])
    if whom == "portfolio":
        return TargetKey(kpi, period)
    raise TargetError("client", "choose whose target it is")


def form_value(text) -> float:
    """The threshold typed, read like a targets.csv cell; TargetError when not a
    number."""
    if not isinstance(text, str) or not text.strip():
        raise TargetError("value", "give a threshold")
    try:
        return parse_number(text)
    except CellError as exc:
        raise TargetError("value", str(exc)) from None


def _profile(services: Services, pathname) -> dict | None:
    external_id = external_id_of(pathname)
    if external_id is None:
        return None
    with services.engine.connect() as conn:
        return client_profile(
            conn=conn, external_id=external_id, scope=services.current_scope()
        )


def alert(text: str, color: str, extra: str = "") -> dbc.Alert:
    """A one-line message under the form."""
    return dbc.Alert(text, color=color, className=f"py-2 small mb-0 {extra}".strip())


def field_problems(lang: str) -> dict[str, str]:
    """What is wrong with each field, in words of the language (the rule's own
    sentence, from dashboard.kernel.targets, is English: it is shown as is in
    English and replaced by these in Chinese)."""
    _ = translator(lang)
    return {
        "kpi": _("this KPI takes no target (internal, or no better direction)."),
        "period": _("not a period: give a quarter (2026-Q4), a month or a year."),
        "value": _("not a possible target for this KPI."),
        "client": _("this KPI takes a target for a segment or all clients only."),
        "segment": _("not one of the segments."),
        "note": _("the note is too long or holds a control character."),
    }


def error_alert(exc: TargetError, kpi, lang: str) -> dbc.Alert:
    """The field that is wrong and why; nothing was saved."""
    _ = translator(lang)
    fields = {
        "kpi": _("KPI"),
        "period": _("Period"),
        "value": _("Target"),
        "client": _("For"),
        "segment": _("For"),
        "note": _("Note"),
    }
    problem = exc.message
    if lang != "en":
        problem = field_problems(lang).get(exc.field, problem)
        if exc.field == "value" and kpi in KPI_BY_KEY:
            problem += _(UNIT_HINTS[KPI_BY_KEY[kpi].kind])  # no space in Chinese
    text = _(
        "Nothing was saved. {field}: {problem}",
        field=fields.get(exc.field, exc.field),
        problem=problem,
    )
    return alert(text, "danger", f"target-error-{exc.field}")


def stale_alert(stale: StaleTarget, lang: str, currency: str) -> dbc.Alert:
    """Who changed the target since it was read, and when: reload."""
    _ = translator(lang)
    current = stale.current
    if current is None and stale.expected_version is None:
        text = _("Someone set this target meanwhile: reload and try again.")
    elif current is None:
        text = _("This target was removed meanwhile: reload and try again.")
    else:
        text = _(
            "Changed by {who} at {time} (now {value}): reload and try again.",
            who=current.set_by,
            time=current.set_at.strftime("%H:%M"),
            value=format_value(stale.key.kpi, current.value, lang, currency),
        )
    return alert(text, "warning")


def read_form(services: Services, kpi, period, whom, pathname, search):
    """What is stored for the target the form names: its value in the field, its
    version kept for the save, and the unit and who set it as a hint."""
    lang = parse_query(search if isinstance(search, str) else None).lang
    _ = translator(lang)
    if editor(services) is None:
        return "", None, ""
    profile = _profile(services, pathname)
    if profile is None:
        return "", None, ""
    try:
        key = checked_key(
            form_key(profile, kpi, period, whom),
            services.settings.fiscal_year_start_month,
        )
    except TargetError:
        return no_update, None, ""
    hint = _(UNIT_HINTS[KPI_BY_KEY[key.kpi].kind])
    gap = "" if lang == "zh" else " "  # Chinese sentences follow without a space
    with services.engine.connect() as conn:
        client_id = target_store.client_id_of(conn, profile["external_id"])
        stored = target_store.read_target(
            conn, key, client_id if key.scope == "client" else None
        )
    if stored is None:
        return "", None, hint + gap + _("No target yet.")
    hint += gap + _(
        "Now {value}, set by {who} at {time}.",
        value=format_value(key.kpi, stored.value, lang, services.settings.currency),
        who=stored.set_by,
        time=stored.set_at.strftime("%Y-%m-%d %H:%M"),
    )
    return f"{stored.value:g}", stored.version, hint


def save_form(
    services: Services,
    _save_clicks,
    _delete_clicks,
    pathname,
    search,
    kpi,
    period,
    whom,
    value,
    version,
):
    """Save or remove the target the form names; the message, the version now
    stored, and the refreshed list. All or nothing: a refused change writes
    nothing."""
    lang = parse_query(search if isinstance(search, str) else None).lang
    _ = translator(lang)
    user = editor(services)
    profile = _profile(services, pathname) if user is not None else None
    if user is None or profile is None:
        refused = _("Targets are set by managers, not on this view.")
        return alert(refused, "danger"), None, no_update
    removing = ctx.triggered_id == ids.TARGET_DELETE
    scope = services.current_scope()
    settings = services.settings
    address = request.remote_addr if has_request_context() else None
    expected = version if isinstance(version, int) and version >= 1 else None
    common = {
        "by": user.username,
        "scope": scope,
        "at": utc_now(),
        "address": address,
        "fiscal_start_month": settings.fiscal_year_start_month,
    }
    try:
        key = form_key(profile, kpi, period, whom)
        if removing:
            if expected is None:
                nothing = _("There is no stored target to remove.")
                return alert(nothing, "warning"), no_update, no_update
            delete_target(services.engine, key, expected_version=expected, **common)
            stored_version = None
        else:
            number = form_value(value)
            stored = save_target(
                services.engine, key, number, expected_version=expected, **common
            )
            stored_version = stored.version
    except TargetError as exc:
        return error_alert(exc, kpi, lang), no_update, no_update
    except TargetNotAllowed:
        text = _("Segment and portfolio targets are set by a manager of every client.")
        return alert(text, "danger"), no_update, no_update
    except StaleTarget as stale:
        return stale_alert(stale, lang, settings.currency), no_update, no_update
    key = checked_key(key, settings.fiscal_year_start_month)
    what = _(
        "{kpi} ({whom}), {period}",
        kpi=_(TITLES[key.kpi]),
        whom=scope_labels(lang)[key.scope],
        period=format_period(key.period, lang),
    )
    done = (
        _("Removed: {what}.", what=what) if removing else _("Saved: {what}.", what=what)
    )
    period_shown = parse_period(key.period, settings.fiscal_year_start_month)
    with services.engine.connect() as conn:
        rows = target_rows(services, conn, profile["external_id"], period_shown, lang)
    listing = build_target_rows(rows, format_period(key.period, lang), lang)
    return alert(done, "success"), stored_version, listing


def register(app, services: Services) -> None:
    """Attach the panel's read and save callbacks."""
    app.callback(
        Output(ids.TARGET_VALUE, "value"),
        Output(ids.TARGET_VERSION, "data"),
        Output(ids.TARGET_HINT, "children"),
        Input(ids.TARGET_KPI, "value"),
        Input(ids.TARGET_PERIOD, "value"),
        Input(ids.TARGET_SCOPE, "value"),
        State(ids.PAGE_URL, "pathname"),
        State(ids.PAGE_URL, "search"),
    )(functools.partial(read_form, services))
    app.callback(
        Output(ids.TARGET_MESSAGE, "children"),
        Output(ids.TARGET_VERSION, "data", allow_duplicate=True),
        Output(ids.TARGETS_LIST, "children"),
        Input(ids.TARGET_SAVE, "n_clicks"),
        Input(ids.TARGET_DELETE, "n_clicks"),
        State(ids.PAGE_URL, "pathname"),
        State(ids.PAGE_URL, "search"),
        State(ids.TARGET_KPI, "value"),
        State(ids.TARGET_PERIOD, "value"),
        State(ids.TARGET_SCOPE, "value"),
        State(ids.TARGET_VALUE, "value"),
        State(ids.TARGET_VERSION, "data"),
        prevent_initial_call=True,
    )(functools.partial(save_form, services))
