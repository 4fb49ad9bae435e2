"""Entry point: `python app.py` serves the dashboard; `gunicorn app:server` too."""

import gc

from dashboard.blas import single_threaded_blas

single_threaded_blas()  # before numpy loads (dashboard/blas.py)

from dashboard.factory import create_app  # noqa: E402

app = create_app()
server = app.server
# What the server now holds (rollup rows, projects, each client's figures) lives
# as long as it does: kept out of the collector's full passes, which would walk
# it during views (some 80 ms of an all-clients view at 10,000 clients), and,
# under gunicorn --preload, left unwritten so that the workers share its pages.
gc.collect()
gc.freeze()

if __name__ == "__main__":
    settings = server.extensions["dashboard"].settings
    app.run(host=settings.host, port=settings.port, debug=False)
