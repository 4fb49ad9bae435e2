"""/schedules and /schedules/<id>/deliveries: server-rendered pages for admins,
managers and account managers (their own schedules); never for a client's login
or while presenting. Every change is a POST with the session's CSRF token."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, Response, abort, g, redirect, request
from sqlalchemy import select

from dashboard.auth import csrf
from dashboard.auth.context import auth_context
from dashboard.auth.pages import html_lang, page_response, query_view, render
from dashboard.auth.roles import own_scope
from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.listing import delivery_rows, schedule_rows
from dashboard.delivery.page_text import deliveries_text, notices, schedules_text
from dashboard.delivery.subscriptions import (
    OWNER_ROLES,
    Plan,
    ScheduleError,
    add_subscription,
    remove_subscription,
    set_paused,
    subscription,
    subscriptions,
)
from dashboard.kernel.i18n import LANGUAGES, translator
from dashboard.services import Services
from data.models import Client
from data.models.delivery import SentCopy
from data.queries.selection import scope_condition

PATH = "/schedules"
ACTIONS = ("pause", "resume", "remove", "test")


def _viewer():
    user = g.get("crd_user")
    if user is None or user.role not in OWNER_ROLES or user.is_presenting:
        abort(403)
    return user


def _sees_all(user) -> bool:
    return user.role in ("admin", "manager")


def _back(lang: str, theme: str, notice: str, **values: str) -> Response:
    query = {"lang": lang, "theme": theme, "notice": notice, **values}
    return redirect(PATH + "?" + urlencode(query), code=303)


def schedules_page(services: Services, ds: DeliverySettings, *, error: str = "",
                   form=None, status: int = 200) -> Response:  # fmt: skip
    """GET /schedules: the viewer's schedules, the add form, the mail set-up."""
    user = _viewer()
    lang, theme = query_view(request.args)
    form = form or {}
    with services.engine.connect() as conn:
        plans = subscriptions(conn, owner=None if _sees_all(user) else user.username)
        rows = schedule_rows(conn, plans, lang, auth_context().now(),
                             services.settings.fiscal_year_start_month)  # fmt: skip
        clients = conn.execute(
            select(Client.external_id, Client.name)
            .where(scope_condition(own_scope(user)))
            .order_by(Client.name)
        ).all()
    notice = notices(lang, request.args.get("notice"), request.args.get("address"))
    html = render(
        "schedules.html",
        title=translator(lang)("Scheduled reports"),
        html_lang=html_lang(lang), theme=theme, lang=lang, languages=LANGUAGES,
        csrf_token=csrf.csrf_token() or "", rows=rows, clients=clients,
        error=error, notice=notice, form=form, timezone=services.settings.timezone,
        test_address=user.username if "@" in user.username else "",
        text=schedules_text(lang, ds),
    )  # fmt: skip
    return page_response(html, status)


def _plan_from(form, user) -> Plan:
    try:
        day = int(form.get("day", ""))
    except ValueError:
        raise ScheduleError("the day must be a whole number") from None
    recipients = form.get("recipients", "").replace("\n", ",").replace(";", ",")
    client = form.get("client", "").strip()
    return Plan(
        name=form.get("name", ""), clients=(client,) if client else (),
        owner_book=form.get("book", "").strip() or None,
        audience=form.get("audience", ""), lang=form.get("report_lang", ""),
        cadence=form.get("cadence", ""), day=day,
        local_time=form.get("time", ""), timezone=form.get("timezone", "").strip(),
        period_rule=form.get("period", ""),
        recipients=tuple(recipients.split(",")),
        owner_username=user.username,
        owner_email=form.get("owner_email", "").strip() or None,
    )  # fmt: skip


def add_view(services: Services, ds: DeliverySettings) -> Response:
    """POST /schedules: save a new schedule, or show the form again with why not."""
    user = _viewer()
    if not csrf.session_post_is_valid():
        abort(403)
    lang, theme = query_view(request.args)
    try:
        add_subscription(
            services.engine, _plan_from(request.form, user), ds.allowed_domains,
            now=auth_context().now(), by=user.username,
        )  # fmt: skip
    except ScheduleError as exc:
        return schedules_page(
            services, ds, error=exc.text(lang), form=request.form, status=400
        )
    return _back(lang, theme, "added")


def action_view(
    services: Services, ds: DeliverySettings, schedule_id: int, action: str
) -> Response:
    """POST /schedules/<id>/<action>: pause, resume, remove, or send a test."""
    user = _viewer()
    if not csrf.session_post_is_valid():
        abort(403)
    lang, theme = query_view(request.args)
    engine, now = services.engine, auth_context().now()
    try:
        with engine.connect() as conn:
            plan = subscription(conn, schedule_id)
    except ScheduleError:
        abort(404)
    if not _sees_all(user) and plan.owner_username != user.username:
        abort(404)
    if action in ("pause", "resume"):
        set_paused(engine, plan.id, action == "pause", now=now, by=user.username)
        return _back(lang, theme, action + "d")
    if action == "remove":
        remove_subscription(engine, plan.id, now=now, by=user.username)
        return _back(lang, theme, "removed")
    return _send_test(services, ds, plan, now, lang, theme)


def _send_test(services, ds, plan, now, lang, theme) -> Response:
    # Imported here, not at the top: keeps the web app's start fast (Chromium
    # and the report builder load on the first test sent).
    from dashboard.delivery.mailer import mailer_for
    from dashboard.delivery.manual import send_now

    address = request.form.get("address", "").strip()
    try:
        found = send_now(
            services.engine, services.settings, ds, mailer_for(ds), plan.id,
            now=now, recipients=(address,),
        )  # fmt: skip
    except ScheduleError as exc:
        return schedules_page(services, ds, error=exc.text(lang), status=400)
    sent = set(found.values()) == {"sent"}
    return _back(lang, theme, "test_sent" if sent else "test_failed", address=address)


def _own_plan(conn, user, schedule_id: int) -> Plan:
    """The schedule, when the viewer may see it; else 404 (an unknown id and
    another owner's schedule alike)."""
    try:
        plan = subscription(conn, schedule_id)
    except ScheduleError:
        abort(404)
    if not _sees_all(user) and plan.owner_username != user.username:
        abort(404)
    return plan


def deliveries_page(services: Services, schedule_id: int) -> Response:
    """GET /schedules/<id>/deliveries: each run and recipient of one schedule."""
    user = _viewer()
    lang, theme = query_view(request.args)
    with services.engine.connect() as conn:
        plan = _own_plan(conn, user, schedule_id)
        rows = delivery_rows(conn, plan, lang)
    html = render(
        "deliveries.html",
        title=translator(lang)("Deliveries") + f" · {plan.name}",
        html_lang=html_lang(lang), theme=theme, lang=lang, plan=plan, rows=rows,
        text=deliveries_text(lang, plan),
    )  # fmt: skip
    return page_response(html)


def sent_copy_page(services: Services, schedule_id: int, copy_id: int) -> Response:
    """GET /schedules/<id>/sent/<copy>: a book report exactly as the schedule
    sent it, for those who may see the schedule."""
    user = _viewer()
    with services.engine.connect() as conn:
        plan = _own_plan(conn, user, schedule_id)
        html = conn.execute(
            select(SentCopy.html).where(
                SentCopy.id == copy_id, SentCopy.subscription_id == plan.id
            )
        ).scalar_one_or_none()
    if html is None:
        abort(404)
    return page_response(html)


def register_schedule_pages(
    server: Flask, services: Services, ds: DeliverySettings
) -> None:
    """Add the Schedules and Deliveries pages and their POSTs."""
    server.add_url_rule(PATH, "schedules", lambda: schedules_page(services, ds))
    server.add_url_rule(
        PATH, "schedules_add", lambda: add_view(services, ds), methods=["POST"]
    )
    server.add_url_rule(
        PATH + "/<int:schedule_id>/<any(pause, resume, remove, test):action>",
        "schedules_action",
        lambda schedule_id, action: action_view(services, ds, schedule_id, action),
        methods=["POST"],
    )
    server.add_url_rule(
        PATH + "/<int:schedule_id>/sent/<int:copy_id>",
        "schedules_sent_copy",
        lambda schedule_id, copy_id: sent_copy_page(services, schedule_id, copy_id),
    )
    server.add_url_rule(
        PATH + "/<int:schedule_id>/deliveries",
        "schedules_deliveries",
        lambda schedule_id: deliveries_page(services, schedule_id),
    )
