"""Beat's heartbeat, and the health check that reads it.

Beat has no port to probe and answers no ``inspect ping``, so its scheduler touches a file on
every pass of its loop (at least every CELERY_BEAT_MAX_LOOP_INTERVAL seconds, see settings).
``python -m kyodo_portal.beat`` exits 0 while that file is fresh and 1 once it is older than
BEAT_HEARTBEAT_MAX_AGE seconds (default 180) or missing: docker compose's health check of the beat
service, and scripts/topology's.

BEAT_HEARTBEAT_FILE names the file (default: kyodo-portal-beat-heartbeat in the temporary folder).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

from celery.beat import PersistentScheduler

DEFAULT_MAX_AGE_SECONDS = 180


def heartbeat_path() -> Path:
    # An empty value means unset, as in the settings.
    configured = os.environ.get("BEAT_HEARTBEAT_FILE", "").strip()
    return Path(configured or Path(tempfile.gettempdir()) / "kyodo-portal-beat-heartbeat")


class HeartbeatScheduler(PersistentScheduler):
    """Celery's default scheduler, touching the heartbeat file after each tick: the file is only
    fresh while the loop that sends the scheduled tasks is turning."""

    def tick(self, *args, **kwargs):
        interval = super().tick(*args, **kwargs)
        path = heartbeat_path()
        path.touch()
        os.utime(path)
        return interval


def heartbeat_age(now: float | None = None) -> float | None:
    """Seconds since the last heartbeat, or None when there has been none."""
    try:
        modified = heartbeat_path().stat().st_mtime
    except FileNotFoundError:
        return None
    return (time.time() if now is None else now) - modified


def main() -> int:
    max_age = float(os.environ.get("BEAT_HEARTBEAT_MAX_AGE", "").strip() or DEFAULT_MAX_AGE_SECONDS)
    age = heartbeat_age()
    if age is None:
        print(f"beat: no heartbeat at {heartbeat_path()}", file=sys.stderr)
        return 1
    if age > max_age:
        print(f"beat: last heartbeat {age:.0f} s ago (limit {max_age:.0f} s)", file=sys.stderr)
        return 1
    print(f"beat: last heartbeat {age:.0f} s ago")
    return 0


if __name__ == "__main__":
    sys.exit(main())
