"""``quotewire serve`` and ``quotewire ui``: the nightly schedule, and the Prefect UI to watch it.

``quotewire ui`` starts a Prefect server (API + UI) with the project-local PREFECT_HOME;
``quotewire serve`` registers the ``nightly`` deployment with its cron schedule on that server and
runs each scheduled night in this process until stopped.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from quotewire.commands.run_cmd import add_settings_flags, settings_from, task_runner_for

DEPLOYMENT = "nightly"


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="serve the nightly deployment on its cron schedule (needs a Prefect server)")
    p.add_argument("--cron", help="cron schedule (QUOTEWIRE_SCHEDULE_CRON, default '0 2 * * *')")
    p.add_argument("--timezone", help="timezone of the schedule (QUOTEWIRE_TIMEZONE, default UTC)")
    p.add_argument("--source", action="append", dest="sources", metavar="SRC",
                   help="sources for every night instead of the sources file; repeatable")
    add_settings_flags(p)
    p.set_defaults(func=serve)

    u = subparsers.add_parser("ui", help="start the Prefect server and its UI (project-local PREFECT_HOME)")
    u.add_argument("--host", default="127.0.0.1")
    u.add_argument("--port", type=int, default=4200)
    u.set_defaults(func=ui)


def serve(args: argparse.Namespace) -> int:
    from prefect.schedules import Cron
    from prefect.settings import PREFECT_API_URL

    from flows.nightly import nightly

    if not PREFECT_API_URL.value():
        print("quotewire serve: no Prefect server configured. Start one with `quotewire ui` and set "
              "PREFECT_API_URL=http://127.0.0.1:4200/api", file=sys.stderr)
        return 2
    settings = settings_from(args).with_overrides(schedule_cron=args.cron, timezone=args.timezone)
    parameters = {"settings": settings.model_dump(mode="json")}
    if args.sources:
        parameters["sources"] = args.sources
    flow = nightly.with_options(task_runner=task_runner_for(settings))
    print(f"serving deployment nightly/{DEPLOYMENT} on '{settings.schedule_cron}' ({settings.timezone}); Ctrl-C stops")
    flow.serve(name=DEPLOYMENT, schedules=[Cron(settings.schedule_cron, timezone=settings.timezone)],
               parameters=parameters, print_starting_message=False)
    return 0


def ui(args: argparse.Namespace) -> int:
    prefect = Path(sys.executable).parent / "prefect"
    argv = [str(prefect), "server", "start", "--host", args.host, "--port", str(args.port)]
    # the UI's browser code talks to this API (Prefect's default would be port 4200)
    os.environ.setdefault("PREFECT_UI_API_URL", f"http://{args.host}:{args.port}/api")
    print(f"Prefect UI at http://{args.host}:{args.port}  (PREFECT_HOME={os.environ.get('PREFECT_HOME')})")
    os.execv(argv[0], argv)
    return 0  # not reached
