"""scrypt password hashes: verify, refuse wrong passwords, a new salt every time."""

from __future__ import annotations

import base64

import pytest

from dashboard.auth.passwords import (
    PasswordError,
    check_password_rules,
    hash_password,
    verify_password,
)


def test_a_hash_verifies_its_password_and_nothing_else():
    stored = hash_password("correct horse battery")
    assert verify_password("correct horse battery", stored)
    assert not verify_password("correct horse batterx", stored)
    assert not verify_password("", stored)


def test_the_stored_form_names_its_parameters_and_salts_differ():
    first = hash_password("same password!")
    second = hash_password("same password!")
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(digest)) == 32
    assert first != second
    assert first.split("$")[4] != second.split("$")[4]
    assert verify_password("same password!", second)


@pytest.mark.parametrize(
    "stored", ["", "plain", "bcrypt$1$2$3$AAAA$BBBB", "scrypt$16384$8$1$!!$!!"]
)
def test_malformed_hashes_never_verify(stored):
    assert not verify_password("anything at all", stored)


def test_passwords_need_ten_characters():
    check_password_rules("0123456789")
    with pytest.raises(PasswordError, match="at least 10 characters"):
        check_password_rules("012345678")
