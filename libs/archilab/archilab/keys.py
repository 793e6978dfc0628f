"""``archilab keys``: create, list and revoke API keys; the first admin key.

A key is shown once, when created; the database keeps only its hash. The
database is the lab's job store (``ARCHILAB_DATABASE_URL``, else
``<ARCHILAB_HOME>/archilab.db``), the one the gateway checks keys against.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from archilab.settings import LauncherSettings
from lab_common.store import ApiKey, KeyStore, connect_database, upgrade_database
from lab_common.store.keys import ensure_admin_key as make_first_admin_key

SHOWN_ONCE = (
    "Clé affichée une seule fois : gardez-la / "
    "this key is shown only once: store it now"
)


@contextmanager
def open_key_store(settings: LauncherSettings) -> Iterator[KeyStore]:
    """The lab's key store, its schema brought up to date first.

    ``archilab keys`` may run before the lab ever started; on a running lab
    the store is already at the newest revision and nothing changes.
    """
    url = settings.resolved_database_url()
    upgrade_database(url)
    engine = connect_database(url)
    try:
        yield KeyStore(engine)
    finally:
        engine.dispose()


def ensure_admin_key(settings: LauncherSettings) -> str | None:
    """Make an admin key if none is live; saved to ``<home>/admin.key``.

    Returns the new key (for the caller to show once), or None if one existed.
    """
    with open_key_store(settings) as store:
        return make_first_admin_key(store, settings.admin_key_path)


def add_keys_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    home: argparse.ArgumentParser,
) -> None:
    """``archilab keys create|list|revoke``; ``home`` adds the ``--home`` option."""
    keys = commands.add_parser("keys", help="create, list or revoke API keys")
    actions = keys.add_subparsers(dest="keys_command", required=True)
    create = actions.add_parser("create", parents=[home], help="make a new key")
    create.add_argument("--role", choices=("admin", "team"), required=True)
    create.add_argument("--team", help="team name (team keys): a-z, 0-9, - and _")
    create.add_argument("--label", help="a note to recognise the key by")
    actions.add_parser("list", parents=[home], help="list keys (never the secrets)")
    revoke = actions.add_parser("revoke", parents=[home], help="revoke a key")
    revoke.add_argument("key_id", metavar="ID", help="its id (or a unique prefix)")


def run_keys_command(args: argparse.Namespace, settings: LauncherSettings) -> int:
    with open_key_store(settings) as store:
        if args.keys_command == "create":
            return _create(store, args.role, args.team, args.label)
        if args.keys_command == "list":
            return _list(store)
        return _revoke(store, args.key_id)


def _say(message: str) -> None:
    sys.stdout.write(message + "\n")


def _complain(message: str) -> None:
    sys.stderr.write(message + "\n")


def _create(store: KeyStore, role: str, team: str | None, label: str | None) -> int:
    try:
        secret, key = store.create_key(
            "admin" if role == "admin" else "team", team=team, label=label
        )
    except ValueError as exc:
        _complain(f"archilab keys create: {exc}")
        return 2
    _say(secret)
    # The warning goes to stderr: `KEY=$(archilab keys create ...)` gets the key only.
    _complain(f"{SHOWN_ONCE} (id {key.id}, {_describe(key)}).")
    return 0


def _describe(key: ApiKey) -> str:
    return "admin" if key.role == "admin" else f"team {key.team}"


def _list(store: KeyStore) -> int:
    keys = store.list_keys()
    if not keys:
        _say("no keys yet: archilab keys create --role admin|team ...")
        return 0
    _say(
        f"{'ID':<32}  {'PREFIX':<10}  {'WHO':<20}  {'CREATED':<16}  {'STATE':<7}  LABEL"
    )
    for key in keys:
        state = "revoked" if key.revoked_at else "live"
        created = key.created_at.strftime("%Y-%m-%d %H:%M")
        _say(
            f"{key.id:<32}  {key.prefix:<10}  {_describe(key):<20}  {created:<16}  "
            f"{state:<7}  {key.label or ''}".rstrip()
        )
    return 0


def _revoke(store: KeyStore, key_id: str) -> int:
    matches = [
        key
        for key in store.list_keys()
        if key.id.startswith(key_id) and key.revoked_at is None
    ]
    if len(matches) != 1:
        problem = "no live key" if not matches else "several live keys"
        _complain(f"archilab keys revoke: {problem} with id '{key_id}'.")
        return 1
    store.revoke_key(matches[0].id)
    _say(f"revoked {matches[0].id} ({_describe(matches[0])})")
    return 0
