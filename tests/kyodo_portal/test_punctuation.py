"""Punctuation between the pieces of a page follows the reader's language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from kyodo_portal.core.punctuation import join_list, punctuate


@pytest.mark.parametrize(
    ("marks", "english"),
    [
        ("：", ": "),
        ("（", " ("),
        ("）", ")"),
        ("、", ", "),
        ("・", " · "),
        ("「", "“"),
        ("）・", ") · "),
    ],
)
def test_japanese_marks_keep_their_form_in_japanese_and_take_the_english_one_in_english(
    marks, english
):
    assert punctuate(marks, "ja") == marks
    assert punctuate(marks, "en") == english


def test_lists_join_with_the_readers_separator():
    assert join_list(["行政", "NPO"], "ja") == "行政、NPO"
    assert join_list(["Government", "NPO"], "en") == "Government, NPO"
    assert join_list(["行政（担当課）", "NPO"], "ja", separator="・") == "行政（担当課）・NPO"
    assert join_list(["Government", "NPO"], "en", separator="・") == "Government, NPO"


def test_the_template_tag_follows_the_active_language():
    template = Template('{% load portal %}A{% punct "（" %}B{% punct "）" %}{{ names|join_list }}')
    context = Context({"names": ["x", "y"]})
    with translation.override("ja"):
        assert template.render(context) == "A（B）x、y"
    with translation.override("en"):
        assert template.render(context) == "A (B)x, y"


def test_home_page_reads_membership_in_each_language(client, staff_user):
    client.force_login(staff_user)
    japanese = client.get("/home/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "所属：" in japanese
    client.cookies["django_language"] = "en"
    english = client.get("/home/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Membership: " in english
    assert "：" not in english
