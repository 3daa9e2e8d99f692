"""Gazetteers shipped with the package (built by ``reader.nlp.build_gazetteer``) and hand-kept word lists."""

from __future__ import annotations

import gzip
import json
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

# Titles and honorifics: never part of a name ("Field Marshal Khalifa Haftar" -> "Khalifa Haftar").
TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady madam mister miss
    president vice prime minister ministers premier chancellor king queen prince princess emperor sultan
    sheikh shaikh emir amir crown pope cardinal archbishop bishop rev rev. reverend father imam ayatollah rabbi
    general gen gen. gens. major maj maj. colonel col col. lieutenant lt lt. captain capt capt. sergeant sgt sgt.
    admiral adm adm. brigadier brig brig. commander cmdr cmdr. marshal field corporal cpl cpl. private
    governor gov gov. senator sen sen. representative rep rep. congressman congresswoman mayor judge justice
    chief secretary ambassador envoy spokesman spokeswoman spokesperson deputy foreign defense defence
    interior finance state speaker chairman chairwoman chair ceo director coach manager head leader
    minister-president president-elect mp mep dr president's pres. hon. mme mlle""".split()
)
# Words that, ending a capitalised phrase, make it an organisation.
ORG_WORDS = frozenset(
    """inc inc. ltd ltd. corp corp. co co. llc plc ag gmbh sa group company corporation bank airlines airline
    airways university college institute school academy council committee commission parliament assembly
    ministry department agency authority office bureau service services party army navy force forces police
    guard brigade battalion union federation association society foundation fund organization organisation
    league club fc united mission court senate congress board network news times post press radio tv television
    channel studio studios records church hospital center centre alliance coalition front movement council
    cabinet government administration corps command unit""".split()
)
# Honorifics and ranks that introduce a person's name ("Maj. Gen. al-Mabrouk al-Ghazwi").
NAME_TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame president minister premier chancellor king queen
    prince princess sheikh emir pope cardinal archbishop bishop imam ayatollah rabbi general gen. gens.
    maj. major colonel col. lieutenant lt. captain capt. sergeant sgt. admiral adm. brigadier brig.
    commander cmdr. marshal corporal cpl. governor gov. senator sen. rep. congressman congresswoman
    mayor judge justice ambassador envoy spokesman spokeswoman spokesperson speaker chairman chairwoman
    secretary coach née nee""".split()
)
# Well-known organisations that are hard to tell from people or places by form alone (news agencies,
# publishers, alliances): a short hand-kept list.
KNOWN_ORGS = {
    "reuters": "Reuters", "ap": "Associated Press", "associated press": "Associated Press", "afp": "AFP",
    "agence france-presse": "AFP", "bloomberg": "Bloomberg", "bbc": "BBC", "cnn": "CNN", "al jazeera":
    "Al Jazeera", "asharq al-awsat": "Asharq Al-Awsat", "xinhua": "Xinhua", "tass": "TASS", "dpa": "dpa",
    "anadolu": "Anadolu Agency", "anadolu agency": "Anadolu Agency", "nato": "NATO", "un": "United Nations",
    "united nations": "United Nations", "eu": "European Union", "european union": "European Union",
    "imf": "International Monetary Fund", "world bank": "World Bank", "opec": "OPEC",
    "nasa": "NASA", "fbi": "FBI", "cia": "CIA", "pentagon": "Pentagon", "kremlin": "Kremlin",
    "white house": "White House", "hamas": "Hamas", "hezbollah": "Hezbollah", "taliban": "Taliban",
    "isis": "ISIS", "islamic state": "Islamic State", "al-qaeda": "al-Qaeda", "al qaeda": "al-Qaeda",
    "new york times": "New York Times", "washington post": "Washington Post", "wall street journal":
    "Wall Street Journal", "financial times": "Financial Times", "guardian": "Guardian",
    "security council": "Security Council", "google": "Google", "facebook": "Facebook", "twitter":
    "Twitter", "microsoft": "Microsoft", "ecowas": "ECOWAS",
    "african union": "African Union", "arab league": "Arab League", "interpol": "Interpol",
    # international bodies, markets, wire services and leagues that news names without an organisation word
    "nasdaq": "Nasdaq", "nyse": "New York Stock Exchange", "fifa": "FIFA", "uefa": "UEFA", "ioc": "IOC",
    "unicef": "UNICEF", "unesco": "UNESCO", "unhcr": "UNHCR", "wto": "World Trade Organization", "oecd": "OECD", "asean": "ASEAN",
    "ecb": "European Central Bank", "federal reserve": "Federal Reserve", "red cross": "Red Cross",
    "amnesty international": "Amnesty International", "human rights watch": "Human Rights Watch",
    "greenpeace": "Greenpeace", "interfax": "Interfax", "itar-tass": "Itar-Tass", "kyodo": "Kyodo",
    "yonhap": "Yonhap", "upi": "UPI", "efe": "EFE", "ansa": "ANSA", "nhk": "NHK", "cbs": "CBS", "nbc": "NBC",
    "nba": "NBA", "nfl": "NFL", "nhl": "NHL", "mlb": "MLB", "plo": "PLO", "pkk": "PKK", "gazprom": "Gazprom",
    "boeing": "Boeing", "airbus": "Airbus", "volkswagen": "Volkswagen", "toyota": "Toyota",
    # banks and brokers the business pages quote, parties and movements, more outlets and bodies
    "merrill lynch": "Merrill Lynch", "goldman sachs": "Goldman Sachs", "morgan stanley": "Morgan Stanley",
    "jp morgan": "JP Morgan", "j.p. morgan": "JP Morgan", "citigroup": "Citigroup", "citibank": "Citibank",
    "deutsche bank": "Deutsche Bank", "barclays": "Barclays", "hsbc": "HSBC", "credit suisse": "Credit Suisse",
    "lehman brothers": "Lehman Brothers", "salomon brothers": "Salomon Brothers", "nomura": "Nomura",
    "commerzbank": "Commerzbank", "dresdner bank": "Dresdner Bank", "bnp paribas": "BNP Paribas",
    "societe generale": "Societe Generale", "likud": "Likud", "fatah": "Fatah", "sinn fein": "Sinn Féin",
    "african national congress": "African National Congress", "bharatiya janata party": "Bharatiya Janata Party",
    "bjp": "Bharatiya Janata Party", "muslim brotherhood": "Muslim Brotherhood",
    "world health organization": "World Health Organization", "iaea": "International Atomic Energy Agency",
    "international atomic energy agency": "International Atomic Energy Agency", "osce": "OSCE", "european commission": "European Commission",
    "european parliament": "European Parliament", "european central bank": "European Central Bank",
    "international monetary fund": "International Monetary Fund", "world trade organization": "World Trade Organization",
    "new york stock exchange": "New York Stock Exchange", "press trust of india": "Press Trust of India",
    "ria novosti": "RIA Novosti", "al arabiya": "Al Arabiya", "sky news": "Sky News", "fox news": "Fox News",
    # government bodies news names on their own
    "treasury": "Treasury", "bundesbank": "Bundesbank", "bundestag": "Bundestag", "duma": "Duma",
    "knesset": "Knesset", "politburo": "Politburo", "scotland yard": "Scotland Yard",
    "state department": "State Department", "foreign office": "Foreign Office",
}
# Companies, online services and news agencies whose names read like a person's or a place's ("GitHub",
# "Snapchat", "Wikipedia", "told HINA"). Only the rules read this list: the tagger's and typer's features
# use KNOWN_ORGS alone, so it can grow without retraining the models.
RULE_ORGS = {
    "youtube": "YouTube", "instagram": "Instagram", "whatsapp": "WhatsApp", "snapchat": "Snapchat",
    "tiktok": "TikTok", "reddit": "Reddit", "wikipedia": "Wikipedia", "wikinews": "Wikinews", "wikimedia": "Wikimedia",
    "wikimedia foundation": "Wikimedia Foundation", "wikileaks": "WikiLeaks", "github": "GitHub",
    "gitlab": "GitLab", "linkedin": "LinkedIn", "netflix": "Netflix", "spotify": "Spotify", "uber": "Uber",
    "airbnb": "Airbnb", "paypal": "PayPal", "ebay": "eBay", "spacex": "SpaceX", "openai": "OpenAI",
    "nvidia": "Nvidia", "samsung": "Samsung", "huawei": "Huawei", "xiaomi": "Xiaomi", "foxconn": "Foxconn",
    "alibaba": "Alibaba", "tencent": "Tencent", "baidu": "Baidu", "yahoo": "Yahoo", "yahoo!": "Yahoo",
    "mozilla": "Mozilla", "red hat": "Red Hat", "freenode": "Freenode", "cloudflare": "Cloudflare",
    "viacom": "Viacom", "mediapart": "Mediapart", "skype": "Skype", "napster": "Napster",
    "kazaa": "Kazaa", "limewire": "LimeWire", "pirate bay": "The Pirate Bay", "megaupload": "Megaupload",
    "myspace": "Myspace", "flickr": "Flickr", "tumblr": "Tumblr", "pinterest": "Pinterest",
    "wechat": "WeChat", "weibo": "Weibo", "yandex": "Yandex", "vkontakte": "VKontakte", "telegram": "Telegram",
    "twitch": "Twitch", "apple": "Apple", "intel": "Intel", "oracle": "Oracle", "ibm": "IBM",
    "tesla": "Tesla", "amazon.com": "Amazon",
    "hina": "HINA", "tanjug": "Tanjug", "pap": "PAP", "mti": "MTI", "ctk": "CTK", "bta": "BTA", "anp": "ANP",
    "belga": "Belga", "irna": "IRNA", "isna": "ISNA", "kuna": "KUNA", "wam": "WAM", "antara": "Antara",
    "bernama": "Bernama", "pti": "Press Trust of India", "mena": "MENA", "kcna": "KCNA", "wafa": "WAFA",
    "ani": "ANI", "ians": "IANS",
    # companies whose name holds a possessive (the tokens are "Moody", "'s")
    "moody 's": "Moody's", "moody 's investors service": "Moody's", "standard & poor 's": "Standard & Poor's",
    "mcdonald 's": "McDonald's", "sainsbury 's": "Sainsbury's", "macy 's": "Macy's", "kellogg 's": "Kellogg's",
    "lloyd 's": "Lloyd's", "christie 's": "Christie's", "sotheby 's": "Sotheby's", "domino 's": "Domino's",
    "wendy 's": "Wendy's", "denny 's": "Denny's", "dillard 's": "Dillard's", "kohl 's": "Kohl's",
    "islamic jihad": "Islamic Jihad", "lionsgate": "Lionsgate", "lions gate": "Lionsgate",
    "daimler-benz": "Daimler-Benz", "general electric": "General Electric",
    "major league baseball": "Major League Baseball", "major league soccer": "Major League Soccer",
    # universities news names by their initials or short names
    "mit": "MIT", "ucla": "UCLA", "nyu": "NYU", "caltech": "Caltech", "lse": "LSE", "ucl": "UCL", "epfl": "EPFL",
    "kaist": "KAIST", "cuny": "CUNY", "suny": "SUNY", "ucsf": "UCSF", "unlv": "UNLV",
}
# last words of newspapers' names: "Houston Chronicle", "Fort Worth Star-Telegram", "Sydney Morning Herald"
NEWSPAPER_HEADS = frozenset({"chronicle", "herald", "tribune", "gazette", "observer", "telegraph", "courier",
                             "examiner", "inquirer", "sentinel", "dispatch", "star-telegram", "american-statesman",
                             "statesman", "star-ledger", "plain-dealer", "picayune", "enquirer"})
# ... and those that are common words too, a newspaper's only after a place or an edition ("Toronto Star",
# "Daily Mirror", "Evening Standard")
WEAK_NEWSPAPER_HEADS = frozenset({"star", "globe", "mirror", "express", "standard", "independent", "mail", "sun",
                                  "record", "review", "journal", "news", "post", "times", "bulletin", "register",
                                  "advertiser", "argus", "age"})
# last words that make a name an organisation, read by the rules only (ORG_WORDS feeds the models):
# newsrooms ("Frankfurt Newsroom") and the kinds of company news names ("Summit Entertainment")
RULE_ORG_HEADS = frozenset({"newsroom", "newsdesk", "entertainment", "pictures", "films", "productions",
                            "media", "communications", "holdings", "industries", "motors", "technologies",
                            "laboratories", "labs", "pharmaceuticals", "enterprises", "ventures", "publishing",
                            "publishers", "brewery", "breweries", "telecom", "telecoms", "lottery", "railway",
                            "railways", "brotherhood", "sisterhood", "fellowship", "guild", "trains", "transit",
                            "music", *NEWSPAPER_HEADS})
NAMED_ORGS = {**KNOWN_ORGS, **RULE_ORGS}
# never a name on their own
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
CALENDAR = WEEKDAYS | frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
EVENT_WORDS = frozenset(
    """war conference summit games olympics olympic cup championship championships tournament open festival
    election elections revolution uprising massacre attack attacks bombing bombings crisis treaty accord
    accords talks forum expo marathon prix slam series award awards prize medal trophy world-cup hurricane
    typhoon cyclone storm masters classic invitational convention regatta derby bowl chart charts carnival
    jubilee gala telethon parade""".split()
)  # "prix" and "slam", not "grand": "Grand Prix" and "Grand Slam" are events, "Grand Ayatollah" is not; not
# "fair", "show", "rally" or "tour" ("Vanity Fair", "National Rally" and "WTA Tour" are bodies)


def write_json_gz(path: Path, data: object) -> None:
    """Gzipped JSON with a fixed header time, so rebuilding the same data gives the same bytes."""
    import io

    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Accents off, case folded: the key of every gazetteer lookup (cached: names repeat, and the
    recogniser folds each capitalised word several times)."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Gazetteer:
    def __init__(self, data: dict) -> None:
        self.countries: dict[str, str] = data["countries"]
        self.demonyms: dict[str, list] = data["demonyms"]
        self.cities: dict[str, int] = data["cities"]
        self.regions: dict[str, str] = data["regions"]
        self.first_names: frozenset[str] = frozenset(data.get("first_names", ()))
        self.surnames: frozenset[str] = frozenset(data.get("surnames", ()))
        self.orgs: dict[str, str] = data.get("orgs", {})  # folded -> name: listed companies, clubs
        # given and family names from around the world ("Saddam", "Nawaz"), beyond the US Census lists
        self.world_first_names: frozenset[str] = frozenset(data.get("world_first_names", ()))
        self.world_surnames: frozenset[str] = frozenset(data.get("world_surnames", ()))
        self.max_len = 4

    def place_kind(self, key: str) -> str | None:
        """'country', 'bigcity', 'city', 'region' or None for a folded phrase."""
        if key in self.countries:
            return "country"
        pop = self.cities.get(key)
        if pop is not None:
            return "bigcity" if pop >= 500_000 else "city"
        if key in self.regions:
            return "region"
        return None

    def is_given_name(self, key: str) -> bool:
        return key in self.first_names or key in self.world_first_names

    def is_family_name(self, key: str) -> bool:
        return key in self.surnames or key in self.world_surnames

    def canonical_place(self, text: str) -> str | None:
        key = fold(text)
        if key in self.countries:
            return self.countries[key]
        if key in self.regions:
            return self.regions[key]
        return None

    def demonym(self, text: str) -> tuple[str, str] | None:
        key = fold(text)
        value = self.demonyms.get(key)
        if value is None and key.endswith("s") and len(key) > 4 and text[:1].isupper() \
                and self.place_kind(key) is None:  # "Philippines" is the country
            value = self.demonyms.get(key[:-1])  # the people: "Greeks", "Uzbeks" (not "Swiss")
        return (value[0], value[1]) if value else None


def _word_table(name: str) -> dict[str, str]:
    """A word -> string table from data/ (empty when it has not been built)."""
    path = DATA / name
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def load_clusters() -> dict[str, str]:
    """word -> path in the unsupervised word-cluster tree (``reader.nlp.build_clusters``)."""
    return _word_table("clusters.json.gz")


@lru_cache(maxsize=1)
def load_brown() -> dict[str, str]:
    """word (as written) -> Brown cluster path from a large corpus (``reader.nlp.build_brown``)."""
    return _word_table("brown.json.gz")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    with gzip.open(DATA / "gazetteer.json.gz", "rt", encoding="utf-8") as fh:
        return Gazetteer(json.load(fh))
