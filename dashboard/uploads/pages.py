"""/data/upload, /data/upload/<run>, /data/imports and the templates: for admins
(and managers when UPLOAD_ALLOW_MANAGERS=1), never for a client's login or while
presenting. Every POST carries the session's CSRF token.

An upload streams into a folder of its own under UPLOAD_DIR while the form is
parsed (never whole into memory), within UPLOAD_MAX_MB: who may upload is
checked before a byte of the body is read.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
from flask import (
    Blueprint,
    Flask,
    Request,
    Response,
    abort,
    g,
    redirect,
    request,
    send_file,
)
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.auth import csrf
from dashboard.auth.audit import record
from dashboard.auth.guard import session_from_request, unauthorised
from dashboard.auth.outage import DatabaseDown
from dashboard.auth.pages import html_lang, page_response, query_view, render
from dashboard.auth.unavailable import database_down_response
from dashboard.kernel.i18n import translator
from dashboard.quality.summary import quality_of_counts, summary_lines
from dashboard.services import Services
from dashboard.uploads.config import UploadSettings
from dashboard.uploads.page_text import (
    MODES,
    error_text,
    history_text,
    run_text,
    too_large_text,
    upload_text,
)
from dashboard.uploads.runs import (
    Run,
    RunError,
    cancel_run,
    create_run,
    get_run,
    now,
    recent_runs,
    remove_folder,
    start_process,
    sweep,
)
from dashboard.uploads.workbook import write_filled, write_template
from data.controls import control_problem
from data.table_files import FORMATS, csv_bytes

UPLOAD_PATH = "/data/upload"
HISTORY_PATH = "/data/imports"
FOLDER_KEY = "crd.upload_folder"
CLAIMED_KEY = "crd.upload_claimed"
SHOWN_PROBLEMS = 500
SORT_KEYS = ("file", "line", "column", "message")
EXTENSION = "dashboard_uploads"
XLSX = FORMATS["xlsx"]


class UploadRequest(Request):
    """A request whose uploaded files go straight into the run's folder on disk
    (set by the gate for an upload), one file per part, never into memory."""

    def _get_file_stream(
        self, total_content_length, content_type, filename=None, content_length=None
    ):
        folder = self.environ.get(FOLDER_KEY)
        if folder is None:
            return super()._get_file_stream(
                total_content_length, content_type, filename, content_length
            )
        count = self.environ.get("crd.upload_parts", 0) + 1
        self.environ["crd.upload_parts"] = count
        return (Path(folder) / f"part-{count:04d}").open("w+b")


def _view(lang: str, theme: str) -> str:
    return "?" + urlencode({"lang": lang, "theme": theme})


def _viewer(us: UploadSettings):
    user = g.get("crd_user")
    if not us.allows(user):
        abort(403)
    return user


def _post_viewer(us: UploadSettings):
    user = _viewer(us)
    if not csrf.session_post_is_valid():
        abort(403)
    return user


def gate(us: UploadSettings):
    """before_request, ahead of the form checks: an upload POST is refused before
    its body is read unless a logged-in user who may upload sends it; theirs
    streams into a new folder within the upload limit."""

    def check() -> Response | None:
        if request.method != "POST" or request.path != UPLOAD_PATH:
            return None
        try:
            active = session_from_request()
        except DatabaseDown:
            return database_down_response()
        if active is None:
            return unauthorised()
        if not us.allows(active.user):
            abort(403)
        folder = us.folder / f"run-{secrets.token_hex(8)}"
        folder.mkdir(parents=True)
        request.environ[FOLDER_KEY] = str(folder)
        request.max_content_length = us.max_bytes
        return None

    return check


def discard_unclaimed(_error=None) -> None:
    """teardown_request: an upload's folder not taken by a run is deleted (a
    refused, failed or over-size upload keeps nothing)."""
    folder = request.environ.get(FOLDER_KEY)
    if folder and not request.environ.get(CLAIMED_KEY):
        remove_folder(folder)


def too_large(us: UploadSettings):
    """413 for an upload over UPLOAD_MAX_MB: a page that says so."""

    def page(_error: RequestEntityTooLarge) -> Response:
        lang, theme = query_view(request.args)
        html = render(
            "upload_too_large.html",
            title=translator(lang)("The upload is too large"),
            html_lang=html_lang(lang), theme=theme, lang=lang,
            text=too_large_text(lang, us.max_mb), view=_view(lang, theme),
        )  # fmt: skip
        return page_response(html, 413)

    return page


def upload_page(services: Services, us: UploadSettings, *, error: str = "",
                status: int = 200) -> Response:  # fmt: skip
    """GET /data/upload: the form and the templates."""
    _viewer(us)
    sweep(services.engine, us.keep_minutes)
    lang, theme = query_view(request.args)
    html = render(
        "upload.html",
        title=translator(lang)("Upload data"),
        html_lang=html_lang(lang), theme=theme, lang=lang, view=_view(lang, theme),
        csrf_token=csrf.csrf_token() or "", error=error,
        text=upload_text(lang, us.max_mb, us.keep_minutes),
    )  # fmt: skip
    return page_response(html, status)


def _uploaded(folder: Path) -> tuple[list[str], int] | str:
    """The files of the form, renamed to their own names in the folder; or the
    code of what is wrong with them."""
    names: list[str] = []
    total = 0
    for part in request.files.getlist("files"):
        raw = (part.filename or "").replace("\\", "/")
        part.stream.close()
        stored = Path(part.stream.name) if hasattr(part.stream, "name") else None
        if stored is None or stored.parent != folder:
            continue
        if not raw:
            stored.unlink()  # no file chosen in that field
            continue
        name = raw.rsplit("/", 1)[-1].strip()
        in_folder = "/" in raw
        if in_folder and not name.lower().endswith(".csv"):
            stored.unlink()  # like the command: a folder's other files are left out
            continue
        if not name or name in (".", "..") or control_problem(name) or len(name) > 200:
            return "bad_name:" + name
        if name in names:
            return "same_name:" + name
        stored.rename(folder / name)
        names.append(name)
        total += (folder / name).stat().st_size
    if not names:
        return "no_files"
    return names, total


def upload_view(services: Services, us: UploadSettings) -> Response:
    """POST /data/upload: keep the files, queue the dry run, show its page."""
    user = _post_viewer(us)
    lang, theme = query_view(request.args)
    folder = Path(request.environ[FOLDER_KEY])
    found = _uploaded(folder)
    if isinstance(found, str):
        code, _, name = found.partition(":")
        return upload_page(services, us, status=400,
                           error=error_text(lang, code, name=name))  # fmt: skip
    names, total = found
    with services.engine.begin() as conn:
        run_id = create_run(
            conn, mode="dry_run", username=user.username,
            address=request.remote_addr, files=names, total_bytes=total,
            folder=str(folder),
        )  # fmt: skip
        record(conn, "import", at=now(), username=user.username,
               address=request.remote_addr,
               detail=f"upload run {run_id} received {', '.join(names)}"
               f" ({total} bytes)"[:2000])  # fmt: skip
    request.environ[CLAIMED_KEY] = True
    start_process(services.engine, services.settings, run_id)
    return redirect(f"{UPLOAD_PATH}/{run_id}{_view(lang, theme)}", code=303)


def _sorted_problems(run: Run, key: str, descending: bool) -> list[dict]:
    def by(problem: dict):
        if key == "line":
            return (problem["row"] is None, problem["row"] or 0)
        field = {"file": "where"}.get(key, key)
        return (problem[field] is None, str(problem[field] or ""))

    return sorted(run.problems, key=by, reverse=descending)


def _load(services: Services, run_id: int) -> Run:
    with services.engine.connect() as conn:
        run = get_run(conn, run_id)
    if run is None:
        abort(404)
    return run


def run_page(services: Services, us: UploadSettings, run_id: int, *,
             error: str = "", status: int = 200) -> Response:  # fmt: skip
    """GET /data/upload/<id>: progress while it works, then counts or problems."""
    _viewer(us)
    lang, theme = query_view(request.args)
    run = _load(services, run_id)
    key = request.args.get("sort", "line")
    key = key if key in SORT_KEYS else "line"
    descending = request.args.get("order") == "desc"
    problems = _sorted_problems(run, key, descending)[:SHOWN_PROBLEMS]
    totals = {
        field: sum(c[field] for c in run.counts.values())
        for field in ("rows", "inserted", "updated", "unchanged", "deleted")
    }
    text = run_text(lang)
    quality = (
        summary_lines(
            quality_of_counts(run.quality["after"]), lang, run.quality["before"]
        )
        if run.quality
        else []
    )
    html = render(
        "upload_run.html",
        title=text["run"].format(id=run.id) + " · " + translator(lang)(
            MODES[run.mode]),
        html_lang=html_lang(lang), theme=theme, lang=lang, view=_view(lang, theme),
        csrf_token=csrf.csrf_token() or "", run=run, problems=problems,
        totals=totals, sort=key, descending=descending, error=error,
        text=text, sort_keys=SORT_KEYS, quality=quality,
    )  # fmt: skip
    return page_response(html, status)


def cancel_view(services: Services, us: UploadSettings, run_id: int) -> Response:
    """POST /data/upload/<id>/cancel: stop a queued or running run."""
    user = _post_viewer(us)
    lang, theme = query_view(request.args)
    _load(services, run_id)
    if not cancel_run(services.engine, run_id, by=user.username,
                      address=request.remote_addr):  # fmt: skip
        return run_page(services, us, run_id, status=409,
                        error=error_text(lang, "not_active"))  # fmt: skip
    return redirect(f"{UPLOAD_PATH}/{run_id}{_view(lang, theme)}", code=303)


def import_view(services: Services, us: UploadSettings, run_id: int) -> Response:
    """POST /data/upload/<id>/import: import a clean dry run's files for real."""
    user = _post_viewer(us)
    lang, theme = query_view(request.args)
    dry = _load(services, run_id)
    if not dry.importable:
        code = "already_imported" if dry.import_id else "not_importable"
        return run_page(services, us, run_id, status=409,
                        error=error_text(lang, code))  # fmt: skip
    try:
        with services.engine.begin() as conn:
            new_id = create_run(
                conn, mode="import", username=user.username,
                address=request.remote_addr, files=dry.files,
                total_bytes=dry.total_bytes, folder=dry.folder, dry_run_id=dry.id,
            )  # fmt: skip
    except RunError as exc:
        return run_page(services, us, run_id, status=409,
                        error=error_text(lang, exc.code))  # fmt: skip
    start_process(services.engine, services.settings, new_id)
    return redirect(f"{UPLOAD_PATH}/{new_id}{_view(lang, theme)}", code=303)


def problems_csv(services: Services, us: UploadSettings, run_id: int) -> Response:
    """GET /data/upload/<id>/problems.csv: every stored problem of the run."""
    _viewer(us)
    run = _load(services, run_id)
    columns = ["where", "unit", "row", "column", "message"]
    frame = pd.DataFrame([[p[c] for c in columns] for p in run.problems],
                         columns=columns, dtype=object)  # fmt: skip
    frame = frame.rename(columns={"where": "file"})
    response = Response(csv_bytes(frame), mimetype=FORMATS["csv"])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="import-run-{run.id}-problems.csv"'
    )
    return response


def history_page(services: Services, us: UploadSettings) -> Response:
    """GET /data/imports: every run, newest first."""
    _viewer(us)
    sweep(services.engine, us.keep_minutes)
    lang, theme = query_view(request.args)
    with services.engine.connect() as conn:
        runs = recent_runs(conn)
    html = render(
        "imports.html",
        title=translator(lang)("Import history"),
        html_lang=html_lang(lang), theme=theme, lang=lang, view=_view(lang, theme),
        runs=runs, text=history_text(lang),
    )  # fmt: skip
    return page_response(html)


def _workbook_response(engine, write, name: str, detail: str) -> Response:
    user = g.crd_user
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - send_file closes it
    written = write(handle)
    handle.seek(0)
    with_rows = f" rows={written}" if written is not None else ""
    with engine.begin() as conn:
        record(conn, "export", at=now(), username=user.username,
               address=request.remote_addr, detail=detail + with_rows)  # fmt: skip
    response = send_file(handle, mimetype=XLSX, as_attachment=True,
                         download_name=name)  # fmt: skip
    response.headers["Cache-Control"] = "no-store"
    return response


def template_view(services: Services, us: UploadSettings) -> Response:
    """GET /data/template.xlsx: the empty template."""
    _viewer(us)
    lang, _theme = query_view(request.args)
    return _workbook_response(services.engine, lambda out: write_template(out, lang),
                              "import-template.xlsx", "upload template")  # fmt: skip


def filled_view(services: Services, us: UploadSettings) -> Response:
    """GET /data/export.xlsx: the template filled with every stored row."""
    _viewer(us)
    lang, _theme = query_view(request.args)
    return _workbook_response(
        services.engine,
        lambda out: write_filled(services.engine, out, lang,
                                 timezone=services.settings.timezone),
        "current-data.xlsx", "upload template with the current data",
    )  # fmt: skip


def register_upload_pages(server: Flask, services: Services,
                          us: UploadSettings) -> None:  # fmt: skip
    """Add the pages; call before the request boundary is installed, so the
    gate runs before the form is read."""
    server.request_class = UploadRequest
    server.extensions[EXTENSION] = us
    server.before_request(gate(us))
    server.teardown_request(discard_unclaimed)
    pages = Blueprint("uploads", __name__)
    pages.register_error_handler(RequestEntityTooLarge, too_large(us))
    pages.add_url_rule(UPLOAD_PATH, "upload", lambda: upload_page(services, us))
    pages.add_url_rule(UPLOAD_PATH, "upload_post",
                       lambda: upload_view(services, us), methods=["POST"])  # fmt: skip
    pages.add_url_rule(UPLOAD_PATH + "/<int:run_id>", "run",
                       lambda run_id: run_page(services, us, run_id))  # fmt: skip
    pages.add_url_rule(UPLOAD_PATH + "/<int:run_id>/cancel", "cancel",
                       lambda run_id: cancel_view(services, us, run_id),
                       methods=["POST"])  # fmt: skip
    pages.add_url_rule(UPLOAD_PATH + "/<int:run_id>/import", "import",
                       lambda run_id: import_view(services, us, run_id),
                       methods=["POST"])  # fmt: skip
    pages.add_url_rule(UPLOAD_PATH + "/<int:run_id>/problems.csv", "problems",
                       lambda run_id: problems_csv(services, us, run_id))  # fmt: skip
    pages.add_url_rule(HISTORY_PATH, "history", lambda: history_page(services, us))
    pages.add_url_rule(
        "/data/template.xlsx", "template", lambda: template_view(services, us)
    )
    pages.add_url_rule("/data/export.xlsx", "filled",
                       lambda: filled_view(services, us))  # fmt: skip
    server.register_blueprint(pages)
