"""Demo proposals (協働提案): a draft, one under consultation, one adopted, one declined."""

from __future__ import annotations

from devdata.demo.project_steps import (
    _fields,
)
from projects import services
from projects.models import Proposal


def seed_proposals(people, organizations, city_staff, staff) -> dict[str, Proposal]:
    npo, npo2 = people["npo"], people["npo2"]
    pref, city = organizations["pref"], organizations["saitama_city"]
    hidamari, arakawa = organizations["hidamari"], organizations["arakawa"]
    result: dict[str, Proposal] = {}

    def get_or_build(
        key, title, organization, by, office, field_numbers=(), **values
    ) -> tuple[Proposal, bool]:
        proposal = Proposal.objects.filter(title=title, organization=organization).first()
        if proposal is not None:
            result[key] = proposal
            return proposal, False
        proposal = services.proposal_create(
            by=by,
            organization=organization,
            values={"addressed_office": office, "title": title, **values},
            fields=_fields(*field_numbers),
        )
        result[key] = proposal
        return proposal, True

    get_or_build(
        "draft",
        "父親の育児参加講座",
        hidamari,
        npo,
        pref,
        field_numbers=(13, 12),
        issue="父親が育児に関わるきっかけが少なく、母親に負担が偏っている。",
        purpose="父親が地域の子育てにつながり、母親の負担が偏らない家庭を増やす。",
        idea="土曜日に父子で参加できる講座を年6回開く。",
        beneficiaries="乳幼児の父親",
        proposed_method="co_hosting",
        rough_budget=300_000,
    )

    proposal, created = get_or_build(
        "submitted",
        "小学校向け水辺の環境学習プログラム",
        arakawa,
        npo2,
        pref,
        field_numbers=(7, 2),
        issue="学校が校外学習で川を使いたくても、安全管理と指導者の確保が難しい。",
        purpose="県東部の子どもたちが、身近な川の自然を安全に学べる機会を広げる。",
        idea="団体の指導者が学校に出向き、事前授業と川での観察をセットで行う。",
        beneficiaries="県東部の小学4年生",
        expected_outcomes="年10校・延べ600人が参加",
        proposed_method="commission",
        government_roles="学校との日程調整\n参加児童の保険の手配",
        npo_roles="事前授業と川での観察の指導\n当日の安全管理",
        rough_budget=1_200_000,
    )
    if created:
        services.proposal_submit(proposal=proposal, by=npo2)
        services.proposal_comment(
            proposal=proposal,
            by=staff,
            body="ご提案ありがとうございます。安全管理の体制（指導者1人あたりの児童数）を教えてください。",
        )
        services.proposal_comment(
            proposal=proposal,
            by=npo2,
            body="指導者1人につき児童8人までとし、救命講習の修了者を必ず配置します。",
        )

    proposal, created = get_or_build(
        "adopted",
        "多世代交流の子育てサロン",
        hidamari,
        npo,
        city,
        field_numbers=(13, 3),
        issue="子育て中の親が地域の高齢者と関わる機会がなく、見守りの目が少ない。",
        purpose="親子と高齢者が顔見知りになり、地域で子育てを見守る関係をつくる。",
        idea="地域の集会所で、親子と高齢者がいっしょに過ごすサロンを月2回開く。",
        beneficiaries="乳幼児親子と地域の高齢者",
        expected_outcomes="月2回・延べ480人の参加／顔見知りが増えたと答える人 70%",
        proposed_method="cooperation",
        government_roles="集会所の確保\n自治会への周知",
        npo_roles="サロンの企画と運営",
        shared_roles="参加者の声を聞く振り返り会",
        rough_budget=800_000,
    )
    if created:
        services.proposal_submit(proposal=proposal, by=npo)
        services.proposal_comment(
            proposal=proposal, by=city_staff, body="自治会との連携の見込みを伺えますか。"
        )
        services.proposal_comment(
            proposal=proposal, by=npo, body="2つの自治会から協力の内諾を得ています。"
        )
        services.proposal_adopt(
            proposal=proposal, by=city_staff, comment="事前協議を経て採択しました。"
        )
        proposal.refresh_from_db()

    proposal, created = get_or_build(
        "declined",
        "河川敷バーベキュー場の清掃委託",
        arakawa,
        npo2,
        city,
        issue="休日のバーベキュー場にごみが残される。",
        idea="団体が毎週末に清掃とマナーの呼びかけを行う。",
        proposed_method="commission",
        rough_budget=900_000,
    )
    if created:
        services.proposal_submit(proposal=proposal, by=npo2)
        services.proposal_decline(
            proposal=proposal,
            by=city_staff,
            reason=(
                "バーベキュー場の管理は来年度から指定管理者が行うことが決まっており、"
                "清掃はその業務に含まれるため、今回は協働事業としての実施を見送ります。"
                "マナー啓発については、情報交換会で改めてご相談させてください。"
            ),
        )
    return result
