"""Person names from around the world for the gazetteer (build time only; ``build_gazetteer`` calls it).

The US Census lists in ``names`` know "Michael" but not "Saddam", "Yasser" or "Recep", so a news
tagger built on them alone reads many Arab, African and Asian names as places. Faker (MIT) keeps
hand-made lists of given names and family names for some 80 locales; the ones written in Latin letters
are taken here, less three kinds of word that would make the full-name rule wrong:

- anything but single words (the rule looks names up word by word);
- not a common English word (spaCy's lexeme probabilities: "Comfort", "General", "Banks");
- not a known place, country or nationality ("Aden", "Africa", "Alabama"), which the place
  gazetteer already tags.

Only the locales whose names the Census lists miss are read (Africa, the Middle East, South, Central
and East Asia). The names are kept apart from the tagger's name features: added there, they cost
cross-validated F1 (0.719 -> 0.712 on wikigold, 0.715 -> 0.690 on GUM). Only the full-name rule in
``pipeline`` reads them. The shipped lists were built with Faker 40.63.0.
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections.abc import Callable

# Faker locales whose names the US Census lists miss: Africa, the Middle East, South, Central and East Asia
LOCALES = {"az_AZ", "en_IN", "en_KE", "en_NG", "en_PK", "en_TH", "fr_DZ", "ha_NG", "id_ID", "ig_NG", "ja_JP",
           "sw", "tr_TR", "tw_GH", "uz_UZ", "vi_VN", "yo_NG", "zh_CN", "zh_TW", "zu_ZA"}
# log-probability above which a lower-case word is too common in English to stand for a name alone
COMMON_WORD = -12.0


def _latin(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in letters)


def faker_names() -> tuple[set[str], set[str]]:
    """(given names, family names) of every Faker locale, as written there, in Latin letters only."""
    import faker.providers.person as person

    given: set[str] = set()
    family: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if module.name not in LOCALES:
            continue
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in dir(provider):
            if attr.startswith("_") or not ("first" in attr or "last" in attr):
                continue
            values = getattr(provider, attr)
            if isinstance(values, dict):  # weighted lists: name -> weight
                values = list(values)
            if not isinstance(values, (list, tuple)):
                continue
            target = given if "first" in attr else family
            target.update(v for v in values if isinstance(v, str) and _latin(v))
    return given, family


def world_names(fold: Callable[[str], str], probs: dict[str, float],
                is_place: Callable[[str], bool]) -> tuple[set[str], set[str]]:
    """Folded (given, family) names fit for the gazetteer."""
    def keep(names: set[str]) -> set[str]:
        out = set()
        for name in names:
            key = fold(name)
            if (len(key) >= 2 and " " not in key and key.replace("-", "").replace("'", "").isalpha()
                    and probs.get(key, -20.0) <= COMMON_WORD and not is_place(key)):
                out.add(key)
        return out

    given, family = faker_names()
    return keep(given), keep(family)
