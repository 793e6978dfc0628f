"""The ``archilab`` command."""

from __future__ import annotations

import argparse

from archilab.launcher import run_lab
from archilab.settings import LauncherSettings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="archilab", description="ArchiLab lab server")
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser(
        "up", help="start Redis, train default models if needed, start all services"
    )
    up.add_argument("--port", type=int, help="public port (ARCHILAB_PORT, 8000)")
    up.add_argument("--home", help="state folder (ARCHILAB_HOME, ./.archilab)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    overrides = {
        key: value
        for key, value in (("port", args.port), ("home", args.home))
        if value is not None
    }
    settings = LauncherSettings(**overrides)
    if args.command == "up":
        return run_lab(settings)
    return 2
