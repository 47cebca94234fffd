# ruff: noqa: E501
"""The thirteen cases of the casebook, written for this portal (not taken from the handbook).

Every municipality, office, organisation and person below is fictional. Each case follows one
theme of the handbook's casebook (see the project's domain notes) and is tagged with the stages,
methods and principles it teaches; together the tags cover every stage of the workflow up to
evaluation, all six methods and all four principles (a test checks this).

Kept as data so that the data migration and ``manage.py load_casebook`` load the same text, and so
that staff can later edit a case in the admin without a deployment. One paragraph per line keeps
diffs readable, hence the E501 exemption.

``CASES`` ends with the good-practice cases (good_practice.py), numbered after the thirteen.
"""

from casebook.content.good_practice import GOOD_PRACTICE_CASES

CASES: list[dict] = [
    {
        "number": 1,
        "title": {
            "ja": "審議会で話したことは、どうなったのでしょうか",
            "en": "What became of what I said on the council?",
        },
        "summary": {
            "ja": "審議会の委員になったNPOが、自分たちの意見がどう扱われたのかを知らされないまま計画が決まった事例。",
            "en": "An NPO sits on a council, but the plan is adopted without anyone telling it how its input was used.",
        },
        "story": {
            "ja": "ひばり市では、高齢者福祉計画の改定に当たり、市の高齢者福祉審議会の委員に、地域で配食サービスと見守り活動を続けてきたNPO法人「ささえあい配食の会」の事務局長・村井さんを迎えました。村井さんは会員から集めた声をもとに、一人暮らしの高齢者の見守りが手薄になる夜間と週末の時間帯について、3回の会議で具体的な提案をしました。\n会議はいつも予定の時間どおりに終わり、事務局の長寿支援課は「貴重なご意見をありがとうございました」とまとめました。半年後に公表された計画案を読んだ村井さんは、自分の提案がどこにも見当たらないことに気付きました。反映されなかった理由も、検討された形跡も分かりません。\n会員からは「委員を出している意味はあるのか」という声が上がり、村井さんは次の任期の推薦を辞退しようか迷っています。長寿支援課の担当者は、提案は財源や他の事業との調整の中で見送ったもので、軽く扱ったつもりはないと話しています。",
            "en": "When Hibari City revised its plan for the welfare of older people, it appointed Ms Murai to its advisory council on elderly welfare. She is secretary-general of the Sasaeai Meal Service, a non-profit corporation that has long delivered meals and kept an eye on older residents living alone. Drawing on what members had heard, she made concrete proposals at three meetings about the evening and weekend hours when no one checks on people living alone.\nThe meetings always finished on time, and the secretariat, the Longevity Support Division, closed each one with 'Thank you for your valuable opinions.' Six months later Ms Murai read the published draft plan and could not find her proposals anywhere. There was no explanation of why they had been left out, nor any sign that they had been considered.\nMembers of her organisation now ask what the point of sitting on the council is, and she is wondering whether to decline nomination for the next term. The officer in the division says the proposals were set aside in balancing funding and other programmes, and were never taken lightly.",
        },
        "problem": {
            "ja": "参画の場は用意されていましたが、出された意見がどう扱われたかを返す仕組みがありませんでした。事務局には見送った事情がありましたが、それが委員に伝わっていません。その結果、参画が形だけのものと受け止められ、これまで築いてきた信頼が損なわれかけています。",
            "en": "There was a place to take part, but no way of reporting back how the input was handled. The secretariat had its reasons for not adopting the proposals, but they never reached the council member. As a result, participation came to be seen as a formality, and the trust built up over the years is at risk.",
        },
        "hints": {
            "ja": [
                "審議会などで出された意見は、「反映した」「一部反映した」「今回は見送った（理由）」「今後の検討課題とした」に整理した対応表にまとめ、委員に返しましょう。計画案の公表と同時に公開すれば、市民への説明にもなります。",
                "方法選択の段階で「参画」を選ぶときは、意見の扱い方と返す時期を、「対話と合意の重視」をどう担保するかとしてあらかじめ決め、記録しておきます。",
                "見送った提案も、別の方法（見守り活動への補助や事業協力など）で生かせないか、担当課とNPOが話し合う場を設けます。",
                "評価の段階では、参画したNPOにも「意見が生かされたと感じたか」を尋ね、次の委員の選び方や会議の運営に反映させます。",
            ],
            "en": [
                "Sort the opinions raised in a council into a response table: adopted, partly adopted, not adopted this time (with the reason), or kept for future consideration, and send it to members. Published together with the draft plan, it also explains the plan to citizens.",
                "When 'participation in planning' is chosen at the method stage, decide and record in advance how opinions will be handled and when members will hear back, as the way 'dialogue and agreement' is assured.",
                "Give the division and the NPO a chance to discuss whether proposals that were set aside could be taken up by another method, such as a subsidy for the watch-over activity or a cooperation project.",
                "At evaluation, ask the NPO too whether it felt its input was used, and let the answer shape how members are chosen and how meetings are run next time.",
            ],
        },
        "questions": {
            "ja": [
                "あなたの事業に参画してもらったNPOや市民に、意見の扱いを具体的に返していますか。",
                "意見を反映できなかったとき、その理由を誰が、いつ、どのように伝えることになっていますか。",
                "会議の日時や資料を送る時期は、本業を持ちながら活動する委員に配慮したものになっていますか。",
            ],
            "en": [
                "Do you tell the NPOs and citizens who took part in your project, concretely, how their input was handled?",
                "When input cannot be adopted, who explains why, when, and how?",
                "Do meeting times and the timing of papers take account of members who volunteer alongside a day job?",
            ],
        },
        "stages": ["draft", "method", "evaluation"],
        "methods": ["planning_participation"],
        "principles": ["dialogue_agreement"],
        "related": [2, 5],
    },
    {
        "number": 2,
        "title": {
            "ja": "意見交換会が「要望を聞く会」になってしまった",
            "en": "An exchange meeting that turned into a list of complaints",
        },
        "summary": {
            "ja": "目的を決めずに始めた団体との意見交換会が、要望と苦情の場になり、参加団体が減っていった事例。",
            "en": "A meeting with local groups, started without a clear purpose, becomes a complaints session and attendance falls away.",
        },
        "story": {
            "ja": "みなみ野町の企画課は、町内で活動する市民活動団体との意見交換会を年1回開くことにしました。初回には子育て、環境、防災などの分野から14団体が参加しました。案内には「協働のまちづくりについて」とだけ書かれていました。\n当日は、活動場所が足りないこと、補助金が減ったこと、窓口の対応への不満などが次々と出され、企画課長が一つ一つに答えるうちに2時間が過ぎました。会議録は作られず、出された要望がその後どうなったのか、団体への連絡もありませんでした。\n2年目には参加団体が6団体に減り、「言っても変わらない」という声も聞こえてきました。企画課の担当者・吉田さんも、この会で何を成果とすればよいのか分からなくなっています。",
            "en": "The Planning Division of Minamino Town decided to hold an annual exchange meeting with the civic groups active in the town. Fourteen groups working on childcare, the environment, disaster preparedness and other fields came to the first one. The invitation said only that the topic was 'building the town together'.\nOn the day, the groups raised one issue after another: too few places to meet, reduced subsidies, dissatisfaction with how the town's counters dealt with them. Two hours passed as the division head answered each point. No minutes were taken, and the groups never heard what became of their requests.\nIn the second year only six groups came, and some were heard saying that speaking up changes nothing. Mr Yoshida, the officer in charge, is no longer sure what the meeting is meant to achieve.",
        },
        "problem": {
            "ja": "何のために集まるのかという目的が、町と団体の間で共有されていませんでした。要望を伝える場なのか、互いを知る場なのか、一緒に課題を考える場なのかが決まっておらず、出された意見の行き先もありませんでした。",
            "en": "The town and the groups did not share a purpose for meeting. Whether it was a place to make requests, to get to know each other, or to think through problems together was never decided, and the opinions raised had nowhere to go.",
        },
        "hints": {
            "ja": [
                "開催の前に、目的を一文で示しましょう。例えば「子育て支援について、町と団体が互いに何をしているかを知り、一緒に取り組めそうなテーマを一つ見つける」などです。テーマを絞って分野ごとに開くのも一つの方法です。",
                "進行役を置き、要望はいったん受け止めたうえで、「町が持ち帰る」「団体側で考える」「一緒に考える」に仕分けます。持ち帰ったものは、担当課と回答の時期を記録し、次の回の冒頭で報告します。",
                "会議録を作って参加団体に確認してもらい、公開します。出席できなかった団体にも経過が伝わります。",
                "意見交換が協働事業の入口になるよう、年度末には「この会から何が生まれたか」を団体と一緒に振り返ります。",
            ],
            "en": [
                "Before the meeting, state its purpose in one sentence, for example: 'On childcare support, learn what the town and each group are doing and find one theme we could work on together.' Narrowing the theme and meeting by field is another option.",
                "Appoint a facilitator. Acknowledge each request, then sort it into 'the town takes it back', 'the groups consider it' or 'we consider it together'. For what the town takes back, record the responsible division and when it will answer, and report at the start of the next meeting.",
                "Take minutes, have the groups check them, and publish them, so that groups who could not attend can follow what happened.",
                "So that the exchange can become a way into collaborative projects, look back with the groups at the end of each year on what the meetings have produced.",
            ],
        },
        "questions": {
            "ja": [
                "あなたが開く会議の目的を、参加者が同じ言葉で説明できますか。",
                "出された意見や要望の「行き先」と、回答の時期は決まっていますか。",
                "会議録は作られ、参加者の確認を経て公開されていますか。",
            ],
            "en": [
                "Could the participants describe the purpose of your meeting in the same words?",
                "Is it decided where opinions and requests go, and when they will be answered?",
                "Are minutes taken, checked by participants and published?",
            ],
        },
        "stages": ["method"],
        "methods": ["information_exchange"],
        "principles": ["shared_purpose"],
        "related": [1, 6],
    },
    {
        "number": 3,
        "title": {
            "ja": "「NPOなら安くできる」と言われて",
            "en": "'An NPO can do it cheaper'",
        },
        "summary": {
            "ja": "費用の削減を理由にNPOへ委託し、人件費や管理費を認めなかったため、団体の運営が苦しくなった事例。",
            "en": "Work is commissioned to an NPO to save money, staff costs and overheads are refused, and the organisation starts to struggle.",
        },
        "story": {
            "ja": "東山市の生涯学習課は、小学生を対象とした放課後の自然体験教室を、これまで民間事業者に委託してきました。予算が厳しくなる中、課内で「NPOに頼めば安くできるのではないか」という意見が出て、自然観察や野外活動に実績のあるNPO法人「東山こども自然学校」に委託することになりました。\n見積りの段階で、市は前年度の委託料より3割低い上限額を示し、NPOが計上したスタッフの人件費と事務所の経費（一般管理費）について、「ボランティアの団体なのだから」と削るよう求めました。\n代表の佐藤さんは、子どもたちのためにと引き受けましたが、1年目の終わりにはスタッフ2人が退職し、団体のほかの事業にも影響が出始めています。教室の評判はよいものの、佐藤さんは来年度も同じ条件で続けられるか分からないと話しています。",
            "en": "Higashiyama City's Lifelong Learning Division had always contracted a private company to run an after-school nature programme for primary pupils. As the budget tightened, someone in the division suggested that an NPO could do it more cheaply, and the work was commissioned to the Higashiyama Children's Nature School, a non-profit corporation with a record in nature observation and outdoor activities.\nWhen the quotation was prepared, the city set a ceiling 30 per cent below the previous year's fee and asked the NPO to cut the staff costs and office costs (general administration) it had included, 'since you are a volunteer organisation'.\nMr Sato, the representative, accepted for the children's sake, but by the end of the first year two staff members had left and the organisation's other activities were suffering. The programme is well liked, yet he is unsure whether it can continue next year on the same terms.",
        },
        "problem": {
            "ja": "協働がふさわしい事業かを検討する前に「安く済む」ことが先に立ち、NPOを安上がりな下請けとして扱ってしまいました。人件費や管理費は、団体が活動を続けるために欠かせない経費です。それを認めなければ、事業の質も団体の存続も危うくなります。",
            "en": "'It will be cheaper' came before any consideration of whether the project suited collaboration, and the NPO was treated as a cheap subcontractor. Staff costs and overheads are what an organisation needs to keep going; refusing them puts both the quality of the work and the organisation itself at risk.",
        },
        "hints": {
            "ja": [
                "適否検討の段階で、「なぜこの事業をNPOと協働するのか」を、費用以外の理由（NPOの専門性、子どもへの関わり方、地域のつながりなど）で説明できるか確かめましょう。理由が費用の削減だけなら、協働の前提から見直す必要があります。",
                "委託料の積算では、スタッフの人件費や一般管理費などの間接経費を、民間事業者に委託する場合と同じ考え方で適正に見込みます。「ボランティアだから無償で」「NPOだから安く」は、手引が戒めている考え方です。",
                "分担合意の段階で、費用の内訳と根拠をNPOと一緒に確認し、記録に残します。額を変えるときは、事業の内容や規模もあわせて見直します。",
                "NPOの側も、必要な経費を根拠とともに示し、引き受けられない条件ははっきり伝えることが、対等な関係につながります。",
            ],
            "en": [
                "At the suitability stage, check whether you can explain why this project should be done with an NPO for reasons other than cost: the NPO's expertise, its way of working with children, its local connections. If saving money is the only reason, reconsider whether collaboration is the right premise.",
                "When estimating the fee, include staff costs and indirect costs such as general administration at a proper level, on the same basis as for a private contractor. 'Free because they are volunteers' or 'cheap because it is an NPO' is exactly what the handbook warns against.",
                "At the agreement stage, go through the breakdown of costs and its basis together with the NPO and record it. If the amount changes, review the content and scale of the work as well.",
                "For its part, the NPO can set out the costs it needs with their basis and say clearly which conditions it cannot accept; this too makes for an equal relationship.",
            ],
        },
        "questions": {
            "ja": [
                "あなたの事業でNPOと協働する理由を、「費用が安い」以外の言葉で説明できますか。",
                "委託料や負担金の積算に、人件費や一般管理費が適正に含まれていますか。",
                "NPOが条件について意見を言いやすい場や時期を設けていますか。",
            ],
            "en": [
                "Can you explain why your project is done with an NPO in words other than 'it costs less'?",
                "Do your fee or cost-share estimates properly include staff costs and general administration?",
                "Is there a time and place where the NPO can comfortably raise concerns about the terms?",
            ],
        },
        "stages": ["suitability", "agreement"],
        "methods": ["commission"],
        "principles": ["autonomy_equality"],
        "related": [4, 12],
    },
    {
        "number": 4,
        "title": {
            "ja": "事業が終わるまで、委託料が入ってこない",
            "en": "No fee until the work is finished",
        },
        "summary": {
            "ja": "委託料が事業完了後の精算払いだけだったため、小さなNPOが1年分の経費を立て替え、資金繰りに行き詰まった事例。",
            "en": "The fee is paid only after completion, so a small NPO carries a whole year's costs and runs out of cash.",
        },
        "story": {
            "ja": "川辺町の福祉課は、障害のある人の就労体験の場づくりを、NPO法人「はたらく・ひろば川辺」に1年間の委託で依頼しました。契約では、約400万円の委託料は、事業完了後に実績報告を受けてから支払う精算払いとされていました。\nこのNPOは、年間の事業費の大半をこの委託事業が占める小さな団体です。4月からスタッフの給与や作業場の家賃を立て替え続け、秋には手元の資金が底をつきかけました。理事長が個人で金融機関から借入れをして、なんとか乗り切りました。\n町の担当者・木村さんは、年度末の実績報告の場で初めてその事情を聞き、驚きました。「言ってもらえれば相談できたのに」と話す木村さんに、NPOの事務局長は「契約の条件に口を出してよいとは思わなかった」と答えています。",
            "en": "Kawabe Town's Welfare Division commissioned the Hataraku Hiroba Kawabe, a non-profit corporation, for one year to create work-experience opportunities for people with disabilities. Under the contract, the fee of about four million yen was to be paid after completion, on receipt of the final report.\nThe NPO is small, and this project accounts for most of its annual budget. From April it paid staff salaries and the workshop rent out of its own funds, and by autumn it had almost nothing left. The chair took out a personal bank loan to get through.\nMr Kimura, the town's officer in charge, heard about this for the first time at the year-end report meeting and was taken aback. 'If you had told us, we could have talked about it,' he said. The NPO's secretary-general replied that they had not thought they could question the terms of the contract.",
        },
        "problem": {
            "ja": "支払いの時期と方法が、契約の場で十分に話し合われていませんでした。町にとっては通常の会計手続きでも、小規模なNPOにとっては、精算払いだけでは資金繰りが成り立たない場合があります。困りごとを言い出しにくい関係だったことも、発見を遅らせました。",
            "en": "When and how the fee would be paid was never properly discussed at contract time. What is routine accounting for the town can make cash flow impossible for a small NPO when payment comes only at the end. A relationship in which problems were hard to raise also delayed discovery.",
        },
        "hints": {
            "ja": [
                "分担合意（契約）の段階で、NPOの資金の状況を聞き、前金払い、概算払い、四半期ごとの部分払いなどができないか、会計担当課と検討しましょう。会計規則の範囲内でも、選べる方法は意外にあります。",
                "支払いの方法は、事業の進め方と一体で決めます。例えば、四半期ごとに実績を確認して部分払いにすれば、進み具合の共有にもなります。",
                "お金の話は言い出しにくいものだという前提で、定期的な打合せの議題に資金繰りの状況を入れておくと、早めに相談が届きます。",
                "対等な関係とは、互いの事情を知ったうえで、無理のない条件を一緒に作ることです。町の制度上どうしてもできないことは、その理由も伝えます。",
            ],
            "en": [
                "At the agreement (contract) stage, ask about the NPO's finances and look with the accounts section at whether advance payment, estimated payment or quarterly partial payments are possible. Even within the accounting rules, there are often more options than expected.",
                "Decide the payment method together with the way the work proceeds. Quarterly partial payments against confirmed results, for example, also keep both sides informed of progress.",
                "Assume that money is hard to talk about, and put the cash-flow situation on the agenda of regular meetings, so that problems surface early.",
                "An equal relationship means knowing each other's circumstances and making workable terms together. Where the town's rules really do not allow something, explain why.",
            ],
        },
        "questions": {
            "ja": [
                "協働相手の資金繰りの状況を、契約の前に聞いていますか。",
                "前金払い・概算払い・部分払いについて、会計担当と相談したことがありますか。",
                "相手が困りごとを早めに相談できる機会を、定期的に設けていますか。",
            ],
            "en": [
                "Do you ask about your partner's cash flow before the contract is signed?",
                "Have you discussed advance, estimated or partial payment with your accounts section?",
                "Do you regularly give your partner an opportunity to raise problems early?",
            ],
        },
        "stages": ["agreement"],
        "methods": ["commission"],
        "principles": ["autonomy_equality"],
        "related": [3, 11],
    },
    {
        "number": 5,
        "title": {
            "ja": "提案したアイデアが、ほかの団体の事業になった",
            "en": "Our idea became someone else's contract",
        },
        "summary": {
            "ja": "NPOの協働提案をもとに作られた仕様書で公募が行われ、提案した団体が選ばれなかった事例。",
            "en": "An NPO's proposal is written into a tender specification, and the NPO that proposed it is not selected.",
        },
        "story": {
            "ja": "あおば市の環境政策課に、NPO法人「あおば川を愛する会」から、小学生と一緒に川の生き物を調べ、その結果を地域の環境マップにまとめる事業の協働提案が出されました。担当者は提案を高く評価し、翌年度の予算に計上しました。\nところが、予算化された事業は委託として企画提案の公募にかけられ、仕様書には提案の内容がほぼそのまま使われていました。審査の結果、別の環境コンサルタント会社が選ばれました。\n会の代表・中川さんは、「自分たちの提案がほかの事業者の仕事になってしまった」と落胆し、今後は市への提案を控えようと考えています。市の側は、公平な競争で相手を選ぶために公募にしたのであり、手続きに誤りはないと考えています。",
            "en": "The Aoba River Society, a non-profit corporation, submitted a collaboration proposal to Aoba City's Environmental Policy Division: primary pupils and the society would survey the creatures of the river together and turn the results into a local environmental map. The officer in charge thought highly of the idea and included it in the next year's budget.\nOnce funded, however, the project was put out as a commission through an open call for proposals, and the specification used the society's proposal almost word for word. After review, an environmental consultancy was selected.\nMr Nakagawa, the society's representative, is disheartened that their proposal has become another firm's job, and is thinking of making no more proposals to the city. The city's view is that it used an open call to choose a partner through fair competition and that the procedure was sound.",
        },
        "problem": {
            "ja": "協働提案から委託に移るときの手続きと、提案した団体の扱いが、あらかじめ決められていませんでした。公平性への市の配慮は正当なものですが、提案者にとっては、自分たちの知恵が断りなく使われたと感じられました。どのような手続きで相手を選ぶのかが、提案の段階で公開されていなかったことが問題の根にあります。",
            "en": "How a collaboration proposal would turn into a commission, and how the proposer would be treated, had not been decided in advance. The city's concern for fairness is legitimate, but to the proposer it felt as though its ideas had been used without asking. At the root is that the way the partner would be chosen was not made public when proposals were invited.",
        },
        "hints": {
            "ja": [
                "協働提案の制度を運用するときは、採択した提案がその後どのような手続き（提案者との随意契約、公募、補助など）で事業化されるのかを、募集要項に明記して公開しておきます。",
                "公募にする場合でも、審査基準に提案の独自性や地域での実績を含めるか、提案者であることを審査で考慮するかどうかを、事前に決めて示します。",
                "仕様書に提案の内容を使うときは、前もって提案者に説明して了解を得るとともに、事業の発案者として記録に残します。",
                "選定の結果と理由を公表し、提案者には個別に説明する場を設けます。",
            ],
            "en": [
                "If you run a collaboration-proposal scheme, state publicly in the call how an adopted proposal will become a project afterwards: a negotiated contract with the proposer, an open call, a subsidy, and so on.",
                "Even where an open call is used, decide and announce in advance whether the criteria include originality and local track record, and whether having made the proposal counts in review.",
                "When a proposal's content is used in a specification, explain this to the proposer beforehand, obtain their agreement, and record them as the originator of the project.",
                "Publish the result of the selection with the reasons, and offer the proposer an individual explanation.",
            ],
        },
        "questions": {
            "ja": [
                "協働提案を受けたあと、どのような手続きで事業化するのかを、提案者に事前に伝えていますか。",
                "選定の基準・方法・結果とその理由は公開されていますか。",
                "NPOのアイデアを使うとき、出所を示し、了解を得ていますか。",
            ],
            "en": [
                "After receiving a collaboration proposal, do you tell the proposer in advance how it will become a project?",
                "Are your selection criteria, method, result and reasons made public?",
                "When you use an NPO's idea, do you credit it and obtain its agreement?",
            ],
        },
        "stages": ["draft", "partner_selection"],
        "methods": ["commission"],
        "principles": ["openness"],
        "related": [1, 12],
    },
    {
        "number": 6,
        "title": {
            "ja": "毎年恒例の共催イベント、何のために続けているの？",
            "en": "An annual co-hosted event: why do we still hold it?",
        },
        "summary": {
            "ja": "10年続く共催イベントの目的を誰も説明できなくなり、前年どおりの準備が繰り返されている事例。",
            "en": "After ten years no one can say what a co-hosted festival is for, and each year simply copies the last.",
        },
        "story": {
            "ja": "さくら台市の市民協働課とNPO法人「さくら台まちづくりネット」は、10年前から毎年秋に「市民活動フェスタ」を共催しています。始めたころの目的は、市民活動団体の存在を多くの市民に知ってもらい、新しい担い手を増やすことでした。\nしかし最近は、出展団体の顔ぶれがほぼ同じで、来場者も関係者が中心です。市の担当者は3人目、NPOの側も立ち上げ時のメンバーが退き、準備は前年の資料をなぞる形で進んでいます。\n今年の反省会で、若手職員の石田さんが「このフェスタの目的は何でしたっけ」と尋ねたところ、誰もはっきりとは答えられませんでした。毎年、予算も人手もかかっていますが、やめる理由も見当たらないまま続いています。",
            "en": "Sakuradai City's Civic Collaboration Division and the Sakuradai Community Network, a non-profit corporation, have co-hosted a Civic Activity Festival every autumn for ten years. At the start, the aim was to make civic groups known to more residents and to bring in new volunteers.\nLately, though, the exhibiting groups are almost always the same, and most visitors are people already involved. The city's officer in charge is the third since it began, the NPO's founding members have stepped back, and preparations follow the previous year's papers.\nAt this year's review meeting, Ms Ishida, a young officer, asked what the festival's purpose actually was, and no one could give a clear answer. It costs money and effort every year, yet it carries on, with no particular reason to stop.",
        },
        "problem": {
            "ja": "共催の目的が文書として残っておらず、毎回の振り返りでも、目的に照らした評価がされていませんでした。続けること自体が目的になり、事業を見直す機会を逃しています。",
            "en": "The purpose of co-hosting was never written down, and the yearly reviews did not measure the event against a purpose. Continuing has become the goal in itself, and chances to rethink the project have been missed.",
        },
        "hints": {
            "ja": [
                "既存の事業も、協働がふさわしいかという視点から見直すことが大切です。「この事業は今も協働で行う意味があるか」「目的は今の地域の課題に合っているか」を、双方で改めて話し合いましょう。",
                "目的と、それを確かめる指標（初めて出展した団体の数、来場者のうち関係者以外の割合、フェスタをきっかけに団体の活動に参加した人の数など）を文書にし、実行委員会で共有します。",
                "終了後は市とNPOがそれぞれ評価し、結果を持ち寄って意見を交換します。その結果として、内容を変える、形を変える、やめるという判断をすることも、協働の成果です。",
                "若手職員や新しい団体に企画の段階から加わってもらい、一から組み立て直すのも一つの方法です。",
            ],
            "en": [
                "Existing projects, too, should be reviewed from the viewpoint of whether collaboration suits them. Discuss together again whether doing this project jointly still makes sense and whether its purpose fits the area's current issues.",
                "Write down the purpose and the indicators that show whether it is met (the number of first-time exhibitors, the share of visitors not already involved, the number of people who joined a group's activity through the festival) and share them in the organising committee.",
                "After the event, the city and the NPO each evaluate it, then bring the results together and exchange views. Deciding as a result to change the content, change the format or stop is also an outcome of collaboration.",
                "Another option is to rebuild the event from scratch with young officers and new groups involved from the planning stage.",
            ],
        },
        "questions": {
            "ja": [
                "毎年続けている協働事業の目的を、文書で確かめることができますか。",
                "目的を確かめるための指標は、事業を始める前に合意されていますか。",
                "「やめる」「形を変える」という選択肢も含めて、事業を見直す機会がありますか。",
            ],
            "en": [
                "Can you find the purpose of your recurring collaborative project in writing?",
                "Were indicators for checking that purpose agreed before the project began?",
                "Is there an opportunity to review the project, including the options of stopping or changing its form?",
            ],
        },
        "stages": ["suitability", "evaluation"],
        "methods": ["co_hosting"],
        "principles": ["shared_purpose"],
        "related": [2, 13],
    },
    {
        "number": 7,
        "title": {
            "ja": "共催イベントで参加者がけがをした",
            "en": "A participant is injured at a co-hosted event",
        },
        "summary": {
            "ja": "共催のウォーキング行事で参加者が骨折し、どちらの保険で対応するのかが決まっていなかった事例。",
            "en": "A walker breaks a wrist at a co-hosted event, and neither organiser knows whose insurance applies.",
        },
        "story": {
            "ja": "北川町の健康づくり課とNPO法人「北川ウォーキングクラブ」は、町の健康づくり事業として、町内の里山を歩く「ふれあいウォーク」を共催しました。当日は約80人が参加し、NPOの会員がコースの誘導を、町が受付と救護テントを担当しました。\n途中の下り坂で、70代の参加者が転倒して手首を骨折しました。後日、家族から町に「治療費はどこが負担するのか」と問合せがありました。町の担当者はNPOが加入している行事保険で対応できると思い込み、NPOの代表は町の事業なので町の保険が使えると考えていました。\n確認してみると、NPOの保険は会員が活動中にけがをした場合が対象で、一般の参加者は含まれていませんでした。町の保険は、町が単独で主催する行事が対象でした。対応が決まるまでに2週間かかり、その間に家族の不信感が募ってしまいました。",
            "en": "Kitagawa Town's Health Promotion Division and the Kitagawa Walking Club, a non-profit corporation, co-hosted a 'Friendship Walk' through the town's wooded hills as part of the town's health programme. About 80 people took part; club members guided walkers along the route, and the town ran reception and a first-aid tent.\nOn a downhill stretch, a participant in her seventies fell and broke her wrist. Later her family asked the town who would pay for the treatment. The town's officer assumed the club's event insurance would cover it; the club's representative believed that, as it was a town programme, the town's insurance would apply.\nWhen they checked, the club's policy covered only injuries to its own members during activities, not members of the public. The town's policy covered only events the town hosted on its own. It took two weeks to settle what to do, and in the meantime the family's distrust grew.",
        },
        "problem": {
            "ja": "共催に当たって、事故が起きたときの責任の所在と、保険が適用される範囲を、事前に確かめて合意していませんでした。それぞれが相手の保険で対応できると考え、誰も確認していなかったのです。",
            "en": "Before co-hosting, the two sides had not checked and agreed where responsibility would lie if an accident happened or what the insurance would cover. Each assumed the other's insurance would apply, and no one had checked.",
        },
        "hints": {
            "ja": [
                "分担合意の段階で、事故が起きたときの対応（救護、家族への連絡、報告の窓口）と責任の所在を話し合い、協定書や実行委員会の取決めに書き込みます。",
                "保険については、「誰が加入するか」「誰が補償の対象か（主催者、スタッフ、ボランティア、一般参加者）」「何を補償するか（傷害、賠償責任）」を確認し、漏れがあれば行事ごとの保険に加入するなどして手当てします。保険料も費用分担に含めます。",
                "参加者には、コースの難しさや注意事項、加入している保険の内容を、申込みの段階で知らせておきます。",
                "事故が起きたら、まず双方で情報を共有し、窓口を一本にして、誠実に家族に対応します。原因と対策は双方で振り返り、次回の計画に反映させます。",
            ],
            "en": [
                "At the agreement stage, discuss what happens if there is an accident (first aid, contacting the family, who receives reports) and where responsibility lies, and write it into the agreement or the organising committee's arrangements.",
                "For insurance, check who takes out the policy, who is covered (organisers, staff, volunteers, members of the public) and what is covered (injury, liability). Fill any gap, for example with insurance for the specific event, and include the premium in the cost split.",
                "Tell participants when they apply how demanding the route is, what to watch out for, and what insurance is in place.",
                "If an accident happens, first share information between the two sides, use a single point of contact, and deal with the family sincerely. Review the cause and the remedies together and build them into the next plan.",
            ],
        },
        "questions": {
            "ja": [
                "あなたの共催事業では、事故が起きたときの連絡と対応の窓口が決まっていますか。",
                "加入している保険が、誰の、どのような事故を補償するのか確認しましたか。",
                "安全管理と保険の費用は、費用分担の中に位置付けられていますか。",
            ],
            "en": [
                "In your co-hosted project, is it decided who is contacted and who responds if there is an accident?",
                "Have you checked whose accidents, and what kinds, your insurance covers?",
                "Are safety measures and insurance included in the cost split?",
            ],
        },
        "stages": ["agreement"],
        "methods": ["co_hosting"],
        "principles": ["dialogue_agreement"],
        "related": [8, 9],
    },
    {
        "number": 8,
        "title": {
            "ja": "講座の参加者名簿は、誰が管理するのか",
            "en": "Who looks after the list of course participants?",
        },
        "summary": {
            "ja": "NPOが集めた講座参加者の個人情報について、保管・利用・廃棄の取決めがなく、参加者から苦情が寄せられた事例。",
            "en": "No one agreed how the participants' personal data collected by the NPO would be stored, used or deleted, and a participant complains.",
        },
        "story": {
            "ja": "西原市の子育て支援課とNPO法人「にしはら子育てひろば」は協定を結び、市が会場と広報を、NPOが運営を担う形で、乳幼児の保護者向けの講座を年12回開いてきました。申込みはNPOが受け付け、氏名、住所、電話番号、子どもの年齢、相談したいことなどを書いた申込書を集めていました。\n2年目に、NPOが自主事業として開く有料イベントの案内を、この名簿の宛先に送りました。すると、ある参加者から市に「市の講座に申し込んだのに、なぜ別の団体から案内が届くのか」と苦情がありました。\n調べてみると、協定書には個人情報の取扱いについての定めがなく、名簿の保管場所、利用できる範囲、事業が終わった後の廃棄について、何も決まっていませんでした。",
            "en": "Nishihara City's Child-Rearing Support Division and Nishihara Kosodate Hiroba, a non-profit corporation, signed an agreement under which the city provided the venue and publicity and the NPO ran a course for parents of babies and toddlers, twelve times a year. The NPO took the applications, collecting forms with names, addresses, telephone numbers, children's ages and what parents wanted advice on.\nIn the second year, the NPO sent details of a paid event of its own to the addresses on this list. One participant complained to the city: 'I applied for a city course, so why am I getting mail from a different organisation?'\nOn checking, the agreement turned out to say nothing about personal information. Where the list was kept, what it could be used for and how it would be disposed of after the project had never been decided.",
        },
        "problem": {
            "ja": "事業協力の協定に、個人情報の取扱いが含まれていませんでした。NPOに悪意はなく、参加者の役に立つと考えて案内を送りましたが、参加者からは、市の事業として申し込んだ情報が目的外に使われたと受け止められました。",
            "en": "The cooperation agreement did not cover personal information. The NPO meant no harm and sent the information thinking it would help the participants, but to them it looked as if details given for a city programme had been used for another purpose.",
        },
        "hints": {
            "ja": [
                "分担合意の段階で、個人情報について「誰が集めるか」「利用の目的と範囲」「保管の方法と場所」「第三者への提供の可否」「事業終了後の返却・廃棄」「漏えいなどが起きたときの連絡」を決め、協定書に書き込みます。",
                "申込書には利用目的をはっきり書きます。団体のほかの事業の案内に使いたい場合は、本人の同意を別に得る欄を設けるなどの方法があります。",
                "市の個人情報保護の規程と、NPOの個人情報の取扱方針を互いに確認し、必要に応じて研修の機会を共有します。",
                "苦情には双方で協議して対応し、参加者への説明と再発防止策を一緒に決めます。",
            ],
            "en": [
                "At the agreement stage, decide for personal information who collects it, the purpose and scope of use, how and where it is stored, whether it may be passed to third parties, how it is returned or deleted after the project, and whom to contact if there is a leak, and write this into the agreement.",
                "State the purpose of use clearly on the application form. If the organisation wants to use the details to announce its other activities, add a separate box for the person's consent, for example.",
                "Check the city's rules on personal information and the NPO's own policy together, and share training opportunities where needed.",
                "Respond to complaints after consulting each other, and decide together on the explanation to participants and on measures to prevent a recurrence.",
            ],
        },
        "questions": {
            "ja": [
                "協働事業で集める個人情報の利用目的と範囲は、協定書や取決めに書かれていますか。",
                "事業が終わった後、名簿などの個人情報をどうするかが決まっていますか。",
                "個人情報の管理について、相手の団体の方針や体制を確認しましたか。",
            ],
            "en": [
                "Are the purpose and scope of use of personal data collected in your project written into the agreement?",
                "Is it decided what happens to lists and other personal data when the project ends?",
                "Have you checked your partner's policy and arrangements for managing personal data?",
            ],
        },
        "stages": ["agreement"],
        "methods": ["cooperation"],
        "principles": ["dialogue_agreement"],
        "related": [7, 9],
    },
    {
        "number": 9,
        "title": {
            "ja": "一緒に作ったリーフレット、増刷のときにもめてしまった",
            "en": "A leaflet made together, and a dispute at reprint",
        },
        "summary": {
            "ja": "共同で作った防災リーフレットの増刷の際に、著作権、ロゴ、団体名の表示をめぐって意見が分かれた事例。",
            "en": "When a jointly made disaster-preparedness leaflet is reprinted, the two sides disagree over copyright, logos and credit.",
        },
        "story": {
            "ja": "東山市の防災危機管理課とNPO法人「ぼうさいママネット東山」は、事業協力として、乳幼児のいる家庭向けの防災リーフレットを作りました。内容の多くはNPOの会員が子育て家庭への聞き取りをもとに書き、イラストは会員の一人が描き、印刷費は市が負担しました。\n完成したリーフレットには市のロゴが大きく入り、NPOの名前は裏面に小さく載っただけでした。好評だったため増刷することになり、市は内容の一部を改めて、別の課の事業でも使おうとしました。\nするとNPOから「団体名をきちんと載せてほしい」「イラストを変えるなら描いた本人の了解がいる」という申入れがありました。一方、市は、NPOが独自にリーフレットを配っていることを了解していないと言い出し、話がこじれてしまいました。",
            "en": "Higashiyama City's Disaster Management Division and Bousai Mama Net Higashiyama, a non-profit corporation, produced a disaster-preparedness leaflet for families with babies and toddlers as a cooperation project. NPO members wrote most of the content from interviews with families, one member drew the illustrations, and the city paid for printing.\nThe finished leaflet carried the city's logo prominently; the NPO's name appeared in small print on the back. It was well received and a reprint was planned, and the city wanted to revise part of it and use it in another division's programme too.\nThe NPO then asked for its name to be shown properly and said that changing the illustrations needed the illustrator's consent. The city, for its part, said it had never agreed to the NPO handing out the leaflet on its own, and relations became strained.",
        },
        "problem": {
            "ja": "共同で作った成果物の著作権の帰属、ロゴや団体名の表示、改訂や二次利用の条件を、作る前に決めていませんでした。双方の貢献が外から見える形で示されていなかったことも、行き違いの原因になりました。",
            "en": "Ownership of the copyright in the joint output, how logos and names would be shown, and the terms for revision and reuse were not decided before the leaflet was made. That neither side's contribution was visible from outside added to the misunderstanding.",
        },
        "hints": {
            "ja": [
                "分担合意の段階で、成果物の著作権をどちらに帰属させるか（双方の共有とすることも多くあります）、改訂・増刷・二次利用の手続き、イラストや写真の作者の権利の扱いを決め、協定書に書きます。",
                "表示の仕方（「○○市とNPO法人○○の協働により作成」など）を事前に合意し、双方の役割が市民に分かるようにします。協働の関係を外に開いて示すことは、協働の原則の一つです。",
                "印刷費を負担したことと、成果物を使う権利とは別の問題です。費用を負担した側だけが権利を持つと決めつけず、話し合いましょう。",
                "完成した後も、増刷や改訂のたびに相手に連絡し、協議するルールにしておきます。",
            ],
            "en": [
                "At the agreement stage, decide who owns the copyright in outputs (joint ownership is common), the procedure for revision, reprinting and reuse, and how the rights of illustrators and photographers are handled, and write it into the agreement.",
                "Agree in advance how the work is credited (for example, 'produced in collaboration between X City and the non-profit Y') so that citizens can see each side's role. Showing the collaborative relationship openly is one of the principles of collaboration.",
                "Paying for printing and the right to use the output are separate questions. Do not assume that whoever paid owns the rights; talk it through.",
                "After completion too, make it a rule to contact and consult the other side at each reprint or revision.",
            ],
        },
        "questions": {
            "ja": [
                "協働事業の成果物の著作権や使用の条件は、事前に取り決めていますか。",
                "成果物に、双方の名前や役割が市民に分かるように表示されていますか。",
                "成果物の改訂やほかの事業での利用について、協議の手順が決まっていますか。",
            ],
            "en": [
                "Have you agreed in advance on copyright and terms of use for your project's outputs?",
                "Do the outputs show both names and roles in a way citizens can understand?",
                "Is there an agreed procedure for revising outputs or using them in other projects?",
            ],
        },
        "stages": ["agreement"],
        "methods": ["cooperation"],
        "principles": ["openness"],
        "related": [7, 8],
    },
    {
        "number": 10,
        "title": {
            "ja": "毎年同じ団体に出ている補助金",
            "en": "A subsidy that always goes to the same groups",
        },
        "summary": {
            "ja": "15年間同じ団体だけが受けてきた補助金が既得権のようになり、新しい団体が応募できなかった事例。",
            "en": "For fifteen years a subsidy has gone only to the same groups; it has become an entitlement, and a newcomer cannot apply.",
        },
        "story": {
            "ja": "みなみ野町の地域福祉課には、地域の見守りやサロン活動を行う団体への補助金があります。制度ができた15年前から補助を受けているのは同じ3団体で、申請の案内もこの3団体に直接送られてきました。\n昨年、子ども食堂を始めた若い世代の任意団体「みなみ野みんなの食卓」が町の窓口で補助金について尋ねたところ、「例年決まった団体に出しているので」と言われました。この話が町議会で取り上げられ、補助先の選び方が問われることになりました。\n長く補助を受けてきた団体は、地域で大切な役割を果たしています。ただ、補助金が団体の運営費の大半を占めるようになっており、急に打ち切られることには強い不安を感じています。",
            "en": "Minamino Town's Community Welfare Division runs a subsidy for groups that keep an eye on older residents and hold community salons. Since the scheme began fifteen years ago the same three groups have received it, and the application notice has been sent directly to those three.\nLast year Minamino Minna no Shokutaku, a voluntary group of younger residents who had started a children's cafeteria, asked at the town office about the subsidy and was told that it went to the usual groups every year. The matter was raised in the town assembly, and the way recipients are chosen came into question.\nThe long-standing recipients play an important part in the community. But the subsidy now makes up most of their running costs, and they are deeply worried about it being cut off suddenly.",
        },
        "problem": {
            "ja": "補助の目的、対象、選定の基準と方法が公開されず、見直しもされないまま、補助が既得権のようになっていました。新しい団体が加わる道が閉ざされ、制度の公平性が疑われる結果になりました。",
            "en": "The purpose, eligibility, criteria and selection method of the subsidy were never published or reviewed, and it had become a kind of entitlement. New groups had no way in, and the fairness of the scheme came into doubt.",
        },
        "hints": {
            "ja": [
                "要綱で補助の目的、対象事業、補助率・上限額、審査基準を定めて公表し、公募で申請を受け付けます。法人格の有無ではなく、活動の内容と実績で判断します。",
                "補助期間の上限（例えば、同じ事業について3年まで）や、一定期間ごとの見直しを設けます。これまで補助を受けてきた団体には移行期間を設け、自立に向けた計画や、事業協力・委託などほかの協働の方法を一緒に考えます。",
                "評価の段階では、補助の成果を団体と町がそれぞれ評価し、結果を公表します。その結果を、次の年度の募集や基準に反映させます。",
                "選定の結果と理由を公表することは、これまでの団体にとっても、活動の意義を市民に示す機会になります。",
            ],
            "en": [
                "Set out in published rules the purpose of the subsidy, eligible projects, rate and ceiling, and review criteria, and accept applications through an open call. Judge by what groups do and have achieved, not by whether they hold legal status.",
                "Introduce a maximum period (for example, three years for the same project) and periodic reviews. Give existing recipients a transition period and work out with them a plan towards independence, or other forms of collaboration such as cooperation or commissioning.",
                "At evaluation, the groups and the town each assess what the subsidy achieved and publish the results, which then shape the next year's call and criteria.",
                "Publishing the results and reasons for selection also gives the long-standing groups a chance to show citizens the value of their work.",
            ],
        },
        "questions": {
            "ja": [
                "あなたの補助制度は、新しい団体にも情報が届き、応募できるようになっていますか。",
                "補助の期間や見直しの時期は、あらかじめ決められていますか。",
                "補助の成果は、団体と行政の双方で評価され、公表されていますか。",
            ],
            "en": [
                "Does information about your subsidy reach new groups, and can they apply?",
                "Are the period of support and the timing of reviews fixed in advance?",
                "Are the results of the subsidy evaluated by both the group and the government, and published?",
            ],
        },
        "stages": ["partner_selection", "evaluation"],
        "methods": ["subsidy"],
        "principles": ["openness"],
        "related": [12, 13],
    },
    {
        "number": 11,
        "title": {
            "ja": "担当者が替わったら、また一からやり直し",
            "en": "A new officer, and back to square one",
        },
        "summary": {
            "ja": "人事異動で市の担当者が替わり、口頭で積み重ねてきた取決めが引き継がれなかった事例。",
            "en": "The city's officer is transferred, and agreements built up by word of mouth are not handed over.",
        },
        "story": {
            "ja": "ひばり市の観光課とNPO法人「ひばり里山ガイドの会」は、3年計画の事業協力として、里山の散策ガイドの養成と案内所の運営に取り組んでいます。1年目から担当してきた市の高橋主任は、NPOと何度も話し合い、役割分担や案内所の運営ルールを口頭で決めてきました。\n2年目の4月、高橋主任は人事異動でほかの部署に移り、後任の森さんが着任しました。引継ぎ書には「NPOと連携して実施」としか書かれておらず、森さんは案内所の鍵の管理やガイド料の扱いなど、これまでの取決めを知りませんでした。\nNPOの代表は、これまでの経緯をまた一から説明しなければならず、「振り出しに戻った」と感じています。森さんも、前任者が口頭で約束したことをどこまで引き継ぐべきか分からず、戸惑っています。",
            "en": "Hibari City's Tourism Division and the Hibari Satoyama Guides, a non-profit corporation, are working on a three-year cooperation project to train guides for walks in the wooded hills and to run a visitor information point. Mr Takahashi, the city's officer from the first year, talked with the NPO many times and agreed roles and the rules for the information point by word of mouth.\nIn April of the second year he was transferred to another department and Ms Mori took over. The handover note said only 'implemented in partnership with the NPO', and she knew nothing of the arrangements made, such as who keeps the keys to the information point or how guide fees are handled.\nThe NPO's representative has had to explain the whole history again and feels they are back to square one. Ms Mori, for her part, is unsure how far she is bound by what her predecessor promised verbally.",
        },
        "problem": {
            "ja": "合意の多くが担当者個人との口頭のやりとりにとどまり、組織として記録されていませんでした。行政の定期的な人事異動は避けられませんが、それを前提にした引継ぎの仕組みがありませんでした。",
            "en": "Most agreements remained verbal exchanges with one officer and were never recorded by the organisation. Regular staff rotation in government is unavoidable, but there was no handover system that took it into account.",
        },
        "hints": {
            "ja": [
                "合意したことは、協定書や打合せの記録として文書に残し、双方で確認します。この記録が、担当者が替わっても関係を続けていくための土台になります。",
                "異動が決まったら、前任者・後任者・NPOの三者で引継ぎの打合せを持ち、事業の目的、これまでの経緯、残っている課題を一緒に確かめます。",
                "担当者を一人にせず、係長など複数の職員が事業を把握している体制にします。NPOの側も、役員の交代に備えて同じ工夫をします。",
                "実施中の定期的な連絡会議の記録を、双方が見られる形で蓄積し、誰が見ても経緯が分かるようにします。",
            ],
            "en": [
                "Record what is agreed in the agreement or in meeting notes, and have both sides confirm it. This record is the foundation that lets the relationship continue when people change.",
                "When a transfer is announced, hold a handover meeting with the outgoing officer, the incoming officer and the NPO, and go through the project's purpose, its history and the open issues together.",
                "Do not rely on a single officer: make sure several staff, such as the section chief, know the project. The NPO can do the same in preparation for changes among its officers.",
                "Keep the notes of regular liaison meetings during implementation where both sides can see them, so that anyone can follow what has happened.",
            ],
        },
        "questions": {
            "ja": [
                "これまでの合意事項は、担当者が替わっても分かる形で記録されていますか。",
                "人事異動のとき、協働相手を交えた引継ぎの場を設けていますか。",
                "事業を把握している職員は、担当者のほかにもいますか。",
            ],
            "en": [
                "Are the agreements made so far recorded in a way that a new officer could understand?",
                "When staff are transferred, do you hold a handover with your partner present?",
                "Does anyone other than the officer in charge know the project?",
            ],
        },
        "stages": ["implementation"],
        "methods": ["cooperation", "co_hosting"],
        "principles": ["dialogue_agreement"],
        "related": [4, 13],
    },
    {
        "number": 12,
        "title": {
            "ja": "応募が1団体だけだった公募",
            "en": "An open call with only one applicant",
        },
        "summary": {
            "ja": "周知も期間も不十分な公募に1団体だけが応募して選ばれ、後からほかの団体に公平性を疑われた事例。",
            "en": "A thinly advertised, short call draws one applicant, which is chosen; other groups later question whether it was fair.",
        },
        "story": {
            "ja": "西原市の市民活動推進課は、市民活動センターの相談窓口の運営を委託するため、企画提案の公募を行いました。募集期間は2週間で、市のウェブサイトに掲載しただけでした。\n応募はNPO法人「にしはら市民活動サポート」の1団体だけで、審査の結果、そのまま委託先に決まりました。課内では「応募があってよかった」と安堵の声が出ました。\nところが翌月、別の中間支援団体から「公募があったことを知らなかった」「募集期間が短すぎる」「最初から決まっていたのではないか」という意見が寄せられました。選ばれた団体は誠実に準備を進めていますが、周囲の目が気になり、戸惑っています。",
            "en": "Nishihara City's Civic Activity Promotion Division ran an open call for proposals to commission the advice desk at the city's civic activity centre. The call was open for two weeks and was only posted on the city's website.\nThe only applicant was Nishihara Civic Activity Support, a non-profit corporation, and after review it was awarded the contract. In the division, people were relieved that anyone had applied at all.\nThe following month, however, another intermediary support organisation complained that it had not known about the call, that the application period was far too short, and that the outcome must have been decided from the start. The chosen organisation is preparing in good faith but feels uneasy about how others see it.",
        },
        "problem": {
            "ja": "手続きとしては公募でしたが、周知の範囲や期間、審査の基準と過程が十分に公開されていませんでした。応募が1件だったことで選定の公平性に疑問を持たれ、選ばれた団体までが不信の目で見られることになりました。",
            "en": "Formally it was an open call, but how widely it was advertised, how long it ran, and the criteria and process of review were not made sufficiently public. With only one application, the fairness of the selection was doubted, and even the chosen organisation came under suspicion.",
        },
        "hints": {
            "ja": [
                "募集の前に、選定の基準と方法（配点、審査の進め方、審査委員）を定めて公表します。応募が1件でも、あらかじめ決めた基準に照らして最低限の水準を満たすかを審査し、その結果を記録します。",
                "周知はウェブサイトだけでなく、市民活動センターの情報誌、NPOのネットワーク、説明会なども使い、提案の準備に必要な期間を確保します。",
                "選定の結果は、理由とともに公表します。応募が少なかったときは、その原因（期間、条件、周知の方法）を振り返り、次の公募に生かします。",
                "過程を公開することは、選ばれた団体が根拠のない疑いを受けないためにも大切です。",
            ],
            "en": [
                "Before the call, fix and publish the selection criteria and method (points, how the review runs, who the reviewers are). Even with a single application, review it against the criteria set in advance to see whether it meets the minimum standard, and record the result.",
                "Advertise not only on the website but through the civic activity centre's newsletter, NPO networks and briefing sessions, and allow enough time to prepare a proposal.",
                "Publish the result with the reasons. When there are few applications, look at why (period, conditions, how the call was advertised) and apply the lessons to the next call.",
                "Making the process public also protects the chosen organisation from unfounded suspicion.",
            ],
        },
        "questions": {
            "ja": [
                "公募の周知の方法と期間は、応募を考える団体にとって十分なものですか。",
                "選定の基準と方法は、募集の前に公表されていますか。",
                "応募が1件だった場合の審査の扱いを、事前に決めていますか。",
            ],
            "en": [
                "Are the ways and length of time you advertise calls enough for organisations thinking of applying?",
                "Are the selection criteria and method published before the call opens?",
                "Have you decided in advance how to review a call that receives only one application?",
            ],
        },
        "stages": ["partner_selection"],
        "methods": ["commission"],
        "principles": ["openness"],
        "related": [5, 10],
    },
    {
        "number": 13,
        "title": {
            "ja": "評価をしないまま、事業が終わってしまった",
            "en": "The project ended without ever being evaluated",
        },
        "summary": {
            "ja": "2年間評価をしなかった学習支援の事業協力が、単年度予算の削減で突然終わり、成果を示せなかった事例。",
            "en": "A two-year learning-support project is never evaluated and ends abruptly when the single-year budget is cut, with no results to show.",
        },
        "story": {
            "ja": "北川町の教育委員会とNPO法人「まなびば北川」は、経済的な事情を抱える家庭の中学生を対象にした学習支援教室に、事業協力として取り組んできました。町が公民館の部屋と広報を、NPOが学習ボランティアの確保と教室の運営を担い、2年間で延べ40人の生徒が通いました。\n年度末の予算編成で事業費が削られ、教室は3月で終わることになりました。NPOには2月になって口頭で伝えられました。この2年間、事業の評価は行われておらず、生徒や保護者の声もまとめられていませんでした。\nNPOの代表・小林さんは「続けるにしても、やめるにしても、何が成果だったのかを一緒に確かめたかった」と話しています。町の担当者も、予算の担当課に事業の成果を説明する材料がなかったことを悔やんでいます。",
            "en": "Kitagawa Town's Board of Education and Manabiba Kitagawa, a non-profit corporation, ran a learning-support class for lower-secondary pupils from families facing financial hardship as a cooperation project. The town provided a room in the community centre and publicity; the NPO recruited volunteer tutors and ran the class. Over two years, 40 pupils attended.\nIn the year-end budget round the project's funding was cut, and the class was to end in March. The NPO was told verbally in February. In those two years no evaluation had been carried out, and the views of pupils and parents had not been gathered.\nMs Kobayashi, the NPO's representative, says that whether the class continued or not, she had wanted to establish together what it had achieved. The town's officer regrets having had nothing to show the budget division about the project's results.",
        },
        "problem": {
            "ja": "事業の目的は共有していたはずですが、それがどこまで達成されたかを確かめる評価が行われず、結果も共有されませんでした。そのため、予算を判断する場で事業の意義を示せず、NPOとの関係も一方的な通告で終わってしまいました。",
            "en": "The purpose of the project was supposedly shared, but no evaluation checked how far it had been achieved, and nothing was shared. As a result the project's value could not be shown when the budget was decided, and the relationship with the NPO ended with a one-sided notice.",
        },
        "hints": {
            "ja": [
                "事業を始める前に、目的と成果の目標、それを測る指標（参加した生徒の数、続けて通った割合、生徒や保護者の声など）を合意しておきます。",
                "事業の後には、町とNPOがそれぞれ同じ評価項目で評価し、結果を持ち寄って、評価が分かれた項目を中心に意見を交換します。評価の結果は公表し、次の年度の予算や事業の見直しに生かします。",
                "単年度の予算で事業を続けられなくなるおそれがあるときは、早めにNPOに伝え、補助やNPOの自主事業への移行など、ほかの財源や方法を一緒に検討します。",
                "事業をやめる場合も、参加者への説明と、これまでの成果の記録を双方で行います。",
            ],
            "en": [
                "Before the project begins, agree on its purpose, outcome targets and the indicators that measure them (number of pupils, share who kept attending, pupils' and parents' views).",
                "After the project, the town and the NPO each evaluate it against the same items, then bring the results together and discuss above all the items on which they differ. Publish the results and use them in next year's budget and in reviewing the project.",
                "If there is a risk that a single-year budget cannot continue the project, tell the NPO early and look together at other funding or forms, such as a subsidy or a move to the NPO's own programme.",
                "Even when a project ends, explain this to participants together and record together what was achieved.",
            ],
        },
        "questions": {
            "ja": [
                "あなたの協働事業には、始める前に合意した成果の目標と指標がありますか。",
                "評価は双方で行い、その結果を交換し、公表していますか。",
                "予算が続かないおそれを、協働相手にいつ、どのように伝えることになっていますか。",
            ],
            "en": [
                "Does your collaborative project have outcome targets and indicators agreed before it began?",
                "Do both sides evaluate the project, exchange the results and publish them?",
                "When and how would you tell your partner that funding might not continue?",
            ],
        },
        "stages": ["evaluation"],
        "methods": ["cooperation", "subsidy"],
        "principles": ["shared_purpose"],
        "related": [6, 11],
    },
]

CASES = [*CASES, *GOOD_PRACTICE_CASES]
