"""Every interface string is translated in French and Arabic, placeholders intact, .mo current."""

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\{ ?(\w+) ?\}\}")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_string_is_translated_with_its_placeholders(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {language}: {untranslated[:10]}"
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy[:10]}"
    for entry in po.translated_entries():
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if entry.msgid_plural and not wanted <= set(PLACEHOLDER.findall(text)):
                # Plural forms may drop the count ("one day"), never a named value.
                assert {p for p in wanted if p[0] not in {"count", "n"}} <= set(
                    PLACEHOLDER.findall(text)
                ), entry.msgid
            elif not entry.msgid_plural:
                assert set(PLACEHOLDER.findall(text)) == wanted, f"{language}: {entry.msgid!r}"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_compiled_catalogue_matches_the_sources(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = {
        e.msgid: e.msgstr for e in polib.pofile(str(folder / "django.po")).translated_entries()
    }
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(folder / "django.mo")) if e.msgid}
    assert compiled == source, "run `make messages` to recompile the .mo files"
