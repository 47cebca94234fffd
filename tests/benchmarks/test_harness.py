"""The benchmark harness's own arithmetic: ratios to the two ceilings, the targets, and the
national sizing computed from a run's figures."""

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def load(name: str):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        path = BENCHMARKS / f"{name}.py"
        spec = importlib.util.spec_from_file_location(f"benchmark_{name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


run = load("run")
sizing = load("sizing")


def test_every_page_is_a_share_of_healthz_and_of_the_bare_app():
    rows = [
        {"name": "healthz/live", "rps": 3000.0},
        {"name": "healthz", "rps": 500.0},
        {"name": "landing (public)", "rps": 1250.0},
    ]
    run.add_ratios(rows, bare_rps=5000.0)
    landing = rows[2]
    assert landing["ratio"] == pytest.approx(2.5)
    assert landing["ratio_bare"] == pytest.approx(0.25)
    assert rows[1]["ratio"] == pytest.approx(1.0)
    assert rows[0]["ratio_bare"] == pytest.approx(0.6)


def test_without_a_load_phase_no_ratio_is_made_up():
    rows = [{"name": "healthz"}, {"name": "project list", "cpu_ms": 7.0}]
    run.add_ratios(rows, bare_rps=None)
    assert rows[1]["ratio"] is None and rows[1]["ratio_bare"] is None


@pytest.mark.parametrize(
    ("row", "met"),
    [
        ({"min_bare": 0.25, "ratio_bare": 0.25, "p99_ms": 80.0}, "yes"),
        ({"min_bare": 0.25, "ratio_bare": 0.249, "p99_ms": 80.0}, "no"),
        # Throughput met, but the p99 every page must keep is not.
        ({"min_bare": 0.05, "ratio_bare": 0.2, "p99_ms": 250.0}, "no"),
        # A staff page: its share of bare and its CPU both count.
        ({"min_bare": 0.05, "max_cpu_ms": 8, "ratio_bare": 0.06, "cpu_ms": 8.0}, "yes"),
        ({"min_bare": 0.05, "max_cpu_ms": 8, "ratio_bare": 0.06, "cpu_ms": 8.4}, "no"),
        # In process only (no wrk): the CPU target alone decides.
        ({"min_bare": 0.05, "max_cpu_ms": 8, "ratio_bare": None, "cpu_ms": 21.0}, "no"),
        ({"name": "healthz"}, ""),
    ],
)
def test_target_met(row, met):
    assert run.target_met(row) == met


def test_query_counts_that_grow_with_the_data_fail_the_run():
    def result(queries):
        return {"pages": [{"name": "project list", "queries": queries}]}

    assert run.check_bounded_queries({100_000: result(8), 1_000_000: result(8)}) == []
    assert run.check_bounded_queries({100_000: result(8), 1_000_000: result(9)}) == [
        "project list: 8 at 100,000, 9 at 1,000,000"
    ]


def test_a_page_whose_stored_copy_hides_growing_queries_still_fails_the_run():
    def result(built):
        return {"pages": [{"name": "project list", "queries": 3, "queries_built": built}]}

    assert run.check_bounded_queries({100_000: result(8), 1_000_000: result(8)}) == []
    assert run.check_bounded_queries({100_000: result(8), 1_000_000: result(12)}) == [
        "project list (built): 8 at 100,000, 12 at 1,000,000"
    ]


MEASURES = sizing.Measures(
    size=1_000_000,
    staff_cpu_ms=20.0,
    public_cpu_ms=5.0,
    sql_ms=10.0,
    bytes_per_project=20_000.0,
    bare_rps_per_core=2_000.0,
)
SIMPLE = sizing.Assumptions(
    prefectures=10,
    municipalities=100,
    staff_per_prefecture=100,
    staff_per_municipality=10,
    npo_users=1_000,
    peak_hour_active_share=0.5,
    requests_per_active_hour=36,
    public_views_per_day=360_000,
    public_peak_hour_share=0.1,
    projects=100_000,
    projects_per_year=10_000,
    years_ahead=5,
    cpu_utilisation=0.5,
    cores_per_node=4,
    hot_share_of_database=0.5,
)


def test_national_sizing_follows_its_formula():
    # No built figures in these measures: every view is costed at the served figure.
    figures = sizing.national_sizing(MEASURES, SIMPLE)
    # 10 × 100 + 100 × 10 = 2,000 officials, + 1,000 NPO members; half of them at 36 pages an
    # hour: 15 req/s. Public: 36,000 views in the peak hour: 10 req/s.
    assert figures["staff users"] == 2_000
    assert figures["signed-in req/s at peak"] == 15.0
    assert figures["public req/s at peak"] == 10.0
    # The bare app at 2,000 req/s per core: 0.5 ms of server work on every request.
    assert figures["server overhead ms per request"] == 0.5
    # 15 × 20.5 ms + 10 × 5.5 ms = 362.5 ms of CPU per second, at 50 % utilisation 0.725 cores.
    assert figures["web CPU seconds per second at peak"] == pytest.approx(0.36, abs=0.01)
    assert figures["web cores"] == pytest.approx(0.7, abs=0.05)
    assert figures["web nodes"] == 2  # never fewer than two
    # Mean CPU 14 ms, 10 ms waiting: two sync workers per core keep the core busy.
    assert figures["workers per core"] == 2
    assert figures["database connections (all workers; through PgBouncer)"] == 16
    # 150,000 projects × 20,000 bytes = 2.8 GiB; half of it hot plus 2 GiB.
    assert figures["projects sized for"] == 150_000
    assert figures["database GiB"] == pytest.approx(2.8, abs=0.05)
    assert figures["database RAM GiB"] == 4
    # 25 req/s × 10 ms in SQL = 0.25 s per second, at 50 %: under one core; two at least.
    assert figures["database cores (upper bound)"] == 2


# The same run with the page copies turned off: what the first view after a change costs.
BUILT = sizing.Measures(
    **{
        **MEASURES.__dict__,
        "staff_built_cpu_ms": 40.0,
        "public_built_cpu_ms": 25.0,
        "sql_built_ms": 20.0,
    }
)
MIX = sizing.Assumptions(
    **{**SIMPLE.__dict__, "first_view_share_signed_in": 0.5, "first_view_share_public": 0.2}
)


def test_the_read_mix_costs_first_views_after_a_change_at_the_built_figure():
    figures = sizing.national_sizing(BUILT, MIX)
    # Half the signed-in views built (40 ms), half served (20 ms): 30 ms. A fifth of the public
    # views built (25 ms), the rest served (5 ms): 9 ms.
    assert figures["signed-in CPU ms per request (read mix)"] == 30.0
    assert figures["public CPU ms per request (read mix)"] == 9.0
    # 15 req/s × 30.5 ms + 10 req/s × 9.5 ms = 552.5 ms of CPU per second; at 50 %: 1.1 cores.
    assert figures["web CPU seconds per second at peak"] == pytest.approx(0.55, abs=0.01)
    assert figures["web cores"] == pytest.approx(1.1, abs=0.05)
    # First views: (15 × 0.5 + 10 × 0.2) / 25 = 38 % of requests; SQL 0.62 × 10 + 0.38 × 20.
    assert figures["SQL ms per request (read mix)"] == pytest.approx(13.8)
    # Mean CPU 21.6 ms and 13.8 ms in SQL: two workers per core.
    assert figures["workers per core"] == 2


def test_more_first_views_need_more_cores_and_none_is_the_served_figure_alone():
    def cores(signed_in: float, public: float) -> float:
        shares = {"first_view_share_signed_in": signed_in, "first_view_share_public": public}
        return sizing.national_sizing(BUILT, sizing.Assumptions(**{**MIX.__dict__, **shares}))[
            "web cores"
        ]

    served_only = sizing.national_sizing(MEASURES, SIMPLE)["web cores"]
    assert cores(0.0, 0.0) == served_only
    assert cores(0.0, 0.0) < cores(0.5, 0.2) < cores(1.0, 1.0)
    every_view_built = sizing.national_sizing(
        BUILT,
        sizing.Assumptions(
            **{**MIX.__dict__, "first_view_share_signed_in": 1.0, "first_view_share_public": 1.0}
        ),
    )
    assert every_view_built["signed-in CPU ms per request (read mix)"] == 40.0
    assert every_view_built["public CPU ms per request (read mix)"] == 25.0


def test_the_default_read_mix_is_not_the_served_figure_alone():
    # The stated default shares put first views after a change in the sizing.
    defaults = sizing.Assumptions()
    assert 0 < defaults.first_view_share_signed_in <= 1
    assert 0 < defaults.first_view_share_public <= 1
    assert (
        sizing.national_sizing(BUILT)["web cores"] > sizing.national_sizing(MEASURES)["web cores"]
    )


def test_more_cpu_per_page_means_more_web_nodes():
    light = sizing.national_sizing(MEASURES)
    heavy = sizing.national_sizing(
        sizing.Measures(**{**MEASURES.__dict__, "staff_cpu_ms": MEASURES.staff_cpu_ms * 4})
    )
    assert heavy["web cores"] > 3 * light["web cores"]
    assert heavy["web nodes"] > light["web nodes"]


def test_sizing_section_states_its_assumptions_and_figures():
    text = "\n".join(sizing.section(MEASURES))
    assert "## National sizing" in text
    assert "staff per municipality: 15" in text
    assert "web nodes:" in text
    assert "Not computed" in "\n".join(sizing.section(None))


def test_sizing_section_states_its_read_mix():
    text = "\n".join(sizing.section(BUILT, MIX))
    assert "40.0 ms and 25.0 ms built afresh (first views after a change)" in text
    assert "50% of signed-in views and 20% of public views" in text
    assert "first view share public: 0.2" in text
    assert "signed-in CPU ms per request (read mix): 30.0" in text
    # Without built figures the section says the sizing is the optimistic, served-only one.
    assert "every view is costed as a repeat view" in "\n".join(sizing.section(MEASURES))


def test_measures_come_from_the_largest_size():
    def result(cpu):
        return {
            "pages": [
                {
                    "name": "landing (public)",
                    "min_bare": 0.25,
                    "cpu_ms": 4.0,
                    "sql_ms": 2.0,
                    "cpu_built_ms": 60.0,
                    "sql_built_ms": 5.0,
                },
                {
                    "name": "project list",
                    "user": "bench_staff",
                    "cpu_ms": cpu,
                    "sql_ms": 3.0,
                    "cpu_built_ms": 3 * cpu,
                    "sql_built_ms": 6.0,
                },
                {"name": "healthz", "cpu_ms": 1.0, "sql_ms": 1.0, "cpu_built_ms": 1.0},
            ],
            "data": {"projects": 1_000, "database bytes": 2_000_000},
            "bare": {"rps": 4_000.0},
        }

    measures = sizing.measures_from({1_000: result(30.0), 100_000: result(12.0)})
    assert measures.size == 100_000
    assert measures.staff_cpu_ms == 12.0
    assert measures.public_cpu_ms == 4.0
    assert measures.sql_ms == 2.0  # the median over every page
    assert measures.bytes_per_project == 2_000
    assert measures.bare_rps_per_core == 2_000
    assert measures.staff_built_cpu_ms == 36.0
    assert measures.public_built_cpu_ms == 60.0
    assert measures.sql_built_ms == 5.5  # the median of 5 and 6: the pages that have it


def test_a_new_run_keeps_the_section_kept_between_runs():
    previous = (
        "# Benchmark results\n\nold table\n\n## Kept between runs\n\nseed: 1,000,000 in 3 h\n"
    )
    assert run.kept_section(previous) == ["## Kept between runs", "", "seed: 1,000,000 in 3 h"]
    assert run.kept_section("# Benchmark results\n\nold table\n") == []
