"""Public pages: the published evaluation summaries, readable without signing in."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from evaluation import selectors
from evaluation.permissions import get_published_round_or_404
from kyodo_portal.core.page_cache import public_page
from partners.selectors import body_choice


@public_page
@require_GET
def public_list(request):
    choice = body_choice(request.GET.get("body"))
    rounds = selectors.published_rounds(choice.selected)
    page = Paginator(rounds, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/public_list.html",
        {"page": page, "body_choice": choice},
        status=400 if choice.unknown else 200,
    )


@public_page
@require_GET
def public_detail(request, pk: int):
    round_ = get_published_round_or_404(pk)
    return render(request, "evaluation/public_detail.html", selectors.public_summary(round_))
