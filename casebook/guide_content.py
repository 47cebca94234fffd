# ruff: noqa: E501
"""The handbook's guidance in the portal's own words, kept as data (ja and en side by side).

This is long prose, not UI strings: it is maintained here rather than in the gettext catalogues so
that a translator sees the Japanese and English of one paragraph together, and so that other apps
(the method-choice screen in projects) can import the same text the guide pages show. Lines are
kept one paragraph each so diffs stay readable; hence the E501 exemption above.

Contract used by other apps (do not change the shape without telling them):
    METHODS[method_value][part][lang]   part in METHOD_PARTS, lang in ("ja", "en")
    PRINCIPLES[principle_value][lang]
    method_guide(method_value, language=None) -> {part: text}
Texts use "\n" between items/paragraphs; render them with |linebreaks or |linebreaksbr.
"""

from __future__ import annotations

from django.utils.translation import get_language

from projects.choices import Method, Principle

# The four headings the handbook gives for each method: 概要, 期待できる成果, 内容・方法, 留意点.
METHOD_PARTS = ("overview", "outcomes", "way_of_working", "cautions")

METHOD_PART_LABELS: dict[str, dict[str, str]] = {
    "overview": {"ja": "概要", "en": "Overview"},
    "outcomes": {"ja": "期待できる成果", "en": "Expected outcomes"},
    "way_of_working": {"ja": "内容・方法", "en": "Way of working"},
    "cautions": {"ja": "留意点", "en": "Points of caution"},
}

METHODS: dict[str, dict[str, dict[str, str]]] = {
    Method.PLANNING_PARTICIPATION.value: {
        "overview": {
            "ja": "行政が政策を立案したり事業を企画したりする段階から、ＮＰＯに加わってもらう方法です。審議会・懇話会の委員としての参加、計画づくりの検討会やワークショップへの参加、団体としての意見書の提出などがこれに当たります。現場で課題に向き合っているＮＰＯの知見や、ＮＰＯが集めた市民の声を、計画の中身に反映させることがねらいです。",
            "en": "The NPO takes part from the stage at which the government drafts a policy or plans a project: as a member of a council or advisory panel, in a planning study group or workshop, or by submitting a written opinion as an organisation. The aim is to build into the plan the field knowledge of NPOs working on the issue and the citizens' voices they gather.",
        },
        "outcomes": {
            "ja": "利用する人の実態に即した、現場で使える計画になります。\n行政だけでは気付きにくい新しい課題やニーズを、早い段階でつかめます。\n企画の段階から関わることで目的が共有され、その後の実施や評価でも協働しやすくなります。\n政策が決まっていく過程が市民に開かれ、行政の説明責任と透明性が高まります。",
            "en": "Plans fit the real situation of the people who will use the service.\nNew issues and needs that the government alone would miss are picked up early.\nBecause the NPO is involved from the planning stage, the purpose is shared, which makes later implementation and evaluation easier to do together.\nThe process by which policy is made is opened to citizens, strengthening accountability and transparency.",
        },
        "way_of_working": {
            "ja": "委員や参加団体の選び方（公募・推薦など）と選定の考え方をあらかじめ決め、公表します。\n会議資料は余裕をもって事前に送り、団体内で意見をまとめる時間を確保します。\n会議の日時は、本業を持ちながら活動する人が多いことを踏まえ、夜間や休日の開催も検討します。\n出された意見がどう扱われたか（反映した・今回は見送った・その理由）を一覧にして、委員に返します。\n謝金や交通費など、参加にかかる負担への配慮を予算に組み込みます。",
            "en": "Decide and publish in advance how members or participating groups are chosen (open call, nomination) and on what basis.\nSend meeting papers well ahead so the NPO has time to consult within the organisation.\nSince many NPO members have other jobs, consider meetings in the evening or at weekends.\nReport back to members, item by item, how their opinions were handled (adopted, not adopted this time, and why).\nBudget for honoraria and travel costs so that taking part is not a burden.",
        },
        "cautions": {
            "ja": "「意見を聞いた」という実績づくりだけの、形式的な参画にしないことが大切です。意見の反映状況を返さなければ、信頼は続きません。\n特定の団体や顔ぶれに偏らないよう、委員の任期や選び方を見直します。\n企画に参画したＮＰＯが、その後の委託先の選定などで有利にも不利にもならないよう、選定の手続きを分けて明確にしておきます。\nＮＰＯの提案やアイデアを行政の計画に取り入れるときは、その出所を明記するなど、提案者への敬意を示します。",
            "en": "Avoid token participation held only so that the government can say it consulted. If members never hear how their input was used, trust does not last.\nReview terms of office and selection so that membership does not settle on the same few groups.\nKeep selection procedures for later contracts separate and clear, so that an NPO that helped plan a project is neither favoured nor penalised when a partner is chosen.\nWhen an NPO's proposal or idea is taken into a government plan, acknowledge where it came from.",
        },
    },
    Method.INFORMATION_EXCHANGE.value: {
        "overview": {
            "ja": "ＮＰＯと行政が、それぞれの持つ情報や課題認識を持ち寄り、互いを知り合う方法です。定例の意見交換会、分野ごとの連絡会議、活動現場の見学、職員とＮＰＯの合同研修、情報誌やウェブサイトでの情報提供などがあります。費用も手続きも比較的少なく、協働の入口として取り組みやすい方法です。",
            "en": "NPOs and the government bring together the information and views each holds and get to know each other: regular exchange meetings, liaison meetings by field, visits to where the NPO works, joint training for staff and NPO members, and information shared through newsletters or websites. It needs relatively little money or procedure and is the easiest way into collaboration.",
        },
        "outcomes": {
            "ja": "互いの特性や仕組み、制約（単年度の予算、意思決定の手続き、ＮＰＯの財政基盤や人手など）への理解が深まります。\n顔の見える関係ができ、次の協働事業の芽が生まれます。\n地域の課題や住民のニーズを、早く、具体的に共有できます。",
            "en": "Each side comes to understand the other's character, systems and constraints (single-year budgets, decision procedures, the NPO's finances and staffing).\nPeople come to know each other by name, and ideas for the next collaborative project emerge.\nLocal issues and residents' needs are shared sooner and more concretely.",
        },
        "way_of_working": {
            "ja": "会の目的とテーマを事前に示し、参加者と共有してから開きます。\n進行役を決め、発言が一部に偏らないようにします。\n記録を作り、参加者の確認を経て公開します。\n出された課題は「行政が持ち帰って検討する」「ＮＰＯ側で検討する」「一緒に検討する」に仕分け、担当と回答の時期を決めて、次の回の冒頭で報告します。",
            "en": "Set out the purpose and theme beforehand and share them with participants before meeting.\nAgree on a facilitator so that a few voices do not dominate.\nKeep minutes, have participants check them, and publish them.\nSort the issues raised into 'the government takes it back to consider', 'the NPOs consider it' and 'we consider it together', name who is responsible and by when, and report back at the start of the next meeting.",
        },
        "cautions": {
            "ja": "目的があいまいなままだと、要望や苦情を述べ合うだけの場になりがちです。\n行政が「聞き置く」だけで終わると、参加する意味が失われます。回答できないことは、できない理由を伝えます。\n参加団体が固定しないよう、新しい団体にも案内を届けます。\n会を開くこと自体が目的にならないよう、年に一度は何が生まれたかを振り返ります。",
            "en": "Without a clear purpose the meeting easily becomes a session for airing requests and complaints.\nIf the government only 'takes note', taking part loses its point. When something cannot be done, say why.\nSend invitations to new groups too, so that the same organisations do not always attend.\nOnce a year, review what the meetings have produced so that holding them does not become the goal.",
        },
    },
    Method.COMMISSION.value: {
        "overview": {
            "ja": "本来、行政が実施主体として責任を持つ事業について、ＮＰＯの専門性やきめ細かさを生かすため、契約によってその実施をＮＰＯに委ねる方法です。事業の最終的な責任は行政に残ります。協働として位置付けるには、単なる発注ではなく、目的の共有と対話が欠かせません。",
            "en": "For a project for which the government is responsible as the implementing body, the government contracts the NPO to carry it out, so as to use the NPO's expertise and attention to detail. Final responsibility stays with the government. To count as collaboration, it has to be more than an order placed: the purpose must be shared and the two sides must talk.",
        },
        "outcomes": {
            "ja": "ＮＰＯの専門性や現場のネットワークを生かした、質の高いサービスが提供できます。\n行政だけでは届きにくい人たちにサービスを届けられます。\nＮＰＯにとっては活動実績と財源になり、組織の基盤強化にもつながります。",
            "en": "A high-quality service that draws on the NPO's expertise and local networks.\nThe service reaches people the government alone finds hard to reach.\nFor the NPO, the work builds a track record and income, and strengthens the organisation.",
        },
        "way_of_working": {
            "ja": "選定の方法（企画提案方式、随意契約など）と評価の基準を事前に定め、公表します。\n仕様書では目的と成果を明確に示し、方法にはＮＰＯの工夫の余地を残します。\n積算には、人件費や一般管理費などの間接経費を適正に計上します。\n前金払い・概算払い・部分払いが可能かを会計担当と検討し、ＮＰＯの資金繰りに配慮します。\n成果目標と報告の方法を契約時に合意し、中間で打合せの場を設けます。",
            "en": "Decide and publish beforehand how the contractor is selected (proposal-based selection, negotiated contract, etc.) and the evaluation criteria.\nIn the specification, state the purpose and the results clearly, and leave the NPO room to decide how.\nInclude staff costs and overheads such as general administration at a proper level in the cost estimate.\nCheck with the accounts section whether advance, estimated or partial payments are possible, with the NPO's cash flow in mind.\nAgree outcome targets and reporting at contract time, and hold a mid-term meeting.",
        },
        "cautions": {
            "ja": "ＮＰＯを行政の下請けや「安上がり」な委託先として扱わないこと。価格だけで選んだり、人件費や管理費を認めなかったりすると、事業の質と団体の継続性が損なわれます。\n仕様を細かく縛りすぎると、ＮＰＯの特性が生きません。\n完了後の精算払いだけでは、小規模な団体の資金繰りを圧迫します。\nＮＰＯの提案から生まれた事業を委託するときは、提案した団体の貢献をどう扱うかを、公平性を保ちながら事前に明らかにしておきます。",
            "en": "Never treat the NPO as a subcontractor or a 'cheap' contractor. Choosing on price alone, or refusing staff costs and overheads, harms both the quality of the work and the organisation's survival.\nA specification that prescribes every detail leaves no room for the NPO's strengths.\nPayment only after completion can squeeze a small organisation's cash flow.\nWhen a commissioned project grew out of an NPO's proposal, make clear in advance, while keeping selection fair, how the proposer's contribution is treated.",
        },
    },
    Method.CO_HOSTING.value: {
        "overview": {
            "ja": "ＮＰＯと行政がともに主催者となり、一つの事業（イベント、講座、フォーラムなど）を実施する方法です。企画から当日の運営、振り返りまで、双方が責任を分かち合います。名義だけを貸す「後援」とは異なります。",
            "en": "The NPO and the government act as joint organisers of one project, such as an event, a course or a forum. Both share responsibility from planning through running it on the day to the review afterwards. It differs from mere patronage (後援), where only a name is lent.",
        },
        "outcomes": {
            "ja": "行政の信用力・広報力・施設と、ＮＰＯの企画力・ネットワーク・現場の知見が合わさり、単独では集まらない幅広い参加者が得られます。\n企画や運営を一緒に行う中で、互いの仕事の進め方への理解が深まります。\n地域の人たちに、協働の姿を目に見える形で示せます。",
            "en": "The government's credibility, publicity and facilities combine with the NPO's ideas, networks and field knowledge, attracting a wider range of participants than either could alone.\nPlanning and running the event together deepens each side's understanding of how the other works.\nResidents can see collaboration in action.",
        },
        "way_of_working": {
            "ja": "実行委員会を設けるか協定書を交わし、目的・対象・目標を文書で確認します。\n企画、広報、会場、当日運営、受付、会計、記録などの役割分担表を作ります。\n費用の分担と、参加費などの収入の扱いを決めます。\n事故が起きたときの責任の所在と連絡体制、保険（傷害保険・賠償責任保険）の加入者と補償の範囲を確認します。\n終了後に双方で振り返り、次回の実施の可否も含めて検討します。",
            "en": "Set up an organising committee or sign an agreement, and confirm the purpose, audience and targets in writing.\nDraw up a table of roles: planning, publicity, venue, running the day, reception, accounts, records.\nAgree how costs are split and how income such as participation fees is handled.\nConfirm where responsibility lies if an accident happens, the contact chain, and which party takes out which insurance (accident and liability) and what it covers.\nReview the event together afterwards, including whether to hold it again.",
        },
        "cautions": {
            "ja": "毎年の恒例行事になると、何のために開くのかが忘れられがちです。開催のたびに目的と成果を確かめます。\n事故や苦情への対応の窓口と責任を、事前に決めておきます。保険の範囲は、主催者ごとに異なることがあります。\n雨天や災害時の中止を誰が判断するかを決めておきます。\n一方に作業が偏らないよう、準備の途中で分担を見直します。",
            "en": "Once an event becomes an annual fixture, its purpose is easily forgotten. Check purpose and results each time it is held.\nDecide beforehand who handles accidents and complaints and who is responsible. Insurance cover can differ from organiser to organiser.\nDecide who calls off the event in bad weather or an emergency.\nReview the division of work during preparation so that it does not all fall on one side.",
        },
    },
    Method.COOPERATION.value: {
        "overview": {
            "ja": "ＮＰＯと行政が、協定書や覚書で一定期間の協力関係を取り決め、それぞれが自分の役割を担いながら共通の目的に向けて事業を進める方法です。例えば、行政が場所や広報を提供し、ＮＰＯが運営や相談対応を担うといった形です。互いの得意分野を持ち寄るところに特徴があります。",
            "en": "The NPO and the government set out a cooperative relationship for a fixed period in an agreement or memorandum, and each carries out its own part towards a shared purpose. For example, the government provides premises and publicity while the NPO runs the activity or the advice service. Its hallmark is that each brings its own strengths.",
        },
        "outcomes": {
            "ja": "人・物・情報・場といった資源を互いに補い合い、単独ではできない事業ができます。\n金銭のやり取りが少なくても取り組めるため、継続的な関係を築きやすくなります。\n役割を分けて担うことで、それぞれの自立性を保ったまま協働できます。",
            "en": "Each side's people, goods, information and places complement the other's, making possible a project neither could do alone.\nBecause little money need change hands, a lasting relationship is easier to build.\nSharing out roles lets each side keep its independence while working together.",
        },
        "way_of_working": {
            "ja": "協定書に、目的、期間、役割分担、費用負担、成果物の権利の帰属、個人情報の取扱い、情報共有の方法、変更・解除の手続きを書き込みます。\n定期的な連絡会議を開き、進み具合と課題を共有します。\n担当者が替わるときは、協定書と経過の記録をもとに、双方同席で引継ぎを行います。",
            "en": "Write into the agreement the purpose, term, roles, cost sharing, ownership of outputs, handling of personal information, how information is shared, and how the agreement is changed or ended.\nHold regular liaison meetings to share progress and problems.\nWhen the person in charge changes, hand over with both sides present, using the agreement and the record of what has happened.",
        },
        "cautions": {
            "ja": "「協力しましょう」という口約束だけで始めないこと。後になって、成果物の著作権やロゴの使い方、個人情報の管理責任をめぐって行き違いが生じることがあります。\n参加者の個人情報を扱う場合は、収集・保管・利用・廃棄のそれぞれについて責任者を決めます。\n負担がどちらかに偏っていないかを定期的に確かめます。",
            "en": "Do not start on a verbal 'let's cooperate' alone. Misunderstandings can arise later over copyright in outputs, use of logos, or who is responsible for personal data.\nIf participants' personal data are handled, name who is responsible for collection, storage, use and deletion.\nCheck regularly that the burden has not shifted to one side.",
        },
    },
    Method.SUBSIDY.value: {
        "overview": {
            "ja": "ＮＰＯが自ら企画し、主体となって行う公益的な事業に対し、行政が経費の一部を補助金として交付して支える方法です。事業の主体はあくまでＮＰＯであり、行政はその自主性を尊重しながら、公金の使い道として説明責任を果たします。",
            "en": "The government supports a public-benefit project that the NPO itself has planned and runs, by granting part of its costs as a subsidy. The project belongs to the NPO; the government respects its independence while remaining accountable for the use of public money.",
        },
        "outcomes": {
            "ja": "ＮＰＯの自主性や先駆性を生かした事業が育ちます。\n行政が直接行うことが難しい分野で、公益的な活動が広がります。\n立ち上げ期の団体にとっては、組織の基盤づくりを後押しします。",
            "en": "Projects that draw on the NPO's initiative and pioneering spirit can grow.\nPublic-benefit activity spreads into areas the government finds hard to serve directly.\nFor young organisations, it helps lay the foundations.",
        },
        "way_of_working": {
            "ja": "補助の目的、対象となる事業と経費、補助率・上限額、審査の基準を要綱で定め、公表します。\n公募により申請を受け付け、審査します。公開の場での発表審査も有効です。\n補助期間の上限や、年数に応じた補助率の見直しをあらかじめ示します。\n実績報告を受けて成果を確認し、その概要を公表します。",
            "en": "Set out in published rules the purpose of the subsidy, eligible projects and costs, the subsidy rate and ceiling, and the review criteria.\nInvite applications by open call and review them; public presentations can help.\nState in advance any maximum period of support and how the rate changes over the years.\nCheck results through the final report and publish a summary.",
        },
        "cautions": {
            "ja": "同じ団体への補助が毎年続くと既得権のようになり、新しい団体が入りにくくなります。期間の上限や定期的な見直し、新規の団体も応募できる仕組みを設けます。\n行政が事業の中身に細かく口を出しすぎると、ＮＰＯの自主性が損なわれます。\n補助金に頼りきりにならないよう、自立に向けた見通しを団体と共有します。",
            "en": "When the same organisation is subsidised year after year, the subsidy becomes an entitlement and newcomers find it hard to get in. Provide a maximum period, regular reviews and a way for new groups to apply.\nIf the government interferes too much in the content of the project, the NPO's independence suffers.\nShare with the organisation a path towards standing on its own, so that it does not become dependent on the subsidy.",
        },
    },
}

PRINCIPLES: dict[str, dict[str, str]] = {
    Principle.SHARED_PURPOSE.value: {
        "ja": "何のために協働するのか、事業を通じてどのような状態を目指すのかを、始める前に双方が言葉にして確かめ、文書に残します。目的が共有されていれば、方法や役割の違いは話し合いで調整できます。目的があいまいなまま進めると、事業を続けること自体が目的になったり、評価の物差しが持てなくなったりします。成果の目標や指標も、事業の前に合意しておきます。",
        "en": "Before starting, both sides put into words what they are collaborating for and what state of affairs the project should bring about, and record it. With a shared purpose, differences over methods and roles can be settled by talking. Without one, continuing the project becomes the goal in itself and there is no yardstick for evaluation. Outcome targets and indicators are also agreed before the project.",
    },
    Principle.AUTONOMY_EQUALITY.value: {
        "ja": "ＮＰＯと行政はそれぞれ独立した主体であり、上下の関係でも、発注者と下請けの関係でもありません。行政はＮＰＯの活動方針や組織運営に過度に立ち入らず、費用の面でも、人件費や管理費を含めた適正な負担を考え、「無償」や「安上がり」を期待しません。ＮＰＯもまた、行政の資金に頼りきらず、自らの使命に基づいて判断します。",
        "en": "The NPO and the government are independent bodies; their relationship is neither hierarchical nor that of a client and a subcontractor. The government does not intrude on the NPO's policies or internal management, considers a fair share of costs including staff costs and overheads, and does not expect work to be free or cheap. The NPO, for its part, does not rely entirely on government money and decides according to its own mission.",
    },
    Principle.DIALOGUE_AGREEMENT.value: {
        "ja": "一方が決めたことを他方に伝えるのではなく、企画から評価までの各段階で話し合い、合意した内容を記録に残します。役割分担、費用分担、責任の所在（事故と保険、個人情報、成果物の扱いなど）は、事業を始める前に合意しておきます。担当者が替わっても合意が引き継がれるよう、文書と経過の記録を残すことも大切です。",
        "en": "Rather than one side deciding and informing the other, the two talk at every stage from planning to evaluation and record what they agree. Roles, costs and where responsibility lies (accidents and insurance, personal information, ownership of outputs, and so on) are agreed before work begins. Keeping documents and a record of the process matters too, so that agreements survive a change of the people in charge.",
    },
    Principle.OPENNESS.value: {
        "ja": "誰とどのような関係を結び、どのような過程で決めたのかを、市民に開きます。協働の相手をどのように選んだか（選定基準・方法・結果と理由）、どのような取決めをしたか、どのような成果があったかを公開します。公開することで、特定の団体との関係が固定したり既得権になったりすることを防ぎ、新しい団体の参加を促します。",
        "en": "Who entered into what relationship, and how it was decided, is opened to citizens: how the partner was chosen (criteria, method, result and reasons), what was agreed, and what was achieved. Openness prevents relationships with particular organisations from hardening into entitlements and encourages new groups to take part.",
    },
}


def _lang(language: str | None = None) -> str:
    """ "en" when the given or active language is English, else "ja" (Japanese is the source)."""
    code = language if language is not None else (get_language() or "ja")
    return "en" if code.lower().startswith("en") else "ja"


def method_guide(method_value: str, language: str | None = None) -> dict[str, str]:
    """The four texts for one method in the active (or given) language: overview, outcomes,
    way_of_working, cautions. Unknown methods give an empty dict rather than an error so that a
    project whose method is not yet chosen can still render."""
    entry = METHODS.get(str(method_value))
    if entry is None:
        return {}
    lang = _lang(language)
    return {part: entry[part][lang] for part in METHOD_PARTS}


def principle_text(principle_value: str, language: str | None = None) -> str:
    entry = PRINCIPLES.get(str(principle_value))
    return entry[_lang(language)] if entry else ""
