"""gunicorn settings: bind from HOST and PORT like `python app.py` does."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
