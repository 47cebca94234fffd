"""Portal-wide pages: the public landing page, the role-aware home page, /healthz and
/healthz/live."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kyodo_portal import data_export
from kyodo_portal import home as home_panels
from kyodo_portal.core.models import Notification, Reminder
from kyodo_portal.core.page_cache import public_page
from kyodo_portal.core.stored_files import storage_status
from kyodo_portal.forms import AuditFilterForm, ReminderHistoryFilterForm, ReminderPolicyForm
from kyodo_portal.health import broker_probe
from kyodo_portal.permissions import (
    can_download_organization_data,
    can_download_personal_data,
    can_manage_reminders,
    can_view_audit_trail,
    can_view_reminder_history,
)
from kyodo_portal.selectors import (
    audit_entries,
    event_settings_for,
    notifications_for,
    reminder_history,
    reminder_settings_for,
)
from kyodo_portal.services import (
    notification_mark_read,
    reminder_policies,
    reminder_policy_update,
    reminder_preferences_update,
)
from partners.models import Organization
from partners.models.bodies import body_by_id
from partners.selectors import body_choice, managed_body_ids


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on their own: send them to the portal's icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@public_page
def landing(request):
    """Public landing page: what the portal is, and the published information anyone may read
    (``?body=<slug>``: only one government body's)."""
    choice = body_choice(request.GET.get("body"))
    return render(
        request,
        "landing.html",
        {"body_choice": choice, **home_panels.public_context(choice.selected)},
        status=400 if choice.unknown else 200,
    )


@login_required
def home(request):
    return render(request, "home.html", home_panels.collect(request.user))


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as error:  # any failure means unhealthy; the type is reported
        return f"error: {type(error).__name__}"


def _broker_status() -> str | None:
    """None when no broker is configured (eager Celery), else 'ok' or the error."""
    if settings.CELERY_BROKER_PROBLEM:
        # Eager off without a broker: tasks would be sent nowhere (kyodo_portal.E002).
        return "error: not configured"
    if settings.CELERY_TASK_ALWAYS_EAGER or settings.CELERY_BROKER_URL.startswith("memory://"):
        return None
    return broker_probe.status(settings.CELERY_BROKER_URL)


def _cache_status() -> str | None:
    """None when the cache is not Redis (a per-process memory cache cannot be down)."""
    ping = getattr(caches["default"], "ping", None)
    return ping() if ping is not None else None


@never_cache
@require_GET
def healthz_live(request):
    """Liveness: the process answers. Touches no database, cache or broker, so that a restart
    decision (docker's health check, the proxy's) never hangs on a dependency."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def healthz(request):
    """Readiness: the dependencies as JSON; 503 when a configured dependency is down."""
    checks = {"database": _database_status()}
    cache = _cache_status()
    checks["cache"] = cache if cache is not None else "not configured"
    broker = _broker_status()
    checks["broker"] = broker if broker is not None else "not configured"
    # Reported, but not a reason for 503: with the object store down only uploads and downloads
    # fail, every page still works, and a probe that restarted the web nodes would not bring
    # the store back.
    storage = storage_status()
    checks["storage"] = storage if storage is not None else "not configured"
    healthy = checks["database"] == "ok" and cache in (None, "ok") and broker in (None, "ok")
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


# --- Notifications and reminders ---------------------------------------------------------------


@login_required
def notification_list(request):
    page = Paginator(notifications_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = Notification.objects.filter(pk=pk, recipient=request.user).first()
    if notification is None:
        raise Http404
    notification_mark_read(user=request.user, notification_id=notification.pk)
    # Only a path inside the portal is followed; anything else goes back to the list.
    safe = notification.url.startswith("/") and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts=None
    )
    return redirect(notification.url if safe else "notifications")


@login_required
@require_POST
def notification_read_all(request):
    count = notification_mark_read(user=request.user)
    messages.success(request, _("%(count)d件のお知らせを既読にしました。") % {"count": count})
    return redirect("notifications")


@login_required
def reminder_settings(request):
    rows = reminder_settings_for(request.user)
    if request.method == "POST":
        reminder_preferences_update(
            user=request.user, enabled_kinds=set(request.POST.getlist("kinds"))
        )
        messages.success(request, _("通知の設定を保存しました。"))
        return redirect("reminder_settings")
    return render(
        request,
        "notifications/settings.html",
        {"rows": rows, "event_groups": event_settings_for(request.user)},
    )


@login_required
def reminder_history_view(request):
    if not can_view_reminder_history(request.user)[0]:
        raise Http404
    form = ReminderHistoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    bodies = managed_body_ids(request.user)
    reminders = reminder_history(bodies=bodies, **{k: v for k, v in filters.items() if v})
    page = Paginator(reminders, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/history.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "review_count": reminder_history(bodies=bodies, status=Reminder.Status.REVIEW).count(),
        },
    )


@login_required
def reminder_policies_view(request):
    """The reminder settings of one body the manager manages (a manager of several bodies picks
    one with ``?body=``); another body's settings answer 404."""
    if not can_manage_reminders(request.user)[0]:
        raise Http404
    managed = sorted(managed_body_ids(request.user))
    if not managed:
        raise Http404
    try:
        body_id = int(request.GET.get("body") or managed[0])
    except ValueError:
        raise Http404 from None
    if body_id not in managed:
        raise Http404
    policies = sorted(reminder_policies([body_id])[body_id].values(), key=lambda p: p.kind)
    forms = [ReminderPolicyForm(request.POST or None, instance=p, prefix=p.kind) for p in policies]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        for form in forms:
            reminder_policy_update(
                policy=form.instance,
                by=request.user,
                lead_days=form.cleaned_data["lead_days"],
                mandatory=form.cleaned_data["mandatory"],
                enabled=form.cleaned_data["enabled"],
            )
        messages.success(request, _("リマインダーの設定を保存しました。"))
        return redirect(f"{reverse('reminder_policies')}?body={body_id}")
    bodies = [body_by_id(pk) for pk in managed]
    return render(
        request,
        "notifications/policies.html",
        {"forms": forms, "body": body_by_id(body_id), "bodies": bodies},
    )


# Read only: the trail is searched, never written, through the portal.
@require_GET
@login_required
def audit_trail(request):
    if not can_view_audit_trail(request.user)[0]:
        raise Http404
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(
        bodies=managed_body_ids(request.user), **{k: v for k, v in filters.items() if v}
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {"form": form, "page": page, "querystring": query.urlencode()},
    )


# --- Data download (個人情報の開示・団体データの持ち出し) ----------------------------------------


def _json_download(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    # An ASCII name: the person's and organisation's names stay inside the file.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def personal_data_download(request):
    allowed, _reason = can_download_personal_data(request.user)
    if not allowed:
        raise Http404
    data = data_export.personal_data(request.user)
    today = timezone.localdate().isoformat()
    return _json_download(
        data_export.as_json(data), f"kyodo-portal-personal-data-{request.user.pk}-{today}.json"
    )


@require_GET
@login_required
def organization_data_download(request, pk: int):
    organization = Organization.objects.filter(pk=pk).first()
    # Missing and forbidden look alike: a 404 either way.
    if organization is None or not can_download_organization_data(request.user, organization)[0]:
        raise Http404
    data = data_export.organization_data(organization, request.user)
    today = timezone.localdate().isoformat()
    return _json_download(
        data_export.as_json(data), f"kyodo-portal-organization-data-{organization.pk}-{today}.json"
    )
