"""The NPO directory finds an organisation however the searcher writes the word: okurigana and
notation variants, hiragana or katakana, full- or half-width, and the reading (フリガナ)."""

import pytest
from django.urls import reverse

from partners.models import Organization
from partners.selectors import directory_search
from tests.factories import NpoFactory

pytestmark = pytest.mark.django_db

# (as the NPO wrote it in its profile, as a staff member types it)
VARIANT_PAIRS = [
    ("引継ぎ", "引き継ぎ"),
    ("引き継ぎ", "引継"),
    ("申込み", "申し込み"),
    ("申し込み", "申込"),
    ("取組", "取り組み"),
    ("取組み", "取り組み"),
    ("打合せ", "打ち合わせ"),
    ("受付", "受け付け"),
    ("問合せ", "問い合わせ"),
    ("手続", "手続き"),
    ("取扱い", "取り扱い"),
    ("届出", "届け出"),
    ("見積り", "見積もり"),
    ("振返り", "振り返り"),
    ("話合い", "話し合い"),
    ("立上げ", "立ち上げ"),
    ("聞き取り", "聞取り"),  # no table entry: the general okurigana rule
    ("ボランティア", "ぼらんてぃあ"),
    ("ボランティア", "ﾎﾞﾗﾝﾃｨｱ"),
    ("NPO", "ＮＰＯ"),
    ("2024年度", "２０２４年度"),
    ("子ども・若者", "子ども 若者"),
]


def found(query: str) -> list[str]:
    return [org.name for org in directory_search(keywords=query)]


@pytest.mark.parametrize(("written", "typed"), VARIANT_PAIRS)
def test_each_variant_finds_the_other(written, typed):
    NpoFactory(name="ひばり支援の会", description=f"地域の{written}を担っています")
    NpoFactory(name="関係のない会", description="河川敷の清掃")
    assert found(typed) == ["ひばり支援の会"]
    # And the other way round: the profile written as the searcher typed.
    Organization.objects.all().delete()
    NpoFactory(name="つばめ支援の会", track_record=f"地域の{typed}を担っています")
    assert found(written) == ["つばめ支援の会"]


@pytest.mark.parametrize("query", ["ひだまり", "ヒダマリ", "ﾋﾀﾞﾏﾘ", "ひだまり の いえ"])
def test_the_reading_finds_a_name_written_in_kanji(query):
    NpoFactory(name="陽溜りの家", name_kana="ヒダマリノイエ")
    NpoFactory(name="あおぞらの会", name_kana="アオゾラノカイ")
    assert found(query) == ["陽溜りの家"]


def test_particles_are_not_dropped_so_unrelated_words_stay_apart():
    # 「市の事業」 must not collapse into 「市事業」, nor 「県と市」 into 「県市」.
    NpoFactory(name="市の事業を担う会")
    NpoFactory(name="県と市をつなぐ会")
    assert found("市事業") == []
    assert found("県市") == []


def test_every_keyword_must_match_and_fields_do_not_run_together():
    NpoFactory(name="みどりの会", description="申込みの受付", track_record="清掃")
    assert found("申し込み 受け付け") == ["みどりの会"]
    assert found("申し込み 植樹") == []
    # The end of the description and the start of the track record are not one word.
    assert found("受付清掃") == []


def test_a_profile_update_refreshes_the_search_key():
    npo = NpoFactory(name="ほたるの会", description="川の清掃")
    assert found("見守り") == []
    npo.description = "高齢者の見守り活動"
    npo.save(update_fields=["description"])
    assert found("見守る") == ["ほたるの会"]


def test_the_directory_page_finds_variants_in_bounded_queries(
    client, staff_user, django_assert_max_num_queries
):
    for number in range(8):
        NpoFactory(name=f"支援の会{number}", description="申込みの受付を代行")
    NpoFactory(name="別の会", description="清掃")
    client.force_login(staff_user)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("partners:directory"), {"q": "申し込み"})
    html = response.content.decode()
    assert "支援の会0" in html and "支援の会7" in html
    assert "別の会" not in html


def test_organisations_made_in_bulk_for_the_scale_data_are_searchable():
    from devdata.scale.common import bulk

    bulk(
        Organization,
        [
            Organization(
                kind=Organization.Kind.NPO,
                legal_form=Organization.LegalForm.CITIZEN_GROUP,
                name="大量登録の会",
                description="打合せの記録",
            )
        ],
    )
    assert found("打ち合わせ") == ["大量登録の会"]
