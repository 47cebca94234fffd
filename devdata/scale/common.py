"""What the scale seeder's parts share: the names it draws on, how the projects spread over the
stages, and the bulk insert."""

from django.db import connection

from partners.models import Organization
from projects.choices import Stage

SCALE_PASSWORD = "kyodo-scale-2026"
CHUNK = 2_000
BATCH = 5_000

MUNICIPALITIES = [
    "さいたま市",
    "川越市",
    "熊谷市",
    "川口市",
    "行田市",
    "秩父市",
    "所沢市",
    "飯能市",
    "加須市",
    "本庄市",
    "東松山市",
    "春日部市",
    "狭山市",
    "羽生市",
    "鴻巣市",
    "深谷市",
    "上尾市",
    "草加市",
    "越谷市",
    "蕨市",
    "戸田市",
    "入間市",
    "朝霞市",
    "志木市",
    "和光市",
    "新座市",
    "桶川市",
    "久喜市",
    "北本市",
    "八潮市",
    "富士見市",
    "三郷市",
    "蓮田市",
    "坂戸市",
    "幸手市",
    "鶴ヶ島市",
    "日高市",
    "吉川市",
    "ふじみ野市",
    "白岡市",
    "伊奈町",
    "三芳町",
    "毛呂山町",
    "越生町",
    "滑川町",
    "嵐山町",
    "小川町",
    "川島町",
    "吉見町",
    "鳩山町",
    "ときがわ町",
    "横瀬町",
    "皆野町",
    "長瀞町",
    "小鹿野町",
    "東秩父村",
    "美里町",
    "神川町",
    "上里町",
    "寄居町",
    "宮代町",
    "杉戸町",
    "松伏町",
]
PREFECTURE_DEPARTMENTS = [
    "県民生活課",
    "共助社会づくり課",
    "少子政策課",
    "高齢者福祉課",
    "障害者福祉推進課",
    "環境政策課",
    "みどり自然課",
    "危機管理課",
    "国際課",
    "文化振興課",
    "生涯学習推進課",
    "産業労働政策課",
]
THEMES = [
    ("子育て広場の運営", 13),
    ("高齢者の見守り", 1),
    ("河川敷の清掃と環境学習", 7),
    ("避難所運営訓練", 8),
    ("外国人住民の日本語教室", 11),
    ("里山の保全", 5),
    ("若者の就労支援", 17),
    ("消費者被害の防止講座", 18),
    ("地域の防犯パトロール", 9),
    ("まちなかの空き店舗活用", 3),
    ("障害のある人の余暇活動", 1),
    ("子ども食堂の支援", 13),
    ("男女共同参画の講座", 12),
    ("文化財の案内ボランティア", 6),
    ("観光ガイドの育成", 4),
    ("市民活動団体の運営相談", 19),
    ("ICT講習会", 14),
    ("科学教室", 15),
]
LEGAL_FORMS = [choice for choice, _label in Organization.LegalForm.choices]
# How the projects of a prefecture spread over the stages (most have run their course).
STAGE_WEIGHTS = {
    Stage.DRAFT: 4,
    Stage.SUITABILITY: 4,
    Stage.METHOD: 4,
    Stage.PARTNER_SELECTION: 4,
    Stage.AGREEMENT: 4,
    Stage.IMPLEMENTATION: 20,
    Stage.EVALUATION: 10,
    Stage.CLOSED: 45,
    Stage.ENDED: 5,
}


def bulk(model, rows: list, **options) -> list:
    """Insert rows and return them with their ids (bulk_create)."""
    _fill_derived(rows)
    return model.objects.bulk_create(rows, batch_size=BATCH, **options)


def write(model, rows: list) -> None:
    """Insert rows whose ids the seeder never reads back. On PostgreSQL with COPY, which skips
    the per-statement parsing, planning and RETURNING of INSERT and is several times faster for
    the bulk of the data (answers, lines, events); elsewhere with ``bulk``. Both write the same
    values: each field's own conversion for saving, with its defaults and ``auto_now_add``."""
    if connection.vendor != "postgresql":
        bulk(model, rows)
        return
    if not rows:
        return
    _fill_derived(rows)
    opts = model._meta
    fields = [f for f in opts.concrete_fields if f is not opts.auto_field and not f.generated]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields])


def _fill_derived(rows: list) -> None:
    # Neither bulk_create nor COPY calls save(): fill the derived search column the directory
    # needs here.
    for row in rows:
        if hasattr(row, "refresh_search_text"):
            row.refresh_search_text()
