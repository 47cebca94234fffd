# ruff: noqa: E501
"""Good-practice cases (良い実践例), written for this portal beside the thirteen failure stories.

Each shows a piece of the handbook's guidance carried out: the suitability check, a fair and
published selection, an agreement with roles, costs and responsibility made explicit, and an
evaluation made by each side separately and then exchanged. Every municipality, organisation and
person is fictional. The fields are those of the failure cases; for these, ``problem`` holds what
made the difference and ``hints`` how to do the same (the pages label them accordingly).
"""

GOOD_PRACTICE_CASES: list[dict] = [
    {
        "number": 14,
        "kind": "good_practice",
        "title": {
            "ja": "適否検討で、誰が何をするかがはっきりした",
            "en": "A suitability check that settled who does what",
        },
        "summary": {
            "ja": "協働がふさわしいかを検討する中で、市とNPOの得意なことを書き出し、役割の分け方まで決まった事例。",
            "en": "Checking whether a project suits collaboration, a city and an NPO list what each does best and end up with a clear split of roles.",
        },
        "story": {
            "ja": "あおば市の地域福祉課は、ひとり親家庭への食料支援を始めるに当たり、まず「協働がふさわしい事業か」を検討しました。課内だけで決めず、子ども食堂を運営するNPO法人「あおばフードリンク」に声をかけ、検討の場に加わってもらいました。\n検討では、課題と実施主体、双方の特性、対等な関係という三つの視点で問いを一つずつ確かめました。支援が必要な家庭の把握と制度の案内は市にしかできないこと、食品の寄付集めと当日の受け渡しは、地域に顔の見える関係を持つNPOの方が上手にできることが、話し合いの中ではっきりしました。\n結論は「協働で実施する」。方法は事業協力とし、検討の記録がそのまま役割分担表の下書きになりました。担当の森さんは「最初に二人で書き出した表が、その後の打合せの土台になった」と話しています。",
            "en": "When Aoba City's Community Welfare Division set out to provide food support to single-parent households, it first asked whether the project suited collaboration. It did not decide alone: it invited Aoba Food Link, a non-profit corporation that runs a children's cafeteria, to join the discussion.\nThey went through the questions of all three viewpoints: the issue and who should carry it out, the characteristics of each side, and an equal relationship. It became clear that only the city could identify households in need and explain public services to them, while the NPO, known and trusted in the neighbourhood, was better at collecting donated food and handing it over.\nThe conclusion was to collaborate, by way of a cooperation project, and the record of the check became the first draft of the division of roles. Ms Mori, the officer in charge, says the table the two of them wrote at the start became the basis of every later meeting.",
        },
        "problem": {
            "ja": "適否検討を行政だけの手続にせず、相手となるNPOと一緒に行ったことです。費用ではなく、それぞれにしかできないことを理由に協働を選んだので、役割分担の根拠がはっきりし、どちらかが相手の下請けになることもありませんでした。",
            "en": "The suitability check was not left as an internal procedure: it was done with the NPO that would become the partner. Collaboration was chosen for what only each side could do, not for cost, so the division of roles had clear reasons and neither side became the other's subcontractor.",
        },
        "hints": {
            "ja": [
                "適否検討の三つの視点の問いに、NPOの意見も聞きながら答え、その答えを記録に残しましょう。",
                "「市にしかできないこと」「NPOの方が得意なこと」「一緒にすること」を書き出すと、そのまま役割分担の下書きになります。",
                "協働を選んだ理由は、費用の削減ではなく、双方の特性を生かせるかどうかで説明できるようにします。",
            ],
            "en": [
                "Answer the questions of the three viewpoints with the NPO's views heard, and keep the answers on record.",
                "Listing what only the city can do, what the NPO does better and what is done together gives a first draft of the division of roles.",
                "Be able to explain the choice of collaboration by how it uses both sides' strengths, not by saving money.",
            ],
        },
        "questions": {
            "ja": [
                "あなたの事業の適否検討に、協働の相手となるNPOの意見は入っていますか。",
                "協働を選んだ理由を、費用以外の言葉で説明できますか。",
            ],
            "en": [
                "Did the views of the partner NPO go into your project's suitability check?",
                "Can you explain why you chose collaboration in terms other than cost?",
            ],
        },
        "stages": ["suitability", "method"],
        "methods": ["cooperation"],
        "principles": ["shared_purpose", "autonomy_equality"],
        "related": [3, 6],
    },
    {
        "number": 15,
        "kind": "good_practice",
        "title": {
            "ja": "選定の基準と結果を公表し、選ばれなかった団体も納得した",
            "en": "A selection whose criteria and result were published, accepted even by those not chosen",
        },
        "summary": {
            "ja": "公募の前に選定基準と方法を決めて公表し、選定理由と結果も公開したことで、応募した団体の信頼を得た事例。",
            "en": "Criteria and method are fixed and published before the call, and the reasons and result afterwards, winning the applicants' trust.",
        },
        "story": {
            "ja": "しらかば町の環境政策課は、里山の保全と環境学習の委託先を公募で選ぶことにしました。募集を始める前に、評価の項目と配点、審査する委員の構成、面談の進め方を決め、募集要項と一緒に町のウェブサイトに載せました。法人格の有無では差をつけず、活動の内容と実績を見ることも明記しました。\n応募は3団体からありました。委員会は公開の場で各団体の発表を聞き、項目ごとの点数と講評を記録しました。選ばれたのは任意団体の「しらかば里山の会」でした。\n結果の公表では、選んだ理由とあわせて、全団体の項目別の点数を載せ、選ばれなかった団体には個別に講評を伝えました。選ばれなかった団体の一つは「どこが足りなかったかが分かった。次の公募にも応募したい」と話しています。",
            "en": "Shirakaba Town's Environmental Policy Division decided to choose, by open call, the organisation to be commissioned for satoyama conservation and environmental education. Before the call opened it decided the criteria and their weights, the members of the selection committee and how interviews would run, and published them on the town's website with the call. It also stated that legal status would make no difference: activities and track record would.\nThree groups applied. The committee heard each group's presentation in public and recorded scores and comments for each criterion. The group chosen was the Shirakaba Satoyama Society, an unincorporated citizens' group.\nThe published result gave the reasons for the choice and every applicant's score on each criterion, and the groups not chosen were given the committee's comments individually. One of them said it now knew where it had fallen short and would apply again next time.",
        },
        "problem": {
            "ja": "選定の基準と方法を先に決めて公表し、選んだ理由と結果を後から公表したことです。手続が見えていたので、結果への疑いが生まれず、選ばれなかった団体も次の機会に向けて力を付けることができました。",
            "en": "The criteria and method were fixed and published first, and the reasons and result afterwards. Because the process could be seen, the result was not doubted, and the groups not chosen could prepare for the next opportunity.",
        },
        "hints": {
            "ja": [
                "評価の項目と配点、審査の方法は、募集の前に決めて公表しましょう。",
                "法人格の有無だけで判断せず、活動の内容と実績を評価することを要項に書いておきます。",
                "選んだ理由を記録し、結果とあわせて公表します。選ばれなかった団体には個別に講評を返します。",
            ],
            "en": [
                "Decide and publish the criteria, their weights and the method of review before the call opens.",
                "State in the call that legal status alone decides nothing and that activities and track record are assessed.",
                "Record the reasons for the choice and publish them with the result; give the groups not chosen the committee's comments individually.",
            ],
        },
        "questions": {
            "ja": [
                "あなたの事業の選定基準は、応募の前に公表されていますか。",
                "選ばれなかった団体に、理由と講評を返していますか。",
            ],
            "en": [
                "Were your project's selection criteria published before applications opened?",
                "Do you give the groups not chosen the reasons and the committee's comments?",
            ],
        },
        "stages": ["partner_selection"],
        "methods": ["commission"],
        "principles": ["openness"],
        "related": [5, 12],
    },
    {
        "number": 16,
        "kind": "good_practice",
        "title": {
            "ja": "費用と責任を書き出した協定書が、もしもの時に役立った",
            "en": "An agreement that set out costs and responsibilities, and helped when something went wrong",
        },
        "summary": {
            "ja": "共催の防災イベントの前に、役割、費用、事故の時の責任と保険を協定書にまとめておき、当日のけがにも落ち着いて対応できた事例。",
            "en": "Before a co-hosted disaster-preparedness event, roles, costs, responsibility for accidents and insurance are written into an agreement, so an injury on the day is handled calmly.",
        },
        "story": {
            "ja": "みどり台市の危機管理課とNPO法人「そなえの輪」は、親子向けの防災体験イベントを共催することになりました。準備の打合せでは、会場の確保と広報は市、体験の企画と当日の運営はNPO、受付と誘導は双方で、と役割を一つずつ決めました。\n費用についても、人件費と一般管理費を含めてどちらが何を負担するかを表にし、参加者の傷害保険はNPOが加入し保険料は市が負担すること、事故が起きた時の連絡の順番と窓口を協定書に書きました。\n当日、煙体験の出口で子どもが転んでけがをしましたが、スタッフは協定書の手順どおりに動き、保護者への説明と保険の手続はその日のうちに済みました。後日の振り返りで、NPOの代表は「決めておいたから、互いを責めずに済んだ」と話しました。",
            "en": "Midoridai City's Crisis Management Division and Sonae no Wa, a non-profit corporation, agreed to co-host a disaster-preparedness event for parents and children. In the preparatory meetings they settled each role: the city would book the venue and do the publicity, the NPO would design the activities and run the day, and both would staff reception and guide visitors.\nThey also drew up a table of who pays for what, staff costs and overheads included, and wrote into the agreement that the NPO would take out accident insurance for participants with the city paying the premium, and in what order and through whom an accident would be reported.\nOn the day a child fell at the exit of the smoke tunnel and was hurt. Staff followed the agreement's procedure, and the explanation to the parents and the insurance claim were both dealt with that day. At the review afterwards, the NPO's representative said that because it had all been decided, nobody had to blame anybody.",
        },
        "problem": {
            "ja": "役割、費用、責任の所在を、事業が始まる前に双方で話し合い、協定書に書いたことです。起こりうる事故を先に想定していたので、いざという時に迷わず動け、信頼関係も損なわれませんでした。",
            "en": "Roles, costs and where responsibility lies were discussed by both sides and written into the agreement before the work began. Because likely accidents had been thought through in advance, people acted without hesitation when one happened, and trust was not damaged.",
        },
        "hints": {
            "ja": [
                "役割は「市」「NPO」「双方」に分けて一つずつ書き出し、協定書に載せましょう。",
                "費用の分担表には、人件費と一般管理費も含めます。",
                "事故の時の連絡の順番、窓口、保険の加入者と保険料の負担を、始める前に決めておきます。",
            ],
            "en": [
                "Write out each role as the city's, the NPO's or both, and put them in the agreement.",
                "Include staff costs and overheads in the table of who pays for what.",
                "Before starting, decide the reporting order and contact point for accidents, who takes out insurance and who pays the premium.",
            ],
        },
        "questions": {
            "ja": [
                "あなたの協定書には、事故が起きた時の責任と連絡の手順が書かれていますか。",
                "費用の分担に、NPOの人件費と一般管理費は含まれていますか。",
            ],
            "en": [
                "Does your agreement say who is responsible and how to report when an accident happens?",
                "Does the sharing of costs include the NPO's staff costs and overheads?",
            ],
        },
        "stages": ["agreement"],
        "methods": ["co_hosting"],
        "principles": ["dialogue_agreement", "autonomy_equality"],
        "related": [4, 8],
    },
    {
        "number": 17,
        "kind": "good_practice",
        "title": {
            "ja": "別々に評価して持ち寄ったことが、次の事業につながった",
            "en": "Evaluating separately, then comparing, shaped the next project",
        },
        "summary": {
            "ja": "町とNPOが同じ評価シートにそれぞれ記入してから意見を交換し、評価が分かれた項目をもとに次の年度の事業を見直した事例。",
            "en": "A town and an NPO fill in the same evaluation sheet separately, then exchange views, and revise the next year's project where their scores differ.",
        },
        "story": {
            "ja": "かわせみ町の生涯学習課とNPO法人「かわせみ読書の森」は、補助事業として子ども向けの読み聞かせ講座を2年間続けてきました。始める前に、参加者数と、続けて参加した子どもの割合を成果の指標として合意していました。\n年度末、町とNPOは同じ評価シートに別々に記入し、低い点には理由を書きました。持ち寄ってみると、「参加者の満足」は双方とも高い一方、「情報の共有」では町が4、NPOが2と分かれました。話し合いの中で、申込みの状況が町からNPOに届くのが遅く、準備に追われていたことが分かりました。\n翌年度は申込みの受付をNPOが直接行うことにし、評価の結果と見直しの内容を町のウェブサイトで公表しました。担当の石田さんは「点数が分かれた項目こそ、話し合う価値があった」と振り返ります。",
            "en": "Kawasemi Town's Lifelong Learning Division and Kawasemi Reading Forest, a non-profit corporation, had run a storytelling course for children for two years as a subsidised project. Before starting they had agreed on the number of participants and the share of children who kept coming as indicators of success.\nAt the end of the year, the town and the NPO each filled in the same evaluation sheet separately, giving reasons for low scores. When they compared, both had scored participant satisfaction highly, but on sharing information the town gave 4 and the NPO 2. Talking it through, they found that news of applications reached the NPO late from the town, leaving it rushing to prepare.\nThe following year the NPO took applications directly, and the evaluation results and the changes made were published on the town's website. Mr Ishida, the officer in charge, looks back: 'The items where our scores differed were exactly the ones worth talking about.'",
        },
        "problem": {
            "ja": "成果の指標を始める前に合意し、事業の後には双方が別々に評価してから意見を交換したことです。評価が分かれた項目から具体的な改善点が見つかり、その結果が公表され、次の事業の計画に生かされました。",
            "en": "Indicators were agreed before the project, and afterwards each side evaluated it separately before exchanging views. The items on which they differed revealed concrete improvements, and the results were published and used in planning the next project.",
        },
        "hints": {
            "ja": [
                "成果の目標と指標は、事業を始める前に双方で合意しておきましょう。",
                "評価は同じシートに別々に記入し、低い点には理由を書きます。持ち寄った後は、点数が分かれた項目から話し合います。",
                "評価の結果と見直しの内容を公表し、次の年度の計画に反映させます。",
            ],
            "en": [
                "Agree on outcome targets and indicators with your partner before the project starts.",
                "Fill in the same sheet separately, with reasons for low scores; when comparing, start with the items where the scores differ.",
                "Publish the results and the changes decided, and build them into the next year's plan.",
            ],
        },
        "questions": {
            "ja": [
                "あなたの事業では、行政とNPOがそれぞれ評価してから意見を交換していますか。",
                "評価の結果は、次の事業の計画にどう生かされていますか。",
            ],
            "en": [
                "In your project, do the government and the NPO each evaluate it before exchanging views?",
                "How are the evaluation results used in planning the next project?",
            ],
        },
        "stages": ["evaluation"],
        "methods": ["subsidy"],
        "principles": ["shared_purpose", "openness"],
        "related": [10, 13],
    },
]
