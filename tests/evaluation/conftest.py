import pytest

from projects.choices import Method, Stage
from tests.factories import ProjectFactory, add_partner


@pytest.fixture
def project(office, npo, staff_user, npo_user):
    """A commission project of the office with the NPO as partner, at the evaluation stage."""
    project = ProjectFactory(
        title="子育て広場の運営",
        owner_office=office,
        stage=Stage.EVALUATION,
        method=Method.COMMISSION,
        fiscal_year_start=2025,
        fiscal_year_end=2025,
    )
    add_partner(project, npo)
    return project
