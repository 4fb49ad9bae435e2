"""gunicorn settings: bind from HOST and PORT like `python app.py` does."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"

# Idle keep-alive connections stay open 65 s (gunicorn's default is 2 s): a person
# who clicks again within a few seconds otherwise races the server closing the
# connection and can get "connection reset" (seen in the load test, where people
# act every 2–5 s); 65 s also outlasts the 60 s idle timeout of common proxies.
keepalive = 65


def post_worker_init(worker):
    """Each worker computes the default views once before its first request
    (dashboard/factory.py: warm_worker)."""
    # Imported here: gunicorn reads this file before it loads the app.
    from dashboard.factory import warm_worker

    warm_worker(worker.wsgi)
