from incubator.lib.pdf import visual


def test_latin_text_is_left_alone():
    assert visual("Total (3 jours)") == "Total (3 jours)"


def test_arabic_is_joined_reordered_and_its_brackets_mirrored():
    # "a duration (ten days) only": shaped into presentation forms, laid out right to left,
    # the brackets still open and close around "ten days" once reversed.
    assert visual("مدة (عشرة أيام) فقط") == "ﻂﻘﻓ (ﻡﺎﻳﺃ ﺓﺮﺸﻋ) ﺓﺪﻣ"
