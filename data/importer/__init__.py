"""Strict import of the DATA.md entity files (CSV folders, single CSVs, workbooks)."""

from data.importer.report import EntityCounts, ImportFailed, ImportReport, Problem
from data.importer.run import import_files, import_path

__all__ = [
    "EntityCounts",
    "ImportFailed",
    "ImportReport",
    "Problem",
    "import_files",
    "import_path",
]
