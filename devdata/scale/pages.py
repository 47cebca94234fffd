"""The pages the benchmark drives, with a sample object of each kind."""

from django.urls import reverse
from django.utils.http import urlencode

from evaluation.models import EvaluationRound
from partners.models import User
from projects.choices import Method, Stage
from projects.models import Project
from selection.models import Call

BENCH_STAFF, BENCH_MANAGER = "bench_staff", "bench_manager"
# Targets from the issue: throughput as a share of the bare Django app in the same run
# (min_bare), and the median CPU time of one request in process (max_cpu_ms); the harness adds
# p99 < 250 ms for every page.
PUBLIC = {"target": ">= 25% of bare", "min_bare": 0.25}
STAFF_PAGE = {"target": ">= 5% of bare, CPU <= 8 ms", "min_bare": 0.05, "max_cpu_ms": 8}
DASHBOARD = {"target": ">= 5% of bare", "min_bare": 0.05}


def list_filter(office) -> dict[str, str]:
    """The filtered list's stage and method, taken from the office's own projects so that the
    list has rows at every size: a fixed pair (say implementation by commission) is empty for
    some offices when the projects are spread over many bodies, and an empty list skips fetching
    its rows, which would hide what the filtered list costs and change its query count.

    The office's first project in implementation with a method, else its first project with a
    method; the fixed pair only when the office has no project with a method at all."""
    with_method = Project.objects.filter(owner_office=office).exclude(method="").order_by("pk")
    sample = (
        with_method.filter(stage=Stage.IMPLEMENTATION).values("stage", "method").first()
        or with_method.values("stage", "method").first()
    )
    if sample is None:
        return {"stage": Stage.IMPLEMENTATION.value, "method": Method.COMMISSION.value}
    return {"stage": sample["stage"], "method": sample["method"]}


def benchmark_pages() -> list[dict]:
    """The main pages, with a sample object of each kind, for the harness and the query tests."""
    from casebook.models import Case

    staff = User.objects.get(username=BENCH_STAFF)
    office = staff.memberships.get().organization
    result = [
        {"name": "healthz/live", "path": "/healthz/live"},
        {"name": "healthz", "path": "/healthz"},
        {"name": "landing (public)", "path": "/", **PUBLIC},
        {"name": "casebook index (public)", "path": reverse("casebook:index"), **PUBLIC},
        {
            "name": "casebook case (public)",
            "path": reverse(
                "casebook:case_detail", args=[Case.objects.order_by("number")[6].number]
            ),
            **PUBLIC,
        },
        # Its groups show their newest rows whatever the number of calls (8,300 at 100,000).
        {"name": "calls and results (public)", "path": reverse("selection:public_calls"), **PUBLIC},
    ]
    call = Call.objects.filter(status=Call.Status.PUBLISHED).order_by("pk").first()
    if call:
        result.append(
            {
                "name": "call result (public)",
                "path": reverse("selection:public_call_detail", args=[call.pk]),
                **PUBLIC,
            }
        )
    result += [
        {
            "name": "project list",
            "path": reverse("projects:project_list"),
            "user": BENCH_STAFF,
            **STAFF_PAGE,
        },
        {
            "name": "project list, filtered",
            "path": reverse("projects:project_list") + "?" + urlencode(list_filter(office)),
            "user": BENCH_STAFF,
            **STAFF_PAGE,
        },
    ]
    for stage in Stage:
        project = Project.objects.filter(owner_office=office, stage=stage).order_by("pk").first()
        if project:
            result.append(
                {
                    "name": f"project detail: {stage.value}",
                    "path": reverse("projects:project_detail", args=[project.pk]),
                    "user": BENCH_STAFF,
                    **STAFF_PAGE,
                }
            )
    agreed = (
        Project.objects.filter(
            owner_office=office, stage=Stage.IMPLEMENTATION, agreement__isnull=False
        )
        .order_by("pk")
        .first()
    )
    if agreed:
        result.append(
            {
                "name": "agreement",
                "path": reverse("projects:agreement", args=[agreed.pk]),
                "user": BENCH_STAFF,
                **STAFF_PAGE,
            }
        )
    round_ = (
        EvaluationRound.objects.filter(project__owner_office=office, unsealed_at__isnull=False)
        .order_by("pk")
        .first()
    )
    if round_:
        result.append(
            {
                "name": "evaluation exchange",
                "path": reverse("evaluation:exchange", args=[round_.pk]),
                "user": BENCH_STAFF,
                **STAFF_PAGE,
            }
        )
    dashboard = reverse("evaluation:dashboard")
    fiscal_year = (
        Project.objects.order_by("-fiscal_year_start")
        .values_list("fiscal_year_start", flat=True)
        .first()
    )
    result += [
        {"name": "dashboard", "path": dashboard, "user": BENCH_MANAGER, **DASHBOARD},
        {
            "name": "dashboard, filtered",
            "path": f"{dashboard}?method=commission&fiscal_year={fiscal_year}",
            "user": BENCH_MANAGER,
            "target": "p99 < 1 s (cold)",
        },
        {
            "name": "NPO directory search",
            "path": reverse("partners:directory") + "?" + urlencode({"q": "子育て"}),
            "user": BENCH_STAFF,
            **STAFF_PAGE,
        },
    ]
    return result
