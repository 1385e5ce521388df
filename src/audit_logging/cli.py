"""The ``audit-logging`` command (also ``python -m audit_logging``).

``events`` lists the catalog, ``show KEY`` explains one event, ``demo`` runs
a simulated identity service through audited handlers. Output goes to
stdout; errors go to stderr with exit status 2, as argparse does for usage
errors.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Final

from audit_logging._validate import require_url
from audit_logging.catalog import AuditEvent, Category, UnknownEventError, get_event, iter_events

if TYPE_CHECKING:
    from audit_logging.otel import Protocol

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

WIDTH: Final = 80
"""The table format fits a terminal this wide, whatever the terminal is."""

_COLUMNS: Final = ("key", "name", "category", "logto_key", "documented", "deprecated")


def event_as_dict(event: AuditEvent) -> dict[str, object]:
    """An event as plain JSON-ready data: the tabular columns, the key's parts, its ECS and OCSF classification."""
    return {
        "key": event.key.value,
        "name": event.name,
        "category": event.category.value,
        "logto_key": event.logto_key,
        "documented": event.documented,
        "deprecated": event.deprecated,
        "flow": event.flow.value if event.flow else None,
        "step": event.step,
        "method": event.method,
        "action": event.action.value if event.action else None,
        "ecs": event.ecs.describe(event.key.value),
        "ocsf": event.ocsf.describe(event.name),
    }


def _flags(event: AuditEvent) -> str:
    flags = [label for label, on in (("undocumented", not event.documented), ("deprecated", event.deprecated)) if on]
    return f" [{', '.join(flags)}]" if flags else ""


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _render_table(events: Sequence[AuditEvent]) -> str:
    # Grouped by category in Category's order; with --all the undocumented
    # events join their category instead of opening it a second time.
    lines: list[str] = []
    for category in Category:
        members = [event for event in events if event.category is category]
        if not members:
            continue
        if lines:
            lines.append("")
        lines.append(f"{category} ({len(members)})")
        for event in members:
            lines.append(f"  {event.key}")
            lines.extend(_wrapped(event.name + _flags(event), "    "))
            if event.logto_key != event.key:
                lines.append(f"    logto: {event.logto_key}")
    return "\n".join(lines) + "\n"


def _render_json(events: Sequence[AuditEvent]) -> str:
    return json.dumps([event_as_dict(e) for e in events], indent=2, ensure_ascii=False) + "\n"


def _render_csv(events: Sequence[AuditEvent]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for event in events:
        row = event_as_dict(event)
        writer.writerow([str(row[c]).lower() if isinstance(row[c], bool) else row[c] for c in _COLUMNS])
    return out.getvalue()


def _render_markdown(events: Sequence[AuditEvent]) -> str:
    header = ("Key", "Name", "Category", "Logto's spelling", "Documented", "Deprecated")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for event in events:
        logto = f"`{event.logto_key}`" if event.logto_key != event.key else ""
        cells = (
            f"`{event.key}`",
            event.name,
            event.category.value,
            logto,
            _yes(event.documented),
            _yes(event.deprecated),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _yes(flag: bool) -> str:  # noqa: FBT001 -- a formatter of one value, not an option
    return "yes" if flag else "no"


_RENDERERS: Final[dict[str, Callable[[Sequence[AuditEvent]], str]]] = {
    "table": _render_table,
    "json": _render_json,
    "csv": _render_csv,
    "markdown": _render_markdown,
}


def _render_event(event: AuditEvent) -> str:
    rows: list[tuple[str, str]] = [
        ("name", event.name),
        ("category", event.category.value),
        ("documented", _yes(event.documented)),
        ("deprecated", _yes(event.deprecated)),
        ("documented key" if event.documented else "key", event.key.value),
        ("Logto's spelling", event.logto_key),
    ]
    rows += [
        (label, str(value))
        for label, value in (
            ("flow", event.flow),
            ("step", event.step),
            ("method", event.method),
            ("action", event.action),
        )
        if value is not None
    ]
    ecs, ocsf = event.ecs, event.ocsf
    rows += [
        ("ECS", f"event.category: {', '.join(ecs.category)}; event.type: {', '.join(ecs.type)}"),
        (
            "OCSF",
            (
                f"{ocsf.class_uid} {ocsf.class_name}, activity {ocsf.activity_id} {ocsf.activity_name(event.name)}"
                f" (type_uid {ocsf.type_uid})"
            ),
        ),
    ]
    width = max(len(label) for label, _ in rows) + 2
    return f"{event.key}\n" + "".join(f"  {label + ':':<{width}}{value}\n" for label, value in rows)


def _category(text: str) -> Category:
    """Accept a category's title in any case, or its enum name (``SIGN_IN``)."""
    folded = text.casefold().replace("_", " ")
    for category in Category:
        if folded in {category.value.casefold(), category.name.casefold().replace("_", " ")}:
            return category
    choices = ", ".join(repr(c.value) for c in Category)
    msg = f"unknown category {text!r}; choose from {choices}"
    raise argparse.ArgumentTypeError(msg)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="audit-logging",
        description="Logto's audit event catalog, for application logs.",
        epilog=(
            "exit status: 0 success; 1 a finding (verify: the chain is tampered; replay: records still "
            "unacknowledged); 2 a usage error, unreadable input, or output that cannot be written"
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    events = commands.add_parser("events", help="list the audit events of the catalog")
    events.add_argument("--category", type=_category, help="only this category, e.g. 'Sign in'")
    events.add_argument("--all", action="store_true", help="add the keys Logto's server writes that the docs leave out")
    events.add_argument("--format", choices=tuple(_RENDERERS), default="table", help="output format (default: table)")

    show = commands.add_parser("show", help="explain one event; either spelling of its key is accepted")
    show.add_argument("key", help="an audit event key, e.g. Interaction.SignIn.Submit")
    show.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")

    demo = commands.add_parser(
        "demo", help="run a simulated identity service through audited handlers; print its audit events"
    )
    demo.add_argument(
        "--otlp-endpoint",
        metavar="URL",
        default=os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or None,
        help="also export to an OpenTelemetry collector at this base URL (default: $OTEL_EXPORTER_OTLP_ENDPOINT; "
        "none: no network)",
    )
    demo.add_argument(
        "--otlp-protocol",
        choices=("grpc", "http/protobuf"),
        help="OTLP protocol (default: $OTEL_EXPORTER_OTLP_PROTOCOL, else http/protobuf)",
    )

    check = commands.add_parser("verify", help="check the HMAC chain of tamper-evident audit log files")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE", help="chained JSONL files (a rotated set too)")
    check.add_argument(
        "--key-env", required=True, metavar="VAR", help="the environment variable that holds the chain's key"
    )

    replay = commands.add_parser("replay", help="re-send the spooled audit records a collector has not acknowledged")
    replay.add_argument("spool", type=Path, metavar="SPOOL", help="the spool directory")
    replay.add_argument(
        "--endpoint",
        metavar="URL",
        default=os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or None,
        help="the collector's base URL (default: $OTEL_EXPORTER_OTLP_ENDPOINT)",
    )
    replay.add_argument(
        "--protocol",
        choices=("grpc", "http/protobuf"),
        help="OTLP protocol (default: $OTEL_EXPORTER_OTLP_PROTOCOL, else http/protobuf)",
    )
    try:
        from audit_logging.logto._command import add_logto_commands  # noqa: PLC0415 -- the logto extra's
    except ImportError:  # without urllib3 (the logto extra) the command is not offered
        pass
    else:
        add_logto_commands(commands)
    return parser


def _replay(directory: Path, endpoint: str | None, protocol: Protocol | None) -> int:
    if endpoint is None:
        sys.stderr.write("audit-logging: replay needs --endpoint URL (or OTEL_EXPORTER_OTLP_ENDPOINT)\n")
        return 2
    if not directory.is_dir():
        sys.stderr.write(f"audit-logging: no spool directory at {directory}\n")
        return 2
    try:
        require_url(endpoint, "--endpoint")
    except ValueError as error:
        sys.stderr.write(f"audit-logging: {error}\n")
        return 2
    from audit_logging.otel import replay  # noqa: PLC0415 -- only this command needs OpenTelemetry
    from audit_logging.spool import ACKNOWLEDGED, RESOURCE, Spool  # noqa: PLC0415

    spool = Spool(directory)
    if not spool.files() and not any((directory / name).exists() for name in (RESOURCE, ACKNOWLEDGED)):
        sys.stderr.write(f"audit-logging: {directory} is not a spool (none of a spool's files is in it)\n")
        return 2
    try:
        sent = replay(spool, endpoint, protocol)
        missing = len(spool.unacknowledged())
    except (OSError, ValueError) as error:  # a corrupt record or resource.json says where (Spool's own errors)
        sys.stderr.write(f"audit-logging: the spool at {directory} is unreadable ({error})\n")
        return 2
    finally:
        spool.close()
    sys.stdout.write(f"replayed {sent} record(s) to {endpoint}; {missing} still unacknowledged\n")
    return 0 if missing == 0 else 1


def _verify(files: list[Path], key_env: str) -> int:
    from audit_logging.chain import verify  # noqa: PLC0415 -- only this command needs it

    key = os.environ.get(key_env)
    if not key:
        sys.stderr.write(f"audit-logging: the environment variable {key_env} is not set or empty\n")
        return 2
    directories = [str(path) for path in files if path.is_dir()]
    if directories:
        sys.stderr.write(f"audit-logging: a directory, not a log file: {', '.join(directories)}\n")
        return 2
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        sys.stderr.write(f"audit-logging: no such file: {', '.join(missing)}\n")
        return 2
    try:
        checked, problem = verify(files, key.encode())
    except (OSError, UnicodeDecodeError) as error:
        sys.stderr.write(f"audit-logging: cannot read the log as UTF-8 text: {error}\n")
        return 2
    if problem is None or problem.kind == "torn":
        sys.stdout.write(f"OK: {checked} records in {len(files)} file(s), the chain is intact\n")
        if problem is not None:
            sys.stdout.write(f"note: {problem.path}:{problem.line}: {problem.detail}; not a sign of tampering\n")
        return 0
    sys.stdout.write(f"TAMPERED: {problem} (after {checked} good records)\n")
    return 1


def _version() -> str:
    from importlib.metadata import version  # noqa: PLC0415 -- only for --version

    return version("logto-audit-logging")


def _run(args: argparse.Namespace) -> int:  # noqa: PLR0911 -- one return per command
    if args.command == "logto":
        from audit_logging.logto._command import run_logto  # noqa: PLC0415 -- only this command needs it

        return run_logto(args)
    if args.command == "replay":
        return _replay(args.spool, args.endpoint, args.protocol)
    if args.command == "verify":
        return _verify(args.files, args.key_env)
    if args.command == "demo":
        from audit_logging._demo import demo  # noqa: PLC0415 -- only this command needs it

        return demo(sys.stdout, endpoint=args.otlp_endpoint, protocol=args.otlp_protocol)
    if args.command == "events":
        events = list(iter_events(args.category, include_undocumented=args.all))
        sys.stdout.write(_RENDERERS[args.format](events))
        return 0
    try:
        event = get_event(args.key)
    except UnknownEventError as error:
        sys.stderr.write(f"audit-logging: {error}\n")
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(event_as_dict(event), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_render_event(event))
    return 0


def main(argv: Iterable[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(None if argv is None else list(argv))
    try:
        status = _run(args)
        sys.stdout.flush()
    except OSError as error:
        # The output cannot be written: the reader went away (``audit-logging events | head``), or the disk is
        # full. Point stdout at devnull so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if not isinstance(error, BrokenPipeError):
            sys.stderr.write(f"audit-logging: cannot write the output: {error}\n")
        return 2
    return status
