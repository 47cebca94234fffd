"""Generation counters: a cache key holding the current generation goes stale on every bump.

Every process shares the counter through the cache (Redis in production), so a write in one
web worker or Celery task makes the entries of all of them stale at once; old entries simply
expire.

A counter the cache has lost (evicted, or never set) starts again from the clock in nanoseconds,
never from 0 or 1: those values were used before, and entries cached under them may still be
there. A cache that cannot be reached gives each call a generation of its own from the clock,
so nothing cached under it is ever read back.
"""

import time

from django.core.cache import cache


def generation(key: str) -> int:
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), None)  # another process may have started it meanwhile
        value = cache.get(key)
        if value is None:  # the cache is unreachable (see cache_backend)
            value = time.time_ns()
    return value


def bump_generation(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # lost: any fresh start makes the old keys stale
        cache.set(key, time.time_ns(), None)
