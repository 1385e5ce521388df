"""Delivery you can account for: how many audit records went to OpenTelemetry, and what became of them.

``emitted`` counts the audit log records handed to OpenTelemetry's SDK;
``exported`` those an exporter reported delivered; ``dropped`` those it
reported failed, plus, once :meth:`OTelHandle.shutdown` has run, every record
that was neither (dropped from a full queue, or still queued when the
exporter stopped). ``pending`` is the rest: queued or in flight now. After a
shutdown ``exported + dropped == emitted``.

Exports are counted by the exporter wrapper :func:`configure_opentelemetry`
installs; with providers you build yourself, wrap your log exporter in
:class:`CountingLogExporter` to count them.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from audit_logging._names import SCOPE

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from opentelemetry.metrics import CallbackOptions, MeterProvider, Observation

__all__ = ["CountingLogExporter", "DeliveryStats", "delivery_stats", "register_delivery_metrics"]


@dataclass(frozen=True, slots=True)
class DeliveryStats:
    """A snapshot of the delivery counters of this process."""

    emitted: int
    exported: int
    dropped: int

    @property
    def pending(self) -> int:
        """Records emitted but neither exported nor dropped yet: queued or in flight."""
        return self.emitted - self.exported - self.dropped


class _Counters:
    """The process's delivery counts.

    ``emitted`` is counted on every audit log call, so without the lock:
    ``next()`` of an ``itertools.count`` is one C call and atomic under the
    GIL, where taking the lock costs a log call a tenth of what the rest of
    emitting does. Reading that count takes a number from it too, so the
    reads are counted (under the lock) and taken off.
    """

    __slots__ = ("_added", "_emits", "_reads", "dropped", "emitted_one", "exported", "lock")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._emits = itertools.count()
        self.emitted_one = self._emits.__next__
        """One more record emitted: what the emitter calls for each log record it hands the SDK."""
        self._reads = 0
        self._added = 0  # emitted counts added in bulk (add(emitted=n))
        self.exported = self.dropped = 0

    def _emitted(self) -> int:
        """The emitted count; under the lock."""
        value = next(self._emits) - self._reads
        self._reads += 1
        return value + self._added

    def add(self, *, emitted: int = 0, exported: int = 0, dropped: int = 0) -> None:
        with self.lock:
            self._added += emitted
            self.exported += exported
            self.dropped += dropped

    def settle(self) -> None:
        """After a shutdown: whatever was neither exported nor dropped is lost, so dropped."""
        with self.lock:
            self.dropped = self._emitted() - self.exported

    def snapshot(self) -> DeliveryStats:
        with self.lock:
            return DeliveryStats(self._emitted(), self.exported, self.dropped)


counters: Final = _Counters()


def delivery_stats() -> DeliveryStats:
    """The delivery counters now, for this process."""
    return counters.snapshot()


def _audit_records(batch: Sequence[Any]) -> list[Any]:
    out = []
    for readable in batch:
        scope = getattr(readable, "instrumentation_scope", None)
        if scope is not None and scope.name == SCOPE:
            out.append(readable)
    return out


class CountingLogExporter:
    """A log exporter that delegates to another and counts the audit records it delivered or failed to."""

    def __init__(self, exporter: Any) -> None:  # noqa: ANN401 -- any SDK LogRecordExporter
        self._exporter = exporter

    def export(self, batch: Sequence[Any]) -> Any:  # noqa: ANN401 -- the SDK's export result
        """Export through the wrapped exporter; count the audit records by the result."""
        from opentelemetry.sdk._logs.export import LogRecordExportResult  # noqa: PLC0415

        from audit_logging import spool  # noqa: PLC0415 -- the spool module imports nothing of OpenTelemetry

        audit = _audit_records(batch)
        try:
            result = self._exporter.export(batch)
        except Exception:
            counters.add(dropped=len(audit))
            raise
        if result == LogRecordExportResult.SUCCESS:
            counters.add(exported=len(audit))
            active = spool.active()
            if active is not None:
                active.acknowledge(
                    str(readable.log_record.attributes.get("audit.record.id"))
                    for readable in audit
                    if readable.log_record.attributes and "audit.record.id" in readable.log_record.attributes
                )
        else:
            counters.add(dropped=len(audit))
        return result

    def shutdown(self) -> None:
        """Shut the wrapped exporter down."""
        self._exporter.shutdown()

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        """Flush the wrapped exporter."""
        return bool(self._exporter.force_flush(timeout_millis))


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
            return [metrics.Observation(getattr(counters.snapshot(), field))]

        return callback

    for field in ("emitted", "exported", "dropped"):
        meter.create_observable_counter(
            f"audit_logging.records.{field}",
            callbacks=[observe(field)],
            unit="{record}",
            description=f"Audit log records {field} to OpenTelemetry by this process",
        )
