"""One thread for numpy's linear algebra in the web server.

numpy's OpenBLAS starts a thread per core for a matrix product and leaves them
spinning a while after it: a Budget tab at 10,000 clients burnt some 100 ms of
CPU more than its wall time for a product of a few hundred by a few thousand.
A web worker already shares the cores with the other workers and their
threads, so that time is taken from other requests. The setting is read when
numpy loads, so `app.py` calls this before anything imports numpy; a value set
in the environment is kept.
"""

from __future__ import annotations

import os

# OpenBLAS (numpy's wheels) and MKL (some distributions' numpy).
THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def single_threaded_blas() -> None:
    """One BLAS thread, unless the environment says otherwise."""
    for name in THREAD_SETTINGS:
        os.environ.setdefault(name, "1")
