from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo_portal.core.person_pages import ANY_PROJECT_GENERATION_KEY, cached_person_page
from kyodo_portal.core.web import add_form_errors, service_call
from partners import registry
from partners.forms import (
    BodyCreateForm,
    DirectorySearchForm,
    NpoProfileForm,
    OfficeProfileForm,
    UserProfileForm,
)
from partners.models import GovernmentBody, Organization
from partners.models.bodies import body_by_id
from partners.permissions import (
    can_administer_platform,
    can_edit_organization,
    can_manage_body_grants,
    can_use_directory,
    can_view_contact_details,
    can_view_organization,
    get_organization_for_edit_or_404,
)
from partners.selectors import (
    directory_search,
    grant_history_of,
    grants_in_force_of,
    managed_municipalities,
    memberships_of,
    password_set_link,
)
from partners.services import (
    body_create,
    body_grant_give,
    body_grant_revoke,
    organization_update,
    user_update_profile,
)


@login_required
def profile(request):
    form = UserProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        saved = service_call(
            request,
            lambda: user_update_profile(
                user=request.user,
                name=form.cleaned_data["name"],
                name_kana=form.cleaned_data["name_kana"],
                email=form.cleaned_data["email"],
                language=form.cleaned_data["preferred_language"],
            ),
            success=_("プロフィールを保存しました。"),
            redirect_to=reverse("partners:profile"),
            form=form,
        )
        if saved:
            return saved
    return render(
        request,
        "partners/profile.html",
        {"form": form, "memberships": memberships_of(request.user)},
    )


@login_required
def organization_detail(request, pk: int):
    organization = Organization.objects.prefetch_related("fields").filter(pk=pk).first()
    if organization is None or not can_view_organization(request.user, organization)[0]:
        raise Http404
    return render(
        request,
        "partners/organization_detail.html",
        {
            "organization": organization,
            "show_contact": can_view_contact_details(request.user, organization)[0],
            "can_edit": can_edit_organization(request.user, organization)[0],
            "portal_record": registry.track_record(organization) if organization.is_npo else [],
        },
    )


@login_required
def organization_edit(request, pk: int):
    organization = get_organization_for_edit_or_404(request.user, pk)
    form_class = NpoProfileForm if organization.is_npo else OfficeProfileForm
    form = form_class(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form._meta.fields}
        saved = service_call(
            request,
            lambda: organization_update(
                organization=Organization.objects.get(pk=organization.pk),
                by=request.user,
                values=values,
                fields=form.cleaned_data.get("activity_fields"),
            ),
            success=_("団体情報を保存しました。"),
            redirect_to=organization.get_absolute_url(),
            form=form,
        )
        if saved:
            return saved
    return render(
        request, "partners/organization_form.html", {"form": form, "organization": organization}
    )


# --- NPO directory ---------------------------------------------------------------------------
@login_required
def directory(request):
    if not can_use_directory(request.user)[0]:
        raise Http404
    # The same page for the person until an organisation changes (the public records'
    # generation) or a project does (the record of collaborations it shows).
    return cached_person_page(
        request, (ANY_PROJECT_GENERATION_KEY,), lambda: _directory_page(request)
    )


def _directory_page(request):
    form = DirectorySearchForm(request.GET or None)
    filters = {}
    if form.is_valid():
        filters = {
            "keywords": form.cleaned_data["q"],
            "field_ids": [f.pk for f in form.cleaned_data["fields"]],
            "area": form.cleaned_data["area"],
            "legal_forms": form.cleaned_data["legal_form"],
        }
    results = directory_search(**filters).annotate(collaborations=registry.collaboration_count())
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/directory.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def body_grants(request):
    """A municipality's manager lets its prefecture read its aggregate figures, or stops it."""
    if not can_manage_body_grants(request.user)[0]:
        raise Http404
    municipalities = managed_municipalities(request.user)
    if request.method == "POST":
        body = next((b for b in municipalities if str(b.pk) == request.POST.get("body", "")), None)
        if body is None or request.POST.get("action") not in ("give", "revoke"):
            raise Http404
        giving = request.POST["action"] == "give"
        service = body_grant_give if giving else body_grant_revoke
        names = {"prefecture": body_by_id(body.prefecture_id).display_name}
        return service_call(
            request,
            lambda: service(body=body, by=request.user),
            success=(
                _("%(prefecture)sに集計の閲覧を許可しました。") % names
                if giving
                else _("%(prefecture)sへの集計の閲覧許可を取り消しました。") % names
            ),
            redirect_to=reverse("partners:body_grants"),
        )
    ids = [b.pk for b in municipalities]
    in_force = grants_in_force_of(ids)
    return render(
        request,
        "partners/body_grants.html",
        {
            "rows": [
                (body, body_by_id(body.prefecture_id), in_force.get(body.pk))
                for body in municipalities
            ],
            "history": grant_history_of(ids),
        },
    )


# --- The platform administrator's pages -------------------------------------------------------


def _platform_admin_or_404(request) -> None:
    # Hidden alike from everyone else: the pages do not exist for them.
    if not can_administer_platform(request.user)[0]:
        raise Http404


@login_required
def platform_bodies(request):
    """The bodies of the deployment, with how many offices each has."""
    _platform_admin_or_404(request)
    bodies = GovernmentBody.objects.select_related("prefecture").annotate(
        office_count=Count("offices")
    )
    return render(request, "partners/platform_bodies.html", {"bodies": bodies})


@login_required
def platform_body_create(request):
    """Add a body with its first office and manager; the manager's one-time link to set their
    password is shown once, on the answer to this form (it is not kept anywhere)."""
    _platform_admin_or_404(request)
    form = BodyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body, office, manager = body_create(
                body=form.instance,
                office_name=form.cleaned_data["office_name"],
                manager=form.manager(),
                by=request.user,
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            return render(
                request,
                "partners/platform_body_created.html",
                {
                    "body": body,
                    "office": office,
                    "manager": manager,
                    "link": request.build_absolute_uri(password_set_link(manager)),
                    "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
                },
            )
    return render(request, "partners/platform_body_form.html", {"form": form})
