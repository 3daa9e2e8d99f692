"""The optional spaCy backend, with a pipeline the test builds itself (blank English + EntityRuler)."""

from __future__ import annotations

import os

import pytest

# CI installs the extra and sets READER_REQUIRE_SPACY=1, so that a missing spaCy fails there instead of skipping
spacy = __import__("spacy") if os.environ.get("READER_REQUIRE_SPACY") else pytest.importorskip("spacy")

from reader.nlp import extract  # noqa: E402
from reader.nlp.spacy_backend import SpacyTagger  # noqa: E402


@pytest.fixture(scope="module")
def tagger() -> SpacyTagger:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PERSON", "pattern": "Yasar Guler"},
        {"label": "PERSON", "pattern": [{"LOWER": "guler"}]},
        {"label": "GPE", "pattern": "Ankara"},
        {"label": "ORG", "pattern": "Reuters"},
        {"label": "NORP", "pattern": "Turkish"},
        {"label": "PERSON", "pattern": "Field Marshal Khalifa Haftar"},
    ])
    return SpacyTagger(nlp)


def test_spacy_entities_go_through_the_same_linking(tagger):
    text = "Turkish Defense Minister Yasar Guler told Reuters in Ankara.\nGuler said Field Marshal Khalifa Haftar left."
    found = {(m.text, m.label, m.entity) for m in extract(text, tagger)}
    assert ("Yasar Guler", "PERSON", "Yasar Guler") in found
    assert ("Guler", "PERSON", "Yasar Guler") in found
    assert ("Ankara", "PLACE", "Ankara") in found
    assert ("Reuters", "ORG", "Reuters") in found
    assert ("Turkish", "GROUP", "Turkey") in found
    assert ("Khalifa Haftar", "PERSON", "Khalifa Haftar") in found  # the title is not part of the name
    for m in extract(text, tagger):
        assert text[m.start : m.end] == m.text


def test_spacy_backend_chosen_in_the_config(monkeypatch, tmp_path):
    from reader.nlp import get_tagger
    from reader.nlp.spacy_backend import SpacyUnavailable

    config = tmp_path / "config.toml"
    config.write_text('[nlp]\nbackend = "spacy"\nspacy_model = "no_such_pipeline_here"\n', encoding="utf-8")
    monkeypatch.setenv("READER_CONFIG", str(config))
    with pytest.raises(SpacyUnavailable, match="not installed"):
        get_tagger()
    # a pipeline saved to disk loads by path
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "Ankara"}])
    nlp.to_disk(tmp_path / "pipe")
    config.write_text(f'[nlp]\nbackend = "spacy"\nspacy_model = "{tmp_path / "pipe"}"\n', encoding="utf-8")
    tagger = get_tagger()
    assert [(m.text, m.label) for m in extract("We met in Ankara.", tagger)] == [("Ankara", "PLACE")]
