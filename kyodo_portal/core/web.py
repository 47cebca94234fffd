"""One way for a page to run a service: the refusal shown as a message or on the form, the
stale edit on the form with what was entered kept, the success message and the redirect.

A view checks access through its app's permissions, validates its form, then hands the service
call (arguments bound) to ``service_call``. Only the core's refusals are caught here:
``PermissionDenied`` (a permission's reason) and ``ValidationError`` (``StaleEdit`` included);
anything else is a fault and goes on to the error page and the log.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from kyodo_portal.core.errors import Decision, PermissionDenied


def refusal_messages(error: Exception) -> list[str]:
    """The sentences a refusal says, one per problem."""
    if isinstance(error, ValidationError):
        return [str(message) for message in error.messages]
    return [str(error)]


def add_form_errors(form, error: Exception) -> None:
    """A refusal on the form: a message about one of its fields beside that field, the rest
    above the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, field_messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, field_messages)
        return
    for message in refusal_messages(error):
        form.add_error(None, message)


def _of(value, result):
    """``value``, or what it gives for the service's result when it is a function of it."""
    return value(result) if callable(value) else value


def service_call(
    request,
    call: Callable[[], Any],
    *,
    success: str | Callable[[Any], str] | None = None,
    redirect_to: Any,
    form=None,
    refused: Callable[[str], HttpResponse] | None = None,
    failed_to: Any = None,
) -> HttpResponse | None:
    """Run ``call`` and answer as every page does.

    Success: ``success`` as a message, then a redirect to ``redirect_to`` (either may be a
    function of what the service returned, such as the record it created).
    Refusal with a ``form``: the errors go on the form and None comes back, for the view to show
    the form again with what was entered. Without a form: each reason as an error message and a
    redirect to ``failed_to`` (by default ``redirect_to``). A page that answers a permission
    refusal with a page of its own passes ``refused``, which is given the reason.
    """
    if form is None and failed_to is None and callable(redirect_to):
        raise TypeError("a redirect that depends on the result needs failed_to for a refusal")
    try:
        result = call()
    except PermissionDenied as error:
        if refused is not None:
            return refused(str(error))
        failure: Exception = error
    except ValidationError as error:
        failure = error
    else:
        if success:
            messages.success(request, _of(success, result))
        return redirect(_of(redirect_to, result))
    if form is not None:
        add_form_errors(form, failure)
        return None
    for message in refusal_messages(failure):
        messages.error(request, message)
    return redirect(failed_to if failed_to is not None else redirect_to)


def refusal(request, decision: Decision, *, redirect_to: Any) -> HttpResponse | None:
    """A redirect with the permission's reason as a message when it refuses, else None."""
    allowed, reason = decision
    if allowed:
        return None
    messages.error(request, reason)
    return redirect(redirect_to)
