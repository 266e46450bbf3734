from incubator.lib.pdf import visual


def test_latin_text_is_left_alone():
    assert visual("Total (3 jours)") == "Total (3 jours)"


def test_arabic_is_joined_reordered_and_its_brackets_mirrored():
    # "a duration (ten days) only": shaped into presentation forms, laid out right to left,
    # the brackets still open and close around "ten days" once reversed.
    assert visual("مدة (عشرة أيام) فقط") == "ﻂﻘﻓ (ﻡﺎﻳﺃ ﺓﺮﺸﻋ) ﺓﺪﻣ"


def test_the_eu_emblem_follows_the_flags_geometry():
    """Twelve stars, centred on a circle of a third of the height, each within a circle of
    an eighteenth of it, one point straight up; the rectangle 3 : 2."""
    import math

    from reportlab.graphics.shapes import Polygon

    from incubator.lib.pdf import EU_BLUE, EU_YELLOW, eu_emblem

    height = 90
    flag = eu_emblem(height)
    assert (flag.width, flag.contents[0].fillColor) == (135, EU_BLUE)
    stars = [shape for shape in flag.contents if isinstance(shape, Polygon)]
    assert len(stars) == 12 and all(star.fillColor == EU_YELLOW for star in stars)
    for star in stars:
        xs, ys = star.points[0::2], star.points[1::2]
        cx, cy = sum(xs) / 10, sum(ys) / 10  # the five outer and five inner points balance
        assert math.isclose(math.hypot(cx - 67.5, cy - 45), height / 3)
        reach = max(math.hypot(x - cx, y - cy) for x, y in zip(xs, ys, strict=True))
        assert math.isclose(reach, height / 18)
        assert math.isclose(xs[0], cx, abs_tol=1e-9) and ys[0] > cy  # the first point is up
