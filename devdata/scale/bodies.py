"""The bodies a scale run spreads its offices over: 埼玉県 and its 63 municipalities from the code
table, or a national deployment of 47 prefectures and 1,741 municipalities (1,788 bodies).

Beyond 埼玉県 the national bodies are SYNTHETIC: names such as 「第12県」「第12県第34町」 and codes
built from the prefecture number and a running municipality number, with a valid check digit.
They have the shape of the national code list (two digits of prefecture, three of municipality,
a check digit) but are not real bodies; they exist only to measure the portal at national size.
"""

from dataclasses import dataclass

from partners.local_government_codes import known_bodies, with_check_digit

PREFECTURES = 47
MUNICIPALITIES_NATIONWIDE = 1_741
NATIONAL_BODIES = PREFECTURES + MUNICIPALITIES_NATIONWIDE  # 1,788
SAITAMA_NUMBER = 11  # the one prefecture taken from the code table with its real municipalities


@dataclass(frozen=True)
class BodySpec:
    code: str
    name: str
    name_en: str
    slug: str
    level: str
    prefecture_code: str = ""  # empty for a prefecture


def national_bodies(municipalities: int = MUNICIPALITIES_NATIONWIDE) -> list[BodySpec]:
    """47 prefectures and ``municipalities`` municipalities: 埼玉県 with its 63 real ones from the
    code table, the rest synthetic and spread evenly over the other 46 prefectures. Prefectures
    come before their municipalities, so the list can be created in order."""
    table = known_bodies()
    saitama = [(name, known) for name, known in table.items() if known["level"] == "prefecture"]
    saitama_municipalities = [
        (name, known) for name, known in table.items() if known["level"] == "municipality"
    ]
    saitama_code = saitama[0][1]["code"]
    others = [number for number in range(1, PREFECTURES + 1) if number != SAITAMA_NUMBER]
    remaining = max(0, municipalities - len(saitama_municipalities))
    per_prefecture, extra = divmod(remaining, len(others))
    specs = []
    for number in range(1, PREFECTURES + 1):
        if number == SAITAMA_NUMBER:
            name, known = saitama[0]
            specs.append(
                BodySpec(known["code"], name, known["name_en"], known["slug"], "prefecture")
            )
            for name, known in saitama_municipalities:
                specs.append(
                    BodySpec(
                        known["code"],
                        name,
                        known["name_en"],
                        known["slug"],
                        "municipality",
                        saitama_code,
                    )
                )
            continue
        prefecture_code = with_check_digit(f"{number:02d}000")
        specs.append(
            BodySpec(
                prefecture_code,
                f"第{number}県",
                f"Prefecture {number} (synthetic)",
                f"synthetic-pref-{number:02d}",
                "prefecture",
            )
        )
        count = per_prefecture + (1 if others.index(number) < extra else 0)
        for index in range(1, count + 1):
            # Municipality numbers 201… as cities have in the code list; at most a few dozen
            # per prefecture, far below 999.
            specs.append(
                BodySpec(
                    with_check_digit(f"{number:02d}{200 + index:03d}"),
                    f"第{number}県第{index}町",
                    f"Town {index}, prefecture {number} (synthetic)",
                    f"synthetic-{number:02d}-{index:03d}",
                    "municipality",
                    prefecture_code,
                )
            )
    return specs
