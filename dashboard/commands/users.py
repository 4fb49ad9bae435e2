"""`python -m dashboard users add|list|disable|set-password`: manage who may log in."""

from __future__ import annotations

import argparse
import getpass
import sys

from dashboard.auth import audit
from dashboard.auth.clock import utc_now
from dashboard.auth.passwords import PasswordError
from dashboard.auth.users import (
    UserError,
    add_user,
    disable_user,
    list_users,
    normalise_username,
    set_password,
)
from dashboard.commands.context import CommandError
from data.models.auth import ROLES

# Audit entries written by this command name the address "cli".
CLI_ADDRESS = "cli"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `users` command."""
    parser = subparsers.add_parser("users", help="who may log in")
    actions = parser.add_subparsers(dest="users_action", metavar="ACTION")
    actions.required = True
    add = actions.add_parser("add", help="add a user (the password is asked twice)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--client", metavar="EXTERNAL_ID", help="for client_viewer")
    add.add_argument("--owner", metavar="OWNER_NAME", help="for account_manager")
    add.add_argument("--display-name", metavar="TEXT")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="list every user")
    listing.set_defaults(handler=run_list)
    disable = actions.add_parser("disable", help="disable a user, ending sessions")
    disable.add_argument("name")
    disable.set_defaults(handler=run_disable)
    password = actions.add_parser("set-password", help="give a user a new password")
    password.add_argument("name")
    password.set_defaults(handler=run_set_password)


def read_new_password() -> str:
    """The password twice: prompted on a terminal, else two lines of stdin."""
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Password again: ")
    else:
        first = sys.stdin.readline().rstrip("\r\n")
        second = sys.stdin.readline().rstrip("\r\n")
    if first != second:
        raise CommandError("the two passwords do not match")
    return first


def run_add(args: argparse.Namespace, context) -> int:
    """Add one user."""
    password = read_new_password()
    name = normalise_username(args.name)
    try:
        with context.engine.begin() as conn:
            add_user(
                conn,
                username=args.name,
                role=args.role,
                password=password,
                now=utc_now(),
                display_name=args.display_name,
                client_external_id=args.client,
                owner_name=args.owner,
            )
            detail = f"role={args.role}"
            if args.client:
                detail += f" client={args.client}"
            if args.owner:
                detail += f" owner={args.owner}"
            audit.record(
                conn, "user_added", at=utc_now(), username=name,
                address=CLI_ADDRESS, detail=detail,
            )  # fmt: skip
    except (UserError, PasswordError) as exc:
        raise CommandError(str(exc)) from None
    print(f"user {name} added ({args.role})")
    return 0


def run_list(args: argparse.Namespace, context) -> int:
    """Print every user, one per line (tab-separated)."""
    with context.engine.connect() as conn:
        users = list_users(conn)
    print("username\trole\tscope\tstatus\tdisplay name")
    for user in users:
        scope = user.client_external_id or user.owner_name or "all clients"
        status = "disabled" if user.disabled else "active"
        print(f"{user.username}\t{user.role}\t{scope}\t{status}\t{user.display_name}")
    return 0


def run_disable(args: argparse.Namespace, context) -> int:
    """Disable one user; their sessions end at once."""
    name = normalise_username(args.name)
    try:
        with context.engine.begin() as conn:
            disable_user(conn, name)
            audit.record(
                conn, "user_disabled", at=utc_now(), username=name, address=CLI_ADDRESS
            )
    except UserError as exc:
        raise CommandError(str(exc)) from None
    print(f"user {name} disabled")
    return 0


def run_set_password(args: argparse.Namespace, context) -> int:
    """Set a new password for one user; their sessions end."""
    name = normalise_username(args.name)
    password = read_new_password()
    try:
        with context.engine.begin() as conn:
            set_password(conn, name, password)
            audit.record(
                conn, "password_set", at=utc_now(), username=name, address=CLI_ADDRESS
            )
    except (UserError, PasswordError) as exc:
        raise CommandError(str(exc)) from None
    print(f"password set for {name}")
    return 0
