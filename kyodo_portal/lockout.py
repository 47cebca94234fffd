"""Login lockout: who is locked out, why, and until when.

Failures count against an account name from one address (AXES_LOCKOUT_PARAMETERS,
AXES_FAILURE_LIMIT), so five wrong passwords for an account lock that account from that address
only: counted by account name alone, anyone anywhere could keep the real person out. An address
failing for many accounts is stopped too, at its own, higher limit (LOGIN_ADDRESS_FAILURE_LIMIT):
counted at the per-account limit, five colleagues behind one office router who each mistyped once
would lock the whole office out.

Axes's extension points carry it: AXES_HANDLER (the address limit), AXES_LOCKOUT_CALLABLE (the page
that says why and until when) and AXES_CLIENT_IP_CALLABLE (which address).
"""

from datetime import datetime, timedelta
from math import ceil

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import dateformat, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework.throttling import BaseThrottle

ACCOUNT_LOCKED = _(
    "このアカウントへのログインに、この接続元から続けて失敗したため、安全のため、"
    "この接続元からこのアカウントへのログインを一時的に停止しました。"
)
ADDRESS_LOCKED = _(
    "この接続元からのログインの失敗が多数続いたため、安全のため、"
    "この接続元からのログインを、どのアカウントについても一時的に停止しました。"
)
RETRY_AFTER = _("%(time)s以降に、もう一度お試しください。")


def client_address(request: HttpRequest) -> str | None:
    """The caller's address, read as the API's per-address rate limit reads it.

    X-Forwarded-For is trusted only behind the portal's own proxy (NUM_PROXIES), and then only the
    entry that proxy appended: a caller can write anything before it, and a new made-up address on
    every attempt would otherwise escape any lock keyed on the address.
    """
    return BaseThrottle().get_ident(request)


def _address_limit() -> int:
    return settings.LOGIN_ADDRESS_FAILURE_LIMIT


def _counted_failures(attempts: QuerySet) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def _unlocked_at(attempts: QuerySet, limit: int, cool_off: timedelta) -> datetime | None:
    """When the failures still counted fall below the limit, or None if they already have.

    A failure record holds every failure of one account name, address and browser, and ages out
    whole, cool-off after its latest failure; so walking from the newest, the record that brings
    the count to the limit is the one whose ageing out ends the lock.
    """
    counted = 0
    for attempt_time, failures in attempts.order_by("-attempt_time").values_list(
        "attempt_time", "failures_since_start"
    ):
        counted += failures
        if counted >= limit:
            return attempt_time + cool_off
    return None


class LockoutHandler(AxesDatabaseHandler):
    """Axes's database handler, with the address locked as well once its failures, whatever the
    account names, reach LOGIN_ADDRESS_FAILURE_LIMIT."""

    def address_attempts(self, request: HttpRequest) -> QuerySet:
        return AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )

    def address_is_locked(self, request: HttpRequest) -> bool:
        if not settings.AXES_LOCK_OUT_AT_FAILURE or request.axes_ip_address is None:
            return False
        return _counted_failures(self.address_attempts(request)) >= _address_limit()

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.address_is_locked(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out or self.is_whitelisted(request, credentials):
            return
        if self.address_is_locked(request):
            # The failure that reaches the address limit is answered with the lockout page, as the
            # one that reaches the account's limit is.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )

    def lockout_state(self, request: HttpRequest, credentials=None) -> tuple[bool, datetime]:
        """(whether the whole address is locked, when logging in from it works again)."""
        cool_off = get_cool_off(request)
        account_limit = get_failure_limit(request, credentials)
        times = [
            _unlocked_at(attempts, account_limit, cool_off)
            for attempts in self.get_user_attempts(request, credentials)
        ]
        address_until = _unlocked_at(self.address_attempts(request), _address_limit(), cool_off)
        times.append(address_until)
        known = [time for time in times if time is not None]
        # Nothing counted any more (the last record aged out this instant): the full cool-off is
        # the longest it can be.
        until = max(known) if known else request.axes_attempt_time + cool_off
        return address_until is not None, until


def _to_the_minute(moment: datetime) -> datetime:
    """The first whole minute at or after the moment: a time given to the minute must not be one
    at which the lock still holds."""
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + timedelta(minutes=1)


def retry_time_text(moment: datetime) -> str:
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        # Translators: a time of day in Django's date format (G hour, i minutes).
        return dateformat.format(local, gettext("G時i分"))
    # Translators: a date and time in Django's date format (n month, j day, G hour, i minutes).
    return dateformat.format(local, gettext("n月j日G時i分"))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The answer to a locked-out login: what happened and from when to try again (Asia/Tokyo),
    with the same time in Retry-After."""
    address_locked, until = LockoutHandler().lockout_state(request, credentials)
    until = _to_the_minute(until)
    message = ADDRESS_LOCKED if address_locked else ACCOUNT_LOCKED
    retry = RETRY_AFTER % {"time": retry_time_text(until)}
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        response = JsonResponse(
            {
                "code": "locked_out",
                "message": f"{message}{retry}",
                "retry_at": timezone.localtime(until).isoformat(),
            },
            status=status,
        )
    else:
        context = {"message": message, "retry": retry, "retry_at": until}
        response = render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=status)
    seconds = ceil((until - timezone.now()).total_seconds())
    response["Retry-After"] = str(max(seconds, 1))
    return response
