"""Reference data: the 20 activity fields of the NPO Act (別表, in force since April 2012)."""

ACTIVITY_FIELDS = [
    (1, "保健、医療又は福祉の増進を図る活動", "Promotion of health, medical care or welfare"),
    (2, "社会教育の推進を図る活動", "Promotion of social education"),
    (3, "まちづくりの推進を図る活動", "Promotion of community development"),
    (4, "観光の振興を図る活動", "Promotion of tourism"),
    (
        5,
        "農山漁村又は中山間地域の振興を図る活動",
        "Promotion of rural, fishing and hilly and mountainous areas",
    ),
    (
        6,
        "学術、文化、芸術又はスポーツの振興を図る活動",
        "Promotion of science, culture, the arts or sports",
    ),
    (7, "環境の保全を図る活動", "Conservation of the environment"),
    (8, "災害救援活動", "Disaster relief"),
    (9, "地域安全活動", "Community safety"),
    (10, "人権の擁護又は平和の推進を図る活動", "Protection of human rights or promotion of peace"),
    (11, "国際協力の活動", "International cooperation"),
    (
        12,
        "男女共同参画社会の形成の促進を図る活動",
        "Promotion of a gender-equal society",
    ),
    (13, "子どもの健全育成を図る活動", "Sound development of children"),
    (14, "情報化社会の発展を図る活動", "Development of the information society"),
    (15, "科学技術の振興を図る活動", "Promotion of science and technology"),
    (16, "経済活動の活性化を図る活動", "Revitalisation of economic activity"),
    (
        17,
        "職業能力の開発又は雇用機会の拡充を支援する活動",
        "Vocational skills development and expansion of employment opportunities",
    ),
    (18, "消費者の保護を図る活動", "Consumer protection"),
    (
        19,
        "前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動",
        "Liaison, advice or assistance to organisations engaged in the above activities",
    ),
    (
        20,
        "前各号に掲げる活動に準ずる活動として都道府県又は指定都市の条例で定める活動",
        "Activities equivalent to the above, as set by prefectural or designated-city ordinance",
    ),
]


def load_activity_fields(activity_field_model) -> None:
    """Create or update the 20 fields; safe to run again (used by the data migration)."""
    for number, name_ja, name_en in ACTIVITY_FIELDS:
        activity_field_model.objects.update_or_create(
            number=number, defaults={"name_ja": name_ja, "name_en": name_en}
        )
