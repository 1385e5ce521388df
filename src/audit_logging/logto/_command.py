"""``audit-logging logto pull``: the command line of :func:`audit_logging.logto.pull`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import warnings
from datetime import datetime

from audit_logging.logto import Checkpoint, JsonLinesOutput, LogtoClient, LogtoError, OtlpOutput, pull
from audit_logging.logto.pull import PullSummary, terminal_progress
from audit_logging.record import UnknownEventWarning

__all__ = ["add_logto_commands", "run_logto"]


def _millis(text: str) -> int:
    """An RFC 3339 time (``2026-12-01T00:00:00Z``) as Unix milliseconds; argparse's error when it is none."""
    try:
        moment = datetime.fromisoformat(text)  # Python 3.11 reads a trailing Z
    except ValueError:
        msg = f"not an RFC 3339 time: {text!r} (for example 2026-12-01T00:00:00Z)"
        raise argparse.ArgumentTypeError(msg) from None
    if moment.tzinfo is None:
        msg = f"an RFC 3339 time needs its offset: {text!r} (Z for UTC)"
        raise argparse.ArgumentTypeError(msg)
    return int(moment.timestamp() * 1000)


def add_logto_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``logto`` command and its ``pull``."""
    logto = commands.add_parser("logto", help="Logto as a source: pull its own audit logs into the trail")
    actions = logto.add_subparsers(dest="logto_command", required=True)
    command = actions.add_parser(
        "pull",
        help="pull Logto's audit logs (Management API) as audit records, oldest first, resumable",
        description=(
            "Every log becomes one audit record, as this library's own records are made. The state file is the "
            "checkpoint: run again with it and the pull goes on where it stopped, every log once (the window in "
            "flight at a kill comes again, with the same record ids). Exit 0 when done, 2 on a usage error or "
            "when Logto cannot be read (one line on stderr)."
        ),
    )
    command.add_argument("--endpoint", required=True, metavar="URL", help="Logto's base URL")
    command.add_argument("--app-id", required=True, metavar="ID", help="a machine-to-machine application's id")
    command.add_argument(
        "--app-secret-env",
        default="LOGTO_APP_SECRET",
        metavar="VAR",
        help="the environment variable that holds its secret (default: LOGTO_APP_SECRET)",
    )
    command.add_argument("--resource", metavar="URI", help="the Management API's resource (default: from --endpoint)")
    command.add_argument("--state", required=True, metavar="FILE", help="the state file (the checkpoint)")
    command.add_argument("--since", type=_millis, default=0, metavar="TIME", help="RFC 3339; default: the first log")
    command.add_argument("--until", type=_millis, metavar="TIME", help="RFC 3339; default: now")
    command.add_argument("--output", choices=("jsonl", "otlp"), default="jsonl", help="default: jsonl on stdout")
    command.add_argument("--profile", choices=("otel", "ecs", "ocsf"), default="otel")
    command.add_argument("--spelling", choices=("documented", "logto"), default="documented")
    command.add_argument("--follow", action="store_true", help="keep pulling, every --interval seconds")
    command.add_argument("--interval", type=float, default=30.0, metavar="SECONDS", help="default: 30")


def run_logto(args: argparse.Namespace) -> int:
    """Run ``logto pull``; the exit status.

    A key the catalog lacks is no news here (Logto writes more keys than it
    documents): such records carry ``audit.event.known: false``, without the
    warning an application gets.
    """
    warnings.simplefilter("ignore", UnknownEventWarning)
    # urllib3 logs each retry as a warning; with no logging configured Python would print those on stderr,
    # where this command promises one line. The retries are bounded, and a pull that gives up says so.
    logging.getLogger("urllib3").setLevel(logging.ERROR)
    secret = os.environ.get(args.app_secret_env)
    if not secret:
        sys.stderr.write(f"audit-logging: the environment variable {args.app_secret_env} is not set or empty\n")
        return 2
    if args.interval <= 0:
        sys.stderr.write("audit-logging: --interval must be more than 0 seconds\n")
        return 2
    handle = None
    summary = PullSummary()
    try:
        client = LogtoClient(args.endpoint, args.app_id, secret, resource=args.resource)
        options = {"profile": args.profile, "spelling": args.spelling}
        if args.output == "otlp":
            from audit_logging.otel import configure_opentelemetry  # noqa: PLC0415 -- only this output needs it

            handle = configure_opentelemetry(set_global=False)
            output: JsonLinesOutput | OtlpOutput = OtlpOutput(handle, **options)
        else:
            output = JsonLinesOutput(sys.stdout, **options)
        checkpoint = Checkpoint(args.state)
        while True:  # every window is counted into the summary as it is out, whenever the run is stopped
            pull(
                client, output, since_ms=args.since, until_ms=args.until, checkpoint=checkpoint,
                progress=terminal_progress, summary=summary,
            )  # fmt: skip
            if not args.follow or args.until is not None:
                break
            time.sleep(args.interval)
    except (LogtoError, ValueError, TypeError) as error:
        _end_progress()
        sys.stderr.write(f"audit-logging: {error}\n")
        return 2
    except KeyboardInterrupt:
        _end_progress()
    finally:
        if handle is not None:
            handle.shutdown()
    _end_progress()
    sys.stderr.write(f"{summary.line(args.endpoint)}\n")
    return 0


def _end_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\n")
