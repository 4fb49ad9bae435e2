"""Client Review Dashboard: KPIs for client review meetings."""

PRODUCT_NAME = "Client Review Dashboard"


def create_app(settings=None):
    """Build the Dash app (see dashboard.factory.create_app)."""
    from dashboard.factory import create_app as factory

    return factory(settings)
