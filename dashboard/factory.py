"""The app factory: settings → database ready → Dash app with layout and callbacks."""

from __future__ import annotations

import logging
import time

import dash
from flask import Flask

from callbacks import (
    benchmark,
    client_page,
    client_picker,
    headline,
    navigation,
    page_frame,
    present_picker,
    quality_badge,
    tables,
    tabs,
    targets_panel,
)
from callbacks.default_views import compute_default_views, hold_default_inputs
from dashboard.auth import install, install_security_headers
from dashboard.auth.clock import utc_now
from dashboard.auth.demo_users import (
    DEMO_PASSWORD,
    check_no_demo_passwords,
    check_production_settings,
    create_demo_users,
)
from dashboard.auth.sessions import prepare_statements
from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.pages import register_schedule_pages
from dashboard.downloads import register_downloads
from dashboard.kernel.product import PRODUCT_NAME
from dashboard.kernel.settings import PROJECT_ROOT, Settings, SettingsError
from dashboard.quality.pages import register_quality_pages
from dashboard.reports.page import register_report_page
from dashboard.reports.routes import register_report_routes
from dashboard.reviews.routes import register_review_routes
from dashboard.services import Services
from dashboard.uploads.config import UploadSettings
from dashboard.uploads.pages import register_upload_pages
from data.db import DatabaseUnavailable, is_empty, make_engine, upgrade
from data.queries.held_projects import hold_projects
from data.queries.held_rollups import hold_month_rows
from data.queries.held_spend import hold_spend_days
from layouts import ids
from layouts.shell import build_frame

log = logging.getLogger("dashboard")
# Every callbacks module, registered in this order by create_app.
# The page's timers: a callback they alone trigger is no sign of a person.
TIMER_INPUTS = frozenset({f"{ids.REFRESH}.n_intervals", f"{ids.RETRY}.n_intervals"})
CALLBACK_MODULES = (
    page_frame,
    benchmark,
    navigation,
    client_picker,
    present_picker,
    headline,
    quality_badge,
    tabs,
    tables,
    client_page,
    targets_panel,
)


def configure_logging(settings: Settings) -> None:
    """Plain one-line log records at the configured level."""
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    logging.getLogger("dashboard").setLevel(settings.log_level)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def prepare_database(settings: Settings):
    """Engine with the schema up to date; demo data on an empty database if enabled."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    if settings.load_demo_data and is_empty(engine):
        # Imported only for an empty database: keeps the usual start fast.
        from data.demo import generate_demo_data

        log.info("empty database: loading the small demo data set")
        counts = generate_demo_data(
            engine,
            size="small",
            end=settings.today(),
            timezone=settings.timezone,
        )
        log.info(
            "demo data loaded: %s",
            ", ".join(f"{table} {rows}" for table, rows in counts.items()),
        )
        _add_demo_users(engine, settings)
    return engine


def _add_demo_users(engine, settings: Settings) -> None:
    """One login per role for the demo data (never in production)."""
    if settings.env == "production":
        log.warning("ENV=production: no demo users; add users with `users add`")
        return
    users = create_demo_users(engine, settings, utc_now())
    log.info(
        "demo users: %s",
        ", ".join(f"{name} / {DEMO_PASSWORD} ({role})" for name, role in users),
    )


def create_app(settings: Settings | None = None) -> dash.Dash:
    """Build the dashboard. A bad setting or an unreachable database stops the
    start with one line naming it (SystemExit), never a traceback."""
    # The web parts load when the app is built: keeps the command line's start fast.
    from dashboard.boundary import install_boundary, install_callback_checks
    from dashboard.kpis.results import ResultCache

    try:
        settings = settings or Settings.from_env()
        check_production_settings(settings)
        configure_logging(settings)
        delivery_settings = DeliverySettings.from_env()
        upload_settings = UploadSettings.from_env()
        engine = prepare_database(settings)
        check_no_demo_passwords(engine, settings)
    except (SettingsError, DatabaseUnavailable) as exc:
        raise SystemExit(f"error: {exc}") from None
    services = Services(
        settings=settings, engine=engine, results=ResultCache.for_settings(settings)
    )

    server = Flask("dashboard")
    server.config["SECRET_KEY"] = settings.secret_key
    app = dash.Dash(
        "dashboard",
        server=server,
        title=PRODUCT_NAME,
        assets_folder=str(PROJECT_ROOT / "assets"),
        serve_locally=True,
        update_title=None,
        suppress_callback_exceptions=True,
    )
    app.layout = _layout
    _register_callbacks(app, services)
    register_report_page(server, services)
    register_report_routes(server, services)
    register_schedule_pages(server, services, delivery_settings)
    register_review_routes(server, services, delivery_settings)
    register_downloads(server, services)
    register_quality_pages(server, services)
    register_upload_pages(server, services, upload_settings)
    server.extensions["dashboard"] = services
    # Around the guard: bad addresses and forms are refused before any session
    # lookup; callback bodies are read only for a logged-in caller.
    install_boundary(app, settings)
    install(app, settings, engine, automatic_inputs=TIMER_INPUTS)
    install_callback_checks(app)
    # Last: the CSP lists the hashes of every inline script, clientside
    # callbacks included, so every callback must be registered by now.
    install_security_headers(app)
    _hold_data(services)
    with engine.begin() as conn:
        prepare_statements(conn, now=utc_now())
    # Connections opened so far belong to this process; a pre-forking server
    # (gunicorn --preload) must not share them with its workers.
    engine.dispose()
    return app


def _hold_data(services: Services) -> None:
    """The rollup rows the views sum (the spend's day rows whole), and the
    projects and milestones, read before the first view (and, with gunicorn
    --preload, before the workers fork, so that they share them); then the
    default views computed once, not kept, so that the day rows of the months
    their windows cut are held too (`hold_default_inputs`)."""
    started = time.perf_counter()
    engine = services.engine
    rows = hold_month_rows(engine) + hold_projects(engine) + hold_spend_days(engine)
    if rows:
        hold_default_inputs(services)
        log.info(
            "rollup rows, spend days, projects and milestones held: %s in %.1f s",
            f"{rows:,}",
            time.perf_counter() - started,
        )


def warm_worker(server: Flask) -> None:
    """In each worker of a pre-forking server, before its first request
    (gunicorn's post_worker_init, gunicorn.conf.py): the default views computed
    once more, keeping nothing. A worker's first view otherwise pays for first
    touching what it shares with the parent (each page copied on its first write)
    and for growing its own memory: some 20–40 ms of an all-clients view at
    10,000 clients."""
    services = server.extensions["dashboard"]
    started = time.perf_counter()
    try:
        compute_default_views(services.without_results())
    except Exception:  # noqa: BLE001 - a warm-up must never stop a worker
        log.warning("the worker's warm-up failed; its first view will be slower")
        return
    log.info("worker warmed up in %.2f s", time.perf_counter() - started)


def _layout():
    return build_frame()


def _register_callbacks(app: dash.Dash, services: Services) -> None:
    """Every callbacks module, from the one list; none registers another."""
    for module in CALLBACK_MODULES:
        module.register(app, services)
