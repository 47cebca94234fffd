"""The public pages of the government bodies on the deployment (/b/): an index, and one page per
body with what the portal already publishes of it (open calls, results, designations, published
evaluations), read through the same selectors as the public lists, so nothing sealed or in draft
can appear here that does not appear there."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from evaluation.selectors import published_rounds
from kyodo_portal.core.api import opendata
from kyodo_portal.core.page_cache import public_page
from partners.models.bodies import body_by_id
from partners.selectors import body_by_slug, public_bodies
from selection.selectors import open_call_counts_by_body, public_calls_page

# The body's page shows its latest published evaluations; the full list is the evaluations page
# filtered by the body.
EVALUATIONS_SHOWN = 20


@public_page
@require_GET
def body_index(request):
    bodies = public_bodies()
    counts = open_call_counts_by_body()
    # One reverse() for the whole list: the addresses of 1,788 bodies differ only by their slug
    # (a SlugField, safe in a path as it is), and reversing each cost 40 ms of a 70 ms page.
    address = reverse("body_detail", args=["slug"]).removesuffix("slug/")
    groups: list[dict] = []
    for body in bodies:
        entry = {
            "body": body,
            "url": f"{address}{body.slug}/",
            "open_calls": counts.get(body.pk, 0),
        }
        if body.is_prefecture or not groups or groups[-1]["body"].pk != body.prefecture_id:
            groups.append({**entry, "municipalities": []})
        else:
            groups[-1]["municipalities"].append(entry)
    return render(request, "bodies/index.html", {"groups": groups})


@public_page
@require_GET
def body_detail(request, slug: str):
    body = body_by_slug(slug)
    if body is None:
        raise Http404
    rounds = list(published_rounds(body)[: EVALUATIONS_SHOWN + 1])
    context = {
        "body": body,
        "prefecture": body_by_id(body.prefecture_id),
        "municipalities": list(body.municipalities.order_by("code")) if body.is_prefecture else [],
        "rounds": rounds[:EVALUATIONS_SHOWN],
        "more_rounds": len(rounds) > EVALUATIONS_SHOWN,
        # The open-data files that can be cut to one body (the casebook and statistics cannot).
        "datasets": [d for d in opendata.DATASETS.values() if d.by_body],
        **public_calls_page(body),
    }
    return render(request, "bodies/detail.html", context)
