"""What `import audit_logging` costs: the package's own modules' self time, from -X importtime.

Claim (issue 2): under 20 ms for the package's own modules, with neither the
OpenTelemetry SDK nor an exporter imported. Each figure is the median of
several fresh interpreters, with the package's bytecode compiled first, as
pip leaves an installed package: an editable checkout run with
PYTHONDONTWRITEBYTECODE=1 would otherwise compile the sources on every
import, which measures the compiler, not the package. Everything else
imported is printed beside it as the same-run yardstick.
"""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
from pathlib import Path

import audit_logging

RUNS = 9
TARGET_MS = 20.0
FORBIDDEN = ("opentelemetry.sdk", "opentelemetry.exporter")


def _import_times() -> dict[str, int]:
    """Module -> self time in microseconds, for one fresh ``import audit_logging``."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import audit_logging"],
        capture_output=True,
        text=True,
        check=True,
    )
    times: dict[str, int] = {}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line.removeprefix("import time:").split("|")
        times[name.strip()] = int(self_us)
    return times


def main() -> int:
    """Run the benchmark, print the ratios; exit status 1 when a target is missed."""
    compileall.compile_dir(Path(audit_logging.__file__).parent, quiet=1)
    own: list[float] = []
    everything: list[float] = []
    modules: set[str] = set()
    for _ in range(RUNS):
        times = _import_times()
        modules |= set(times)
        own.append(sum(us for name, us in times.items() if name.split(".")[0] == "audit_logging") / 1000)
        everything.append(sum(times.values()) / 1000)
    own_ms, all_ms = statistics.median(own), statistics.median(everything)
    forbidden = sorted(name for name in modules if name.startswith(FORBIDDEN))
    print("import audit_logging (median of", RUNS, "fresh interpreters)")
    print(f"  audit_logging's own modules  {own_ms:6.2f} ms  (target < {TARGET_MS:.0f} ms)")
    print(f"  the whole interpreter start  {all_ms:6.2f} ms  (own share {own_ms / all_ms:.0%})")
    print(f"  OpenTelemetry SDK/exporters  {forbidden or 'none imported'}")
    return 0 if own_ms < TARGET_MS and not forbidden else 1


if __name__ == "__main__":
    sys.exit(main())
