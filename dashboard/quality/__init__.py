"""Data-quality checks: what to fix in the data before quoting its figures."""
