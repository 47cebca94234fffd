"""The broker check of /healthz, over one connection kept per process.

Opening a broker connection on every probe (a TCP handshake, the broker's greeting, a close)
made /healthz cost several times a page's worth of system work, and a load balancer probes it
every few seconds from each of its nodes. Each worker process keeps one connection instead and
checks it with one round trip; a connection found dead is dropped and a new one opened once
before the broker is reported down.
"""

import contextlib
import os
import threading

from kombu import Connection

# A probe must answer quickly: a broker that takes longer than this is reported down.
TIMEOUT = 2


class BrokerProbe:
    """One broker connection per process (a forked worker opens its own: a socket shared with
    the parent would interleave their commands), checked by a round trip."""

    def __init__(self):
        self._lock = threading.Lock()
        self._connection = None
        self._owner = None  # (process id, broker URL) the connection was opened for

    def status(self, url: str) -> str:
        with self._lock:
            try:
                self._check(url)
                return "ok"
            except Exception:  # a connection dropped by the broker, a restart: open a new one
                self._drop()
            try:
                self._check(url)
                return "ok"
            except Exception as error:  # the broker being down is exactly what we report
                self._drop()
                return f"error: {type(error).__name__}"

    def _check(self, url: str) -> None:
        owner = (os.getpid(), url)
        if self._connection is None or self._owner != owner:
            if self._owner is not None and self._owner[0] == owner[0]:
                self._drop()  # the URL changed in this process: close the old one
            self._connection = None  # inherited from the parent process: never used here
            self._connection = Connection(url, connect_timeout=TIMEOUT)
            self._owner = owner
        connection = self._connection
        connection.ensure_connection(max_retries=1, timeout=TIMEOUT)
        round_trip(connection)

    def _drop(self) -> None:
        connection, self._connection, self._owner = self._connection, None, None
        if connection is not None:
            # Already broken, perhaps: nothing left to close cleanly.
            with contextlib.suppress(Exception):
                connection.release()


def round_trip(connection: Connection) -> None:
    """Ask the broker something, so a connection it has closed is found out: PING on Redis, a
    heartbeat frame on AMQP; other transports are trusted once connected."""
    channel = connection.default_channel
    client = getattr(channel, "client", None)
    if client is not None and hasattr(client, "ping"):
        client.ping()
        return
    send_heartbeat = getattr(connection.connection, "send_heartbeat", None)
    if send_heartbeat is not None:
        send_heartbeat()


broker_probe = BrokerProbe()
