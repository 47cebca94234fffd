"""Django's Redis cache, made to carry on when Redis cannot be reached.

The cache only ever holds copies — the database is the record, sessions included (they are
written through to it) — so an unreachable Redis is treated as an empty cache: reads miss,
writes are skipped, ``incr`` finds no counter, and the page is built from the database. One
warning is logged when Redis stops answering, and again at most once a minute while it stays
away, rather than one per call.

After a failure a process leaves Redis alone for ``retry_after`` seconds (OPTIONS, default 5)
instead of paying a connection timeout on every call; the short socket timeouts the settings
give keep that one call cheap even when Redis hangs rather than refuses.

Writes skipped meanwhile are not forgotten. Redis may come back holding what it held (a network
cut, a paused or overloaded server), and those entries would now be wrong: a session ended by a
logout, a generation counter a write should have moved on, a value replaced. The process that
skipped a write remembers its key and deletes it before anything else once Redis answers again,
so the next read goes to the database (and a generation counter starts again from the clock,
see caching). Past ``OWED_KEYS_LIMIT`` keys it forgets the cache's whole namespace instead. A
process that ends before Redis comes back takes its list with it; the entries it owed then live
until they expire (a session's at most SESSION_COOKIE_AGE).
"""

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
DEFAULT_RETRY_AFTER = 5.0
WARN_AGAIN_AFTER = 60.0
OWED_KEYS_LIMIT = 10_000
_DELETE_BATCH = 500
_MISSING = object()


@dataclass
class _Outage:
    """What one process knows about one Redis: shared by every thread's cache handle."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    down_since: float | None = None
    retry_at: float = 0.0
    warned_at: float = 0.0
    owed: set[str] = field(default_factory=set)
    owes_namespace: bool = False

    def resting(self, now: float) -> bool:
        return self.down_since is not None and now < self.retry_at

    def owe(self, keys: Iterable[str]) -> None:
        with self.lock:
            if self.owes_namespace:
                return
            self.owed.update(keys)
            if len(self.owed) > OWED_KEYS_LIMIT:
                self.owed.clear()
                self.owes_namespace = True

    def take_debts(self) -> tuple[list[str], bool]:
        with self.lock:
            keys, namespace = list(self.owed), self.owes_namespace
            self.owed.clear()
            self.owes_namespace = False
            return keys, namespace

    def restore(self, keys: list[str], namespace: bool) -> None:
        """Debts that could not be settled, owed again."""
        with self.lock:
            self.owes_namespace = self.owes_namespace or namespace
        self.owe(keys)

    def failed(self, error: Exception, retry_after: float) -> None:
        now = time.monotonic()
        with self.lock:
            first = self.down_since is None
            if first:
                self.down_since = now
            down_for = now - self.down_since
            self.retry_at = now + retry_after
            warn = first or now - self.warned_at >= WARN_AGAIN_AFTER
            if warn:
                self.warned_at = now
        if warn:
            logger.warning(
                "Redis cache unreachable (%s: %s); pages are built without it%s",
                type(error).__name__,
                error,
                "" if first else f" for {down_for:.0f} s now",
            )

    def answered(self) -> None:
        if self.down_since is None:
            return
        with self.lock:
            down_since, self.down_since = self.down_since, None
        if down_since is not None:
            logger.info("Redis cache answers again after %.1f s", time.monotonic() - down_since)


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)


_outages: dict[tuple[str, ...], _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(servers: Iterable[str]) -> _Outage:
    key = tuple(servers)
    with _outages_lock:
        return _outages.setdefault(key, _Outage())


class TolerantRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, *, retry_after: float, namespace: str, **options):
        super().__init__(servers, **options)
        self._outage = _outage_for(servers)
        self._retry_after = retry_after
        self._namespace = namespace

    def _run(self, operation: Callable[[], object], fallback: object, owes: Iterable[str] = ()):
        """``operation``'s result, or ``fallback`` when Redis cannot be reached; the keys of a
        write that did not happen are owed."""
        outage = self._outage
        if outage.resting(time.monotonic()):
            outage.owe(owes)
            return fallback
        try:
            self._settle_debts()
            result = operation()
        except UNREACHABLE as error:
            outage.owe(owes)
            outage.failed(error, self._retry_after)
            return fallback
        outage.answered()
        return result

    def _settle_debts(self) -> None:
        if not (self._outage.owed or self._outage.owes_namespace):
            return
        keys, namespace = self._outage.take_debts()
        try:
            client = self.get_client(None, write=True)
            if namespace:
                batch = []
                for key in client.scan_iter(match=_glob_escape(self._namespace) + "*", count=1000):
                    batch.append(key)
                    if len(batch) >= _DELETE_BATCH:
                        client.delete(*batch)
                        batch = []
                if batch:
                    client.delete(*batch)
            for start in range(0, len(keys), _DELETE_BATCH):
                client.delete(*keys[start : start + _DELETE_BATCH])
        except UNREACHABLE:
            self._outage.restore(keys, namespace)
            raise

    def ping(self) -> None:
        """Asks Redis even while resting; raises when it cannot be reached."""
        try:
            self._settle_debts()
            self.get_client(None, write=True).ping()
        except UNREACHABLE as error:
            self._outage.failed(error, self._retry_after)
            raise
        self._outage.answered()

    def add(self, key, value, timeout):
        return self._run(partial(super().add, key, value, timeout), False)

    def get(self, key, default):
        return self._run(partial(super().get, key, default), default)

    def set(self, key, value, timeout):
        self._run(partial(super().set, key, value, timeout), None, [key])

    def touch(self, key, timeout):
        return self._run(partial(super().touch, key, timeout), False)

    def delete(self, key):
        return self._run(partial(super().delete, key), False, [key])

    def get_many(self, keys):
        keys = list(keys)
        return self._run(partial(super().get_many, keys), {})

    def has_key(self, key):
        return self._run(partial(super().has_key, key), False)

    def incr(self, key, delta):
        result = self._run(partial(super().incr, key, delta), _MISSING, [key])
        if result is _MISSING:
            # Unreachable, the counter is as good as missing, which every caller of incr handles.
            raise ValueError(f"Key '{key}' not found: the cache cannot be reached.")
        return result

    def set_many(self, data, timeout):
        self._run(partial(super().set_many, data, timeout), None, list(data))

    def delete_many(self, keys):
        keys = list(keys)
        self._run(partial(super().delete_many, keys), None, keys)

    def clear(self):
        return self._run(super().clear, False)


class TolerantRedisCache(RedisCache):
    """``RedisCache`` that treats an unreachable Redis as an empty cache (see the module)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        options = dict(self._options)
        self._options = {
            "retry_after": float(options.pop("retry_after", DEFAULT_RETRY_AFTER)),
            "namespace": f"{self.key_prefix}:",
            **options,
        }
        self._class = TolerantRedisCacheClient

    def ping(self) -> str:
        """'ok', or the error that kept Redis from answering (for /healthz)."""
        try:
            self._cache.ping()
        except Exception as error:  # whatever kept Redis from answering is what we report
            return f"error: {type(error).__name__}"
        return "ok"
