"""Start the project (the Procfile's gunicorn line) and the tutorial peer on
127.0.0.1, give the benchmark a user, and read what a process holds in memory.

Only the command line and HTTP are used, so these keep working whatever the app
does inside.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_USER = "benchmark"
BENCH_PASSWORD = "benchmark-password-1"


def add_user(database_url: str) -> None:
    """An admin named BENCH_USER (`python -m dashboard users add`) unless one exists."""
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    listed = subprocess.run(
        [sys.executable, "-m", "dashboard", "users", "list"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    if any(line.split()[:1] == [BENCH_USER] for line in listed.stdout.splitlines()):
        return
    subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "users",
            "add",
            BENCH_USER,
            "--role",
            "admin",
        ],
        cwd=ROOT,
        env=env,
        input=f"{BENCH_PASSWORD}\n{BENCH_PASSWORD}\n",
        text=True,
        check=True,
        capture_output=True,
    )


def wait_for(url: str, process: subprocess.Popen, log_path: Path, seconds: float):
    """Wait until `url` answers; stop with the log's tail when the process ends."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url} exited: {log_path.read_text()[-1500:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s; see {log_path}")


def start_app(
    database_url: str, port: int, log_path: Path, extra: tuple[str, ...] = ()
) -> subprocess.Popen:
    """The Procfile's web line (plus `extra` gunicorn options) on 127.0.0.1:port."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "LOAD_DEMO_DATA": "false",
        "LOG_LEVEL": "WARNING",
    }
    line = (ROOT / "Procfile").read_text().split("web:", 1)[1].split("\n")[0].split()
    # gunicorn takes the last of a repeated option; the access log is noise here.
    command = [sys.executable, "-m", *line, "--access-logfile", "/dev/null", *extra]
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
    wait_for(f"http://127.0.0.1:{port}/healthz", process, log_path, 180)
    return process


def start_peer(path: Path, port: int, log_path: Path) -> subprocess.Popen:
    """benchmarks/peer.py on 127.0.0.1:port (loading every table first)."""
    command = [sys.executable, str(ROOT / "benchmarks" / "peer.py"), str(path)]
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=ROOT,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    wait_for(f"http://127.0.0.1:{port}/", process, log_path, 900)
    return process


def stop(process: subprocess.Popen) -> None:
    """End a started server (and the workers it started)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def rss_mb(pid: int) -> float:
    """Resident memory of one process, in MiB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    """The direct children of a process (gunicorn's workers)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found
