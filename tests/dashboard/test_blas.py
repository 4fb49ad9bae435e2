"""The web server's numpy uses one BLAS thread."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from dashboard.blas import THREAD_SETTINGS, single_threaded_blas

ROOT = Path(__file__).resolve().parents[2]

THREADS_OF_NUMPY = """
import ctypes, glob, os
from dashboard.blas import single_threaded_blas
single_threaded_blas()
import numpy
found = glob.glob(os.path.join(os.path.dirname(numpy.__file__), os.pardir,
                               "numpy.libs", "*openblas*"))
library = ctypes.CDLL(found[0])
for name in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_",
             "openblas_get_num_threads"):
    if hasattr(library, name):
        print(getattr(library, name)())
        break
"""


def test_one_thread_unless_the_environment_says_otherwise(monkeypatch):
    for name in THREAD_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")
    single_threaded_blas()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["MKL_NUM_THREADS"] == "3"


def test_numpy_loaded_after_it_runs_one_blas_thread():
    environment = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    found = subprocess.run(
        [sys.executable, "-c", THREADS_OF_NUMPY],
        capture_output=True, text=True, env=environment, cwd=ROOT, check=True,
    )  # fmt: skip
    assert found.stdout.strip() == "1"


def test_app_sets_it_before_anything_imports_numpy():
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    # After the docstring, leaving out plain imports (gc: no numpy).
    statements = [node for node in tree.body[1:] if not isinstance(node, ast.Import)]
    first_import = statements[0]
    assert isinstance(first_import, ast.ImportFrom)
    assert first_import.module == "dashboard.blas"
    # Then the call, then the factory (which loads numpy).
    assert ast.unparse(statements[1]) == "single_threaded_blas()"
    assert statements[2].module == "dashboard.factory"
