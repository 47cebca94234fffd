"""The smoke subset: a few representative tests of each kind — public and signed-in pages, the
API and an open-data CSV streamed in chunks, services that lock rows, a race between two
transactions, the reminder sweep, a background export, login lockout and the health check.

They carry the ``smoke`` marker (tests/conftest.py), so ``pytest -m smoke`` runs them; the
PgBouncer test runs them through a real PgBouncer in transaction pooling mode. A renamed test
must be renamed here too: the marker test fails on a name that matches nothing.
"""

SMOKE_TESTS = (
    "tests/casebook/test_pages.py::test_public_pages_open_without_login_with_one_h1_and_bounded_queries",
    "tests/projects/test_views_access.py::test_missing_project_is_404_like_a_forbidden_one",
    "tests/projects/test_views_access.py::test_list_pages",
    "tests/projects/test_agreement.py::test_both_sides_confirm_the_same_version",
    "tests/api/test_public.py::test_public_call_lists_published_calls_with_criteria_and_timeline",
    "tests/api/test_open_data.py::test_csv_values",
    "tests/kyodo_portal/test_reminders.py::test_sweep_twice_records_and_sends_once",
    "tests/kyodo_portal/test_reminders.py::test_two_workers_racing_send_once",
    "tests/evaluation/test_services.py::test_round_unseals_when_both_sides_have_submitted",
    "tests/evaluation/test_dashboard.py::test_results_excel_beyond_the_row_limit_is_built_in_the_background",
    "tests/selection/test_services.py::test_staff_drafts_and_publishes_a_call",
    "tests/partners/test_directory.py::test_directory_page_filters_and_keeps_the_query",
    "tests/kyodo_portal/test_healthz.py::test_healthy_reports_database_ok",
    "tests/kyodo_portal/test_lockout.py::test_five_failures_from_one_address_lock_that_account_from_that_address_only",
)
