"""What every command gets (settings, a lazily migrated engine) and its error."""

from __future__ import annotations

from dashboard.kernel.settings import Settings
from data.db import make_engine, upgrade


class CommandContext:
    """What every command gets: the settings and a lazily created, migrated engine."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engine = None

    @property
    def engine(self):
        """The engine, with the schema brought up to date on first use."""
        if self._engine is None:
            engine = make_engine(self.settings.database_url)
            upgrade(engine)
            self._engine = engine
        return self._engine


class CommandError(Exception):
    """A command cannot go on; the message is shown as one line, exit code 2."""
