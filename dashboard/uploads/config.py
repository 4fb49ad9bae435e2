"""The upload settings (environment variables), read once at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dashboard.kernel.settings import PROJECT_ROOT, SettingsError, int_in

DEFAULT_FOLDER = PROJECT_ROOT / "instance" / "uploads"
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class UploadSettings:
    """UPLOAD_MAX_MB: the largest upload (all files of one run together);
    UPLOAD_ALLOW_MANAGERS=1: managers may upload too (admins always may);
    UPLOAD_KEEP_MINUTES: how long a dry run's files wait for Import;
    UPLOAD_DIR: where runs keep their files (one folder per run)."""

    max_mb: int = 200
    allow_managers: bool = False
    keep_minutes: int = 60
    folder: Path = DEFAULT_FOLDER

    @property
    def max_bytes(self) -> int:
        """UPLOAD_MAX_MB in bytes."""
        return self.max_mb * MEGABYTE

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> UploadSettings:
        """Read and check every upload setting; SettingsError names a bad one."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if size := env.get("UPLOAD_MAX_MB", "").strip():
            values["max_mb"] = int_in("UPLOAD_MAX_MB", size, 1, 10240)
        if keep := env.get("UPLOAD_KEEP_MINUTES", "").strip():
            values["keep_minutes"] = int_in("UPLOAD_KEEP_MINUTES", keep, 1, 7 * 1440)
        if allow := env.get("UPLOAD_ALLOW_MANAGERS", "").strip():
            if allow not in ("0", "1"):
                raise SettingsError(f"UPLOAD_ALLOW_MANAGERS={allow} must be 0 or 1")
            values["allow_managers"] = allow == "1"
        if folder := env.get("UPLOAD_DIR", "").strip():
            values["folder"] = Path(folder)
        return cls(**values)

    def allows(self, user) -> bool:
        """Whether this login may upload, see the history and the templates:
        admins, and managers when allowed; never while presenting."""
        if user is None or user.is_presenting:
            return False
        return user.role == "admin" or (user.role == "manager" and self.allow_managers)
