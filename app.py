"""Entry point: `python app.py` serves the dashboard; `gunicorn app:server` too."""

from dashboard.factory import create_app

app = create_app()
server = app.server

if __name__ == "__main__":
    settings = server.extensions["dashboard"].settings
    app.run(host=settings.host, port=settings.port, debug=False)
