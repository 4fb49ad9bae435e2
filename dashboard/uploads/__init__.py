"""Data in the browser: upload entity files, dry-run them, import them; the
import history; the empty and filled .xlsx templates.

Each run works in a process of its own (`python -m dashboard.uploads.job`), so a
large workbook never holds up a web worker; its state is the `import_runs` row.
"""
