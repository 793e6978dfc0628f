"""The ``archilab`` command."""

from __future__ import annotations

import argparse

from archilab.keys import add_keys_command, run_keys_command
from archilab.launcher import run_lab
from archilab.settings import LauncherSettings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="archilab", description="ArchiLab lab server")
    home = argparse.ArgumentParser(add_help=False)
    home.add_argument("--home", help="state folder (ARCHILAB_HOME, ./.archilab)")
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser(
        "up",
        parents=[home],
        help="start Redis, train default models if needed, start all services",
    )
    up.add_argument("--port", type=int, help="public port (ARCHILAB_PORT, 8000)")
    add_keys_command(commands, home)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    overrides = {
        key: value
        for key in ("port", "home")
        if (value := getattr(args, key, None)) is not None
    }
    settings = LauncherSettings(**overrides)
    if args.command == "up":
        return run_lab(settings)
    if args.command == "keys":
        return run_keys_command(args, settings)
    return 2
