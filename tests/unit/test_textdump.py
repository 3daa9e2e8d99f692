"""The plain-text dump importer on the real sample and on variations of it."""

from __future__ import annotations

import re

import pytest

from reader.ingest.files import ImportOptions, parse_file
from reader.ingest.textdump import parse_text_dump
from tests.conftest import SAMPLE

RAW = SAMPLE.read_text(encoding="utf-8")


def _expected_paragraphs(chunk: str, title: str, caption: str) -> list[str]:
    """Body paragraphs as they are in the file: every long line that is not the title or caption."""
    out = []
    for line in chunk.splitlines():
        line = " ".join(line.replace("\u00a0", " ").split())
        if line and line not in (title, caption) and len(line) > 40:
            out.append(line)
    return out


@pytest.fixture(scope="module")
def articles():
    return parse_text_dump(RAW)


def test_sample_becomes_exactly_two_articles(articles) -> None:
    assert [a.title for a in articles] == [
        "Libya: LNA Downs Two Turkish Drones in Tripoli",
        "Türkiye Backing Syria’s Military and Has No Immediate Withdrawal Plans, Defense Minister Says",
    ]


def test_captions_kept_once_with_credit(articles) -> None:
    first, second = articles
    assert len(first.captions) == 1 and first.captions[0].endswith("(File Photo: Reuters)")
    assert first.captions[0].startswith("Shell casings are seen on the ground")
    assert len(second.captions) == 1 and second.captions[0].endswith("(Reuters)")


def test_no_debris_no_repeats_in_body(articles) -> None:
    for article in articles:
        paragraphs = article.body.split("\n\n")
        assert "TT" not in paragraphs and "20" not in paragraphs
        assert article.title not in article.body
        for caption in article.captions:
            assert caption not in article.body
        assert not re.search(r"\n{3,}", article.body)


def test_every_paragraph_intact_and_in_order(articles) -> None:
    first_chunk, second_chunk = RAW.split("\n\n\n\n", 1)
    for article, chunk in zip(articles, (first_chunk, second_chunk), strict=True):
        expected = _expected_paragraphs(chunk, article.title, article.captions[0])
        assert article.body.split("\n\n") == expected
    assert len(articles[0].body.split("\n\n")) == 15
    assert len(articles[1].body.split("\n\n")) == 14
    assert articles[0].body.startswith("The Libyan National Army (LNA) led by Field Marshal Khalifa Haftar")
    assert articles[1].body.endswith("is not a normalization,\" he told Reuters.")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_encodings_and_crlf(tmp_path, encoding) -> None:
    text = RAW.replace("’", "'").replace("“", '"').replace("”", '"').replace("\u00a0", " ")
    if encoding == "latin-1":
        text = text.replace("Türkiye", "Türkiye")  # representable in latin-1
    path = tmp_path / "dump.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    parsed = parse_file(path, ImportOptions())
    assert len(parsed.articles) == 2
    assert parsed.articles[1].title.startswith("Türkiye Backing Syria")
    assert "\r" not in parsed.articles[0].body


def test_undecodable_bytes_never_crash(tmp_path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"A headline here\n\nSome body text \xff\xfe\x81 with broken bytes in it, long enough.\n")
    parsed = parse_file(path, ImportOptions())
    assert parsed.articles[0].title == "A headline here"
    assert "broken bytes" in parsed.articles[0].body


def test_three_articles_with_repeated_headers() -> None:
    block = (
        "{t}\n\nA caption of the photo for {t} (AFP)\nA caption of the photo for {t} (AFP)\nTT\n20\n\n{t}\n\n"
        "A caption of the photo for {t} (AFP)\n\nFirst paragraph of {t} with enough words to be a paragraph.\n\n"
        "Second paragraph of {t}, also with enough words.\n\n\n"
    )
    text = "".join(block.format(t=f"Headline number {n}") for n in range(1, 4))
    articles = parse_text_dump(text)
    assert [a.title for a in articles] == ["Headline number 1", "Headline number 2", "Headline number 3"]
    for article in articles:
        assert article.captions == [f"A caption of the photo for {article.title} (AFP)"]
        assert len(article.body.split("\n\n")) == 2


def test_plain_article_without_repeats() -> None:
    text = "Simple headline\n\nBy Jane Doe\n\nFirst paragraph here, a full sentence.\n\nSecond one.\n"
    [article] = parse_text_dump(text)
    assert article.title == "Simple headline"
    assert article.author == "Jane Doe"
    assert article.body == "First paragraph here, a full sentence.\n\nSecond one."


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Wrapped story\n\nThis paragraph was wrapped by a tool at a fixed width so\n"
        "its lines continue the same sentence until it ends.\n\nNext paragraph.\n"
    )
    [article] = parse_text_dump(text)
    assert article.body.split("\n\n")[0] == (
        "This paragraph was wrapped by a tool at a fixed width so its lines continue the same sentence until it ends."
    )


def test_terminal_escapes_removed() -> None:
    text = "Evil \x1b[2J\x1b]52;c;aGk=\x07title\n\nBody \x1b[31mred\x1b[0m text\x00 with NUL and \u202eRLO.\n"
    [article] = parse_text_dump(text)
    assert article.title == "Evil title"
    assert "\x1b" not in article.body and "\x00" not in article.body and "\u202e" not in article.body
