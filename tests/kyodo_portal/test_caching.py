"""Generation counters: every bump, and a counter the cache lost, give a value never used before."""

from django.core.cache import cache

from kyodo_portal.core import caching

KEY = "test:caching:generation"


def test_a_lost_counter_never_returns_to_a_value_used_before():
    cache.delete(KEY)
    seen = [caching.generation(KEY)]
    caching.bump_generation(KEY)
    seen.append(caching.generation(KEY))
    assert seen[1] != seen[0]

    cache.delete(KEY)  # evicted: entries cached under the values seen may still be there
    caching.bump_generation(KEY)
    seen.append(caching.generation(KEY))
    cache.delete(KEY)
    seen.append(caching.generation(KEY))
    assert len(set(seen)) == len(seen)
    assert caching.generation(KEY) == seen[-1]  # stable until the next bump
