"""Browser journey: the office comments on an NPO's proposal; the NPO member, starting from the
notification list alone, reads the notice and follows it to the comment."""

import re

import pytest
from django.core import mail

from projects import services
from projects.models import ProposalComment
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_npo_follows_the_notice_of_the_offices_comment_to_it(
    page, new_page, office, npo, staff_user, npo_user, password
):
    proposal = services.proposal_submit(
        proposal=services.proposal_create(
            by=npo_user,
            organization=npo,
            values={
                "addressed_office": office,
                "title": "親子の居場所づくり",
                "issue": "相談できる場がない",
                "idea": "週3回の子育て広場",
            },
        ),
        by=npo_user,
    )

    login(page, staff_user.username, password)
    page.goto(f"{page.base_url}{proposal.get_absolute_url()}")
    page.get_by_role("textbox", name=re.compile(r"^コメント")).fill(
        "対象とする地区を教えてください。"
    )
    page.get_by_role("button", name="コメントを投稿する").click()
    page.wait_for_load_state()
    comment = ProposalComment.objects.get(proposal=proposal)
    assert comment.author == staff_user

    npo_page = new_page()
    login(npo_page, npo_user.username, password)
    npo_page.goto(f"{npo_page.base_url}/notifications/")
    notice = npo_page.locator("li", has_text="協働提案「親子の居場所づくり」にコメントがありました")
    assert notice.get_by_text("対象とする地区を教えてください。").is_visible()
    screenshot(npo_page, "notice-of-a-proposal-comment")
    notice.get_by_role("button", name="開く").click()
    npo_page.wait_for_url(re.compile(rf"{proposal.get_absolute_url()}#comment-{comment.pk}$"))
    reply = npo_page.locator(f"#comment-{comment.pk}")
    assert reply.get_by_text("対象とする地区を教えてください。").is_visible()

    # The same notice went out by mail, linking to the same place on the portal's address.
    (sent,) = [m for m in mail.outbox if m.to == [npo_user.email]]
    assert f"{proposal.get_absolute_url()}#comment-{comment.pk}" in sent.body
