"""Password hashing with scrypt (stdlib), stored as one self-describing string."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

MIN_LENGTH = 10
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32


class PasswordError(ValueError):
    """A password cannot be used; the message is one line."""


def check_password_rules(password: str) -> None:
    """Raise PasswordError when the password is too short."""
    if len(password) < MIN_LENGTH:
        raise PasswordError(f"the password must have at least {MIN_LENGTH} characters")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * n * r + 1024 * 1024,
        dklen=HASH_BYTES,
    )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_password(password: str) -> str:
    """'scrypt$n$r$p$salt_b64$hash_b64' with a fresh 16-byte random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True when the password matches the stored hash (constant-time compare)."""
    try:
        scheme, n, r, p, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(hash_b64, validate=True)
        actual = _scrypt(password, salt, int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


# A fixed hash to verify against when the username is unknown, so that the
# answer takes as long as for a known user with a wrong password.
_UNKNOWN_USER_HASH: list[str] = []


def verify_unknown_user(password: str) -> bool:
    """Spend the time of one verification and return False (unknown username)."""
    if not _UNKNOWN_USER_HASH:
        _UNKNOWN_USER_HASH.append(hash_password(secrets.token_urlsafe(16)))
    verify_password(password, _UNKNOWN_USER_HASH[0])
    return False
