"""National sizing: what a deployment for every prefecture and municipality needs, computed
from a benchmark run's figures and the stated assumptions (run.py writes it into RESULTS.md).

Nothing here is measured: the measurements come in (CPU per request, the bare app's throughput,
bytes per project), the assumptions are written out in ``Assumptions``, and the formulas below
turn them into web nodes, workers and database resources. Change an assumption, and the section
changes with it.

CPU per request is a read mix, not the repeat view alone. The harness measures each page twice:
served (a repeat view, from the page's stored copy where it has one) and built (the first view
after a change, with the copies turned off). A copy serves only until a write moves on a
generation it depends on, so a share of the views at peak are first views and cost the built
figure; the shares are assumptions (``first_view_share_*``), stated in the section.
"""

import math
import statistics
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Assumptions:
    prefectures: int = 47
    municipalities: int = 1_741
    staff_per_prefecture: int = 150  # officials who use the portal in one prefecture
    staff_per_municipality: int = 15
    npo_users: int = 50_000  # one active member per NPO (the 1,000,000-project seed has 50,000)
    peak_hour_active_share: float = 0.3  # of all signed-in users, active in the busiest hour
    requests_per_active_hour: int = 60  # pages an active user opens in that hour (one a minute)
    public_views_per_day: int = 2_000_000  # anonymous pages (landing, casebook, call results)
    public_peak_hour_share: float = 0.1  # of a day's public views, in the busiest hour
    projects: int = 1_000_000  # ten fiscal years nationwide
    projects_per_year: int = 100_000  # growth the database is sized for
    years_ahead: int = 5
    cpu_utilisation: float = 0.5  # at peak, leaving room for a node to fail and for spikes
    cores_per_node: int = 4
    server_overhead_ms: float = 0.5  # gunicorn and HTTP per request when no bare run measured
    hot_share_of_database: float = 0.3  # pages' working set that should stay in memory
    # The read mix: the share of views at peak that are first views after a change, built afresh
    # (the built CPU) rather than served from a page copy (the served CPU).
    # Signed-in pages are copied per person and per body's generation: every write to a project of
    # the reader's body builds them again, and at peak the officials of a body are the ones
    # writing; about every other view follows a change.
    first_view_share_signed_in: float = 0.5
    # Public copies hold generations that a write anywhere in the country moves on (a project,
    # call or evaluation), several times a second at peak: most public views are first views.
    # (The casebook's pages follow only the casebook and keep their copies; the share is left at
    # the figure for the pages that follow everything, which is on the safe side.)
    first_view_share_public: float = 0.8


@dataclass(frozen=True)
class Measures:
    """The figures of one size of a run that the sizing uses."""

    size: int
    staff_cpu_ms: float  # median over the signed-in pages of their median CPU per request, served
    public_cpu_ms: float
    sql_ms: float  # median over the pages of the time inside their SQL statements, served
    bytes_per_project: float
    bare_rps_per_core: float | None = None  # from wrk, when the run had a load phase
    seed_seconds: float | None = None
    # The same medians with the page copies turned off (the first view after a change); None
    # when the run has no built figures, and then the served ones stand in (the section says so).
    staff_built_cpu_ms: float | None = None
    public_built_cpu_ms: float | None = None
    sql_built_ms: float | None = None

    @property
    def has_built(self) -> bool:
        return self.staff_built_cpu_ms is not None and self.public_built_cpu_ms is not None


def mixed(served: float, built: float | None, first_view_share: float) -> float:
    """A request's cost under the read mix: first views cost the built figure, repeat views the
    served one (the served figure alone when there is no built one)."""
    if built is None:
        return served
    return (1 - first_view_share) * served + first_view_share * built


def measures_from(results: dict[int, dict]) -> Measures | None:
    """The largest size's figures from run.py's results (None when nothing was measured)."""
    if not results:
        return None
    size = max(results)
    result = results[size]
    rows = [row for row in result["pages"] if row.get("cpu_ms") is not None]
    staff_rows = [row for row in rows if row.get("user")]
    public_rows = [row for row in rows if not row.get("user") and row.get("min_bare") is not None]
    staff = [row["cpu_ms"] for row in staff_rows]
    public = [row["cpu_ms"] for row in public_rows]
    sql = [row["sql_ms"] for row in rows if row.get("sql_ms") is not None]
    if not staff or not public:
        return None

    def median_of(column: str, of: list[dict]) -> float | None:
        values = [row[column] for row in of if row.get(column) is not None]
        return statistics.median(values) if values else None

    data = result["data"]
    bare = result.get("bare")
    return Measures(
        size=size,
        staff_cpu_ms=statistics.median(staff),
        public_cpu_ms=statistics.median(public),
        sql_ms=statistics.median(sql) if sql else 0.0,
        bytes_per_project=data["database bytes"] / max(1, data["projects"]),
        bare_rps_per_core=bare["rps"] / 2 if bare else None,  # the harness runs on two cores
        seed_seconds=data.get("seed seconds"),
        staff_built_cpu_ms=median_of("cpu_built_ms", staff_rows),
        public_built_cpu_ms=median_of("cpu_built_ms", public_rows),
        sql_built_ms=median_of("sql_built_ms", rows),
    )


def national_sizing(m: Measures, a: Assumptions = Assumptions()) -> dict:
    """The formulas. Requests at peak come from users × active share × pages per hour, plus the
    public views of the peak hour; each request costs its page's CPU under the read mix (the
    first views after a change at the built figure, the others at the served one) plus the
    server's own (the bare app's CPU per request: all its time is server and framework); web
    cores are that CPU per second over the target utilisation. Workers per core cover the time
    a request waits on the database (sync workers idle while they wait). The database holds the
    projects ahead of growth, keeps its hot share in memory, and needs cores for the requests'
    time in SQL under the same mix (an upper bound: that time includes the round trips and, on a
    busy machine, waiting for a core)."""
    staff_users = (
        a.prefectures * a.staff_per_prefecture + a.municipalities * a.staff_per_municipality
    )
    signed_in_rps = (
        (staff_users + a.npo_users) * a.peak_hour_active_share * a.requests_per_active_hour / 3600
    )
    public_rps = a.public_views_per_day * a.public_peak_hour_share / 3600
    overhead_ms = 1000 / m.bare_rps_per_core if m.bare_rps_per_core else a.server_overhead_ms
    staff_cpu_ms = mixed(m.staff_cpu_ms, m.staff_built_cpu_ms, a.first_view_share_signed_in)
    public_cpu_ms = mixed(m.public_cpu_ms, m.public_built_cpu_ms, a.first_view_share_public)
    total_rps = signed_in_rps + public_rps
    first_view_share = (
        signed_in_rps * a.first_view_share_signed_in + public_rps * a.first_view_share_public
    ) / total_rps
    sql_ms = mixed(m.sql_ms, m.sql_built_ms, first_view_share)
    signed_in_cpu = signed_in_rps * (staff_cpu_ms + overhead_ms)
    cpu_per_second = (signed_in_cpu + public_rps * (public_cpu_ms + overhead_ms)) / 1000
    web_cores = cpu_per_second / a.cpu_utilisation
    nodes = max(2, math.ceil(web_cores / a.cores_per_node))  # two at least: one may fail
    mean_cpu_ms = (signed_in_rps * staff_cpu_ms + public_rps * public_cpu_ms) / total_rps
    workers_per_core = min(4, max(1, math.ceil((mean_cpu_ms + sql_ms) / max(mean_cpu_ms, 0.1))))
    projects_sized = a.projects + a.projects_per_year * a.years_ahead
    database_bytes = m.bytes_per_project * projects_sized
    database_ram = database_bytes * a.hot_share_of_database + 2 * 2**30  # plus the server's own
    database_cores = max(2, math.ceil(total_rps * sql_ms / 1000 / a.cpu_utilisation))
    return {
        "staff users": staff_users,
        "signed-in req/s at peak": round(signed_in_rps, 1),
        "public req/s at peak": round(public_rps, 1),
        "signed-in CPU ms per request (read mix)": round(staff_cpu_ms, 2),
        "public CPU ms per request (read mix)": round(public_cpu_ms, 2),
        "SQL ms per request (read mix)": round(sql_ms, 2),
        "server overhead ms per request": round(overhead_ms, 2),
        "web CPU seconds per second at peak": round(cpu_per_second, 2),
        "web cores": round(web_cores, 1),
        "web nodes": nodes,
        "cores per node": a.cores_per_node,
        "workers per core": workers_per_core,
        "workers per node": a.cores_per_node * workers_per_core,
        "database connections (all workers; through PgBouncer)": nodes
        * a.cores_per_node
        * workers_per_core,
        "projects sized for": projects_sized,
        "database GiB": round(database_bytes / 2**30, 1),
        "database RAM GiB": math.ceil(database_ram / 2**30),
        "database cores (upper bound)": database_cores,
    }


def section(m: Measures | None, a: Assumptions = Assumptions()) -> list[str]:
    """RESULTS.md's "National sizing" section, from this run's figures."""
    lines = ["## National sizing", ""]
    if m is None:
        return [*lines, "Not computed: the run measured no CPU per page.", ""]
    figures = national_sizing(m, a)
    seed = f"; seed time {m.seed_seconds:,.0f} s" if m.seed_seconds else ""
    lines += [
        f"Computed by benchmarks/sizing.py from the {m.size:,}-project figures of this run: "
        f"median CPU per request {m.staff_cpu_ms:.1f} ms on signed-in pages and "
        f"{m.public_cpu_ms:.1f} ms on public pages served (repeat views), "
        + (
            f"{m.staff_built_cpu_ms:.1f} ms and {m.public_built_cpu_ms:.1f} ms built afresh "
            "(first views after a change), "
            if m.has_built
            else ""
        )
        + f"{m.sql_ms:.1f} ms inside SQL statements per "
        f"request, {m.bytes_per_project:,.0f} bytes of database per project"
        + (
            f", the bare app at {m.bare_rps_per_core:,.0f} req/s per core"
            if m.bare_rps_per_core
            else ", no load phase (server overhead assumed)"
        )
        + f"{seed}.",
        "",
        (
            "Read mix: a page copy serves only until a write moves on a generation it depends "
            f"on, so {a.first_view_share_signed_in:.0%} of signed-in views and "
            f"{a.first_view_share_public:.0%} of public views at peak are taken to be first "
            "views after a change and cost the built CPU; the rest cost the served CPU "
            "(assumptions `first_view_share_signed_in` and `first_view_share_public`)."
            if m.has_built
            else "Read mix: this run has no built figures, so every view is costed as a repeat "
            "view served from a page copy (optimistic: first views after a change cost more)."
        ),
        "",
        "Assumptions (benchmarks/sizing.py, `Assumptions`):",
        "",
    ]
    lines += [f"- {name.replace('_', ' ')}: {value:,}" for name, value in asdict(a).items()]
    lines += ["", "Result:", ""]
    lines += [f"- {name}: {value:,}" for name, value in figures.items()]
    lines.append("")
    return lines
