# ruff: noqa: E501
"""Demo partner selection: a call in each state, applications, a recusal, scores, a designation.

Run by ``manage.py seed_demo`` after ``devdata.demo.partners`` and ``devdata.demo.projects``; the pieces it is
built from are in ``parts``. Everything is keyed by title (projects, calls) or natural keys
(applications, seats, scores), and dates are anchored to today in Tokyo, so a second run on the
same day converges to exactly the same data. The projects here are this module's own, created at
the partner-selection stage. Sentences are kept whole on one line each, hence the E501 exemption.
"""

from __future__ import annotations

import datetime

from devdata.demo.selection.parts import (
    _application,
    _at,
    _call,
    _choose,
    _declare,
    _project,
    _reach,
    _reviewers,
    _score,
    _seat,
)
from selection.models import Application, Call, CallRevision, CommitteeMember, Designation
from selection.services import call_snapshot, designation_create


def seed(context: dict) -> dict:
    organizations, people = context["organizations"], context["people"]
    pref, city = organizations["pref"], organizations["saitama_city"]
    staff, city_staff, reviewer = people["staff"], people["city_staff"], people["reviewer"]
    npo_author, npo2_author = people["npo"], people["npo2"]
    hidamari, arakawa, bousai = (
        organizations["hidamari"],
        organizations["arakawa"],
        organizations["bousai"],
    )
    tabunka, minuma = organizations["tabunka"], organizations["minuma"]
    kato, mori = _reviewers()

    basics = {
        "background": "地域の担い手が高齢化し、行政だけでは細やかな対応が難しくなっている。",
        "beneficiaries": "地域の住民",
        "outcome_targets": "参加者 年間延べ1,000人／参加者満足度80%以上",
        "budget": 2_000_000,
    }

    # 1. Draft: the office is still writing the call.
    p1 = _project(
        "見沼田んぼの環境学習プログラム",
        pref,
        staff,
        purpose="小学生が見沼田んぼで米づくりと生きもの調査を体験し、地域の自然を守る担い手を育てる。",
        **basics,
    )
    c1 = _call(p1, "見沼田んぼの環境学習プログラム 協働相手の公募", Call.Status.DRAFT, 45)
    _seat(c1, reviewer, CommitteeMember.Category.GOVERNMENT)

    # 2. Open: accepting applications; corrected once (revision 2) with a public notice.
    p2 = _project(
        "子育て世帯の防災ワークショップ",
        city,
        city_staff,
        purpose="乳幼児のいる世帯が、災害時に必要な備えと避難の方法を親子で学べる機会をつくる。",
        **basics,
    )
    c2 = _call(
        p2, "子育て世帯の防災ワークショップ 協働相手の公募", Call.Status.OPEN, 20, revision=2
    )
    _reach(c2, Call.Status.OPEN)
    CallRevision.objects.update_or_create(
        call=c2,
        number=2,
        defaults={
            "notice": "応募説明会の日程を選定方法の補足に追記しました。選定基準と配点に変更はありません。",
            "changes": [{"label": "選定方法の補足", "before": "—", "after": c2.method_notes}],
            "snapshot": call_snapshot(c2),
            "published_at": c2.published_at + datetime.timedelta(days=3),
            "published_by": city_staff,
        },
    )
    _application(
        c2,
        hidamari,
        npo_author,
        Application.Status.SUBMITTED,
        "親子で学ぶ「おうち防災」講座",
        "子育て広場3か所で、月1回の親子防災講座を開きます。非常持ち出し袋づくりと、ベビーカーでの避難体験を行います。",
        1_800_000,
    )
    _application(
        c2,
        bousai,
        None,
        Application.Status.DRAFT,
        "子育て世帯向け避難所体験",
        "（下書き）避難所での授乳・おむつ替えスペースの設営体験を企画中。",
        1_500_000,
    )
    for user, category in (
        (reviewer, CommitteeMember.Category.GOVERNMENT),
        (kato, CommitteeMember.Category.ACADEMIC),
    ):
        _seat(c2, user, category)

    # 3. Scoring: the committee is at work; one member declared a conflict with one applicant.
    p3 = _project(
        "外国人住民のための生活ガイドづくり",
        pref,
        staff,
        purpose="外国にルーツを持つ住民が、ごみ出し・医療・防災などの生活情報をやさしい日本語と母語で得られるようにする。",
        **basics,
    )
    c3 = _call(p3, "外国人住民のための生活ガイドづくり 協働相手の公募", Call.Status.SCORING, -5)
    _seat(c3, kato, CommitteeMember.Category.ACADEMIC, chair=True, consent=True)
    _seat(c3, mori, CommitteeMember.Category.INTERMEDIARY)
    _seat(c3, reviewer, CommitteeMember.Category.GOVERNMENT)
    _reach(c3, Call.Status.SCORING)
    a31 = _application(
        c3,
        tabunka,
        None,
        Application.Status.SUBMITTED,
        "やさしい日本語と7言語の生活ガイド",
        "日本語教室の学習者と一緒に、生活の場面ごとのガイドを作り、教室と地域の集会所で配布・説明します。",
        1_900_000,
    )
    a32 = _application(
        c3,
        hidamari,
        npo_author,
        Application.Status.SUBMITTED,
        "外国にルーツを持つ親子の子育てガイド",
        "子育て広場を利用する外国籍の保護者と、健診・予防接種・保育園の手続のガイドを作ります。",
        1_600_000,
    )
    a33 = _application(
        c3,
        bousai,
        None,
        Application.Status.SUBMITTED,
        "多言語の防災ガイドと避難訓練",
        "防災マップを多言語化し、外国人住民が参加する避難訓練を2回行います。",
        2_000_000,
    )
    _score(
        a31,
        kato,
        [5, 4, 5, 5, 4],
        [
            "当事者と作る点が地域課題に直結している。",
            "教室の実績から実施体制は確か。",
            "学習者が作り手になる発想が独自。",
            "行政の窓口情報と教室の経験が補い合う。",
            "教室の教材として継続利用できる。",
        ],
    )
    _score(
        a32,
        kato,
        [4, 4, 3, 4, 3],
        [
            "対象が子育て世帯に限られるが必要性は高い。",
            "計画は具体的。",
            "既存ガイドの翻訳に近い部分がある。",
            "保健センターとの連携が期待できる。",
            "改訂の体制を示してほしい。",
        ],
    )
    _score(
        a33,
        kato,
        [4, 3, 3, 4, 4],
        [
            "防災は優先度が高い。",
            "翻訳体制の説明が不足。",
            "訓練と組み合わせた点は評価できる。",
            "消防・自治会との連携が見込める。",
            "訓練の継続計画がある。",
        ],
    )
    _score(
        a31,
        mori,
        [5, 5, 4, 4, 4],
        [
            "必要性が高い。",
            "経費の積算が妥当。",
            "当事者参加が特色。",
            "市町村の窓口との連携計画が明確。",
            "教室の活動として継続できる。",
        ],
    )
    _declare(a32, mori, "ひだまり子育てネットの理事を務めているため。")
    _declare(a31, reviewer)
    _score(
        a31,
        reviewer,
        [4, 4, 4, 5, 4],
        [
            "生活全般を扱う点がよい。",
            "スケジュールが具体的。",
            "学習者参加型は他に例が少ない。",
            "県の多文化共生施策と合う。",
            "教材化で継続性がある。",
        ],
    )
    # The demo reviewer still has a32 (declare) and a33 (declare and score) to do.

    # 4. Decided, not yet published.
    p4 = _project(
        "川辺の外来植物調査と駆除ボランティア",
        pref,
        staff,
        purpose="荒川流域の外来植物の分布を調べ、住民ボランティアと計画的に駆除する。",
        **basics,
    )
    c4 = _call(p4, "川辺の外来植物調査と駆除ボランティア 協働相手の公募", Call.Status.SCORING, -30)
    _seat(c4, kato, CommitteeMember.Category.ACADEMIC, chair=True)
    _seat(c4, reviewer, CommitteeMember.Category.GOVERNMENT)
    _reach(c4, Call.Status.SCORING)
    a41 = _application(
        c4,
        arakawa,
        npo2_author,
        Application.Status.SUBMITTED,
        "荒川みどりの外来植物マップ",
        "毎月の清掃活動に合わせて分布調査を行い、マップを作って駆除の優先区域を決めます。",
        1_700_000,
    )
    a42 = _application(
        c4,
        minuma,
        None,
        Application.Status.SUBMITTED,
        "見沼から荒川へ 外来植物の学習会",
        "見沼での保全経験を生かし、駆除と学習会を組み合わせて行います。",
        1_200_000,
    )
    _score(
        a41,
        kato,
        [5, 5, 3, 4, 5],
        [
            "流域全体を対象にしている。",
            "20年の活動実績がある。",
            "調査手法は標準的。",
            "県の河川管理と補い合える。",
            "毎月の活動に組み込まれている。",
        ],
    )
    _score(
        a41,
        reviewer,
        [4, 5, 4, 4, 5],
        [
            "必要性が高い。",
            "体制が確か。",
            "マップの公開が工夫。",
            "協働の効果が見込める。",
            "継続性が高い。",
        ],
    )
    _score(
        a42,
        kato,
        [4, 3, 4, 3, 3],
        [
            "学習会の視点がよい。",
            "流域での活動経験が少ない。",
            "見沼との比較は独自。",
            "連携先の説明が少ない。",
            "継続の体制を示してほしい。",
        ],
    )
    _score(
        a42,
        reviewer,
        [3, 3, 4, 3, 3],
        [
            "対象地域が限られる。",
            "人員が少ない。",
            "学習会の組み立ては独自。",
            "効果は限定的。",
            "単年度の計画。",
        ],
    )
    reason4 = "流域全体を対象とした調査計画と、毎月の清掃活動に組み込んだ実施体制を評価した。"
    Call.objects.filter(pk=c4.pk).update(
        chosen_application=a41,
        decision_reason=reason4,
        committee_summary="どちらも河川環境への熱意がある提案だった。",
        decided_by=staff,
        decided_at=_at(-8),
    )
    _reach(c4, Call.Status.DECIDED)
    _choose(c4, a41, staff, reason4)

    # 5. Decided and published, with the ranking and the reasons on the public page.
    p5 = _project(
        "子ども食堂のネットワークづくり",
        city,
        city_staff,
        purpose="市内の子ども食堂が食材・ボランティア・衛生管理の情報を共有できるネットワークをつくる。",
        **basics,
    )
    c5 = _call(p5, "子ども食堂のネットワークづくり 協働相手の公募", Call.Status.SCORING, -60)
    _seat(c5, kato, CommitteeMember.Category.ACADEMIC, chair=True, consent=True)
    _seat(c5, mori, CommitteeMember.Category.INTERMEDIARY)
    _seat(c5, reviewer, CommitteeMember.Category.GOVERNMENT)
    _reach(c5, Call.Status.SCORING)
    a51 = _application(
        c5,
        hidamari,
        npo_author,
        Application.Status.SUBMITTED,
        "子ども食堂つながりネット",
        "市内の子ども食堂の連絡会を立ち上げ、食材の融通と衛生講習を行います。",
        1_900_000,
    )
    a52 = _application(
        c5,
        minuma,
        None,
        Application.Status.SUBMITTED,
        "田んぼから食堂へ",
        "見沼田んぼで収穫した米を子ども食堂に届ける仕組みをつくります。",
        800_000,
    )
    _application(
        c5,
        tabunka,
        None,
        Application.Status.WITHDRAWN,
        "多文化の子ども食堂",
        "（取り下げ）",
        1_000_000,
    )
    _score(
        a51,
        kato,
        [5, 4, 4, 5, 4],
        [
            "市全域の課題に応える。",
            "実施体制は具体的。",
            "連絡会の運営に工夫がある。",
            "市の衛生部門との連携が明確。",
            "会費制での継続を計画。",
        ],
    )
    _score(
        a51,
        reviewer,
        [4, 4, 4, 5, 5],
        [
            "必要性が高い。",
            "計画が具体的。",
            "既存の取組を生かす。",
            "協働の効果が大きい。",
            "継続の見通しがある。",
        ],
    )
    _declare(a51, mori, "ひだまり子育てネットの理事を務めているため。")
    _score(
        a52,
        kato,
        [4, 3, 5, 3, 3],
        [
            "食の循環の発想がよい。",
            "物流の計画が不足。",
            "田んぼと食堂をつなぐ点が独自。",
            "行政の役割が不明確。",
            "収穫量に左右される。",
        ],
    )
    _score(
        a52,
        mori,
        [4, 3, 5, 3, 2],
        [
            "地域性が高い。",
            "人員が少ない。",
            "独自性が高い。",
            "連携先が限られる。",
            "単年度の計画。",
        ],
    )
    _score(
        a52,
        reviewer,
        [3, 3, 4, 3, 3],
        ["対象が限られる。", "実施体制に課題。", "発想はよい。", "効果は限定的。", "継続に課題。"],
    )
    reason5 = "市内全域の子ども食堂を結ぶ連絡会の計画が具体的で、衛生講習を含む実施体制が確かなことを評価した。"
    Call.objects.filter(pk=c5.pk).update(
        chosen_application=a51,
        decision_reason=reason5,
        committee_summary="見沼たんぼ応援隊の提案は独自性が高く、次年度以降の連携を期待する。",
        decided_by=city_staff,
        decided_at=_at(-35),
        results_published_at=_at(-30),
    )
    _reach(c5, Call.Status.PUBLISHED)
    _choose(c5, a51, city_staff, reason5)

    # 6. A designated partner (特命), justification published.
    p6 = _project(
        "災害ボランティアセンター運営訓練",
        city,
        city_staff,
        purpose="大規模災害に備え、災害ボランティアセンターの立ち上げと運営を訓練する。",
        **basics,
    )
    if not Designation.objects.filter(project=p6).exists():
        designation_create(
            project=p6,
            by=city_staff,
            organization=bousai,
            route=Designation.Route.DESIGNATED,
            justification="災害ボランティアセンターの運営訓練を県内で継続して企画・実施してきた団体は他になく、発災時の即応体制を短期間で整える必要があるため。",
        )

    calls = {"draft": c1, "open": c2, "scoring": c3, "decided": c4, "published": c5}
    return {"selection_calls": calls}
