"""A headless Chromium driven over the DevTools protocol on a pipe.

`--remote-debugging-pipe` makes Chromium read commands from its file descriptor 3
and write answers and events to its descriptor 4, each message one JSON text
ended by a NUL byte. No port is opened, so nothing else on the machine can reach
the browser. The browser runs in a session of its own, so stopping it stops its
renderer processes too.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import signal
import tempfile
import time
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
READ_SIZE = 1 << 16
# Descriptors above the ones the child gets (0-4), so moving the pipe ends onto
# 3 and 4 cannot overwrite one another.
HIGH_FD = 10


class BrowserGone(RuntimeError):
    """The browser exited or closed its pipe."""


class BrowserTimeout(RuntimeError):
    """The browser did not answer before the deadline."""


class Chromium:
    """One browser process and its pipe; not thread-safe (callers hold a lock)."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.owner = os.getpid()
        self.profile = Path(tempfile.mkdtemp(prefix="crd-chromium-"))
        self._events: list[dict] = []
        self._buffer = bytearray()
        self._next_id = 0
        self.pid, self._write_fd, self._read_fd = self._spawn()

    def _spawn(self) -> tuple[int, int, int]:
        commands_r, commands_w = os.pipe()  # we write; the browser reads (3)
        answers_r, answers_w = os.pipe()  # the browser writes (4); we read
        child_in = fcntl.fcntl(commands_r, fcntl.F_DUPFD_CLOEXEC, HIGH_FD)
        child_out = fcntl.fcntl(answers_w, fcntl.F_DUPFD_CLOEXEC, HIGH_FD)
        os.close(commands_r)
        os.close(answers_w)
        null = os.open(os.devnull, os.O_RDWR | os.O_CLOEXEC)
        log = os.open(self.profile / "chromium.log", os.O_WRONLY | os.O_CREAT, 0o600)
        argv = [self.executable, *FLAGS, f"--user-data-dir={self.profile / 'user'}"]
        try:
            pid = os.posix_spawn(
                self.executable,
                argv,
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_DUP2, null, 0),
                    (os.POSIX_SPAWN_DUP2, null, 1),
                    (os.POSIX_SPAWN_DUP2, log, 2),
                    (os.POSIX_SPAWN_DUP2, child_in, 3),
                    (os.POSIX_SPAWN_DUP2, child_out, 4),
                ],
                setsid=True,
            )
        except OSError:
            os.close(commands_w)
            os.close(answers_r)
            shutil.rmtree(self.profile, ignore_errors=True)
            raise
        finally:
            for fd in (child_in, child_out, null, log):
                os.close(fd)
        return pid, commands_w, answers_r

    def alive(self) -> bool:
        """Whether the browser process is still running (reaps it when not)."""
        if self.pid == 0:
            return False
        try:
            done, _status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            done = self.pid
        if done:
            self._reap()
            return False
        return True

    def call(
        self, method: str, params: dict | None = None, *, deadline: float, session=None
    ) -> dict:
        """Send one command and return its result; events met meanwhile are kept."""
        self._next_id += 1
        message: dict = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        self._send(json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == message["id"]:
                if "error" in answer:
                    error = answer["error"].get("message", answer["error"])
                    raise RuntimeError(f"Chromium refused {method}: {error}")
                return answer.get("result", {})
            if "method" in answer:
                self._events.append(answer)

    def wait_for(self, method: str, *, deadline: float, **fields) -> dict:
        """The first event `method` whose params hold `fields` (kept or to come)."""

        def matches(event: dict) -> bool:
            params = event.get("params", {})
            return event.get("method") == method and all(
                params.get(k) == v for k, v in fields.items()
            )

        while True:
            for index, event in enumerate(self._events):
                if matches(event):
                    return self._events.pop(index)
            self._events.append(self._receive(deadline))

    def forget_events(self) -> None:
        self._events.clear()

    def _send(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._write_fd, view) :]
        except OSError as exc:  # EPIPE: the browser is gone
            raise BrowserGone("Chromium closed its pipe") from exc

    def _receive(self, deadline: float) -> dict:
        while (end := self._buffer.find(b"\0")) < 0:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserTimeout("Chromium did not answer in time")
            ready, _, _ = select.select([self._read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._read_fd, READ_SIZE)
            if not chunk:
                raise BrowserGone("Chromium exited")
            self._buffer += chunk
        message = bytes(self._buffer[:end])
        del self._buffer[: end + 1]
        return json.loads(message)

    def close(self, grace: float = 2.0) -> None:
        """Ask the browser to quit, kill it (and its children) after `grace`."""
        if self.owner != os.getpid():  # a forked child: the browser is the parent's
            return
        if self.alive():
            with contextlib.suppress(RuntimeError, OSError, ValueError):
                self.call("Browser.close", deadline=time.monotonic() + grace)
            end = time.monotonic() + grace
            while self.alive() and time.monotonic() < end:
                time.sleep(0.05)
        self.kill()

    def kill(self) -> None:
        """Stop the browser's whole process group at once; free its pipe and files."""
        if self.owner != os.getpid():
            return
        if self.pid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        self._reap()

    def _reap(self) -> None:
        """What is left once the process has ended: its group, pipe and profile."""
        if self.pid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)  # renderers left behind
        self.pid = 0
        for fd in (self._write_fd, self._read_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._write_fd = self._read_fd = -1
        shutil.rmtree(self.profile, ignore_errors=True)
