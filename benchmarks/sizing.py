"""National sizing: what a deployment for every prefecture and municipality needs, computed
from a benchmark run's figures and the stated assumptions (run.py writes it into RESULTS.md).

Nothing here is measured: the measurements come in (CPU per request, the bare app's throughput,
bytes per project), the assumptions are written out in ``Assumptions``, and the formulas below
turn them into web nodes, workers and database resources. Change an assumption, and the section
changes with it.
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


@dataclass(frozen=True)
class Measures:
    """The figures of one size of a run that the sizing uses."""

    size: int
    staff_cpu_ms: float  # median over the signed-in pages of their median CPU per request
    public_cpu_ms: float
    sql_ms: float  # median over the pages of the time inside their SQL statements
    bytes_per_project: float
    bare_rps_per_core: float | None = None  # from wrk, when the run had a load phase
    seed_seconds: float | None = None


def measures_from(results: dict[int, dict]) -> Measures | None:
    """The largest size's figures from run.py's results (None when nothing was measured)."""
    if not results:
        return None
    size = max(results)
    result = results[size]
    rows = [row for row in result["pages"] if row.get("cpu_ms") is not None]
    staff = [row["cpu_ms"] for row in rows if row.get("user")]
    public = [
        row["cpu_ms"] for row in rows if not row.get("user") and row.get("min_bare") is not None
    ]
    sql = [row["sql_ms"] for row in rows if row.get("sql_ms") is not None]
    if not staff or not public:
        return None
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
    )


def national_sizing(m: Measures, a: Assumptions = Assumptions()) -> dict:
    """The formulas. Requests at peak come from users × active share × pages per hour, plus the
    public views of the peak hour; each request costs its page's CPU plus the server's own
    (the bare app's CPU per request: all its time is server and framework); web cores are that
    CPU per second over the target utilisation. Workers per core cover the time a request waits
    on the database (sync workers idle while they wait). The database holds the projects ahead
    of growth, keeps its hot share in memory, and needs cores for the requests' time in SQL (an
    upper bound: that time includes the round trips and, on a busy machine, waiting for a
    core)."""
    staff_users = (
        a.prefectures * a.staff_per_prefecture + a.municipalities * a.staff_per_municipality
    )
    signed_in_rps = (
        (staff_users + a.npo_users) * a.peak_hour_active_share * a.requests_per_active_hour / 3600
    )
    public_rps = a.public_views_per_day * a.public_peak_hour_share / 3600
    overhead_ms = 1000 / m.bare_rps_per_core if m.bare_rps_per_core else a.server_overhead_ms
    signed_in_cpu = signed_in_rps * (m.staff_cpu_ms + overhead_ms)
    cpu_per_second = (signed_in_cpu + public_rps * (m.public_cpu_ms + overhead_ms)) / 1000
    web_cores = cpu_per_second / a.cpu_utilisation
    nodes = max(2, math.ceil(web_cores / a.cores_per_node))  # two at least: one may fail
    mean_cpu_ms = (signed_in_rps * m.staff_cpu_ms + public_rps * m.public_cpu_ms) / (
        signed_in_rps + public_rps
    )
    workers_per_core = min(4, max(1, math.ceil((mean_cpu_ms + m.sql_ms) / max(mean_cpu_ms, 0.1))))
    projects_sized = a.projects + a.projects_per_year * a.years_ahead
    database_bytes = m.bytes_per_project * projects_sized
    database_ram = database_bytes * a.hot_share_of_database + 2 * 2**30  # plus the server's own
    total_rps = signed_in_rps + public_rps
    database_cores = max(2, math.ceil(total_rps * m.sql_ms / 1000 / a.cpu_utilisation))
    return {
        "staff users": staff_users,
        "signed-in req/s at peak": round(signed_in_rps, 1),
        "public req/s at peak": round(public_rps, 1),
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
        f"{m.public_cpu_ms:.1f} ms on public pages, {m.sql_ms:.1f} ms inside SQL statements per "
        f"request, {m.bytes_per_project:,.0f} bytes of database per project"
        + (
            f", the bare app at {m.bare_rps_per_core:,.0f} req/s per core"
            if m.bare_rps_per_core
            else ", no load phase (server overhead assumed)"
        )
        + f"{seed}.",
        "",
        "Assumptions (benchmarks/sizing.py, `Assumptions`):",
        "",
    ]
    lines += [f"- {name.replace('_', ' ')}: {value:,}" for name, value in asdict(a).items()]
    lines += ["", "Result:", ""]
    lines += [f"- {name}: {value:,}" for name, value in figures.items()]
    lines.append("")
    return lines
