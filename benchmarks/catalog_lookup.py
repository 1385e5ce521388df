"""get_event on a known key against a plain dict lookup of the same key, measured in the same run.

Claim (issue 2): get_event(key) stays within 2x of ``d[key]``, for a documented
key, for Logto's spelling of one, and for an EventKey member. Each baseline is
a plain dict holding the same events, looked up with the very same key object.
"""

from __future__ import annotations

import sys
import timeit

from _harness import best_times, report

from audit_logging import EventKey, get_event, iter_events

NUMBER = 1_000_000
TARGET = 2.0

KEYS = {
    "documented key": "Interaction.SignIn.Verification.SmsVerificationCode.Submit",
    "Logto's spelling": "Interaction.SignIn.Verification.PhoneVerificationCode.Submit",
    "EventKey member": EventKey.INTERACTION_SIGN_IN_SUBMIT,
}


def main() -> int:
    """Run the benchmark, print the ratios; exit status 1 when a target is missed."""
    plain = {spelling: event for event in iter_events(include_undocumented=True) for spelling in event.keys}
    ok = True
    for label, key in KEYS.items():
        namespace = {"d": plain, "get_event": get_event, "key": key}
        baseline = f"d[key], {label} (baseline)"
        times = best_times(
            {
                baseline: timeit.Timer("d[key]", globals=namespace),
                f"get_event(key), {label}": timeit.Timer("get_event(key)", globals=namespace),
            },
            number=NUMBER,
        )
        ok = (
            report(f"get_event vs a plain dict lookup: {label}", baseline, times, {f"get_event(key), {label}": TARGET})
            and ok
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
