"""Delivery you can account for: how many audit records went to OpenTelemetry, and what became of them.

``emitted`` counts the audit log records handed to a :class:`DeliveryProcessor`
(the log record processor :func:`~audit_logging.configure_opentelemetry`
installs); ``exported`` those its exporter reported delivered; ``dropped``
those it reported failed, those that came after the processor was shut down,
plus, once it has been shut down, every record that was neither (dropped from
a full queue, or still queued when the exporter stopped). ``pending`` is the
rest: queued or in flight now. After a shutdown ``exported + dropped ==
emitted``. ``unspooled`` counts the records a spool failed to keep (a full
disk): they were exported all the same. Each processor counts its own
records (:meth:`OTelHandle.delivery_stats`); :func:`delivery_stats` sums
every processor of the process.

With providers you build yourself, add a ``DeliveryProcessor`` to your
logger provider in place of a ``BatchLogRecordProcessor`` to count them.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from time import time_ns
from typing import TYPE_CHECKING, Any, Final

from audit_logging._identity import RECORD_ID, RECORD_ID_NAMES, next_identity
from audit_logging._names import SCOPE
from audit_logging.record import warn_once
from audit_logging.redaction import safe_str
from audit_logging.spool import Spool, SpooledRecord

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from opentelemetry.metrics import CallbackOptions, MeterProvider, Observation

__all__ = ["DeliveryProcessor", "DeliveryStats", "delivery_stats", "register_delivery_metrics"]


@dataclass(frozen=True, slots=True)
class DeliveryStats:
    """A snapshot of delivery counters: of one processor, or summed over the process."""

    emitted: int
    exported: int
    dropped: int
    unspooled: int = 0

    @property
    def pending(self) -> int:
        """Records emitted but neither exported nor dropped yet: queued or in flight."""
        return self.emitted - self.exported - self.dropped


class _Counters:
    """One processor's delivery counts.

    ``emitted`` is counted on every audit log call, so without the lock:
    ``next()`` of an ``itertools.count`` is one C call and atomic under the
    GIL, where taking the lock costs a log call a tenth of what the rest of
    emitting does. Reading that count takes a number from it too, so the
    reads are counted (under the lock) and taken off.
    """

    __slots__ = ("_added", "_emits", "_reads", "dropped", "emitted_one", "exported", "lock", "settled", "unspooled")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._emits = itertools.count()
        self.emitted_one = self._emits.__next__
        """One more record emitted: what the processor calls for each audit record it is given."""
        self._reads = 0
        self._added = 0  # emitted counts added in bulk (add(emitted=n))
        self.exported = self.dropped = self.unspooled = 0
        self.settled = False

    def _emitted(self) -> int:
        """The emitted count; under the lock."""
        value = next(self._emits) - self._reads
        self._reads += 1
        return value + self._added

    def add(self, *, emitted: int = 0, exported: int = 0, dropped: int = 0, unspooled: int = 0) -> None:
        with self.lock:
            self._added += emitted
            self.exported += exported
            self.dropped += dropped
            self.unspooled += unspooled

    def settle(self) -> None:
        """After a shutdown: whatever was neither exported nor dropped is lost, so dropped."""
        with self.lock:
            self.dropped = self._emitted() - self.exported
            self.settled = True

    def snapshot(self) -> DeliveryStats:
        with self.lock:
            return DeliveryStats(self._emitted(), self.exported, self.dropped, self.unspooled)


# Every processor's counters, for the process's sum: processors are made once per set of providers.
_every: list[_Counters] = []
_every_lock: Final = threading.Lock()


def delivery_stats() -> DeliveryStats:
    """The delivery counters now, summed over every :class:`DeliveryProcessor` of this process."""
    with _every_lock:
        snapshots = [counters.snapshot() for counters in _every]
    return DeliveryStats(
        sum(each.emitted for each in snapshots),
        sum(each.exported for each in snapshots),
        sum(each.dropped for each in snapshots),
        sum(each.unspooled for each in snapshots),
    )


def record_id_of(attributes: Mapping[str, Any] | None) -> str | None:
    """An audit log record's id, under its profile's name (``audit.record.id``, ``event.id``, ``metadata.uid``)."""
    if attributes:
        for name in RECORD_ID_NAMES:
            value = attributes.get(name)
            if isinstance(value, str):
                return value
    return None


def _is_audit(readable: Any) -> bool:  # noqa: ANN401 -- the SDK's ReadableLogRecord or ReadWriteLogRecord
    """Whether an SDK log record is one of this library's audit records (its instrumentation scope)."""
    scope = getattr(readable, "instrumentation_scope", None)
    return scope is not None and scope.name == SCOPE


class _CountingExporter:
    """The processor's exporter: delegates, counts the audit records by the result, acknowledges into the spool."""

    def __init__(self, exporter: Any, counters: _Counters, spool: Spool | None) -> None:  # noqa: ANN401 -- any SDK exporter
        self._exporter = exporter
        self._counters = counters
        self._spool = spool

    def export(self, batch: Sequence[Any]) -> Any:  # noqa: ANN401 -- the SDK's export result
        """Export through the wrapped exporter; count the audit records by the result."""
        from opentelemetry.sdk._logs.export import LogRecordExportResult  # noqa: PLC0415

        audit = [readable for readable in batch if _is_audit(readable)]
        try:
            result = self._exporter.export(batch)
        except Exception:
            self._counters.add(dropped=len(audit))
            raise
        if result != LogRecordExportResult.SUCCESS:
            self._counters.add(dropped=len(audit))
            return result
        self._counters.add(exported=len(audit))
        if self._spool is not None:
            ids = [record_id_of(readable.log_record.attributes) for readable in audit]
            try:
                self._spool.acknowledge(record_id for record_id in ids if record_id is not None)
            except Exception as error:  # noqa: BLE001 -- the records were delivered: a replay sends them again
                warn_once(
                    f"spool-ack:{type(error).__name__}",
                    f"the spool could not record deliveries ({safe_str(error)}); a replay would send them again",
                )
        return result

    def shutdown(self) -> None:
        """Shut the wrapped exporter down."""
        self._exporter.shutdown()

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        """Flush the wrapped exporter."""
        return bool(self._exporter.force_flush(timeout_millis))


class DeliveryProcessor:
    """A batching log record processor that accounts for every audit record, and spools it first if asked.

    An OpenTelemetry SDK ``LogRecordProcessor``: records go to ``exporter`` in
    batches through the SDK's own ``BatchLogRecordProcessor`` (``batch``: its
    ``max_queue_size``, ``schedule_delay_millis``, ``max_export_batch_size``).
    Around it, this processor counts the audit records (those of this
    library's instrumentation scope) it is given, exported and dropped
    (:meth:`delivery_stats`); records given after :meth:`shutdown` are counted
    dropped, with a warning once. ``spool``: a
    :class:`~audit_logging.spool.Spool` each audit record is appended to
    before it is queued, acknowledged into once delivered; a spool that fails
    (a full disk) is warned about once and counted (``unspooled``), and the
    record is exported all the same. ``replay=True``: the records come from
    ``spool`` (a replay), so they are only acknowledged into it.
    """

    def __init__(
        self,
        exporter: Any,  # noqa: ANN401 -- any SDK LogRecordExporter
        *,
        spool: Spool | None = None,
        replay: bool = False,
        **batch: Any,  # noqa: ANN401 -- the SDK's types
    ) -> None:
        from opentelemetry.sdk._logs.export import BatchLogRecordProcessor  # noqa: PLC0415

        self._counters = _Counters()
        self._spool = None if replay else spool
        self._closed = False
        self._batch = BatchLogRecordProcessor(
            _CountingExporter(exporter, self._counters, spool),  # type: ignore[arg-type]
            **{name: value for name, value in batch.items() if value is not None},
        )
        with _every_lock:
            _every.append(self._counters)

    def delivery_stats(self) -> DeliveryStats:
        """This processor's counters now."""
        return self._counters.snapshot()

    def enabled(self, **_kwargs: Any) -> bool:  # noqa: ANN401 -- the SDK's keyword arguments
        """Every record is wanted (the SDK asks before making one)."""
        return True

    def on_emit(self, log_record: Any) -> None:  # noqa: ANN401 -- the SDK's ReadWriteLogRecord
        """Count an audit record, spool it if there is a spool, and queue it for export."""
        if _is_audit(log_record):
            if self._closed:
                self._counters.add(emitted=1, dropped=1)
                warn_once(
                    f"after-shutdown:{id(self)}",
                    "an audit record was logged after its OpenTelemetry provider was shut down: counted as dropped",
                )
                return
            self._counters.emitted_one()
            if self._spool is not None:
                self._spooled(log_record.log_record)
        self._batch.on_emit(log_record)

    def _spooled(self, record: Any) -> None:  # noqa: ANN401 -- the SDK's LogRecord
        """Append one record to the spool; a failure is warned about once, counted, and export goes on."""
        assert self._spool is not None  # noqa: S101 -- called only with a spool
        try:
            attributes = dict(record.attributes or {})
            record_id = record_id_of(attributes)
            if record_id is None:  # a record of this scope without an id: given one, so that it can be acknowledged
                record_id = attributes[RECORD_ID] = record.attributes[RECORD_ID] = next_identity()[0]
            severity = record.severity_number
            self._spool.append(
                SpooledRecord(
                    record_id,
                    record.event_name or "",
                    record.body if record.body is None else str(record.body),
                    severity.value if severity is not None else 0,
                    record.severity_text or "",
                    record.timestamp or time_ns(),
                    attributes,
                )
            )
        except Exception as error:  # noqa: BLE001 -- a spool failure must not stop export
            self._counters.add(unspooled=1)
            warn_once(
                f"spool:{type(error).__name__}",
                f"the spool could not keep an audit record ({safe_str(error)}); exporting without it",
            )

    def shutdown(self) -> None:
        """Export what is queued, stop, settle the counters, close the spool: never an exception."""
        self._closed = True
        try:
            self._batch.shutdown()  # type: ignore[no-untyped-call]
        finally:
            self._counters.settle()
            if self._spool is not None:
                try:
                    self._spool.close()
                except Exception as error:  # noqa: BLE001 -- shutting down must not raise into the application
                    warn_once(
                        f"spool-close:{type(error).__name__}", f"the spool could not be closed ({safe_str(error)})"
                    )

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        """Export what is queued now."""
        return bool(self._batch.force_flush(timeout_millis))


_registered: set[int] = set()


def register_delivery_metrics(meter_provider: MeterProvider | None = None) -> None:
    """Publish the counters as OpenTelemetry metrics: ``audit_logging.records.{emitted,exported,dropped}``.

    Observable counters on the given meter provider (the global one when
    ``None``: a proxy until the application sets one), read when the
    provider's reader collects. Once per provider; calling again does nothing.
    """
    from opentelemetry import metrics  # noqa: PLC0415

    provider = meter_provider or metrics.get_meter_provider()
    if id(provider) in _registered:
        return
    _registered.add(id(provider))
    meter = provider.get_meter(SCOPE)

    def observe(field: str) -> Any:  # noqa: ANN401 -- OpenTelemetry's callback type
        def callback(_options: CallbackOptions) -> Iterable[Observation]:
            return [metrics.Observation(getattr(delivery_stats(), field))]

        return callback

    for field in ("emitted", "exported", "dropped"):
        meter.create_observable_counter(
            f"audit_logging.records.{field}",
            callbacks=[observe(field)],
            unit="{record}",
            description=f"Audit log records {field} to OpenTelemetry by this process",
        )
