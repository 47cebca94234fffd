"""Japanese search that matches how people write: the shared search key, and the casebook's
keyword search and good-practice filter built on it."""

import pytest
from django.urls import reverse

from casebook.models import Case
from casebook.selectors import search_cases
from kyodo_portal.core.japanese_search import search_key, search_terms, search_text

# Each group is one word as officials write it; every spelling must give the same key.
SPELLINGS = [
    ("引継ぎ", "引き継ぎ", "引継"),
    ("申込み", "申し込み", "申込"),
    ("取組", "取り組み", "取組み"),
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
    ("ボランティア", "ぼらんてぃあ", "ﾎﾞﾗﾝﾃｨｱ"),
    ("NPO", "ＮＰＯ", "npo"),
    ("2024", "２０２４"),
    ("子ども・若者", "子ども 若者", "子ども　若者", "子ども･若者"),
]


@pytest.mark.parametrize("spellings", SPELLINGS)
def test_every_spelling_of_a_word_has_one_key(spellings):
    keys = {search_key(spelling) for spelling in spellings}
    assert len(keys) == 1, keys


def test_the_key_keeps_particles_and_what_is_not_okurigana():
    assert search_key("市の事業") != search_key("市事業")
    assert search_key("市と県") != search_key("市県")
    assert search_key("子ども会") == search_key("子供会")
    assert search_key("") == ""


def test_short_terms_are_not_cut_to_a_single_kanji():
    # 「高い」 must not become 「高」 (every 高齢者 would match); 「見守り」 may become 「見守」.
    assert search_terms("高い") == [("高い", "")]
    assert search_terms("見守り 申し込み") == [("見守り", "見守"), ("申込", "")]
    assert search_terms("　 ") == []


def test_the_stored_text_keeps_fields_apart_and_holds_both_keys():
    stored = search_text("見守り活動", "ヒダマリ")
    assert stored.split("\n") == ["見守り活動", "見守活動", "ひだまり"]


def numbers(cases):
    return [case.number for case in cases]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # The casebook writes 引継ぎ, 申込み, 打合せ, 見積り, 立ち上げ, 取扱い, 振り返り.
        ("引き継ぎ", [11]),
        ("引継", [11]),
        ("申し込み", [7, 8, 17]),
        ("打ち合わせ", [4, 11, 14, 16]),
        ("見積もり", [3]),
        ("立上げ", [6]),
        ("取り扱い", [8]),
        ("ﾘｰﾌﾚｯﾄ", [9]),
        ("りーふれっと", [9]),
        ("ＮＰＯ　引き継ぎ", [11]),
    ],
)
def test_casebook_search_finds_other_spellings(typed, expected):
    assert numbers(search_cases(query=typed)) == expected


@pytest.mark.django_db
def test_a_short_adjective_is_found_only_where_written():
    # 「高い」 is written in a handful of cases; its one-kanji stem 高 is in most of them.
    with_stem = {case.number for case in Case.objects.filter(search_ja__contains="高")}
    found = numbers(search_cases(query="高い"))
    assert found and len(found) < len(with_stem)
    for number in found:
        case = Case.objects.get(number=number)
        text = "".join(getattr(case, f"{f}_ja") for f in ("title", "summary", "story", "problem"))
        assert "高い" in text + case.hints_ja


@pytest.mark.django_db
def test_a_correction_in_the_admin_is_searchable_at_once():
    case = Case.objects.get(number=2)
    case.story_ja += "\n会の後、団体への問い合わせ窓口を決めました。"
    case.save()
    assert 2 in numbers(search_cases(query="問合せ"))


@pytest.mark.django_db
def test_good_practice_cases_are_listed_marked_and_filterable(client):
    html = client.get(reverse("casebook:index")).content.decode()
    assert html.count(">良い実践例</span>") == 4
    assert html.count(">失敗事例</span>") == 13

    response = client.get(reverse("casebook:index"), {"kind": "good_practice"})
    assert numbers(response.context["cases"]) == [14, 15, 16, 17]
    assert '<option value="good_practice" selected>' in response.content.decode()
    response = client.get(reverse("casebook:index"), {"kind": "failure", "method": "commission"})
    assert numbers(response.context["cases"]) == [3, 4, 5, 12]


@pytest.mark.django_db
def test_good_practice_pages_label_their_sections_as_such(client):
    html = client.get(reverse("casebook:case_detail", args=[16])).content.decode()
    assert "何がよかったのか" in html and "取り入れるためのヒント" in html
    assert "何が問題だったのか" not in html
    html = client.get(reverse("casebook:case_detail", args=[7])).content.decode()
    assert "何が問題だったのか" in html and "失敗事例" in html


@pytest.mark.django_db
def test_the_filter_and_badges_read_in_english(client):
    index = reverse("casebook:index")
    response = client.get(index, {"kind": "good_practice"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert ">Good practice</span>" in html and ">Failure story</span>" not in html
    assert '<option value="failure">Failure story</option>' in html
    assert numbers(response.context["cases"]) == [14, 15, 16, 17]


@pytest.mark.django_db
def test_saving_a_case_loaded_in_part_keeps_the_keys_of_its_other_texts():
    case = Case.objects.only("number", "title_ja").get(number=11)
    case.title_ja = "担当者が替わって、関係が振り出しに戻った（訂正）"
    case.save(update_fields=["title_ja"])
    assert 11 in numbers(search_cases(query="引き継ぎ"))  # from the story, not the title
    assert 11 in numbers(search_cases(query="訂正"))
