"""The review meeting with one client: what a manager records in it."""
