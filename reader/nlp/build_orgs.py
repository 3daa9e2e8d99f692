"""Organisation names for the gazetteer (build time only; see ``build_gazetteer``).

Listed companies come from ``pytickersymbols`` (MIT: the members of the main stock indices of Europe,
the US and Asia, with their other names); sports clubs and teams, which fill the sports pages of wire
news, are kept here by hand. Names are folded; legal forms are dropped ("Siemens AG" -> "siemens") and
kept as written. A one-word name that English mostly writes in lower case ("target", "shell") is left
out: to the tagger the list is one clue among many, and such words would mislead it.
"""

from __future__ import annotations

import re

LEGAL = re.compile(r",?\s+(inc|incorporated|corp|corporation|co|company|plc|ltd|limited|ag|se|sa|s\.a|nv|n\.v|"
                   r"spa|s\.p\.a|ab|asa|oyj|a/s|gmbh|kgaa|holdings?|group|llc|lp|the)\.?$", re.I)

CLUBS = """Arsenal|Aston Villa|Chelsea|Everton|Liverpool FC|Manchester United|Manchester City|Newcastle United|
Tottenham Hotspur|Tottenham|West Ham United|West Ham|Leeds United|Nottingham Forest|Blackburn Rovers|
Sheffield Wednesday|Sheffield United|Leicester City|Derby County|Coventry City|Southampton FC|Middlesbrough|
Sunderland AFC|Wimbledon FC|Queens Park Rangers|Wolverhampton Wanderers|Bolton Wanderers|Celtic|Rangers|
Glasgow Rangers|Hearts|Hibernian|Aberdeen FC|Bayern Munich|Borussia Dortmund|Borussia Moenchengladbach|
Borussia Mönchengladbach|Werder Bremen|Hamburg SV|Hamburger SV|Schalke|Schalke 04|VfB Stuttgart|
Bayer Leverkusen|Eintracht Frankfurt|Hertha Berlin|1. FC Koeln|1. FC Köln|Kaiserslautern|Hansa Rostock|
VfL Bochum|MSV Duisburg|Fortuna Duesseldorf|Fortuna Düsseldorf|Karlsruhe|Real Madrid|Barcelona FC|
FC Barcelona|Atletico Madrid|Atlético Madrid|Valencia CF|Deportivo Coruna|Deportivo La Coruña|Real Betis|
Sevilla FC|Athletic Bilbao|Real Sociedad|Espanyol|Celta Vigo|Real Zaragoza|Tenerife CD|Juventus|AC Milan|
Inter Milan|Internazionale|AS Roma|Lazio|Napoli|Fiorentina|Sampdoria|Parma|Udinese|Atalanta|Bologna FC|
Cagliari|Torino|Piacenza|Perugia|Ajax|Ajax Amsterdam|PSV Eindhoven|PSV|Feyenoord|Feyenoord Rotterdam|
Twente Enschede|Vitesse Arnhem|Paris Saint-Germain|Paris St Germain|Olympique Marseille|Olympique Lyon|
Olympique Lyonnais|AS Monaco|Girondins Bordeaux|FC Nantes|AS Saint-Etienne|RC Lens|Benfica|Porto|FC Porto|
Sporting Lisbon|Sporting CP|Galatasaray|Fenerbahce|Fenerbahçe|Besiktas|Beşiktaş|Olympiakos|Olympiacos|
Panathinaikos|AEK Athens|Anderlecht|Club Brugge|Standard Liege|Dynamo Kiev|Dynamo Kyiv|Spartak Moscow|
CSKA Moscow|Lokomotiv Moscow|Red Star Belgrade|Partizan Belgrade|Steaua Bucharest|Dinamo Bucharest|
Rapid Vienna|Austria Vienna|Grasshoppers|Grasshopper Zurich|FC Basel|Young Boys|Maccabi Tel Aviv|
Hapoel Tel Aviv|Boca Juniors|River Plate|Flamengo|Corinthians|Palmeiras|Santos FC|Sao Paulo FC|
Gremio|Grêmio|Penarol|Peñarol|Nacional|LA Galaxy|New York Red Bulls|
New York Yankees|Boston Red Sox|Baltimore Orioles|Toronto Blue Jays|Tampa Bay Rays|Cleveland Indians|
Cleveland Guardians|Chicago White Sox|Detroit Tigers|Kansas City Royals|Minnesota Twins|Milwaukee Brewers|
Houston Astros|Texas Rangers|Seattle Mariners|Oakland Athletics|California Angels|Anaheim Angels|
Los Angeles Angels|Atlanta Braves|Florida Marlins|Miami Marlins|New York Mets|Philadelphia Phillies|
Montreal Expos|Washington Nationals|Chicago Cubs|Cincinnati Reds|Pittsburgh Pirates|St. Louis Cardinals|
Colorado Rockies|Los Angeles Dodgers|San Diego Padres|San Francisco Giants|Arizona Diamondbacks|
Boston Celtics|New York Knicks|Brooklyn Nets|New Jersey Nets|Philadelphia 76ers|Toronto Raptors|
Chicago Bulls|Cleveland Cavaliers|Detroit Pistons|Indiana Pacers|Milwaukee Bucks|Atlanta Hawks|
Charlotte Hornets|Miami Heat|Orlando Magic|Washington Wizards|Washington Bullets|Denver Nuggets|
Minnesota Timberwolves|Oklahoma City Thunder|Seattle SuperSonics|Portland Trail Blazers|Utah Jazz|
Golden State Warriors|Los Angeles Clippers|Los Angeles Lakers|Phoenix Suns|Sacramento Kings|Dallas Mavericks|
Houston Rockets|Memphis Grizzlies|Vancouver Grizzlies|New Orleans Pelicans|San Antonio Spurs|
Buffalo Bills|Miami Dolphins|New England Patriots|New York Jets|Baltimore Ravens|Cincinnati Bengals|
Cleveland Browns|Pittsburgh Steelers|Houston Oilers|Houston Texans|Indianapolis Colts|Jacksonville Jaguars|
Tennessee Titans|Denver Broncos|Kansas City Chiefs|Oakland Raiders|Las Vegas Raiders|San Diego Chargers|
Los Angeles Chargers|Dallas Cowboys|New York Giants|Philadelphia Eagles|Washington Redskins|Chicago Bears|
Detroit Lions|Green Bay Packers|Minnesota Vikings|Atlanta Falcons|Carolina Panthers|New Orleans Saints|
Tampa Bay Buccaneers|Arizona Cardinals|St. Louis Rams|Los Angeles Rams|San Francisco 49ers|Seattle Seahawks|
Boston Bruins|Buffalo Sabres|Detroit Red Wings|Florida Panthers|Montreal Canadiens|Ottawa Senators|
Tampa Bay Lightning|Toronto Maple Leafs|Carolina Hurricanes|Hartford Whalers|New Jersey Devils|
New York Islanders|New York Rangers|Philadelphia Flyers|Pittsburgh Penguins|Washington Capitals|
Chicago Blackhawks|Colorado Avalanche|Dallas Stars|St. Louis Blues|Calgary Flames|Edmonton Oilers|
Vancouver Canucks|Anaheim Ducks|Mighty Ducks of Anaheim|Los Angeles Kings|San Jose Sharks|Phoenix Coyotes|
Winnipeg Jets|Quebec Nordiques""".replace("\n", "").split("|")
# nicknames news uses alone ("the Yankees", "Celtics"): the last word of a US team's name
NICKNAME_SOURCES = ("Yankees", "Red Sox", "Orioles", "Blue Jays", "Indians", "White Sox", "Tigers", "Royals",
                    "Twins", "Brewers", "Astros", "Mariners", "Athletics", "Braves", "Marlins", "Mets",
                    "Phillies", "Expos", "Cubs", "Reds", "Pirates", "Cardinals", "Rockies", "Dodgers", "Padres",
                    "Giants", "Diamondbacks", "Celtics", "Knicks", "Nets", "76ers", "Raptors", "Bulls",
                    "Cavaliers", "Pistons", "Pacers", "Bucks", "Hawks", "Hornets", "Heat", "Magic", "Nuggets",
                    "Timberwolves", "SuperSonics", "Sonics", "Trail Blazers", "Jazz", "Warriors", "Clippers",
                    "Lakers", "Suns", "Kings", "Mavericks", "Rockets", "Grizzlies", "Spurs", "Patriots",
                    "Steelers", "Cowboys", "Packers", "Redskins", "Broncos", "49ers", "Bruins", "Canadiens",
                    "Maple Leafs", "Red Wings", "Blackhawks", "Penguins", "Flyers", "Oilers", "Canucks")


def common_lowercase(word: str, probs: dict[str, float]) -> bool:
    """True for a word English writes in lower case more often than capitalised."""
    low, cap = probs.get(word.lower()), probs.get(word[:1].upper() + word[1:].lower())
    return low is not None and (cap is None or low > cap)


def build(fold, probs: dict[str, float]) -> dict[str, str]:
    """folded name -> name as written, for companies, clubs and teams."""
    from pytickersymbols import PyTickerSymbols

    names: list[str] = []
    for stock in PyTickerSymbols().get_all_stocks():
        names.append(stock["name"])
        names.extend(stock.get("akas") or [])
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        name = " ".join(name.split())
        short = name
        while True:  # "Anglo American plc" -> "Anglo American", "Sylvamo Corp." -> "Sylvamo"
            stripped = LEGAL.sub("", short).strip(" ,")
            if stripped == short or not stripped:
                break
            short = stripped
        for form in {name, short}:
            words = form.split()
            if not words or len(words) > 4 or len(form) < 3 or not form[:1].isupper():
                continue
            if len(words) == 1 and (common_lowercase(form, probs) or len(form) < 4 and not form.isupper()):
                continue
            out.setdefault(fold(form), short)
    for club in CLUBS + list(NICKNAME_SOURCES):
        out[fold(club)] = club
    return out
