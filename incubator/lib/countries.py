"""Country and language names in the reader's language, from Babel's CLDR data.

Codes are stored (ISO 3166-1 alpha-2 for nationalities, ISO 639 for languages); names are
looked up at display time, so a French and an Arabic reader each see their own.
"""

from functools import cache

from babel import Locale

# Languages our participants commonly speak, offered first in forms (ISO 639).
COMMON_LANGUAGES = (
    "fr", "en", "ar", "fa", "ps", "ti", "am", "so", "ur", "bn", "ta", "ru", "uk", "tr",
    "ku", "es", "pt", "wo", "ff", "bm", "ln", "sw", "zh",
)  # fmt: skip

# Two-letter CLDR territories that are not countries one holds the nationality of.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


def _locale(language: str) -> Locale:
    return Locale.parse({"fr": "fr", "en": "en", "ar": "ar"}.get(language[:2], "fr"))


@cache
def country_choices(language: str) -> tuple[tuple[str, str], ...]:
    """``(code, name)`` of real countries (two-letter codes), sorted by name in ``language``."""
    territories = _locale(language).territories
    pairs = [
        (code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(pairs, key=lambda pair: pair[1]))


def country_name(code: str, language: str) -> str:
    """``country_name("SY", "fr") -> "Syrie"``; an unknown code is returned as is."""
    return str(_locale(language).territories.get(code.upper(), code)) if code else ""


@cache
def language_choices(language: str) -> tuple[tuple[str, str], ...]:
    names = _locale(language).languages
    return tuple((code, str(names.get(code, code))) for code in COMMON_LANGUAGES)


def language_name(code: str, language: str) -> str:
    """``language_name("ti", "en") -> "Tigrinya"``."""
    return str(_locale(language).languages.get(code, code)) if code else ""
