"""Why a schedule cannot be saved or sent: one line, shown in the viewer's
language on the Schedules page and in English on the command line."""

from __future__ import annotations

from dashboard.kernel.i18n import translator


class ScheduleError(ValueError):
    """A subscription cannot be saved or changed.

    `message` is the English text with {placeholders} (a msgid of the
    catalogues); `values` fill it. str() is the English line."""

    def __init__(self, message: str, **values: object) -> None:
        self.message = message
        self.values = values
        super().__init__(message.format(**values) if values else message)

    def text(self, lang: str) -> str:
        """The line in a language."""
        return translator(lang)(self.message, **self.values)
