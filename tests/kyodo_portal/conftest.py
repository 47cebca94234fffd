import datetime

import pytest

from projects.choices import Stage
from tests.factories import ProjectFactory, add_partner

# A multi-year project in fiscal years 2026–2027: its annual review is due on 31 March 2027.
REVIEW_DUE = datetime.date(2027, 3, 31)
FIRST_NOTICE_DAY = REVIEW_DUE - datetime.timedelta(days=30)


@pytest.fixture
def multi_year_project(staff_user, npo, npo_user, office):
    project = ProjectFactory(
        owner_office=office,
        stage=Stage.IMPLEMENTATION,
        fiscal_year_start=2026,
        fiscal_year_end=2027,
        title="見沼田んぼ保全の協働事業",
    )
    add_partner(project, npo)
    return project
