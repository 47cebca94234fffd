"""Generation counters: a cache key holding the current generation goes stale on every bump.

Every process shares the counter through the cache (Redis in production), so a write in one
web worker or Celery task makes the entries of all of them stale at once; old entries simply
expire.
"""

from django.core.cache import cache


def generation(key: str) -> int:
    return cache.get(key, 0)


def bump_generation(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or evicted): any new value makes old keys stale
        cache.set(key, 1, None)
