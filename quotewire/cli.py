"""The ``quotewire`` console script: who said what, where and when, from news articles.

Each subcommand lives in ``quotewire/commands/<name>_cmd.py`` and
exposes ``register(subparsers)``, which adds its parser and sets ``func`` to the function to call
with the parsed arguments (returning the exit status)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from quotewire.settings import prefect_env_defaults

#: subcommand modules, in the order --help lists them
COMMANDS = ["run", "serve", "quotes", "sql", "eval", "train"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotewire", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"quotewire.commands.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name != f"quotewire.commands.{name}_cmd":
                raise
            continue  # a command not built yet
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.update(prefect_env_defaults())
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
