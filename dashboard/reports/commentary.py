"""A manager's comments on the sections of a report, checked and stored per report
(client, period, audience, language)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from dashboard.reports.model import ReportError
from data.models.reports import COMMENT_SECTIONS, ReportComment
from data.version import bump_data_version

MAX_COMMENT_CHARS = 2000


@dataclass(frozen=True)
class ReportKey:
    """Which report: one client, a period label, an audience and a language."""

    client: str
    period: str
    audience: str
    lang: str


def checked_comment(text: str | None) -> str:
    """The comment as it is stored (trimmed, line breaks as \\n); ReportError
    when it is too long or holds control characters."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > MAX_COMMENT_CHARS:
        raise ReportError(f"A comment has at most {MAX_COMMENT_CHARS} characters.")
    if any(
        unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") and c not in "\n\t"
        for c in text
    ):
        raise ReportError("A comment cannot hold control characters.")
    return text


def load_commentary(conn: Connection, key: ReportKey) -> tuple[tuple[str, str], ...]:
    """The report's comments, (section, text) in section order."""
    rows = conn.execute(
        select(ReportComment.section, ReportComment.text).where(
            *same_report(ReportComment, key)
        )
    ).all()
    found = dict(rows)
    return tuple((s, found[s]) for s in COMMENT_SECTIONS if found.get(s))


def save_commentary(
    conn: Connection,
    key: ReportKey,
    texts: Mapping[str, str | None],
    *,
    by: str,
    at: dt.datetime,
) -> None:
    """Check every comment first, then store them (an empty one is removed);
    nothing is stored when one is refused."""
    checked = {s: checked_comment(texts.get(s)) for s in COMMENT_SECTIONS}
    for section, text in checked.items():
        where = (*same_report(ReportComment, key), ReportComment.section == section)
        if not text:
            conn.execute(delete(ReportComment).where(*where))
            continue
        done = conn.execute(
            update(ReportComment)
            .where(*where)
            .values(text=text, updated_by=by, updated_at=at)
        )
        if done.rowcount == 0:
            conn.execute(
                insert(ReportComment).values(
                    client=key.client, period=key.period, audience=key.audience,
                    lang=key.lang, section=section, text=text, updated_by=by,
                    updated_at=at,
                )
            )  # fmt: skip
    bump_data_version(conn)


def same_report(model: type, key: ReportKey) -> tuple:
    """SQL conditions: rows of `model` (comments, snapshots) that belong to `key`."""
    return (
        model.client == key.client,
        model.period == key.period,
        model.audience == key.audience,
        model.lang == key.lang,
    )
