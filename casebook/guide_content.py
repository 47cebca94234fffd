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
            "ja": "行政が政策を立案したり事業を企画したりする段階から、NPOに加わってもらう方法です。審議会・懇話会の委員としての参加、計画づくりの検討会やワークショップへの参加、団体としての意見書の提出などがこれに当たります。現場で課題に向き合っているNPOの知見や、NPOが集めた市民の声を、計画の中身に反映させることがねらいです。",
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
            "ja": "「意見を聞いた」という実績づくりだけの、形式的な参画にしないことが大切です。意見の反映状況を返さなければ、信頼は続きません。\n特定の団体や顔ぶれに偏らないよう、委員の任期や選び方を見直します。\n企画に参画したNPOが、その後の委託先の選定などで有利にも不利にもならないよう、選定の手続きを分けて明確にしておきます。\nNPOの提案やアイデアを行政の計画に取り入れるときは、その出所を明記するなど、提案者への敬意を示します。",
            "en": "Avoid token participation held only so that the government can say it consulted. If members never hear how their input was used, trust does not last.\nReview terms of office and selection so that membership does not settle on the same few groups.\nKeep selection procedures for later contracts separate and clear, so that an NPO that helped plan a project is neither favoured nor penalised when a partner is chosen.\nWhen an NPO's proposal or idea is taken into a government plan, acknowledge where it came from.",
        },
    },
    Method.INFORMATION_EXCHANGE.value: {
        "overview": {
            "ja": "NPOと行政が、それぞれの持つ情報や課題認識を持ち寄り、互いを知り合う方法です。定例の意見交換会、分野ごとの連絡会議、活動現場の見学、職員とNPOの合同研修、情報誌やウェブサイトでの情報提供などがあります。費用も手続きも比較的少なく、協働の入口として取り組みやすい方法です。",
            "en": "NPOs and the government bring together the information and views each holds and get to know each other: regular exchange meetings, liaison meetings by field, visits to where the NPO works, joint training for staff and NPO members, and information shared through newsletters or websites. It needs relatively little money or procedure and is the easiest way into collaboration.",
        },
        "outcomes": {
            "ja": "互いの特性や仕組み、制約（単年度の予算、意思決定の手続き、NPOの財政基盤や人手など）への理解が深まります。\n顔の見える関係ができ、次の協働事業の芽が生まれます。\n地域の課題や住民のニーズを、早く、具体的に共有できます。",
            "en": "Each side comes to understand the other's character, systems and constraints (single-year budgets, decision procedures, the NPO's finances and staffing).\nPeople come to know each other by name, and ideas for the next collaborative project emerge.\nLocal issues and residents' needs are shared sooner and more concretely.",
        },
        "way_of_working": {
            "ja": "会の目的とテーマを事前に示し、参加者と共有してから開きます。\n進行役を決め、発言が一部に偏らないようにします。\n記録を作り、参加者の確認を経て公開します。\n出された課題は「行政が持ち帰って検討する」「NPO側で検討する」「一緒に検討する」に仕分け、担当と回答の時期を決めて、次の回の冒頭で報告します。",
            "en": "Set out the purpose and theme beforehand and share them with participants before meeting.\nAgree on a facilitator so that a few voices do not dominate.\nKeep minutes, have participants check them, and publish them.\nSort the issues raised into 'the government takes it back to consider', 'the NPOs consider it' and 'we consider it together', name who is responsible and by when, and report back at the start of the next meeting.",
        },
        "cautions": {
            "ja": "目的があいまいなままだと、要望や苦情を述べ合うだけの場になりがちです。\n行政が「聞き置く」だけで終わると、参加する意味が失われます。回答できないことは、できない理由を伝えます。\n参加団体が固定しないよう、新しい団体にも案内を届けます。\n会を開くこと自体が目的にならないよう、年に一度は何が生まれたかを振り返ります。",
            "en": "Without a clear purpose the meeting easily becomes a session for airing requests and complaints.\nIf the government only 'takes note', taking part loses its point. When something cannot be done, say why.\nSend invitations to new groups too, so that the same organisations do not always attend.\nOnce a year, review what the meetings have produced so that holding them does not become the goal.",
        },
    },
    Method.COMMISSION.value: {
        "overview": {
            "ja": "本来、行政が実施主体として責任を持つ事業について、NPOの専門性やきめ細かさを生かすため、契約によってその実施をNPOに委ねる方法です。事業の最終的な責任は行政に残ります。協働として位置付けるには、単なる発注ではなく、目的の共有と対話が欠かせません。",
            "en": "For a project for which the government is responsible as the implementing body, the government contracts the NPO to carry it out, so as to use the NPO's expertise and attention to detail. Final responsibility stays with the government. To count as collaboration, it has to be more than an order placed: the purpose must be shared and the two sides must talk.",
        },
        "outcomes": {
            "ja": "NPOの専門性や現場のネットワークを生かした、質の高いサービスが提供できます。\n行政だけでは届きにくい人たちにサービスを届けられます。\nNPOにとっては活動実績と財源になり、組織の基盤強化にもつながります。",
            "en": "A high-quality service that draws on the NPO's expertise and local networks.\nThe service reaches people the government alone finds hard to reach.\nFor the NPO, the work builds a track record and income, and strengthens the organisation.",
        },
        "way_of_working": {
            "ja": "選定の方法（企画提案方式、随意契約など）と評価の基準を事前に定め、公表します。\n仕様書では目的と成果を明確に示し、方法にはNPOの工夫の余地を残します。\n積算には、人件費や一般管理費などの間接経費を適正に計上します。\n前金払い・概算払い・部分払いが可能かを会計担当と検討し、NPOの資金繰りに配慮します。\n成果目標と報告の方法を契約時に合意し、中間で打合せの場を設けます。",
            "en": "Decide and publish beforehand how the contractor is selected (proposal-based selection, negotiated contract, etc.) and the evaluation criteria.\nIn the specification, state the purpose and the results clearly, and leave the NPO room to decide how.\nInclude staff costs and overheads such as general administration at a proper level in the cost estimate.\nCheck with the accounts section whether advance, estimated or partial payments are possible, with the NPO's cash flow in mind.\nAgree outcome targets and reporting at contract time, and hold a mid-term meeting.",
        },
        "cautions": {
            "ja": "NPOを行政の下請けや「安上がり」な委託先として扱わないこと。価格だけで選んだり、人件費や管理費を認めなかったりすると、事業の質と団体の継続性が損なわれます。\n仕様を細かく縛りすぎると、NPOの特性が生きません。\n完了後の精算払いだけでは、小規模な団体の資金繰りを圧迫します。\nNPOの提案から生まれた事業を委託するときは、提案した団体の貢献をどう扱うかを、公平性を保ちながら事前に明らかにしておきます。",
            "en": "Never treat the NPO as a subcontractor or a 'cheap' contractor. Choosing on price alone, or refusing staff costs and overheads, harms both the quality of the work and the organisation's survival.\nA specification that prescribes every detail leaves no room for the NPO's strengths.\nPayment only after completion can squeeze a small organisation's cash flow.\nWhen a commissioned project grew out of an NPO's proposal, make clear in advance, while keeping selection fair, how the proposer's contribution is treated.",
        },
    },
    Method.CO_HOSTING.value: {
        "overview": {
            "ja": "NPOと行政がともに主催者となり、一つの事業（イベント、講座、フォーラムなど）を実施する方法です。企画から当日の運営、振り返りまで、双方が責任を分かち合います。名義だけを貸す「後援」とは異なります。",
            "en": "The NPO and the government act as joint organisers of one project, such as an event, a course or a forum. Both share responsibility from planning through running it on the day to the review afterwards. It differs from mere patronage (kōen), where only a name is lent.",
        },
        "outcomes": {
            "ja": "行政の信用力・広報力・施設と、NPOの企画力・ネットワーク・現場の知見が合わさり、単独では集まらない幅広い参加者が得られます。\n企画や運営を一緒に行う中で、互いの仕事の進め方への理解が深まります。\n地域の人たちに、協働の姿を目に見える形で示せます。",
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
            "ja": "NPOと行政が、協定書や覚書で一定期間の協力関係を取り決め、それぞれが自分の役割を担いながら共通の目的に向けて事業を進める方法です。例えば、行政が場所や広報を提供し、NPOが運営や相談対応を担うといった形です。互いの得意分野を持ち寄るところに特徴があります。",
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
            "ja": "NPOが自ら企画し、主体となって行う公益的な事業に対し、行政が経費の一部を補助金として交付して支える方法です。事業の主体はあくまでNPOであり、行政はその自主性を尊重しながら、公金の使い道として説明責任を果たします。",
            "en": "The government supports a public-benefit project that the NPO itself has planned and runs, by granting part of its costs as a subsidy. The project belongs to the NPO; the government respects its independence while remaining accountable for the use of public money.",
        },
        "outcomes": {
            "ja": "NPOの自主性や先駆性を生かした事業が育ちます。\n行政が直接行うことが難しい分野で、公益的な活動が広がります。\n立ち上げ期の団体にとっては、組織の基盤づくりを後押しします。",
            "en": "Projects that draw on the NPO's initiative and pioneering spirit can grow.\nPublic-benefit activity spreads into areas the government finds hard to serve directly.\nFor young organisations, it helps lay the foundations.",
        },
        "way_of_working": {
            "ja": "補助の目的、対象となる事業と経費、補助率・上限額、審査の基準を要綱で定め、公表します。\n公募により申請を受け付け、審査します。公開の場での発表審査も有効です。\n補助期間の上限や、年数に応じた補助率の見直しをあらかじめ示します。\n実績報告を受けて成果を確認し、その概要を公表します。",
            "en": "Set out in published rules the purpose of the subsidy, eligible projects and costs, the subsidy rate and ceiling, and the review criteria.\nInvite applications by open call and review them; public presentations can help.\nState in advance any maximum period of support and how the rate changes over the years.\nCheck results through the final report and publish a summary.",
        },
        "cautions": {
            "ja": "同じ団体への補助が毎年続くと既得権のようになり、新しい団体が入りにくくなります。期間の上限や定期的な見直し、新規の団体も応募できる仕組みを設けます。\n行政が事業の中身に細かく口を出しすぎると、NPOの自主性が損なわれます。\n補助金に頼りきりにならないよう、自立に向けた見通しを団体と共有します。",
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
        "ja": "NPOと行政はそれぞれ独立した主体であり、上下の関係でも、発注者と下請けの関係でもありません。行政はNPOの活動方針や組織運営に過度に立ち入らず、費用の面でも、人件費や管理費を含めた適正な負担を考え、「無償」や「安上がり」を期待しません。NPOもまた、行政の資金に頼りきらず、自らの使命に基づいて判断します。",
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


# ---------------------------------------------------------------------------------------------
# Guide pages: the handbook's three parts, section by section.
# Each section names the workflow stage(s) that apply it and the cases that illustrate it, so the
# guide, the casebook and the project workflow point at one another.
# ---------------------------------------------------------------------------------------------

PARTS: dict[int, dict[str, str]] = {
    1: {"ja": "第1部　NPOについて", "en": "Part 1: About NPOs"},
    2: {
        "ja": "第2部　NPOと行政との協働",
        "en": "Part 2: Collaboration between NPOs and government",
    },
    3: {"ja": "第3部　協働を進めるために", "en": "Part 3: Putting collaboration into practice"},
}

SOURCE_NOTE: dict[str, str] = {
    "ja": "この手引のページは、埼玉県「NPOとの協働・始めの一歩 — 自治体職員向け実務手引書」概要版（平成15年3月、総務部県民生活課）の構成と考え方に沿って、協働ポータルが独自の言葉でまとめ直したものです。原典は平成15年（2003年）の作成であり、その後に広がった協働契約（協働協定）の実務や、平成24年（2012年）4月から施行されている特定非営利活動の20分野（作成当時は12分野）などは反映されていません。最新の制度や各自治体の指針もあわせて確認してください。",
    "en": "These guide pages follow the structure and ideas of Saitama Prefecture's 'NPO to no Kyōdō: Hajime no Ippo — a practical handbook for local government staff' (summary edition, March 2003, Citizens' Life Division), restated in the portal's own words. The source dates from 2003 and predates later practice such as collaboration contracts and agreements (kyōdō keiyaku), and the current 20 fields of specified non-profit activity in force since April 2012 (there were 12 when it was written). Please also check current legislation and your own authority's guidelines.",
}

GUIDE_SECTIONS: list[dict] = [
    {
        "slug": "npo",
        "part": 1,
        "kind": "text",
        "title": {
            "ja": "NPOとは：定義・特性・役割",
            "en": "What an NPO is: definition, strengths and roles",
        },
        "lead": {
            "ja": "協働の相手を知ることが、協働の第一歩です。",
            "en": "Knowing your partner is the first step in collaboration.",
        },
        "body": {
            "ja": [
                "NPOとは、市民が主体となって、自発的かつ継続的に社会貢献活動を行う、営利を目的としない団体のことです。「営利を目的としない」とは、収益を上げてはいけないという意味ではなく、得た利益を構成員で分け合わず、団体の目的のための活動に充てるという意味です。",
                "NPOには、特定非営利活動促進法に基づくNPO法人のほか、法人格を持たない市民活動団体やボランティア団体などの任意団体も含まれます。手引が作られた平成15年2月末、埼玉県知事が認証したNPO法人は238団体でしたが、任意団体を含めると県内で3,000を超える団体が活動していました。",
                "NPOには、行政とは異なる次のような特性があります。",
            ],
            "en": [
                "An NPO is an organisation in which citizens, on their own initiative, carry out continuing social-contribution activities not for profit. 'Not for profit' does not mean it may not earn income; it means that any surplus is not shared among members but is used for the organisation's purpose.",
                "NPOs include non-profit corporations under the Act on Promotion of Specified Non-profit Activities, and also voluntary groups without legal personality, such as civic groups and volunteer groups. At the end of February 2003, when the handbook was written, the Governor of Saitama had certified 238 non-profit corporations, while more than 3,000 organisations were active in the prefecture counting voluntary groups.",
                "NPOs have strengths that differ from those of government:",
            ],
        },
        "points": {
            "ja": [
                "一人ひとりの事情に合わせた、個別的で多様なサービスを提供できる",
                "新しい課題に対して、創造的で先駆的な取組ができる",
                "社会の変化に、柔軟かつ機敏に対応できる",
                "現場に根ざした専門性を持っている",
                "市民の声を集めて、問題を提起し、政策を提言できる",
            ],
            "en": [
                "Individual, diverse services tailored to each person's circumstances",
                "Creative, pioneering responses to new problems",
                "Flexible, quick responses to social change",
                "Expertise rooted in the field",
                "Raising issues and proposing policy on the basis of citizens' voices",
            ],
        },
        "after": {
            "ja": [
                "こうした特性から、NPOには、①市民が自発的に社会に参加する機会をつくる、②市民同士をつなぎ地域社会を活性化する、③公共サービスの担い手、「公益」の新たな担い手となる、④市民が主体となった地域社会をつくる、という役割が期待されています。",
                "協働の相手を選ぶときは、法人格の有無だけで判断せず、活動の内容や実績をよく知ったうえで検討することが大切です。協働ポータルのNPO情報も、法人格ではなく活動の内容と実績を中心に掲載しています。",
            ],
            "en": [
                "Because of these strengths, NPOs are expected to (1) give citizens chances to take part in society voluntarily, (2) connect citizens and bring life to local communities, (3) provide public services as a new bearer of 'public benefit', and (4) build communities in which citizens take the lead.",
                "When choosing a partner, do not judge by legal status alone: learn about the organisation's activities and track record. The portal's NPO information likewise centres on activities and achievements rather than legal form.",
            ],
        },
        "stages": ["partner_selection"],
        "cases": [10, 12],
    },
    {
        "slug": "why",
        "part": 2,
        "kind": "text",
        "title": {
            "ja": "なぜ協働するのか：協働の必要性と三つの基本的な考え方",
            "en": "Why collaborate: the need and three basic ideas",
        },
        "lead": {
            "ja": "何が「公益」かを、行政だけでなくNPOとともに考える時代になっています。",
            "en": "Deciding what counts as 'public benefit' is no longer for government alone, but something to work out together with NPOs.",
        },
        "body": {
            "ja": [
                "これまで公共サービスの多くは、その内容を行政がほぼ一手に判断し、行政が中心となって提供してきました。しかし、社会の課題や住民のニーズが多様で複雑になる中、行政だけでそれらに応えていくことは難しくなっています。",
                "一方で、NPOはその特性を生かして、さまざまな社会貢献活動や公共サービスを担い、問題の提起や政策の提言も行っています。共通の目的を持つ分野では、NPOと行政が対等なパートナーシップを築き、何を「公益」と考え、それをどのように実現するかを一緒に考えながら、協働を進めていく必要があります。",
                "協働を進めるうえでの基本的な考え方は、次の三つです。",
            ],
            "en": [
                "Until now, government largely decided on its own what public services should be and provided them itself. As social problems and residents' needs grow more diverse and complex, government can no longer meet them alone.",
                "NPOs, meanwhile, use their strengths to carry out social-contribution activities and public services, and to raise issues and propose policy. Where they share a purpose, NPOs and government need to build an equal partnership, decide together what counts as public benefit and how to achieve it, and actively collaborate.",
                "Collaboration rests on three basic ideas:",
            ],
        },
        "points": {
            "ja": [
                "意識を改め、互いの特性を理解する：画一的で継続性・安定性のある行政のサービスと、個別的できめ細かく迅速なNPOのサービス、それぞれの特性を理解します。NPOを行政の補完や下請けと位置付けたり、「無償」や「安上がり」を期待して協働したりしないよう、十分に注意します。",
                "目的を共有し、役割・費用・責任の所在を明確にする：立場の違いを尊重しながら、何のために協働するのかを明確にして共有します。互いの特性が生きる役割分担と費用の分担、責任の所在をはっきりさせたうえで、情報を共有しながら対等なパートナーとして進めます。",
                "行政の仕組みを見直す：市民やNPOと情報を共有するため、積極的に情報を公開します。そのうえで、政策や事業の企画、実施、評価のそれぞれの段階に市民やNPOが参画できるよう、仕事の進め方を見直します。",
            ],
            "en": [
                "Change of mindset and mutual understanding: understand the character of government services (uniform, continuous, stable) and of NPO services (individual, fine-grained, quick). Take great care never to treat an NPO as a supplement to or subcontractor of government, or to collaborate in the hope that the work will be free or cheap.",
                "Shared purpose and clear roles, costs and responsibility: respecting the difference in positions, make clear and share what the collaboration is for. Settle a division of roles and costs that uses each side's strengths, and where responsibility lies, then proceed as equal partners, sharing information.",
                "Rethinking how government works: disclose information actively so that it is shared with citizens and NPOs, and on that basis change how policies and projects are run so that citizens and NPOs can take part in planning, implementation and evaluation.",
            ],
        },
        "after": {"ja": [], "en": []},
        "stages": ["draft", "suitability"],
        "cases": [3, 1, 7],
    },
    {
        "slug": "suitability",
        "part": 3,
        "kind": "text",
        "title": {
            "ja": "協働がふさわしい事業か：三つの視点",
            "en": "Is this a project for collaboration? Three viewpoints",
        },
        "lead": {
            "ja": "すべての事業を協働で行えばよいわけではありません。始める前に、三つの視点から確かめます。",
            "en": "Not every project should be done in collaboration. Check from three viewpoints before starting.",
        },
        "body": {
            "ja": [
                "協働は手段であって、目的ではありません。事業の構想ができたら、協働で行うことがふさわしいかを、次の三つの視点から検討します。",
            ],
            "en": [
                "Collaboration is a means, not an end. Once a project has taken shape, consider from the following three viewpoints whether collaboration suits it.",
            ],
        },
        "points": {
            "ja": [
                "課題と実施主体：その課題の解決に、NPOと行政の協働が必要か。行政が自らの責任で行うべき事業ではないか。NPOが自主的に行うべき事業ではないか。",
                "NPOと行政の特性：それぞれの特性を生かすことで、NPOまたは行政が単独で行うよりも、効果的で質の高いサービスを提供できるか。NPOの特性が生きる事業か。",
                "対等な関係：双方が対等な立場で、目的を共有し、役割・費用・責任を話し合って決められる関係を築けるか。費用の削減だけが理由になっていないか。",
            ],
            "en": [
                "The issue and who should act: does solving the issue need NPOs and government to work together? Is it something government should do on its own responsibility? Is it something the NPO should do independently?",
                "The strengths of NPOs and government: by using both sides' strengths, can a more effective, higher-quality service be provided than either could give alone? Does the project use the NPO's strengths?",
                "An equal relationship: can the two build a relationship in which they share the purpose and settle roles, costs and responsibility as equals? Is saving money the only reason?",
            ],
        },
        "after": {
            "ja": [
                "検討の結果は、「協働で行う」「行政が単独で行う」「NPOの自主的な活動として支援する」「事業そのものを見直す」のいずれかになります。協働以外の結論も、検討を経た大切な結論です。",
                "新しい事業だけでなく、すでに行っている事業も、この視点から見直します。見直しや検討の際には、NPOや市民の意見を聞くことが効果的です。",
            ],
            "en": [
                "The result is one of: collaborate; government acts alone; support the NPO's own independent activity; or reconsider the project itself. A conclusion other than collaboration is also a valuable result of careful consideration.",
                "Review existing projects from these viewpoints too, not only new ones. Hearing the views of NPOs and citizens makes such reviews more effective.",
            ],
        },
        "stages": ["suitability"],
        "cases": [3, 6, 14],
    },
    {
        "slug": "methods",
        "part": 3,
        "kind": "methods",
        "title": {"ja": "六つの協働方法", "en": "The six methods of collaboration"},
        "lead": {
            "ja": "事業の目的と相手の特性に合わせて、ふさわしい方法を選びます。",
            "en": "Choose the method that fits the project's purpose and the partner's strengths.",
        },
        "body": {
            "ja": [
                "協働の具体的な方法には、主に六つがあります。それぞれに期待できる成果と、気を付けたい点があります。どの方法を選ぶ場合でも、次のページの「協働と位置付けるための四つの原則」を満たすことが前提です。一つの事業で複数の方法を組み合わせることもあります。",
            ],
            "en": [
                "There are six main methods of collaboration, each with its own expected outcomes and points of caution. Whichever is chosen, the four principles that make a relationship collaboration (next page) must hold. A single project may combine more than one method.",
            ],
        },
        "points": {"ja": [], "en": []},
        "after": {"ja": [], "en": []},
        "stages": ["method"],
        "cases": [],
    },
    {
        "slug": "principles",
        "part": 3,
        "kind": "principles",
        "title": {
            "ja": "協働と位置付けるための四つの原則",
            "en": "Four principles that make it collaboration",
        },
        "lead": {
            "ja": "方法が何であっても、四つの原則がそろって初めて「協働」と呼べます。",
            "en": "Whatever the method, a relationship counts as collaboration only when all four principles hold.",
        },
        "body": {
            "ja": [
                "委託や補助も、進め方によっては単なる発注や資金の交付にとどまります。協働ポータルでは、方法を選ぶ段階で、四つの原則それぞれをどのように担保するかを記録します。",
            ],
            "en": [
                "A commission or a subsidy can remain a mere order or grant, depending on how it is run. In the portal, when a method is chosen, how each of the four principles will be assured is recorded.",
            ],
        },
        "points": {"ja": [], "en": []},
        "after": {"ja": [], "en": []},
        "stages": ["method"],
        "cases": [],
    },
    {
        "slug": "allocation",
        "part": 3,
        "kind": "text",
        "title": {"ja": "役割・費用・責任の分担", "en": "Sharing roles, costs and responsibility"},
        "lead": {
            "ja": "始める前に、誰が何をし、誰が何を負担し、何かあったとき誰が責任を持つのかを合意します。",
            "en": "Before starting, agree who does what, who pays for what, and who is responsible if something goes wrong.",
        },
        "body": {
            "ja": [
                "個々の協働事業を実施するに当たっては、双方の役割分担と費用分担、そして責任の所在を明確にしておく必要があります。口頭の約束に頼らず、協定書や打合せの記録として文書に残し、双方が同じ内容を確認してから事業を始めます。",
                "取り決めておきたい主な事項は、次のとおりです。",
            ],
            "en": [
                "For each collaborative project, the division of roles, the sharing of costs and where responsibility lies must be made clear. Do not rely on verbal promises: put them in writing as an agreement or meeting record, and begin only when both sides have confirmed the same version.",
                "The main points to agree are:",
            ],
        },
        "points": {
            "ja": [
                "目的と期間、成果の目標",
                "役割分担（企画、運営、広報、会計、記録など）",
                "費用分担（人件費や一般管理費を含めた積算、支払いの時期と方法）",
                "事故が起きたときの責任と連絡体制、保険の加入者と補償の範囲",
                "個人情報の収集・保管・利用・廃棄",
                "成果物の著作権の帰属と表示、改訂や二次利用の手続き",
                "情報共有と公開の方法、取決めの変更や終了の手続き",
            ],
            "en": [
                "Purpose, term and outcome targets",
                "Roles (planning, running, publicity, accounts, records, etc.)",
                "Costs (an estimate including staff costs and overheads; when and how payment is made)",
                "Responsibility and the contact chain in case of accident; who is insured and for what",
                "Collection, storage, use and deletion of personal information",
                "Ownership and crediting of outputs; procedure for revision and reuse",
                "How information is shared and published; how the arrangement is changed or ended",
            ],
        },
        "after": {"ja": [], "en": []},
        "stages": ["agreement"],
        "cases": [3, 4, 7, 8, 9, 16],
    },
    {
        "slug": "partner-selection",
        "part": 3,
        "kind": "text",
        "title": {"ja": "協働相手の選定", "en": "Choosing a partner"},
        "lead": {
            "ja": "何のために協働するのかを明確にしたうえで、最もふさわしい相手を、公平で開かれた方法で選びます。",
            "en": "Having made clear what the collaboration is for, choose the most suitable partner by a fair and open procedure.",
        },
        "body": {
            "ja": [
                "相手を選ぶ前に、まず協働する目的を明確にします。そのうえで、その目的を共有できる、最もふさわしいNPOを選ぶことが大切です。",
            ],
            "en": [
                "Before choosing a partner, first make clear the purpose of collaborating. Then choose the NPO best suited to it, one that can share that purpose.",
            ],
        },
        "points": {
            "ja": [
                "選定の基準と方法をあらかじめ決めて公表し、そのうえで相手を選びます。",
                "選んだ理由を記録し、選定の基準・方法・結果を公開します。",
                "法人格の有無だけで判断せず、活動の内容や実績を十分に把握して総合的に検討します。",
                "審査に関わる人に利害関係がある場合は、その人は審査から外れます。",
                "応募が少なかったときは、周知の方法や期間、条件を振り返り、次の機会に生かします。",
            ],
            "en": [
                "Fix and publish the selection criteria and method in advance, and choose on that basis.",
                "Record the reasons for the choice, and publish the criteria, method and result.",
                "Do not judge by legal status alone; weigh the organisation's activities and track record as a whole.",
                "A reviewer with a conflict of interest steps aside from the review.",
                "When there are few applicants, review how and for how long the call was advertised, and its conditions, and apply the lessons next time.",
            ],
        },
        "after": {"ja": [], "en": []},
        "stages": ["partner_selection"],
        "cases": [5, 10, 12, 15],
    },
    {
        "slug": "evaluation",
        "part": 3,
        "kind": "text",
        "title": {"ja": "協働の評価と見直し", "en": "Evaluating and reviewing collaboration"},
        "lead": {
            "ja": "評価は、次の協働をよりよくするために、双方で行います。",
            "en": "Both sides evaluate, so that the next collaboration is better.",
        },
        "body": {
            "ja": [
                "協働事業を実施した後は、事業の結果について、NPOと行政がそれぞれ評価を行います。そのうえで、互いの評価について意見を交換することが大切です。評価が分かれた項目にこそ、次に生かせる気付きがあります。",
                "評価の結果は、次の協働事業の企画や実施に生かし、事業の内容、協働の方法、協働の相手について、絶えず見直していきます。",
            ],
            "en": [
                "After a collaborative project, the NPO and the government each evaluate its results, and then exchange views on each other's evaluation. The items on which they differ are where the most useful lessons lie.",
                "The results feed into planning and running the next project, so that projects, methods and partners are continually reviewed.",
            ],
        },
        "points": {
            "ja": [
                "事業を始める前に、目的と成果の目標、それを測る指標を合意しておく",
                "同じ評価項目で、それぞれが評価し、低い評価には理由を書く",
                "相手の評価を見る前に自分の評価を確定させ、そのうえで交換する",
                "評価が分かれた項目を中心に話し合い、結果を公表する",
                "見直しの結果（続ける・形を変える・やめる）を、次の事業の計画に引き継ぐ",
            ],
            "en": [
                "Agree on the purpose, outcome targets and indicators before the project starts",
                "Each side evaluates against the same items, giving reasons for low scores",
                "Fix your own evaluation before seeing the other side's, then exchange",
                "Discuss above all the items on which you differ, and publish the results",
                "Carry the conclusion (continue, change form, stop) into the planning of the next project",
            ],
        },
        "after": {"ja": [], "en": []},
        "stages": ["evaluation"],
        "cases": [1, 6, 10, 13, 17],
    },
]

GUIDE_BY_SLUG: dict[str, dict] = {section["slug"]: section for section in GUIDE_SECTIONS}


def localize(value: dict, language: str | None = None):
    """Pick the ja or en member of a ``{"ja": ..., "en": ...}`` dict for the active language."""
    return value[_lang(language)]
