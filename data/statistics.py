"""The planner's statistics: ANALYZE after a write changed the tables' sizes."""

from __future__ import annotations

from sqlalchemy import Connection

from data.models import ENTITY_TABLES, ROLLUP_TABLES

SQLITE_ANALYSIS_ROWS = 2000  # rows ANALYZE reads per index on SQLite


def analyze_tables(conn: Connection) -> None:
    """Refresh the planner's statistics of the data and rollup tables (ANALYZE),
    so its plans follow the sizes a write left. On SQLite the data tables' indexes
    are sampled (`analysis_limit`: a fraction of a second at any size); the
    rollups are read in full (0.3 s at `large`), since a sample of their date-first
    key misleads the planner into reading every client's days for one client."""
    entities = [table.name for table in ENTITY_TABLES]
    rollups = [table.name for table in ROLLUP_TABLES]
    if conn.dialect.name == "sqlite":
        for limit, names in ((0, rollups), (SQLITE_ANALYSIS_ROWS, entities)):
            conn.exec_driver_sql(f"PRAGMA analysis_limit = {limit}")
            for name in names:
                conn.exec_driver_sql(f"ANALYZE {name}")
        return
    conn.exec_driver_sql(f"ANALYZE {', '.join(entities + rollups)}")
