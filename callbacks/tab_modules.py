"""Imports every tab module so that each registers its renderer."""

from callbacks import (
    tab_action_items,  # noqa: F401
    tab_budget,  # noqa: F401
    tab_churn,  # noqa: F401
    tab_meetings,  # noqa: F401
    tab_retention,  # noqa: F401
    tab_satisfaction,  # noqa: F401
)
