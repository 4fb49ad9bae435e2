"""The words of the upload, run and import history pages, in the viewer's language."""

from __future__ import annotations

from dashboard.kernel.i18n import translator

ERRORS = {
    "no_files": "Choose one or more .csv files, a folder or an .xlsx workbook.",
    "bad_name": "A file name holds characters that cannot be used: {name}.",
    "same_name": "Two files are named {name}; give each entity once.",
    "already_imported": "This dry run was already imported.",
    "not_importable": "This run cannot be imported: only a finished dry run"
    " without problems, whose files are still kept, can be.",
    "not_active": "The run had already finished; nothing was cancelled.",
}
STATUS = {
    "queued": "Waiting to start",
    "running": "Running",
    "done": "Done",
    "refused": "Refused",
    "cancelled": "Cancelled",
    "failed": "Failed",
}
MODES = {"dry_run": "Dry run", "import": "Import"}


def error_text(lang: str, code: str, **values: str) -> str:
    """The message of a refused action (codes of ERRORS)."""
    return translator(lang)(ERRORS[code], **values)


def too_large_text(lang: str, limit_mb: int) -> dict[str, str]:
    """The 413 page: the upload was over the limit and nothing was kept."""
    _ = translator(lang)
    return {
        "heading": _("The upload is too large"),
        "message": _(
            "The files together are larger than {limit}, the most this server"
            " accepts in one upload (setting {setting}). Nothing was kept."
            " Upload fewer files at once, or split the workbook.",
            limit=f"{limit_mb} MB",
            setting="UPLOAD_MAX_MB",
        ),
        "back": _("Back to the upload page"),
    }


def common_text(lang: str) -> dict[str, str]:
    """Words every upload page shares: navigation and the kinds of run."""
    _ = translator(lang)
    return {
        "back": _("Back to the dashboard"),
        "upload": _("Upload data"),
        "history": _("Import history"),
        "dry_run": _("Dry run"),
        "import": _("Import"),
        **{f"status_{key}": _(text) for key, text in STATUS.items()},
    }


def upload_text(lang: str, limit_mb: int, keep_minutes: int) -> dict[str, str]:
    """The upload form and the templates."""
    _ = translator(lang)
    return {
        **common_text(lang),
        "intro": _(
            "Upload entity files as the import command reads them: a folder of"
            " CSV files ({examples}), one CSV file, or an .xlsx workbook with one"
            " sheet per entity. A dry run comes first: it writes nothing and shows"
            " what would change and every problem.",
            examples="clients.csv, meetings.csv, …",
        ),
        "files": _("Files (.csv or .xlsx)"),
        "folder": _("Or a folder of CSV files"),
        "limit": _(
            "At most {limit} per upload. Files are deleted after the import,"
            " or {minutes} minutes after a dry run that is not imported.",
            limit=f"{limit_mb} MB",
            minutes=keep_minutes,
        ),
        "start": _("Upload and start the dry run"),
        "templates": _("Templates"),
        "templates_help": _(
            "One sheet per entity with the header row; lists for coded columns"
            " and each column's rules as a comment on its header. Row 2 is an"
            " example: the import skips it while it is unchanged."
        ),
        "empty_template": _("Empty template (.xlsx)"),
        "filled_template": _("Current data (.xlsx)"),
    }


def run_text(lang: str) -> dict[str, str]:
    """The page of one run: progress, counts, problems, the buttons."""
    _ = translator(lang)
    return {
        **common_text(lang),
        "run": _("Run {id}"),
        "files": _("Files"),
        "by": _("Started by"),
        "when": _("Started"),
        "status": _("Status"),
        "progress": _("Progress: {percent}%"),
        "cancel": _("Cancel"),
        "working": _("This page updates itself every second while the run works."),
        "entity": _("Entity"),
        "rows": _("Rows"),
        "inserted": _("Inserted"),
        "updated": _("Updated"),
        "unchanged": _("Unchanged"),
        "deleted": _("Deleted"),
        "total": _("Total"),
        "would": _("What the import would do (nothing was written yet):"),
        "wrote": _("What the import wrote:"),
        "quality_page": _("Open the data-quality page"),
        "confirm": _(
            "Import these files now: all of it in one transaction, or nothing."
        ),
        "go_import": _("Import"),
        "imported_as": _("Imported as run {id}"),
        "expired": _(
            "The files of this dry run were deleted (not imported in time);"
            " upload them again to import."
        ),
        "problems": _("Problems"),
        "problems_intro": _(
            "Nothing was written. Fix these rows and upload the files again."
        ),
        "shown": _("Showing the first {shown} of {total} problems."),
        "download": _("Download as CSV"),
        "file": _("File"),
        "line": _("Line or row"),
        "column": _("Column"),
        "message": _("Message"),
        "data_changed": _(
            "Refused: the data changed after the dry run (another import or"
            " edit), so its counts no longer hold. Nothing was written; upload"
            " the files again for a new dry run."
        ),
        "cancelled": _("Cancelled: nothing was written."),
        "failed": _("The run stopped with an error; nothing was written."),
        "sort": _("Sort by {column}"),
        "unit_line": _("line {row}"),
        "unit_row": _("row {row}"),
    }


def history_text(lang: str) -> dict[str, str]:
    """The import history."""
    _ = translator(lang)
    return {
        **common_text(lang),
        "run": _("Run"),
        "when": _("Started"),
        "by": _("By"),
        "kind": _("Kind"),
        "files": _("Files"),
        "status": _("Status"),
        "changes": _("Inserted / updated / unchanged / deleted"),
        "problems": _("Problems"),
        "none": _("No uploads yet."),
        "open": _("Open"),
    }
