import pytest

from tests.evaluation.helpers import evaluated_project


@pytest.fixture
def project(office, npo, staff_user, npo_user):
    """A commission project of the office with the NPO as partner, at the evaluation stage."""
    return evaluated_project(office, npo)
