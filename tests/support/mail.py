"""Mail backends for tests that run a real Celery worker in another process."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class SlowFileBackend(FileBackend):
    """Writes each message to a file, but first announces itself and waits, so a test can kill
    the worker in the middle of a send."""

    def send_messages(self, email_messages):
        marker = Path(os.environ["SLOW_MAIL_MARKER"])
        marker.write_text(str(os.getpid()))
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "60")))
        return super().send_messages(email_messages)


class RecordingBackend(BaseEmailBackend):
    """Stands for a mail server: appends each message's Message-ID to the file SENT_LOG, one line
    each, as the server takes it, then waits MAIL_SECONDS, so a batch takes long enough to kill its
    worker mid-way. With HANG_AFTER=N the backend stalls after the server took the Nth message of
    the log (writing HANG_MARKER first): the moment between a mail accepted and its send recorded.
    """

    def send_messages(self, email_messages):
        log = Path(os.environ["SENT_LOG"])
        hang_after = int(os.environ.get("HANG_AFTER", "0"))
        for message in email_messages:
            with log.open("a") as handle:
                handle.write(message.message()["Message-ID"] + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            if hang_after and len(log.read_text().splitlines()) == hang_after:
                Path(os.environ["HANG_MARKER"]).write_text(str(os.getpid()))
                time.sleep(600)
            time.sleep(float(os.environ.get("MAIL_SECONDS", "0")))
        return len(email_messages)
