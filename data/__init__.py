"""Persistence: models, engine, queries, demo data, import and export."""
