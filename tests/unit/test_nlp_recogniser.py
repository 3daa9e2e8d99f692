"""The built-in recogniser on the sample articles, linking rules, offsets and hostile input."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.textdump import parse_text_dump
from reader.models import Article
from reader.nlp import RECOGNISER_VERSION, extract, extract_article
from tests.conftest import SAMPLE

MUST = {
    "PERSON": ["Khalifa Haftar", "al-Mabrouk al-Ghazwi", "Ahmed al-Mismari", "Mikhail Bogdanov", "Heiko Maas",
               "Abdullah Bleihaq", "Fathi al-Marimi", "Abdulhadi Lahweej", "Yasar Guler", "Bashar al-Assad",
               "Recep Tayyip Erdogan"],
    "ORG": ["Libyan National Army", "Security Council", "United Nations Support Mission in Libya",
            "House of Representatives", "Asharq Al-Awsat", "Reuters", "NATO"],
    "PLACE": ["Libya", "Tripoli", "Souk al-Khamis", "Mitiga", "Russia", "Moscow", "Berlin", "Munich", "Geneva",
              "New York", "Syria", "Türkiye", "Black Sea", "Ukraine", "Istanbul", "Damascus", "Israel", "Ankara",
              "Gaza"],
    "GROUP": ["Turkish", "Libyan", "German", "Syrian", "Israeli", "Kurdish", "European"],
}
# surface -> canonical entity where the issue asks for linking
LINKS = {"LNA": "Libyan National Army", "UNSMIL": "United Nations Support Mission in Libya",
         "HoR": "House of Representatives", "Türkiye": "Turkey", "Turkish": "Turkey", "Libyan": "Libya",
         "Guler": "Yasar Guler"}
NOT_ENTITIES = ["Shell", "Maj. Gen.", "Field Marshal", "TT", "File Photo", "Maj.", "Gen.", "Field", "Marshal"]


def sample_articles() -> list[Article]:
    return parse_text_dump(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_mentions():
    mentions = []
    for article in sample_articles():
        mentions.extend(extract_article(article))
    raw = extract(SAMPLE.read_text(encoding="utf-8"))  # the scrape as is, widget labels and all
    return mentions, raw


def test_must_show_list_on_the_sample_articles(sample_mentions):
    mentions, raw = sample_mentions
    for found in (mentions, raw):
        pairs = {(m.text, m.label) for m in found}
        expected = [(name, label) for label, names in MUST.items() for name in names]
        missing = [e for e in expected if e not in pairs]
        links = {(m.text, m.entity) for m in found}
        bad_links = [(s, e) for s, e in LINKS.items() if (s, e) not in links]
        total = len(expected) + len(LINKS)
        assert (total - len(missing) - len(bad_links)) / total >= 0.9, (missing, bad_links)
    # the issue asks for 90%; the shipped recogniser finds them all in the imported articles
    pairs = {(m.text, m.label) for m in mentions}
    links = {(m.text, m.entity) for m in mentions}
    assert [e for e in expected if e not in pairs] == []
    assert [(s, e) for s, e in LINKS.items() if (s, e) not in links] == []


def test_none_of_the_false_entities(sample_mentions):
    mentions, raw = sample_mentions
    for found in (mentions, raw):
        texts = {m.text for m in found}
        assert not texts & set(NOT_ENTITIES)
        for m in found:
            assert not m.text.startswith(("Maj. Gen.", "Field Marshal", "Gen.")), m
            assert "File Photo" not in m.text and "Shell casings" not in m.text


def _labelled(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in extract(text)}


def _linked(text: str) -> set[tuple[str, str, str]]:
    """(surface, label, entity) of every mention of ``text``."""
    return {(m.text, m.label, m.entity) for m in extract(text)}


def test_group_mentions_link_to_the_country():
    (m,) = [m for m in extract("Turkish troops stayed.") if m.text == "Turkish"]
    assert (m.label, m.entity, m.entity_label) == ("GROUP", "Turkey", "PLACE")


def test_linking_rules_in_one_text():
    text = ("Field Marshal Khalifa Haftar met Defense Minister Yasar Guler in Ankara. The Libyan National "
            "Army (LNA) said Guler and Haftar agreed. LNA officers and Türkiye's envoy attended, and "
            "Turkey welcomed it.")
    found = {(m.text, m.label, m.entity) for m in extract(text)}
    assert ("Khalifa Haftar", "PERSON", "Khalifa Haftar") in found
    assert ("Haftar", "PERSON", "Khalifa Haftar") in found
    assert ("Guler", "PERSON", "Yasar Guler") in found
    assert ("LNA", "ORG", "Libyan National Army") in found
    assert ("Türkiye", "PLACE", "Turkey") in found
    assert ("Turkey", "PLACE", "Turkey") in found


def test_article_fields_and_consistency_across_them():
    article = Article(
        title="Guler visits Tripoli",
        captions=["A photo.", "Defense Minister Yasar Guler in Tripoli (Reuters)"],
        body="Turkish Defense Minister Yasar Guler said the Libyan National Army (LNA) was wrong. Guler left.",
    )
    mentions = extract_article(article)
    texts = {"title": article.title, "captions": "\n".join(article.captions), "body": article.body}
    for m in mentions:
        assert texts[m.field][m.start : m.end] == m.text
    title = {(m.text, m.entity) for m in mentions if m.field == "title"}
    assert ("Guler", "Yasar Guler") in title
    assert {m.field for m in mentions} == {"title", "captions", "body"}


def test_a_full_name_is_a_person_when_the_document_names_the_surname_as_one():
    # The tagger reads "killer Susan Atkins dies" as an organisation; the body settles it.
    text = ("Manson Family killer Susan Atkins dies in prison\n"
            "Susan Atkins, a follower of Charles Manson, died on Thursday. Atkins was 61. "
            "Atkins had been in prison since 1969.")
    found = _linked(text)
    assert {("Susan Atkins", "PERSON", "Susan Atkins"), ("Atkins", "PERSON", "Susan Atkins")} <= found
    assert not {m for m in found if m[0] == "Susan Atkins" and m[1] != "PERSON"}
    # Without the surname named alone, nothing is relabelled: "Georgia Pacific" stays as tagged.
    assert all(m.label != "PERSON" for m in extract("Georgia Pacific said profits rose at Georgia Pacific.")
               if m.text == "Georgia Pacific")


def test_arabic_names_written_with_bin_or_abu_are_one_person():
    text = ("Osama bin Laden hid in Abbottabad for years, and Saudi Crown Prince Mohammed bin Salman "
            "spoke of it. Bin Laden's son was named by NPR Hamza bin Laden's biographer. "
            "Abu Bakr al-Baghdadi was killed; officials in Abu Dhabi said on Monday. King Hamad bin Isa "
            "Al Khalifa of Bahrain agreed. The bin was full.")
    found = _linked(text)
    people = ["Osama bin Laden", "Mohammed bin Salman",  # the title is not in it
              "Hamza bin Laden", "Abu Bakr al-Baghdadi", "Hamad bin Isa Al Khalifa"]  # nor is "NPR"
    assert {(name, "PERSON", name) for name in people} <= found
    assert {("Bin Laden", "PERSON", "Osama bin Laden"), ("Abu Dhabi", "PLACE", "Abu Dhabi")} <= found
    assert not any(m[0] in ("Osama", "Laden", "Salman", "bin") for m in found)


def test_one_word_with_an_arabic_article_after_in_is_a_place():
    found = {(m.text, m.label) for m in extract("Shell casings seen in al-Yarmouk south of Tripoli. "
                                                "He rose in al-Qaeda ranks.")}
    assert ("al-Yarmouk", "PLACE") in found
    assert not any(m[0] == "al-Qaeda" and m[1] == "PLACE" for m in found)


def test_the_head_word_of_an_organisation_named_in_full_refers_back_to_it():
    text = ("The House of Representatives (HoR) met. A media advisor to HoR Speaker, Fathi al-Marimi, said "
            "the House suspended its work. The Libyan National Army advanced and the Army said it held the "
            "town. The Bank of England and the Bank of Japan met; the Bank said nothing.")
    found = _linked(text)
    assert {("House", "ORG", "House of Representatives"), ("Army", "ORG", "Libyan National Army"),
            ("HoR", "ORG", "House of Representatives"),
            ("Bank", "ORG", "Bank")} <= found  # two banks named in full: which one is not guessed
    assert not any(m[0].startswith("HoR ") for m in found)  # "HoR Speaker" is no person


def test_a_company_is_its_whole_name_up_to_its_legal_form():
    found = {(m.text, m.label) for m in extract(
        "Philippine Long Distance Telephone Co rose 20 pesos . Shares of Daimler-Benz AG and The Bank of "
        "Tokyo-Mitsubishi Ltd fell , while Procter & Gamble Co rose .")}
    assert {("Philippine Long Distance Telephone Co", "ORG"), ("Daimler-Benz AG", "ORG"),
            ("Bank of Tokyo-Mitsubishi Ltd", "ORG"), ("Procter & Gamble Co", "ORG")} <= found
    assert ("Philippine", "GROUP") not in found


def test_well_known_organisations_of_the_business_and_politics_pages():
    found = _linked("Analysts at Merrill Lynch and Goldman Sachs said the International Monetary Fund "
                    "(IMF) was wrong. Likud, Fatah and Sinn Féin disagreed; HSBC did not.")
    assert {("Merrill Lynch", "ORG", "Merrill Lynch"), ("Goldman Sachs", "ORG", "Goldman Sachs"),
            ("International Monetary Fund", "ORG", "International Monetary Fund"),
            ("IMF", "ORG", "International Monetary Fund"), ("Likud", "ORG", "Likud"), ("Fatah", "ORG", "Fatah"),
            ("Sinn Féin", "ORG", "Sinn Féin"), ("HSBC", "ORG", "HSBC")} <= found


def test_datelines_and_headlines_in_capitals():
    found = {(m.text, m.label) for m in extract("LONDON 1996-08-30\nRUSSIA AND TURKEY SIGN DEAL\n")}
    assert ("LONDON", "PLACE") in found
    assert ("RUSSIA", "PLACE") in found and ("TURKEY", "PLACE") in found
    # a company the body names with its legal suffix is cut out of the headline's run of capitals
    found = {(m.text, m.label) for m in extract("MICROSOFT UNVEILS NEW BROWSER .\nREDMOND 1996-08-13\n"
                                                "Microsoft Corp unveiled a browser on Tuesday .")}
    assert ("MICROSOFT", "ORG") in found and not any(m[0].startswith("MICROSOFT ") for m in found)


def test_sports_result_lines_name_teams():
    found = {(m.text, m.label) for m in extract("Results:\nLeeds 2 Arsenal 1\nAston Villa 0 Chelsea 3\n")}
    assert {("Leeds", "ORG"), ("Arsenal", "ORG"), ("Aston Villa", "ORG"), ("Chelsea", "ORG")} <= found


def test_scoreboards_name_players_scorers_and_teams():
    text = ("CRICKET - ENGLAND V PAKISTAN SCOREBOARD .\n"
            "N. Hussain c Saeed Anwar b Waqar Younis 12\n"
            "G. Thorpe lbw b Mohammad Akram 54\n"
            "Aamir Sohail c Cork b Croft 46\n"
            "Saeed Anwar not out 116\n"
            "Extras ( b-4 lb-5 ) 9\n"
            "Extras ( lb-8 nb-2 w-14 ) 24\n"
            "Total ( for 7 wickets , 50 overs ) 277\n"
            "Bowling : Wasim Akram 25-8-61-1 , Waqar Younis 25-6-95-3\n"
            "Liverpool 2 ( Fowler 35 , Collymore 77 pen ) Middlesbrough 1 ( Ravanelli 60 ) . Attendance : 39,986\n"
            "Decree No. 1430/2019 was signed .\n"
            "Rangers : Goram ; Cleland , Petric , Gough ; Albertz , Gascoigne , Van Vossen\n"
            "3. Ato Boldon ( Trinidad ) 10.04\n"
            "Martina Hingis of Switzerland beat Monica Seles .\n"
            "American League : Detroit 5 Kansas City 3 ; Boston 7 Seattle 2\n"
            "Scorers : Ronaldo ( 5th , 40th ) , Pizzi ( 75th )\n")
    found = _labelled(text)
    players = {"N. Hussain", "Saeed Anwar", "Waqar Younis", "G. Thorpe", "Mohammad Akram", "Aamir Sohail", "Cork",
               "Croft", "Wasim Akram", "Fowler", "Collymore", "Ravanelli", "Goram", "Cleland", "Petric", "Gough",
               "Albertz", "Gascoigne", "Van Vossen", "Ato Boldon", "Martina Hingis", "Monica Seles", "Ronaldo", "Pizzi"}
    assert {(name, "PERSON") for name in players} <= found
    assert {("Liverpool", "ORG"), ("Middlesbrough", "ORG"), ("Rangers", "ORG"), ("Trinidad", "PLACE"),
            ("Switzerland", "PLACE"), ("Detroit", "ORG"), ("Kansas City", "ORG"), ("Seattle", "ORG")} <= found
    assert not {m for m in found if m[0] in ("Extras", "Total", "No.") or any(c.isdigit() for c in m[0])}


def test_scoreboard_lines_are_read_only_when_the_layout_is_exact():
    from reader.nlp.scoreboards import (
        batting_line,
        bowling_figures,
        line_up,
        ranked_entrants,
        result_with_scorers,
        scorer_list,
    )

    assert batting_line("M. Atherton b Waqar Younis 31".split()) == [(0, 2), (3, 5)]
    assert batting_line("Saeed Anwar not out 116".split()) == [(0, 2)]
    assert batting_line("Smith was out for 31".split()) == []  # a sentence, not a scorecard
    assert batting_line("Total ( for 5 wickets ) 285".split()) == []
    assert batting_line("Paris beat Lyon 2".split()) == []
    assert bowling_figures("Bowling : Wasim Akram 25-8-61-1".split()) == [(2, 4)]
    assert result_with_scorers("Chelsea 1 ( Di Matteo 22 ) Coventry 0".split()) == ([(0, 1), (7, 8)], [(3, 5)])
    assert result_with_scorers("Chelsea 1 ( the first ) Coventry 0".split()) == ([], [])
    assert result_with_scorers("Leeds 2 Arsenal 1".split()) == ([], [])  # no scorers: result_lines' job
    assert line_up("Celtic : Marshall ; Boyd , Mackay , Hughes".split()) == ((0, 1), [(2, 3), (4, 5), (6, 7), (8, 9)])
    assert line_up("Note : Smith , Jones and the others".split()) == (None, [])
    assert line_up("American League : Detroit 5 Kansas City 3 ; Boston 7 Seattle 2".split()) == (None, [])
    assert scorer_list("Scorers : Ronaldo ( 5th , 40th ) , Pizzi ( 75th )".split()) == [(2, 3), (9, 10)]
    assert scorer_list("Scorers : the best in Spain".split()) == []
    assert ranked_entrants("3 . Ato Boldon ( Trinidad ) 10.04".split()) == [(2, 4)]
    assert ranked_entrants("3 . The winner was Boldon".split()) == []


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\x00\x1b[31m", "...", "(", "( )", "Ms.", "A" * 5000,
                                  "al-", "\u202eevil\u202c", "😀 Paris 😀", "I", "(LNA)", "x (AB) y"])
def test_hostile_and_empty_input(text):
    for m in extract(text):
        assert text[m.start : m.end] == m.text
        assert m.label in {"PERSON", "ORG", "PLACE", "GROUP", "EVENT"}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
       | st.lists(st.sampled_from(["Paris", "Guler", "(", "LNA", ")", "Maj.", "Gen.", "al-Assad", "Turkish",
                                   "\n", " ", ".", "the", "Yasar", "2", "Leeds"]), max_size=60).map(" ".join))
def test_offsets_always_slice_the_text(text):
    mentions = extract(text)
    last = -1
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last  # in order, never overlapping
        last = m.end
        assert m.entity


def test_large_input_is_fast_enough():
    text = SAMPLE.read_text(encoding="utf-8") * 25  # ~200 KB, ~35,000 tokens
    started = time.perf_counter()
    mentions = extract(text)
    assert time.perf_counter() - started < 20
    assert len(mentions) > 1000


def test_version_is_a_string():
    assert isinstance(RECOGNISER_VERSION, str) and RECOGNISER_VERSION


def test_newswire_layout():
    text = ("GOLF - NORMAN LEADS BY TWO SHOTS IN AKRON .\nAKRON , Ohio 1996-08-22\n"
            "Greg Norman of Australia shot a 65 on Thursday , and P. Simmons of England a 70 .\n"
            "Borussia Dortmund beat Werder Bremen 3-1 on Saturday .\n")
    found = {(m.text, m.label, m.entity) for m in extract(text)}
    texts = {m.text for m in extract(text)}
    assert "GOLF" not in texts  # the wire-service slug
    assert ("NORMAN", "PERSON", "Greg Norman") in found  # the headline links to the body's full name
    assert ("Greg Norman", "PERSON", "Greg Norman") in found
    assert ("Australia", "PLACE", "Australia") in found
    assert ("P. Simmons", "PERSON", "P. Simmons") in found
    assert ("AKRON", "PLACE", "Akron") in found
    assert ("Werder Bremen", "ORG", "Werder Bremen") in found


def test_match_reports_name_clubs_and_competitions():
    text = ("Bayern Munich beat Hamburg 2-0 in the Bundesliga on Saturday , and Hamburg coach Felix Magath "
            "said his side deserved nothing .\nJapan beat Syria 2-1 .\n")
    found = {(m.start, m.text, m.label) for m in extract(text)}
    labels = {(t, label) for _, t, label in found}
    assert ("Bayern Munich", "ORG") in labels
    first, coach = text.index("Hamburg"), text.index("Hamburg coach")
    assert (first, "Hamburg", "ORG") in found  # beaten: the club
    assert (coach, "Hamburg", "ORG") in found  # its coach: the club
    city = {(m.text, m.label) for m in extract("The minister flew from Hamburg to Munich on Friday .")}
    assert ("Hamburg", "PLACE") in city  # outside a match report: the city
    assert ("Bundesliga", "EVENT") in labels
    assert ("Japan", "PLACE") in labels and ("Syria", "PLACE") in labels  # national sides stay places


def test_brown_clusters_look_up_headline_words_as_names():
    from reader.nlp.features import brown_path
    from reader.nlp.gazetteer import load_brown

    brown = load_brown()
    assert len(brown) > 100_000
    london = brown_path("London", "london", False, brown)
    assert london and brown_path("LONDON", "london", True, brown) == london
    assert brown_path("Zzqxv", "zzqxv", False, brown) == ""


def test_organisation_gazetteer_is_a_clue_not_a_rule():
    from reader.nlp.features import gazetteer_tags
    from reader.nlp.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert {"siemens", "manchester united", "thermo fisher scientific"} <= set(gaz.orgs)
    assert "shell" not in gaz.orgs and "target" not in gaz.orgs  # mostly lower-case words
    words = ["Shares", "of", "Thermo", "Fisher", "Scientific", "rose", "in", "London"]
    tags = gazetteer_tags(words, [w[:1].isupper() for w in words], gaz)
    assert tags[2:5] == ["B-org", "I-org", "I-org"] and tags[7] == "B-bigcity"


def test_a_nationality_before_a_title_is_a_group():
    found = {(m.text, m.label, m.entity) for m in
             extract("German Foreign Minister Heiko Maas said he would brief Security Council members.")}
    assert ("German", "GROUP", "Germany") in found
    assert ("Heiko Maas", "PERSON", "Heiko Maas") in found
    assert not any("Minister" in text for text, _, _ in found)


def test_scoreboards_standings_and_competitions():
    text = ("Results from the Waldbaum Hamlet Cup tennis tournament on Thursday :\n"
            "N. Hussain c Saeed Anwar b Waqar Younis 12\n"
            "G. Thorpe lbw b Mohammad Akram 54\n"
            "NEW YORK 74 58 .561 -\n"
            "BALTIMORE 70 62 .530 4\n")
    found = _labelled(text)
    assert ("Waldbaum Hamlet Cup", "EVENT") in found
    assert {("Waqar Younis", "PERSON"), ("Mohammad Akram", "PERSON"), ("N. Hussain", "PERSON")} <= found
    assert not any(any(c.isdigit() for c in t) for t, label in found if label == "PERSON")  # no "Akram 54"
    assert {("NEW YORK", "ORG"), ("BALTIMORE", "ORG")} <= found  # teams in a standings table
    assert all(any(c.isalpha() for c in t) for t, _ in found)  # never "." or "12" as a name


def test_a_place_the_sentence_gives_away():
    found = {(m.text, m.label) for m in extract(
        "Two drones were shot down in Souk al-Khamis on Monday. A rally in March was held near Hancock "
        "Pond, as in World War II.")}
    assert ("Souk al-Khamis", "PLACE") in found and ("Hancock Pond", "PLACE") in found
    assert not any(text in {"March", "World War II"} and label == "PLACE"
                   for text, label in found)


def test_a_common_word_opening_a_sentence_or_quote_is_no_name():
    text = ('The owner told reporters , " People went down like ninepins " . Visitors fled .\n'
            "Hundreds gathered on the beach . The debate was moderated by Susan Page . Page received "
            "criticism . Nice is a city in France .")
    found = _labelled(text)
    assert not {t for t, _ in found} & {"People", "Visitors", "Hundreds"}
    # a surname the document gives in full stays a person; a place stays a place
    assert ("Susan Page", "PERSON") in found
    page = [m for m in extract(text) if m.text == "Page"]
    assert page and page[0].label == "PERSON" and page[0].entity == "Susan Page"


def test_places_named_after_people_and_cities_with_team_like_names():
    text = ("Flights to John F. Kennedy International Airport were cancelled on Friday . The house is 70 "
            "miles south of Los Angeles , and the couple married in Las Vegas . Director Michael Bay "
            "and host Ricki Lake were there .")
    found = _labelled(text)
    assert ("John F. Kennedy International Airport", "PLACE") in found
    assert ("Los Angeles", "PLACE") in found and ("Las Vegas", "PLACE") in found  # not the teams "Los"
    assert ("Michael Bay", "PERSON") in found and ("Ricki Lake", "PERSON") in found


def test_a_title_with_of_runs_up_to_the_name():
    text = ("He spoke with US Secretary of State Mike Pompeo about the case . Minister of National Security "
            "Martin Joseph said the Minister of Legislative Assembly would speak .")
    found = _labelled(text)
    assert ("US", "PLACE") in found and ("Mike Pompeo", "PERSON") in found
    assert ("Martin Joseph", "PERSON") in found
    assert not {t for t, label in found if label == "PERSON"} - {"Mike Pompeo", "Martin Joseph"}


def test_grand_alone_makes_no_event():
    text = "Grand Ayatollah Ali al-Sistani met a Grand Master . Hamilton won the Monaco Grand Prix and a Grand Slam ."
    found = _labelled(text)
    assert ("Monaco Grand Prix", "EVENT") in found and ("Grand Slam", "EVENT") in found
    assert not {t for t, label in found if label == "EVENT"} - {"Monaco Grand Prix", "Grand Slam"}


def test_a_given_name_then_a_family_name_is_a_person_wherever_the_tagger_put_it():
    # the tagger alone makes all three places or organisations: its word clusters put Arab names with
    # the places they are news about, and US Census name lists know neither "Saddam" nor "Osama"
    text = ("Iraqi citizens tore down the statue of Saddam Hussein in Baghdad . The group supporting "
            "Osama bin Laden spoke . A video with Sam Harris followed .")
    found = _labelled(text)
    assert {("Saddam Hussein", "PERSON"), ("Osama bin Laden", "PERSON"), ("Sam Harris", "PERSON")} <= found


def test_names_that_look_like_people_but_are_places_or_firms_stay_so():
    text = ("Guests at the Taj Mahal were evacuated . Warships sailed through the Taiwan Strait on Tuesday . "
            "Shares of Merrill Lynch rose . The Jesus Morning Star church and the Dave Matthews Band said so .")
    found = _labelled(text)
    assert ("Taj Mahal", "PLACE") in found and ("Taiwan Strait", "PLACE") in found
    assert ("Merrill Lynch", "ORG") in found
    assert not {t for t, label in found if label == "PERSON"}


def test_the_pronoun_i_is_never_a_name():
    # a Wikinews interview: the tagger took "So I" and "Today I" for people, and the surname rule then
    # made every "I" in the article (hundreds) one of them
    text = ("((WN)) Can you tell us about yourself?\n\n((Zara Kay)) So I was born in Tanzania. And then, I "
            "left Tanzania when I was 16. [...] Today I am glad to endorse him – and I will work for him. "
            "Today, I am leaving the race.\n\nQueen Elizabeth I and King Abdullah I are in the book, and so "
            "are World War I and World War II.")
    found = _labelled(text)
    assert not [t for t, _ in found if t == "I" or t.endswith(" I") and t not in ("Elizabeth I", "Abdullah I",
                                                                                  "World War I")]
    assert ("Elizabeth I", "PERSON") in found and ("Abdullah I", "PERSON") in found
    assert ("World War I", "EVENT") in found and ("World War II", "EVENT") in found


def test_a_country_before_a_full_name_and_interview_fillers():
    text = ("Former Vice President of the United States Joe Biden won , and the Minister of France Bruno Le "
            "Maire spoke .\n\n((Jaya)) Um , I play a lot . Yes , definitely . It costs USD 26.95 . We told "
            "them about COVID .")
    found = _labelled(text)
    assert {("United States", "PLACE"), ("Joe Biden", "PERSON"), ("France", "PLACE"),
            ("Bruno Le Maire", "PERSON")} <= found
    assert not {t for t, _ in found} & {"Um", "Yes", "USD", "USD 26.95", "COVID"}


def test_storms_are_events_and_so_is_their_bare_name():
    text = ("The NHC upgraded Tropical Storm Humberto to hurricane status . Later , Humberto is expected to pass "
            "Bermuda . She rescued animals from Hurricane Katrina . Typhoon Haiyan hit the Philippines .")
    found = {(m.text, m.label, m.entity) for m in extract(text)}
    assert {("Tropical Storm Humberto", "EVENT", "Tropical Storm Humberto"),
            ("Humberto", "EVENT", "Tropical Storm Humberto"), ("Hurricane Katrina", "EVENT", "Hurricane Katrina"),
            ("Typhoon Haiyan", "EVENT", "Typhoon Haiyan")} <= found
    assert not {t for t, label, _ in found if label == "PERSON"}


def test_a_bill_is_no_person_and_a_foundation_keeps_its_founders():
    text = ("Lawmakers voted to pass the \"Reproductive Health Care Reform Bill 2019\" on Thursday . Carl Hensman "
            "of the Bill and Melinda Gates Foundation said so . Yesterday Bill Gates spoke .")
    found = _labelled(text)
    assert ("Bill and Melinda Gates Foundation", "ORG") in found and ("Bill Gates", "PERSON") in found
    assert ("Bill", "PERSON") not in found


def test_weekdays_titles_and_page_furniture_never_become_people():
    # the surname rule made every "Saturday" of an article a person after "Brian Nichols Saturday",
    # every "President" after "Vice President", and "Updated" followed the title "coach" over a line break
    text = ("Mo Cheeks will take over as new coach\n\nUpdated: May 24, 2005\n\nThe sentence of Brian Nichols "
            "was announced Saturday . On Saturday the court met . Sixers Senior Vice President Ed Stefanski "
            "said the President was wrong . People forget I've done 20 movies . Current Prime Minister "
            "Theresa May is to step down , after May's Brexit deal failed .")
    found = _labelled(text)
    people = {t for t, label in found if label == "PERSON"}
    assert not people & {"Saturday", "President", "Updated", "I've", "People"}
    assert ("Brian Nichols", "PERSON") in found and ("Theresa May", "PERSON") in found
    assert ("May", "PERSON") in found  # a month that is a surname still links


def test_a_surname_before_administration_is_a_person_and_plural_nationalities_are_groups():
    text = ("The Bush administration loosened the rule . Passed in January 2009 , the Bush - era rule went . "
            "President Barack Obama spoke , and the Obama administration revoked it . Tens of thousands of "
            "Greeks marched in Athens , as in the Philippines .")
    found = _labelled(text)
    assert ("Bush", "PERSON") in found and ("Obama", "PERSON") in found
    assert ("Bush", "PLACE") not in found and ("Obama", "PLACE") not in found
    assert ("Greeks", "GROUP") in found and ("Philippines", "PLACE") in found


def test_countries_named_with_and_stay_whole_and_shops_are_companies():
    text = ("Trinidad and Tobago won , with the Trinidad and Tobago Police Service watching . She flew to "
            "Antigua and Barbuda . A fire ripped through a Waitrose store in Surrey , and Toyota shares fell .")
    found = _labelled(text)
    assert {("Trinidad and Tobago", "PLACE"), ("Trinidad and Tobago Police Service", "ORG"),
            ("Antigua and Barbuda", "PLACE"), ("Waitrose", "ORG"), ("Toyota", "ORG")} <= found
    assert not {t for t, _ in found} & {"Trinidad", "Tobago", "Antigua", "Barbuda"}


def test_software_is_none_of_the_five_kinds_and_web_companies_are_organisations():
    # a Wikinews article on CentOS had "Linux" and "Fedora" as people, "CentOS" and "Minetest" as places
    text = ("Red Hat to move focus away from CentOS in favour of Stream\n\nRed Hat said CentOS 8 will reach its "
            "end in 2021 , replaced by CentOS Stream . Stream was announced in September 2019 . Users of Red Hat Enterprise Linux "
            "( RHEL ) , Fedora and Linux will move to Rocky Linux , said Gregory Kurtzer . Perttu Ahola wrote "
            "Minetest 0.4 in Lua . The video was posted on GitHub , YouTube and Snapchat , and Foxconn "
            "makes the phones .")
    found = _labelled(text)
    assert not {t for t, _ in found} & {"CentOS", "CentOS 8", "Stream", "Red Hat Enterprise Linux", "RHEL",
                                         "Fedora", "Linux", "Rocky Linux", "Rocky", "Minetest", "Minetest 0.4",
                                         "Lua"}
    assert {("Red Hat", "ORG"), ("GitHub", "ORG"), ("YouTube", "ORG"), ("Snapchat", "ORG"), ("Foxconn", "ORG"),
            ("Gregory Kurtzer", "PERSON"), ("Perttu Ahola", "PERSON")} <= found


def test_chambers_named_days_seas_acronyms_and_contractions():
    text = ("Rooney proposed term limits for the Senate and House . Nancy Pelosi , the Speaker of the House , "
            "said so after Super Tuesday . The ship was last seen in the Java Sea . The DRM and the API "
            "were discussed , and they prayed to Allah . Professor V. I'm the bone tool expert .")
    found = _labelled(text)
    assert {("House", "ORG"), ("Super Tuesday", "EVENT"), ("Java Sea", "PLACE")} <= found
    assert not {t for t, _ in found} & {"DRM", "API", "Allah", "I'm", "V. I'm"}
    assert ("House", "PLACE") not in found


def test_a_team_in_a_results_line_is_the_team_throughout_and_so_is_the_side_it_beat():
    text = ("SOCCER - LEEDS HOLD ARSENAL .\nLONDON 1996-08-24\n"
            "Leeds held Arsenal on Saturday , leaving them behind leaders Newcastle .\n"
            "Newcastle 4 3 1 0 9 3 10\nArsenal 4 2 2 0 6 2 8\nLeeds 4 1 3 0 4 2 6\n"
            "Newcastle , who beat Wimbledon 2-0 , stay top .\n")
    found = {(m.start, m.text, m.label) for m in extract(text)}
    newcastles = {(s, label) for s, t, label in found if t == "Newcastle"}
    assert len(newcastles) == 3 and {label for _, label in newcastles} == {"ORG"}  # the table decides
    assert (text.index("Wimbledon"), "Wimbledon", "ORG") in found  # beaten by a team, before a score
    assert {(text.index("LEEDS"), "LEEDS", "ORG"), (text.index("Leeds held"), "Leeds", "ORG")} <= found
    # a tennis player beats a player: no team on either side
    assert ("Kafelnikov", "PERSON") in _labelled("Sampras beat Kafelnikov 6-3 6-4 in the semi-final .")


def test_listed_companies_named_in_full_newsrooms_and_lone_big_cities():
    text = ("Deutsche Telekom shares rose 2 percent , while Daimler-Benz fell .\n"
            "-- Frankfurt Newsroom +49 69 756525\n"
            "Wall Street ended lower as IBM and General Motors slipped .\n"
            "Hamas and Islamic Jihad rejected the accords .\n"
            "The party criticised the ruling Democratic Left Alliance . Tokyo stocks closed higher as "
            "the Nikkei average rose .\n")
    found = _labelled(text)
    assert {("Deutsche Telekom", "ORG"), ("Daimler-Benz", "ORG"), ("Frankfurt Newsroom", "ORG"),
            ("General Motors", "ORG"), ("Islamic Jihad", "ORG"), ("Tokyo", "PLACE")} <= found
    assert not {t for t, _ in found} & {"Motors", "Telekom", "Islamic"}


def test_awards_are_events_and_film_companies_are_organisations():
    text = ("Ellen DeGeneres will host the Oscars in March . It will be her second Oscar tour , and Ron Howard "
            "is an Oscar contender . She makes pancakes for her son Oscar , 8 . She won an Emmy and two Grammys . "
            "The film was made by Lionsgate and distributed by Summit Entertainment in cinemas last year .")
    found = {(m.start, m.text, m.label, m.entity) for m in extract(text)}
    awards = {(s, t) for s, t, label, entity in found if label == "EVENT" and entity == "Academy Awards"}
    assert awards == {(text.index("Oscars"), "Oscars"), (text.index("Oscar tour"), "Oscar"),
                      (text.index("Oscar contender"), "Oscar")}
    assert (text.index("Oscar ,"), "Oscar", "PERSON") in {(s, t, label) for s, t, label, _ in found}
    labels = {(t, label) for _, t, label, _ in found}
    assert {("Emmy", "EVENT"), ("Grammys", "EVENT"), ("Lionsgate", "ORG"), ("Summit Entertainment", "ORG")} <= labels


def test_games_make_an_event_only_with_a_sporting_word():
    found = _labelled("The film The Hunger Games opened on Friday . She won gold at the 2010 Asian Games and "
                      "at the Commonwealth Games in Delhi .")
    assert {("Asian Games", "EVENT"), ("Commonwealth Games", "EVENT"), ("Delhi", "PLACE")} <= found
    assert not {t for t, _ in found} & {"The Hunger Games", "Hunger Games"}


def test_ships_and_diseases_are_none_of_the_five_kinds():
    found = _labelled("The frigate INS Sukanya sailed from Mumbai with INS Tabar . The INS agents arrested him . "
                      "HMS Ocean docked in Plymouth . Ebola and Zika spread in Guinea .")
    assert {("Mumbai", "PLACE"), ("Plymouth", "PLACE"), ("Guinea", "PLACE")} <= found
    assert not {t for t, _ in found} & {"INS Sukanya", "Sukanya", "INS Tabar", "Tabar", "HMS Ocean", "Ocean",
                                         "Ebola", "Zika"}


def test_a_given_name_used_alone_is_the_person_named_in_full():
    text = ("Iraqi government to investigate Saddam video\n\nA video shows the hanging of former president "
            "Saddam Hussein . Witnesses taunted Saddam with chants . Chinese President Xi Jinping met "
            "reporters . Xi said the talks went well . John Smith and Jane Doe spoke . John left early .")
    found = _linked(text)
    assert {("Saddam", "PERSON", "Saddam Hussein"), ("Xi", "PERSON", "Xi Jinping")} <= found
    assert ("John", "PERSON", "John Smith") not in found  # a common first name alone may be another John


def test_residents_planets_members_of_parliament_and_compass_adjectives():
    text = ("Team Zorin pledge to bring all Melbournians to the council chamber , and Parisians too . "
            "Life has not been observed in any habitat other than Earth , which has an oxygen-rich environment . "
            "The BBC counted 28 MPs of the 54 needed . It does not match Western culture . "
            "He lives in Western Australia .")
    found = _linked(text)
    assert {("Melbournians", "GROUP", "Melbourne"), ("Parisians", "GROUP", "Paris"), ("Earth", "PLACE", "Earth"),
            ("Western Australia", "PLACE", "Western Australia")} <= found
    assert not {t for t, _, _ in found} & {"MPs", "Western"}


def test_company_names_with_a_possessive_are_whole():
    text = ("Moody 's Investors Service upgraded Banco Santander , while Standard & Poor 's affirmed Telefonica . "
            "Shares in McDonald's rose .")
    found = _linked(text)
    assert {("Moody 's Investors Service", "ORG", "Moody's"), ("Standard & Poor 's", "ORG", "Standard & Poor's"),
            ("McDonald's", "ORG", "McDonald's")} <= found
    assert not {t for t, _, _ in found} & {"Standard", "Investors Service", "McDonald"}


def test_a_huge_text_is_read_in_pieces_with_offsets_into_the_whole(monkeypatch):
    import reader.nlp as nlp

    paragraph = ("The Libyan National Army (LNA) said Yasar Guler met Reuters in Ankara . Guler left .\n\n"
                 "Leeds 2 Arsenal 1\n\n")
    text = "Title line\n\n" + paragraph * 40
    whole = {(m.start, m.end, m.label) for m in extract(text)}
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 1000)  # the same text, now in pieces of about 1,000 characters
    pieces = nlp._pieces(text, 1000)
    assert len(pieces) > 3 and "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 for _, p in pieces)
    found = extract(text)
    assert all(text[m.start : m.end] == m.text for m in found)
    # every piece starts at a paragraph break, so each sees whole paragraphs and finds what the whole text did
    assert {(m.start, m.end, m.label) for m in found} == whole


def test_a_nationality_before_an_organisation_name_is_part_of_it_but_not_before_an_office_of_state():
    text = ("The Thai Raksa Chart Party was dissolved . The French Constitutional Council ruled . "
            "The German Foreign Ministry said so .")
    found = _labelled(text)
    assert {("Thai Raksa Chart Party", "ORG"), ("French Constitutional Council", "ORG")} <= found
    assert ("German", "GROUP") in found or ("German Foreign Ministry", "ORG") in found
    assert ("Raksa Chart Party", "ORG") not in found


def test_names_the_sentence_calls_a_settlement_and_roads_are_places():
    text = ("Rebels stormed the town of Sandiford at dawn . Sandiford has 400 people . "
            "Troops moved towards the villages of Kouloum and Bagassi . "
            "Wexcombe is a small village in Wiltshire . "
            "The office moved to 340 Hallam Street , off the Dulles Toll Road .")
    found = _labelled(text)
    assert {("Sandiford", "PLACE"), ("Kouloum", "PLACE"), ("Bagassi", "PLACE"), ("Wexcombe", "PLACE"),
            ("Hallam Street", "PLACE"), ("Dulles Toll Road", "PLACE")} <= found
    assert not {label for name, label in found if name == "Sandiford"} - {"PLACE"}  # the later mention too
    # a pronoun is no place, and a person's job is no settlement
    others = _labelled("It is a remote desert town . John Harwick is a city councillor in Leeds .")
    assert ("It", "PLACE") not in others and ("John Harwick", "PERSON") in others


def test_names_the_sentence_calls_a_company_or_a_band_and_radio_call_signs_are_organisations():
    text = ("Vendexa is a Danish chain of hypermarkets . Vendexa opened in 1970 . "
            "Stormhead are an English punk rock band . It was bought by Verlinde , a stationery company "
            "with global presence . He joined the metal band Van Kesteren . "
            "882 6PR is owned by Fairfax Media . 3AW relays it . The 4GB card went on sale at 5PM .")
    found = _labelled(text)
    assert {("Vendexa", "ORG"), ("Stormhead", "ORG"), ("Verlinde", "ORG"), ("Van Kesteren", "ORG"),
            ("882 6PR", "ORG"), ("3AW", "ORG")} <= found
    assert not {label for name, label in found if name == "Vendexa"} - {"ORG"}  # the later mention too
    assert not {name for name, _ in found} & {"4GB", "5PM"}
    # a person described by a job stays a person; a pronoun is no name
    others = _labelled("One developer , Rocky McGaugh , a developer of CAOS , left . John Harwick is a company "
                       'director in Leeds . "There is a real party of peace ," she said .')
    assert ("Rocky McGaugh", "PERSON") in others and ("John Harwick", "PERSON") in others
    assert "There" not in {name for name, _ in others}


def test_clubs_a_player_plays_for_bases_railways_and_university_initials():
    text = ("Harlow played with Ballarat and Bendigo in the league . He later coached Wodonga . "
            "He studied at MIT . The Connecticut Lottery paid out . Troops left Torrejon Air Base , Spain . "
            "The Konkan Railway passes through the village .")
    found = _labelled(text)
    assert {("Ballarat", "ORG"), ("Bendigo", "ORG"), ("Wodonga", "ORG"), ("MIT", "ORG"),
            ("Connecticut Lottery", "ORG"), ("Torrejon Air Base", "PLACE"), ("Konkan Railway", "ORG"),
            ("Spain", "PLACE")} <= found
    # music is played for people: without a sports page, a place stays a place
    assert ("Brandon", "PLACE") in _labelled("She played for Brandon in the summer . Brandon is a town in Manitoba .")


def test_initials_used_alone_are_the_organisation_and_languages_are_no_names():
    found = _linked("The exhibit opened at the University of Southern Indiana . Later USI staff left . "
                    "The motto is Latin , and the name means small island in Konkani .")
    assert ("USI", "ORG", "University of Southern Indiana") in found
    assert not {t for t, _, _ in found} & {"Latin", "Konkani"}


def test_a_noun_that_names_a_body_before_a_name_makes_it_an_organisation():
    text = ("They were influenced by bands like The Ramones , The Stooges and Captain Beefheart . "
            "It appeared in the scientific journal Protein Science . She signed to record label Deltasonic . "
            "In an interview with magazine The Bark , Day said so . In 1994 6PR was sold .")
    found = _labelled(text)
    assert {("The Stooges", "ORG"), ("Protein Science", "ORG"), ("Deltasonic", "ORG"), ("The Bark", "ORG"),
            ("6PR", "ORG")} <= found
    assert not {name for name, _ in found} & {"The", "1994 6PR"}
    others = _labelled("A gunman marched into a company Christmas party . The newspaper Web site broke the news .")
    assert not {name for name, label in others if label == "ORG"}


def test_names_inside_a_quoted_title_are_no_entities():
    found = _labelled('They began their " Welcome to the Universe " tour . The band covered the song " Hunter " '
                      'by Björk . The film " Made in Miami " opens .')
    assert not {name for name, _ in found} & {"Universe", "Hunter", "Miami"}
    assert ("Björk", "PERSON") in found
    # a nickname or a quoted remark still names its people and places
    others = _labelled('She was nicknamed the " Kim Kardashian of Pakistan " . He said " We met in Paris " .')
    assert {("Kim Kardashian", "PERSON"), ("Pakistan", "PLACE"), ("Paris", "PLACE")} <= others


def test_a_town_is_no_speaker_but_a_place_after_a_preposition_stays_one():
    assert _labelled("Obama said the bank will act . Obama left .") == {("Obama", "PERSON")}
    assert ("Obama", "PLACE") in _labelled("People in Obama said it rained .")


def test_airports_and_stations_are_places_but_broadcasters_are_not():
    found = _labelled("Police at Stavanger Airport said so . Flights left Kalibo International Airport . "
                      "Walk from Mornington Crescent Station . She joined Capital Radio Station .")
    assert {("Stavanger Airport", "PLACE"), ("Kalibo International Airport", "PLACE"),
            ("Mornington Crescent Station", "PLACE")} <= found
    assert ("Capital Radio Station", "PLACE") not in found


def test_no_name_starts_or_ends_with_a_small_word_and_major_league_baseball_is_whole():
    found = _labelled("He was drafted by the Toronto Blue Jays for the 2004 season . Major League Baseball agreed . "
                      "Protesters recalled that Minister of Culture Renaud Donnedieu de Vabres was there .")
    assert {("Toronto Blue Jays", "ORG"), ("Major League Baseball", "ORG"),
            ("Renaud Donnedieu de Vabres", "PERSON")} <= found
    words = {w for name, _ in found for w in (name.split()[0], name.split()[-1])}
    assert not words & {"of", "for", "the", "and"}


def test_a_nationality_before_untagged_words_of_a_body_is_one_organisation():
    found = _labelled("Officials of the German Institute for Economic Research said so . "
                      "French Chancellor Jean Dupont came .")
    assert {("German Institute for Economic Research", "ORG"), ("French", "GROUP"),
            ("Jean Dupont", "PERSON")} <= found


def test_an_organisation_named_by_its_kind_runs_on_over_of_and_what_it_is_of():
    found = _labelled("The Oregon Department of Fish and Wildlife closed the river . "
                      "The Texas Commission on Environmental Quality fined the plant . "
                      "The Emil Touma Institute for Palestinian Studies is named after him .")
    assert {("Oregon Department of Fish and Wildlife", "ORG"),
            ("Texas Commission on Environmental Quality", "ORG"),
            ("Emil Touma Institute for Palestinian Studies", "ORG")} <= found
    # a place or another body after "and" or "for" is a name of its own
    others = _labelled("He met officials of the Ministry of Defence and Britain . "
                       "He plays in the Swiss Super League for FC Basel .")
    assert {("Ministry of Defence", "ORG"), ("Britain", "PLACE"), ("Swiss Super League", "ORG"),
            ("FC Basel", "ORG")} <= others


def test_former_countries_and_world_regions_are_places():
    found = _linked("The Soviet Union and Czechoslovakia signed the treaty . "
                    "Sales in Southeast Asia and Central America grew .")
    assert {("Soviet Union", "PLACE", "Soviet Union"), ("Czechoslovakia", "PLACE", "Czechoslovakia"),
            ("Southeast Asia", "PLACE", "Southeast Asia"), ("Central America", "PLACE", "Central America")} <= found
    assert ("SOVIET UNION", "PLACE") in _labelled("SOVIET UNION WINS GOLD")
    assert ("USSR", "PLACE", "Soviet Union") in _linked("The USSR collapsed in 1991 .")


def test_a_word_the_text_calls_a_town_is_no_surname_of_a_person_with_that_name():
    found = _linked("Anna Hoogeveen opened the new track . It lies in the dunes near the town of Hoogeveen , "
                    "in the Netherlands . Races at Hoogeveen resumed in 1948 .")
    assert ("Anna Hoogeveen", "PERSON", "Anna Hoogeveen") in found
    assert ("Hoogeveen", "PLACE", "Hoogeveen") in found
    assert not any(text == "Hoogeveen" and label == "PERSON" for text, label, _ in found)


def test_battles_sieges_and_treaties_named_after_a_place_are_events():
    found = _labelled("He fought at the Battle of Shiloh and in the Siege of Vicksburg . In the Second Battle of "
                      "Bull Run it lost men . The Treaty of Versailles ended the war . The Battle for Aleppo "
                      "went on , and the Battle of Sayler 's Creek was the last . Mosul is quiet .")
    assert {("Battle of Shiloh", "EVENT"), ("Siege of Vicksburg", "EVENT"), ("Second Battle of Bull Run", "EVENT"),
            ("Treaty of Versailles", "EVENT"), ("Battle for Aleppo", "EVENT"),
            ("Battle of Sayler 's Creek", "EVENT"), ("Mosul", "PLACE")} <= found
    assert not {"Shiloh", "Vicksburg", "Bull Run", "Versailles", "Aleppo"} & {text for text, _ in found}
    # a headline's event stops where the place does; a season or a figure of speech is no event
    assert _labelled("BATTLE OF MOSUL ENDS") == {("BATTLE OF MOSUL", "EVENT")}
    assert not any(label == "EVENT" for _, label in _labelled("It was a battle of wits all night ."))


def test_a_title_introduces_a_name_with_particles_or_a_title_for_a_surname():
    found = _linked("Spanish Farm Minister Loyola de Palacio had earlier accused Fischler . "
                    "Bank of England Governor Mervyn King said so . Judge Ruud van Dam agreed .")
    assert {("Spanish", "GROUP", "Spain"), ("Loyola de Palacio", "PERSON", "Loyola de Palacio"),
            ("Mervyn King", "PERSON", "Mervyn King"), ("Ruud van Dam", "PERSON", "Ruud van Dam")} <= found
    assert not any("Minister" in text or "Governor" in text for text, _, _ in found)


def test_a_body_named_by_its_kind_and_what_it_is_of_is_one_organisation():
    found = _linked("Bank of England Governor Mervyn King spoke at the Church of Our Lady of Compassion . "
                    "He once worked through the British League of Rights . "
                    "The Union of Soviet Socialist Republics collapsed .")
    assert {("Bank of England", "ORG", "Bank of England"), ("Mervyn King", "PERSON", "Mervyn King"),
            ("Church of Our Lady of Compassion", "ORG", "Church of Our Lady of Compassion"),
            ("British League of Rights", "ORG", "British League of Rights"),
            ("Union of Soviet Socialist Republics", "PLACE", "Soviet Union")} <= found
    assert not any(text in {"England", "British"} for text, _, _ in found)
    # a field of study is no place: "a major in Intelligence Research & Analysis"
    assert not _labelled("She took a major in Intelligence Research & Analysis .")


def test_a_newsroom_signing_a_story_and_a_person_after_what_they_do():
    assert _labelled("Shares fell .\n-- New York Newsroom 212 859 1610\n") == {("New York Newsroom", "ORG")}
    found = _labelled("The film starred host Ricki Lake and singer Nina Bay . Judge Ruud van Dam agreed .")
    assert {("Ricki Lake", "PERSON"), ("Nina Bay", "PERSON"), ("Ruud van Dam", "PERSON")} <= found


def test_a_legal_suffix_after_a_comma_is_no_name_of_its_own():
    found = _labelled("The network is owned by CBS , Inc. and the land by Cascade Timberlands , LLC .")
    assert {("CBS", "ORG"), ("Cascade Timberlands", "ORG")} <= found
    assert not {text for text, _ in found} & {"Inc.", "LLC", "CBS , Inc."}


def test_a_cricket_scoreboard_names_no_extras_or_total():
    text = ("CRICKET - PAKISTAN V NEW ZEALAND ONE-DAY SCOREBOARD .\nSIALKOT , Pakistan 1996-12-06\n"
            "Pakistan\nSaeed Anwar run out 91\nWasim Akram b Harris 4\nExtras ( lb-8 nb-2 w-14 ) 24\n"
            "Total ( for 7 wickets , 50 overs ) 277\n")
    found = _labelled(text)
    assert {("Saeed Anwar", "PERSON"), ("Wasim Akram", "PERSON"), ("Harris", "PERSON"),
            ("SIALKOT", "PLACE")} <= found
    assert not {text for text, _ in found} & {"Extras", "Total"}


def test_a_portfolio_before_a_weak_title_and_a_price_after_a_company_are_no_part_of_names():
    found = _labelled("Defence Secretary Michael Portillo said so . Texaco Inc agreed to buy Monterey Resources "
                      "for $ 1.1 billion . He joined Channel 4 in 1990 .")
    assert {("Michael Portillo", "PERSON"), ("Texaco Inc", "ORG"), ("Monterey Resources", "ORG"),
            ("Channel 4", "ORG")} <= found
    assert not any("Secretary" in text or "$" in text for text, _ in found)


def test_a_persons_possessive_ends_the_name_and_major_is_a_surname():
    found = _linked("Prime Minister John Major 's Conservative Party trailed badly . Major said he would fight on . "
                    "Moody 's Investors Service cut the rating .")
    assert {("John Major", "PERSON", "John Major"), ("Conservative Party", "ORG", "Conservative Party"),
            ("Major", "PERSON", "John Major"), ("Moody 's Investors Service", "ORG", "Moody's")} <= found


def test_a_surname_that_is_a_country_is_the_person_when_it_speaks():
    found = _linked("Michael Jordan scored 40 points . Jordan said he was tired . "
                    "Jordan closed its border with Syria .")
    assert {("Michael Jordan", "PERSON", "Michael Jordan"), ("Jordan", "PERSON", "Michael Jordan"),
            ("Jordan", "PLACE", "Jordan")} <= found


def test_a_body_named_by_its_kind_runs_on_over_the_and_a_second_of():
    found = _labelled("Polaroids were donated by the Andy Warhol Foundation for the Visual Arts . "
                      "The Society for the Protection of Birds said so .")
    assert {("Andy Warhol Foundation for the Visual Arts", "ORG"),
            ("Society for the Protection of Birds", "ORG")} <= found


def test_medals_and_trophies_are_no_places():
    found = _labelled("Monks celebrated his receiving the United States Congressional Gold Medal . "
                      "England won the Webb Ellis Trophy .")
    assert {("United States Congressional Gold Medal", "EVENT"), ("Webb Ellis Trophy", "EVENT")} <= found


def test_residents_of_a_city_bodies_owned_by_a_people_and_quantifiers_before_names():
    found = _linked("Many Hongkongers left . Londoners and Berliners marched . The Islanders won the cup . "
                    "Troops of the People's Liberation Army were seen .")
    assert {("Hongkongers", "GROUP", "Hong Kong"), ("Londoners", "GROUP", "London"),
            ("Berliners", "GROUP", "Berlin"),
            ("People's Liberation Army", "ORG", "People's Liberation Army")} <= found
    assert not any(text.startswith("Many") or entity == "Iceland" for text, _, entity in found)


def test_administrative_areas_are_places_but_their_bodies_are_not():
    found = _labelled("They were used as transplants . Seminole County Sheriff Don Eslinger said so . Officials in "
                      "Helmand Province and the Orange County Council agreed . The Dover Area School District lost .")
    assert {("Seminole County", "PLACE"), ("Don Eslinger", "PERSON"), ("Helmand Province", "PLACE")} <= found
    assert not {(text, label) for text, label in found if label == "PLACE"} & {
        ("Orange County", "PLACE"), ("Dover Area School District", "PLACE")}


def test_a_county_side_beats_another_headline_too_and_a_dateline_stays_a_place_over_a_table():
    text = ("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY .\nLONDON 1996-08-30\n"
            "Phil Simmons took four for 38 as Leicestershire beat Somerset by an innings and 39 runs .\n\n"
            "BASEBALL - MAJOR LEAGUE STANDINGS .\nNEW YORK 1996-08-22\nEASTERN DIVISION\nW L PCT GB\n"
            "NEW YORK 74 58 .561 -\nBALTIMORE 70 63 .526 4 1/2\n")
    found = {(m.start, m.text, m.label) for m in extract(text)}
    assert {(text.index("LEICESTERSHIRE"), "LEICESTERSHIRE", "ORG"), (text.index("Leicestershire"), "Leicestershire", "ORG"),
            (text.index("NEW YORK 1996"), "NEW YORK", "PLACE"), (text.index("NEW YORK 74"), "NEW YORK", "ORG"),
            (text.index("BALTIMORE"), "BALTIMORE", "ORG")} <= found


def test_religions_are_groups_linked_with_their_faithful():
    found = _linked("Friedrich and Dorothea converted to Catholicism in 1808 . He rejected Christianity and "
                    "Judaism , and studied Buddhism .")
    assert {("Catholicism", "GROUP", "Catholics"), ("Christianity", "GROUP", "Christians"),
            ("Judaism", "GROUP", "Jews"), ("Buddhism", "GROUP", "Buddhists")} <= found


def test_named_days_operations_and_campaigns_are_events():
    found = _labelled("Armistice Day is the anniversary of the armistice . Operation Market Garden failed in 1944 . "
                      "The Appomattox Campaign ended the war . They met over Memorial Day weekend and on New Year's "
                      "Day . Doris Day sang .")
    assert {("Armistice Day", "EVENT"), ("Operation Market Garden", "EVENT"), ("Appomattox Campaign", "EVENT"),
            ("Memorial Day", "EVENT"), ("New Year's Day", "EVENT"), ("Doris Day", "PERSON")} <= found
    assert not _labelled("One Day later the storm passed .")


def test_a_party_named_by_its_adjective_and_no_legislator_in_a_name():
    found = _labelled("He was elected as the Liberal MPP for Kenora . Wren sat with the Liberal caucus . The "
                      "party won fewer votes than either the Labor or Liberal parties . Labour MP Diane Abbott spoke .")
    assert {("Liberal", "ORG"), ("Labor", "ORG"), ("Labour", "ORG"), ("Diane Abbott", "PERSON")} <= found
    assert not any("MP" in text for text, _ in found)
    assert ("Conservative", "ORG") not in _labelled("Conservative voters stayed at home .")


def test_a_quoted_nickname_is_inside_the_persons_name():
    found = _linked('William Mailes "Cowboy" Cowley (born June 12, 1912) was a hockey player . Cowley won twice .')
    assert ('William Mailes "Cowboy" Cowley', "PERSON", "William Mailes Cowley") in found
    assert ("Cowley", "PERSON", "William Mailes Cowley") in found
    assert not {text for text, _, _ in found} & {"Cowboy", "William Mailes"}


def test_a_town_named_like_a_surname_is_a_place_when_the_text_says_so():
    found = _labelled("The road from Hamilton to Milton was paved . Farmers near Milton sold corn .")
    assert {(t, label) for t, label in found if t == "Milton"} == {("Milton", "PLACE")}
    assert ("Milton", "PERSON") in _labelled("John Milton wrote in London . Milton said it was late .")


def test_compass_words_and_upon_are_inside_place_names():
    found = _labelled("He lived in Old Goa and later in Newcastle upon Tyne . It stops at South Bridgton .")
    assert {("Old Goa", "PLACE"), ("Newcastle upon Tyne", "PLACE"), ("South Bridgton", "PLACE")} <= found


def test_a_line_named_after_the_towns_it_joins_is_one_name():
    found = {t for t, _ in _labelled("The Stockton and Darlington Railway opened in 1825 . Freight moved on the "
                                     "Denver and Rio Grande Western Railroad until 1988 .")}
    assert {"Stockton and Darlington Railway", "Denver and Rio Grande Western Railroad"} <= found
    assert not found & {"Stockton", "Denver", "Darlington Railway"}


def test_gods_are_persons_and_wikinews_is_a_newsroom():
    found = _labelled("Statues of Zeus and Poseidon stood there . He prayed to Odin and Loki . Wikinews "
                      "reporters attended the opening .")
    assert {("Zeus", "PERSON"), ("Poseidon", "PERSON"), ("Odin", "PERSON"), ("Loki", "PERSON"),
            ("Wikinews", "ORG")} <= found


def test_a_name_before_a_comma_and_a_state_is_a_place_but_a_person_stays_one():
    found = _labelled("The festival moved to Lacombe , Alberta , in 2010 . He grew up near Bramwell , West Virginia , "
                      "and later moved . 1. Dieter Baumann , Germany 13:12.4")
    assert {("Lacombe", "PLACE"), ("Bramwell", "PLACE"), ("Dieter Baumann", "PERSON")} <= found


def test_a_company_named_after_its_founder_is_an_organisation():
    found = _labelled("Caloi was founded in 1898 by Luigi Caloi . In 1972 , Caloi introduced a racing bicycle . "
                      "The family sold the majority of Caloi 's voting shares in 1999 . Rome was founded by Romulus .")
    assert {(t, label) for t, label in found if t == "Caloi"} == {("Caloi", "ORG")}
    assert {("Luigi Caloi", "PERSON"), ("Rome", "PLACE")} <= found


def test_bodies_named_for_a_cause_and_lower_case_articles_before_names():
    found = _labelled('"Police stopped it," said the International Campaign for Tibet in a report . The Campaign '
                      "for Nuclear Disarmament and the Council for European Security and Cooperation met . The "
                      "Gallipoli Campaign failed .")
    assert {("International Campaign for Tibet", "ORG"), ("Campaign for Nuclear Disarmament", "ORG"),
            ("Council for European Security and Cooperation", "ORG"), ("Gallipoli Campaign", "EVENT")} <= found
    found = _linked("The leader of al-Qaeda , Osama bin Laden , released a tape . In the tape , bin Laden 's main "
                    "focus is on Iraq .")
    assert {("al-Qaeda", "ORG", "al-Qaeda"), ("bin Laden", "PERSON", "Osama bin Laden")} <= found


def test_numbered_military_units_and_units_named_by_their_commander():
    found = _linked("Redesignated 65 Air Division on 17 April 1952 . Assigned to Fourth Air Force , 27 March 1943 . "
                    "The 82nd Airborne Division was sent to Kabul . The 82nd arrived on Monday . The regiment was "
                    "attached to Howe 's Brigade of Couch 's Division . In 1863 it joined Sedgwick 's Corps near "
                    "the river . Later it served in Hancock 's Division .")
    assert {("65 Air Division", "ORG", "65 Air Division"), ("Fourth Air Force", "ORG", "Fourth Air Force"),
            ("82nd", "ORG", "82nd Airborne Division"), ("Howe 's Brigade", "ORG", "Howe 's Brigade"),
            ("Couch 's Division", "ORG", "Couch 's Division"), ("Sedgwick 's Corps", "ORG", "Sedgwick 's Corps"),
            ("Hancock 's Division", "ORG", "Hancock 's Division")} <= found
    assert not {text for text, _, _ in found} & {"Air Division", "Air Force", "Howe"}
    def blind(tokens):
        return ["O"] * len(tokens)

    text = "The brigade included the 62d NY , 93d PVI and the 102d PVI . He came 2nd in the race ."
    assert [(m.text, m.label) for m in extract(text, blind)] == [
        ("62d NY", "ORG"), ("93d PVI", "ORG"), ("102d PVI", "ORG")]


def test_trades_name_companies_and_rules_that_misfired_on_real_news_stay_quiet():
    def blind(tokens):  # a tagger that finds nothing: the rule alone must name the companies
        return ["O"] * len(tokens)

    text = "Distance Records is a French dance music label . Poems ( Salt Publishing , Cambridge , 2002 ) ."
    found = {(m.text, m.label) for m in extract(text, blind)}
    assert {("Distance Records", "ORG"), ("Salt Publishing", "ORG")} <= found
    found = _labelled("On Monday , Nevada became the first state . Associate Justice Sandra Day O'Connor retired . "
                      "The Human Rights Campaign called for it . The body of Kim Jong Nam was held . Police took "
                      "Kim 's body to the morgue in Sepang and Kim was buried . The National Emergency Operation "
                      "Centre met . The police will assist the 160 New Zealand Defence Force personnel .")
    assert {("Nevada", "PLACE"), ("Sandra Day O'Connor", "PERSON"), ("Kim Jong Nam", "PERSON"),
            ("New Zealand Defence Force", "ORG")} <= found
    assert not {text for text, label in found if label in ("EVENT", "PLACE") and text != "Nevada"
                and text != "Sepang"}


def test_newspapers_are_organisations_not_places():
    def blind(tokens):
        return ["O"] * len(tokens)

    text = "He ranked second on the Houston Chronicle list and was named by the Fort Worth Star-Telegram ."
    assert {("Houston Chronicle", "ORG"), ("Fort Worth Star-Telegram", "ORG")} <= _labelled(text)
    assert {("Houston Chronicle", "ORG"), ("Fort Worth Star-Telegram", "ORG")} <= {
        (m.text, m.label) for m in extract(text, blind)}
    assert {("Toronto Star", "ORG"), ("Daily Mirror", "ORG")} <= _labelled(
        "The Toronto Star and the Daily Mirror agreed .")


def test_a_field_and_a_country_name_a_national_body():
    found = _labelled("Environment Canada issued a warning on Monday . Rugby Australia fined him , and Tourism "
                      "New Zealand agreed . He works in health in Canada .")
    assert {("Environment Canada", "ORG"), ("Rugby Australia", "ORG"), ("Tourism New Zealand", "ORG"),
            ("Canada", "PLACE")} <= found


def test_a_name_the_sentence_calls_a_woman_or_a_father_is_a_person():
    found = _labelled("Tobiah Florence , a 45-year-old father of two , was arrested . Anneke Sydney , a student at "
                      "the school , said so .")
    assert {("Tobiah Florence", "PERSON"), ("Anneke Sydney", "PERSON")} <= found

    def blind(tokens):
        return ["O"] * len(tokens)

    text = ('"It could have been worse , " Khaled Al-Maeena , editor at large at the paper , said . The talks , '
            "led by UN Secretary-General Ban Ki-moon , the envoy , ended .")
    found = {(m.text, m.label) for m in extract(text, blind)}
    assert ("Khaled Al-Maeena", "PERSON") in found
    assert not any("Secretary" in t for t, _ in found)


def test_peoples_of_history_city_nicknames_and_maiden_names():
    found = _linked("Dorothea von Schlegel ( née Brende Mendelssohn ) was born in Berlin . Some held they were "
                    "descendants of the Visigoths or the Saracens . He worked in L.A. , NYC , & Vegas .")
    assert {("Brende Mendelssohn", "PERSON", "Brende Mendelssohn"), ("Visigoths", "GROUP", "Visigoths"),
            ("Saracens", "GROUP", "Saracens"), ("L.A.", "PLACE", "Los Angeles"), ("NYC", "PLACE", "New York City"),
            ("Vegas", "PLACE", "Las Vegas")} <= found


def test_a_word_that_only_labels_numbered_lines_is_no_person():
    def slipping(tokens):  # a tagger (trained on other folds) that read each "Milepost" as a person
        return ["B-PER" if t.text == "Milepost" else "O" for t in tokens]

    text = "Milepost 0 : Bridgton Junction .\nMilepost 1.2 : a spur .\nMilepost 2.7 : a shelter ."
    assert not [m for m in extract(text, slipping) if m.text == "Milepost"]
    text = "Shearer 12 .\nShearer 40 .\nShearer 7 ."  # a family name stays a person, even in a table
    assert [m.label for m in extract(text, lambda toks: ["B-PER" if t.text == "Shearer" else "O" for t in toks])
            ] == ["PERSON"] * 3


def test_tournaments_charts_and_conventions_are_events():
    found = _labelled("He won the Shanghai Masters and played in the Orange Bowl . It reached number 2 in the UK "
                      "Indie Chart . The Democratic National Convention met .")
    assert {("Shanghai Masters", "EVENT"), ("Orange Bowl", "EVENT"), ("Indie Chart", "EVENT"),
            ("Democratic National Convention", "EVENT")} <= found


def test_a_nationality_or_an_office_before_a_name_is_not_part_of_it():
    def joined(tokens):  # the slips of a retrained tagger: "Republicans Marco Rubio", "Israeli Prime Minister"
        words = [t.text for t in tokens]
        tags = ["O"] * len(words)
        for start, length in ((0, 3), (8, 3), (11, 2)):
            tags[start : start + length] = ["B-PER"] + ["I-PER"] * (length - 1)
        return tags

    text = "Republicans Marco Rubio and John McCain spoke . Israeli Prime Minister Benjamin Netanyahu replied ."
    found = {(m.text, m.label) for m in extract(text, joined)}
    assert {("Republicans", "GROUP"), ("Marco Rubio", "PERSON"), ("Israeli", "GROUP"),
            ("Benjamin Netanyahu", "PERSON")} <= found
    assert not any("Minister" in t or t.startswith("Republicans ") for t, _ in found)


def test_a_country_heads_no_name_joined_by_of():
    def joined(tokens):  # the retrained tagger's slip: one place "Belgium of Hissène Habré"
        words = [t.text for t in tokens]
        tags = ["O"] * len(words)
        tags[6:10] = ["B-LOC", "I-LOC", "I-LOC", "I-LOC"]
        return tags

    text = "Rights groups welcomed the indictment in Belgium of Hissène Habré ."
    assert {(m.text, m.label) for m in extract(text, joined)} >= {("Belgium", "PLACE"), ("Hissène Habré", "PERSON")}
    assert ("Republic of Ireland", "PLACE") in _labelled("The Republic of Ireland won .")


def test_a_nickname_joins_a_name_the_tagger_saw_only_in_part():
    def partial(tokens):  # a fold's tagger: only the surname, and as a work
        return ["B-MISC" if t.text == "Kyriakopoulos" else "O" for t in tokens]

    text = 'He finished behind Theofanis " Fanis " Kyriakopoulos in the final .'
    assert [(m.text, m.label) for m in extract(text, partial)] == [
        ('Theofanis " Fanis " Kyriakopoulos', "PERSON")]


def test_a_described_body_is_whole_when_the_tagger_found_pieces_of_it():
    def pieces(tokens):  # a fold's tagger: "Dark" left out as a sentence-opening word, "Room Notes" a work
        return ["O", "B-MISC", "I-MISC"] + ["O"] * (len(tokens) - 3)

    text = "Dark Room Notes are a four-piece electro / synthpop band based in Dublin ."
    assert ("Dark Room Notes", "ORG") in {(m.text, m.label) for m in extract(text, pieces)}


def test_a_band_named_with_a_number_and_small_words_is_one_name_throughout():
    def pieces(tokens):  # a fold's tagger: "Mars" alone, as the planet
        return ["B-LOC" if t.text == "Mars" else "O" for t in tokens]

    text = ("They are a street team for the band 30 Seconds to Mars , which helps . On December 21st , "
            "30 Seconds to Mars won an award .")
    assert [(m.text, m.label) for m in extract(text, pieces)] == [("30 Seconds to Mars", "ORG")] * 2


def test_a_building_or_body_named_after_a_person_is_whole():
    def stops_at_the_name(tokens):  # the tagger names the person only
        words = [t.text for t in tokens]
        tags = ["O"] * len(words)
        for name in (("Garrigan", "High"), ("Walter", "Reed")):
            k = next(i for i in range(len(words)) if tuple(words[i : i + 2]) == name)
            tags[k : k + 2] = ["B-PER", "I-PER"]
        return tags

    text = "Bishop Garrigan High School is a private school . He was treated at Walter Reed Hospital ."
    assert {(m.text, m.label) for m in extract(text, stops_at_the_name)} >= {
        ("Bishop Garrigan High School", "ORG"), ("Walter Reed Hospital", "ORG")}


def test_lower_case_geographic_kinds_and_am_are_inside_place_names():
    found = _labelled("It lies on the meandering Mandovi river . She moved to Frankfurt am Main and then to "
                      "Washington , D.C. with the army . A Texas lake dried up .")
    assert {("Mandovi river", "PLACE"), ("Frankfurt am Main", "PLACE"), ("Washington , D.C.", "PLACE"),
            ("Texas", "PLACE")} <= found


def test_a_rulers_epithet_is_part_of_the_name():
    found = _labelled("Friedrich the Great was Lessing 's patron . Pliny the Elder wrote it . Bill the plumber came .")
    assert {("Friedrich the Great", "PERSON"), ("Pliny the Elder", "PERSON")} <= found


def test_the_kind_of_a_body_decides_before_of_and_after_the_name():
    def places(tokens):  # a fold's tagger: these are all places
        words = [t.text for t in tokens]
        tags = ["O"] * len(words)
        for name in (("The", "Economist"), ("State", "Railway", "of", "Thailand"), ("South", "West", "Trains")):
            k = next(i for i in range(len(words)) if tuple(words[i : i + len(name)]) == name)
            tags[k : k + len(name)] = ["B-LOC"] + ["I-LOC"] * (len(name) - 1)
        return tags

    text = ("The test was published in The Economist magazine . The line is run by the State Railway of Thailand "
            "and served by the South West Trains .")
    assert {(m.text, m.label) for m in extract(text, places)} >= {
        ("The Economist", "ORG"), ("State Railway of Thailand", "ORG"), ("South West Trains", "ORG")}
    found = _labelled("He died in a General Santos City hospital . Ehsan told The Express Tribune , a Pakistani "
                      "newspaper , that it was so .")
    assert ("General Santos City", "PLACE") in found and ("Express Tribune", "ORG") in found


def test_natural_and_administrative_heads_make_places_of_bodies_and_people():
    found = _labelled("About ten miles away the Deccan Plateau ends . It is a sum of Bayankhongor Province in "
                      "Mongolia . Salisbury Dock lies north and Trafalgar Dock south . Tampa Bay beat Boston 4 - 2 .")
    assert {("Deccan Plateau", "PLACE"), ("Bayankhongor Province", "PLACE"), ("Salisbury Dock", "PLACE"),
            ("Trafalgar Dock", "PLACE"), ("Tampa Bay", "ORG")} <= found


def test_a_word_the_text_calls_a_town_is_no_given_name():
    def tagger(tokens):  # "Bridgton Hinkleys" (locomotives) read as a person, the town as a place
        words = [t.text for t in tokens]
        tags = ["B-LOC" if w == "Bridgton" else "O" for w in words]
        k = words.index("Hinkleys")
        tags[k - 1 : k + 1] = ["B-PER", "I-PER"]
        return tags

    text = ("The Bridgton Hinkleys were built in 1882 . Trains ran to Bridgton by 1883 , and the town of Bridgton "
            "paid for them .")
    labels = {m.label for m in extract(text, tagger) if m.text == "Bridgton"}
    assert labels == {"PLACE"}


def test_names_of_people_and_places_hold_no_digits_but_roads_do():
    def tagger(tokens):  # a fold's tagger: a product as a person and a place, a road as a place
        return [{"Ez2DJ": "B-PER", "EZ2DJ": "B-LOC", "M6": "B-LOC"}.get(t.text, "O") for t in tokens]

    text = "Ez2DJ is a series of music games . The EZ2DJ cabinet has speakers . He was stopped on the M6 ."
    assert [(m.text, m.label) for m in extract(text, tagger)] == [("M6", "PLACE")]


def test_what_one_is_a_member_of_is_a_body_and_nobel_is_a_prize():
    def people(tokens):  # a fold's tagger: the parties as people
        words = [t.text for t in tokens]
        tags = ["O"] * len(words)
        for name in (("One", "Nation"), ("Australia", "First")):
            k = next(i for i in range(len(words)) if tuple(words[i : i + 2]) == name)
            tags[k : k + 2] = ["B-PER", "I-PER"]
        return tags

    text = "He was a member of One Nation and Australia First . Seven Nobel laureates worked there ."
    found = {(m.text, m.label) for m in extract(text, people)}
    assert {("One Nation", "ORG"), ("Nobel", "EVENT")} <= found
    def places(tokens):  # ... and the second party as the country
        words = [t.text for t in tokens]
        tags = ["B-LOC" if w == "Australia" else "O" for w in words]
        k = words.index("One")
        tags[k : k + 2] = ["B-PER", "I-PER"]
        return tags

    text = 'He was a member of One Nation and Australia First . He said " Australia First has no link " .'
    assert [(m.text, m.label) for m in extract(text, places)] == [
        ("One Nation", "ORG"), ("Australia First", "ORG"), ("Australia First", "ORG")]
    def blind(tokens):
        return ["O"] * len(tokens)

    found = {(m.text, m.label) for m in extract("He was a member of One Nation . She is a member of the Royal Society .",
                                                blind)}
    assert {("One Nation", "ORG"), ("Royal Society", "ORG")} <= found
    found = _labelled("Susan Atkins was a member of the Manson clan . She denounced Manson later .")
    assert ("Manson", "PERSON") in found and ("Manson", "ORG") not in found


def test_a_name_the_sentence_calls_a_people_is_a_group_throughout():
    def places(tokens):  # a fold's tagger: the people as a place every time
        return ["B-LOC" if t.text == "Azna" else "O" for t in tokens]

    text = ("Sarraounia was queen of the Azna , a pagan people in the bush . The Azna defended themselves . "
            '"It is a great loss to the people , " he said . On Saturday , a few hundred people marched .')
    found = [(m.text, m.label) for m in extract(text, places)]
    assert found == [("Azna", "GROUP"), ("Azna", "GROUP")]
    found = _labelled("Agotes or Cagots were a discriminated minority in France . Mr Campbell said that "
                      "Australia First has no association , as he was a member of One Nation and Australia First .")
    assert {("Agotes", "GROUP"), ("Cagots", "GROUP"), ("Australia First", "ORG")} <= found
    assert ("Australia", "PLACE") not in found


def test_a_town_of_two_words_is_no_person_unless_it_opens_with_a_given_name():
    def people(tokens):  # a fold's tagger: the town as a person
        words = [t.text for t in tokens]
        k = words.index("Bowling")
        return ["O"] * k + ["B-PER", "I-PER"] + ["O"] * (len(words) - k - 2)

    text = "Games are played at Doyt Perry Stadium in Bowling Green , which is in Ohio ."
    assert ("Bowling Green", "PLACE") in {(m.text, m.label) for m in extract(text, people)}


def test_a_name_the_sentence_calls_a_convention_is_an_event_throughout():
    def bodies(tokens):  # a fold's tagger: the convention as a body
        return ["B-ORG" if t.text == "BayCon" else "O" for t in tokens]

    text = ("BayCon is the San Francisco Bay Area 's main Science Fiction and Fantasy Convention . BayCon moved "
            "to another weekend .")
    assert [m.label for m in extract(text, bodies) if m.text == "BayCon"] == ["EVENT", "EVENT"]
    assert ("Kosgei", "PERSON") in _labelled("Brigid Kosgei won . Kosgei was the Chicago Marathon winner .")


def test_stage_names_keep_their_prefix():
    def bodies(tokens):  # a fold's tagger: the DJs as bodies
        words = [t.text for t in tokens]
        return ["B-ORG" if w == "DJ" and i + 1 < len(words) and words[i + 1].isupper() else
                "I-ORG" if i and words[i - 1] == "DJ" and w.isupper() else "O" for i, w in enumerate(words)]

    text = "He played with DJs like DJ AM , DJ IRIE and DJ KALED . MC Hammer sang ."
    assert [(m.text, m.label) for m in extract(text, bodies)] == [
        ("DJ AM", "PERSON"), ("DJ IRIE", "PERSON"), ("DJ KALED", "PERSON"), ("MC Hammer", "PERSON")]


def test_the_head_of_an_event_named_in_full_refers_back_to_it():
    found = _linked("Boston won the Stanley Cup in 1939 , being awarded the Cup as champions . The first year the "
                    "Cup was contested was 1893 .")
    assert [(t, label, e) for t, label, e in found if t == "Cup"] == [("Cup", "EVENT", "Stanley Cup")]


def test_a_title_the_text_called_a_work_is_a_work_in_quotes_elsewhere():
    def bodies(tokens):  # a fold's tagger: the song as a body wherever it is
        words = [t.text for t in tokens]
        return ["B-ORG" if w == "The" and i + 1 < len(words) and words[i + 1] == "Kill" else
                "I-ORG" if w == "Kill" else "O" for i, w in enumerate(words)]

    text = 'Their second single " The Kill " was released . They won an award for " The Kill " in 2006 .'
    assert not [m for m in extract(text, bodies) if "Kill" in m.text]


def test_a_known_body_before_a_full_name_is_no_part_of_it():
    def joined(tokens):  # the tagger's slip: one name "NASA Bill Ingalls", "United Nations Nikki Haley"
        words = [t.text for t in tokens]
        tags = ["O"] * len(words)
        for name in (("NASA", "Bill", "Ingalls"), ("United", "Nations", "Nikki", "Haley")):
            k = next(i for i in range(len(words)) if tuple(words[i : i + len(name)]) == name)
            tags[k : k + len(name)] = ["B-ORG"] + ["I-ORG"] * (len(name) - 1)
        return tags

    text = "Image : NASA Bill Ingalls . Former US Ambassador to the United Nations Nikki Haley wrote ."
    assert {("NASA", "ORG"), ("Bill Ingalls", "PERSON"), ("United Nations", "ORG"), ("Nikki Haley", "PERSON")} <= {
        (m.text, m.label) for m in extract(text, joined)}


def test_a_company_named_with_its_suffix_is_the_company_without_it():
    def people(tokens):  # a fold's tagger: the company alone as a person
        words = [t.text for t in tokens]
        return ["B-ORG" if w == "DATECS" else "I-ORG" if w == "Ltd." else "B-PER" if w == "Datecs" else "O"
                for w in words]

    text = ("DATECS Ltd. , was founded in 1990 by a group of fellows . In cooperation with Samsung , Datecs "
            "embarked on developing retail systems . Datecs became the best known brand .")
    assert [m.label for m in extract(text, people) if m.text == "Datecs"] == ["ORG", "ORG"]


def test_a_team_named_by_its_nickname_in_a_match_report():
    def blind(tokens):
        return ["O"] * len(tokens)

    text = ("He pitched one inning , but the Pirates lost 10-7 . He was signed by the Jets for the 1973 season . "
            "The Democrats lost the vote .")
    assert [(m.text, m.label) for m in extract(text, blind)] == [
        ("Pirates", "ORG"), ("Jets", "ORG"), ("Democrats", "GROUP")]


def test_a_name_the_sentence_calls_an_index_is_no_entity():
    def bodies(tokens):  # a fold's tagger: the index as a body
        return ["B-ORG" if t.text == "BEL20" else "O" for t in tokens]

    text = "The BEL20 is the benchmark stock market index of the exchange . The BEL20 has contained 20 companies ."
    assert not [m for m in extract(text, bodies) if m.text == "BEL20"]


def test_a_name_after_a_relative_is_a_person():
    def places(tokens):  # a fold's tagger: one name as a place, the other missed
        return ["B-LOC" if t.text == "Borna" else "O" for t in tokens]

    text = "He and his sister , Fanny , were prodigies . Her brother , Borna , plays for the club ."
    assert [(m.text, m.label) for m in extract(text, places)] == [("Fanny", "PERSON"), ("Borna", "PERSON")]


def test_a_place_named_after_a_title_or_with_its_head_alone_tagged():
    def heads(tokens):  # a fold's tagger: only the heads, as a person and a place
        return ["B-PER" if t.text == "County" else "B-LOC" if t.text == "Island" else "O" for t in tokens]

    text = "It was named after Bobby Morris , former King County , Washington auditor . The waves at Shark Island suit it ."
    found = {(m.text, m.label) for m in extract(text, heads)}
    assert {("King County", "PLACE"), ("Shark Island", "PLACE")} <= found
    assert {("King County", "PLACE"), ("Queen Street", "PLACE")} <= _labelled(
        "He was a King County auditor and lived on Queen Street .")


def test_a_family_name_is_a_persons_even_when_the_company_bears_it():
    found = [(m.text, m.label) for m in extract(
        "Caloi was founded in 1898 by Luigi Caloi . Caloi was directed by the Caloi family from 1898 to 1999 .")]
    assert found == [("Caloi", "ORG"), ("Luigi Caloi", "PERSON"), ("Caloi", "ORG"), ("Caloi", "PERSON")]
