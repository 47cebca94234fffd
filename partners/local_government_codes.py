"""Reference data: Saitama Prefecture and its 63 municipalities in the national list of local
government codes (全国地方公共団体コード, 総務省), with their romanised names.

Each code here is the five-digit body (都道府県2桁＋市区町村3桁); the sixth digit, the check
digit, is computed by ``with_check_digit`` so the table cannot disagree with the rule.
"""

# The check digit's weights, one per digit of the five-digit body (JIS X 0401/0402 rule).
CHECK_DIGIT_WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(five_digits: str) -> int:
    """The sixth digit: 11 minus the weighted sum modulo 11, keeping only the last digit
    (so a remainder of 0 gives 1 and a remainder of 1 gives 0, e.g. 埼玉県 11000 → 1)."""
    pairs = zip(five_digits, CHECK_DIGIT_WEIGHTS, strict=True)
    total = sum(int(digit) * weight for digit, weight in pairs)
    return (11 - total % 11) % 10


def with_check_digit(five_digits: str) -> str:
    return f"{five_digits}{check_digit(five_digits)}"


def is_valid_code(code: str) -> bool:
    """Six ASCII digits whose last digit is the check digit of the first five."""
    return (
        len(code) == 6
        and code.isascii()
        and code.isdigit()
        and int(code[5]) == check_digit(code[:5])
    )


SAITAMA_PREFECTURE = ("11000", "埼玉県", "Saitama", "saitama-pref")

# (five digits, name, romanised name, slug). Cities keep the bare name as their slug; towns and
# the village carry -machi/-mura, since a town may share a city's reading (三郷市 / 美里町).
SAITAMA_MUNICIPALITIES = [
    ("11100", "さいたま市", "Saitama", "saitama-city"),
    ("11201", "川越市", "Kawagoe", "kawagoe"),
    ("11202", "熊谷市", "Kumagaya", "kumagaya"),
    ("11203", "川口市", "Kawaguchi", "kawaguchi"),
    ("11206", "行田市", "Gyoda", "gyoda"),
    ("11207", "秩父市", "Chichibu", "chichibu"),
    ("11208", "所沢市", "Tokorozawa", "tokorozawa"),
    ("11209", "飯能市", "Hanno", "hanno"),
    ("11210", "加須市", "Kazo", "kazo"),
    ("11211", "本庄市", "Honjo", "honjo"),
    ("11212", "東松山市", "Higashimatsuyama", "higashimatsuyama"),
    ("11214", "春日部市", "Kasukabe", "kasukabe"),
    ("11215", "狭山市", "Sayama", "sayama"),
    ("11216", "羽生市", "Hanyu", "hanyu"),
    ("11217", "鴻巣市", "Konosu", "konosu"),
    ("11218", "深谷市", "Fukaya", "fukaya"),
    ("11219", "上尾市", "Ageo", "ageo"),
    ("11221", "草加市", "Soka", "soka"),
    ("11222", "越谷市", "Koshigaya", "koshigaya"),
    ("11223", "蕨市", "Warabi", "warabi"),
    ("11224", "戸田市", "Toda", "toda"),
    ("11225", "入間市", "Iruma", "iruma"),
    ("11227", "朝霞市", "Asaka", "asaka"),
    ("11228", "志木市", "Shiki", "shiki"),
    ("11229", "和光市", "Wako", "wako"),
    ("11230", "新座市", "Niiza", "niiza"),
    ("11231", "桶川市", "Okegawa", "okegawa"),
    ("11232", "久喜市", "Kuki", "kuki"),
    ("11233", "北本市", "Kitamoto", "kitamoto"),
    ("11234", "八潮市", "Yashio", "yashio"),
    ("11235", "富士見市", "Fujimi", "fujimi"),
    ("11237", "三郷市", "Misato", "misato"),
    ("11238", "蓮田市", "Hasuda", "hasuda"),
    ("11239", "坂戸市", "Sakado", "sakado"),
    ("11240", "幸手市", "Satte", "satte"),
    ("11241", "鶴ヶ島市", "Tsurugashima", "tsurugashima"),
    ("11242", "日高市", "Hidaka", "hidaka"),
    ("11243", "吉川市", "Yoshikawa", "yoshikawa"),
    ("11245", "ふじみ野市", "Fujimino", "fujimino"),
    ("11246", "白岡市", "Shiraoka", "shiraoka"),
    ("11301", "伊奈町", "Ina", "ina-machi"),
    ("11324", "三芳町", "Miyoshi", "miyoshi-machi"),
    ("11326", "毛呂山町", "Moroyama", "moroyama-machi"),
    ("11327", "越生町", "Ogose", "ogose-machi"),
    ("11341", "滑川町", "Namegawa", "namegawa-machi"),
    ("11342", "嵐山町", "Ranzan", "ranzan-machi"),
    ("11343", "小川町", "Ogawa", "ogawa-machi"),
    ("11346", "川島町", "Kawajima", "kawajima-machi"),
    ("11347", "吉見町", "Yoshimi", "yoshimi-machi"),
    ("11348", "鳩山町", "Hatoyama", "hatoyama-machi"),
    ("11349", "ときがわ町", "Tokigawa", "tokigawa-machi"),
    ("11361", "横瀬町", "Yokoze", "yokoze-machi"),
    ("11362", "皆野町", "Minano", "minano-machi"),
    ("11363", "長瀞町", "Nagatoro", "nagatoro-machi"),
    ("11365", "小鹿野町", "Ogano", "ogano-machi"),
    ("11369", "東秩父村", "Higashichichibu", "higashichichibu-mura"),
    ("11381", "美里町", "Misato", "misato-machi"),
    ("11383", "神川町", "Kamikawa", "kamikawa-machi"),
    ("11385", "上里町", "Kamisato", "kamisato-machi"),
    ("11408", "寄居町", "Yorii", "yorii-machi"),
    ("11442", "宮代町", "Miyashiro", "miyashiro-machi"),
    ("11464", "杉戸町", "Sugito", "sugito-machi"),
    ("11465", "松伏町", "Matsubushi", "matsubushi-machi"),
]


def english_name(name: str, romanised: str) -> str:
    """「川越市」→ "Kawagoe City", 「埼玉県」→ "Saitama Prefecture", 「美里町」→ "Misato Town"."""
    suffix = {"県": "Prefecture", "都": "Metropolis", "道": "Prefecture", "府": "Prefecture"}.get(
        name[-1]
    ) or {"市": "City", "町": "Town", "村": "Village", "区": "City"}.get(name[-1], "")
    return f"{romanised} {suffix}".strip()


def known_bodies() -> dict[str, dict]:
    """Every body above by its Japanese name: code (with check digit), English name, slug and
    level ("prefecture" or "municipality")."""
    code, name, romanised, slug = SAITAMA_PREFECTURE
    table = {
        name: {
            "code": with_check_digit(code),
            "name_en": english_name(name, romanised),
            "slug": slug,
            "level": "prefecture",
        }
    }
    for code, name, romanised, slug in SAITAMA_MUNICIPALITIES:
        table[name] = {
            "code": with_check_digit(code),
            "name_en": english_name(name, romanised),
            "slug": slug,
            "level": "municipality",
        }
    return table
