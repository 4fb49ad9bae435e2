"""Scheduled delivery of the client report by email, run by the worker."""
