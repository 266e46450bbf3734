"""Bar and line charts as geometry, drawn by pages (SVG) and PDFs (ReportLab) alike.

Values are Decimals; coordinates are whole points (one point is plenty for a chart), computed
with Decimal arithmetic and rounded half-up, so no float is involved. The y axis gets "nice"
steps (1, 2, 2.5 or 5 × 10^k) and always includes zero, so a loss shows below the baseline.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from html import escape

_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[Decimal, ...]
    style: str = "primary"  # "primary" or "accent"


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    style: str
    value: Decimal


@dataclass(frozen=True)
class Chart:
    """Geometry in a box ``width`` × ``height``, y growing downwards (as in SVG)."""

    width: int
    height: int
    left: int
    top: int
    right: int
    bottom: int
    gridlines: tuple[tuple[int, str], ...]  # (y, label)
    x_labels: tuple[tuple[int, str], ...]  # (x, label)
    bars: tuple[Bar, ...] = ()
    lines: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = ()  # (style, points)
    legend: tuple[tuple[str, str], ...] = field(default=())  # (label, style)
    baseline: int = 0


def _pt(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def nice_step(span: Decimal, ticks: int = 4) -> Decimal:
    """A round step giving at most ``ticks`` intervals over ``span``.

    >>> nice_step(Decimal(5000))
    Decimal('2000')
    >>> nice_step(Decimal("0.9"))
    Decimal('0.25')
    """
    if span <= 0:
        return Decimal(1)
    raw = span / ticks
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = next(s * magnitude for s in _STEPS if s * magnitude >= raw)
    return step.quantize(Decimal(1)) if step >= 1 else step.normalize()


@dataclass(frozen=True)
class _Frame:
    """The plot area inside the chart box and the value → y mapping."""

    left: int
    top: int
    right: int
    bottom: int
    low: Decimal
    high: Decimal
    step: Decimal

    @classmethod
    def around(cls, values: Sequence[Decimal], width: int, height: int) -> "_Frame":
        low = min([Decimal(0), *values])
        high = max([Decimal(0), *values])
        step = nice_step(high - low if high > low else Decimal(1))
        top = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
        bottom = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
        if top == bottom:
            top = bottom + step
        return cls(64, 12, width - 12, height - 28, bottom, top, step)

    def y(self, value: Decimal) -> int:
        height = Decimal(self.bottom - self.top)
        return _pt(self.bottom - (value - self.low) / (self.high - self.low) * height)

    def gridlines(self, fmt: Callable[[Decimal], str]) -> tuple[tuple[int, str], ...]:
        ticks = int((self.high - self.low) / self.step) + 1
        return tuple(
            (self.y(self.low + self.step * k), fmt(self.low + self.step * k)) for k in range(ticks)
        )


def _x_labels(
    categories: Sequence[str], centres: Sequence[int], max_labels: int
) -> tuple[tuple[int, str], ...]:
    every = max(1, -(-len(categories) // max_labels))  # ceiling division
    last = len(categories) - 1
    return tuple(
        (centres[k], categories[k]) for k in range(len(categories)) if k % every == 0 or k == last
    )


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    width: int = 640,
    height: int = 240,
    fmt: Callable[[Decimal], str] = str,
    max_labels: int = 12,
) -> Chart:
    """Grouped bars, one group per category.

    >>> chart = bar_chart(["Jan", "Feb"], [Series("Sales", (Decimal(100), Decimal(50)))])
    >>> [bar.height for bar in chart.bars]
    [200, 100]
    """
    frame = _Frame.around([v for s in series for v in s.values], width, height)
    slot = Decimal(frame.right - frame.left) / max(1, len(categories))
    bar_width = slot * Decimal("0.7") / max(1, len(series))
    zero = frame.y(Decimal(0))
    bars = []
    centres = []
    for k in range(len(categories)):
        start = frame.left + slot * k + slot * Decimal("0.15")
        centres.append(_pt(frame.left + slot * k + slot / 2))
        for j, s in enumerate(series):
            y = frame.y(s.values[k])
            bars.append(
                Bar(
                    x=_pt(start + bar_width * j),
                    y=min(y, zero),
                    width=max(1, _pt(bar_width) - 1),
                    height=abs(zero - y),
                    style=s.style,
                    value=s.values[k],
                )
            )
    return Chart(
        width=width, height=height, left=frame.left, top=frame.top, right=frame.right,
        bottom=frame.bottom, gridlines=frame.gridlines(fmt),
        x_labels=_x_labels(categories, centres, max_labels), bars=tuple(bars),
        legend=tuple((s.label, s.style) for s in series), baseline=zero,
    )  # fmt: skip


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    width: int = 640,
    height: int = 240,
    fmt: Callable[[Decimal], str] = str,
    max_labels: int = 12,
) -> Chart:
    """One polyline per series, points evenly spaced over the categories."""
    frame = _Frame.around([v for s in series for v in s.values], width, height)
    count = max(1, len(categories) - 1)
    span = Decimal(frame.right - frame.left)
    xs = [_pt(frame.left + span * k / count) for k in range(len(categories))]
    lines = tuple(
        (s.style, tuple((xs[k], frame.y(v)) for k, v in enumerate(s.values))) for s in series
    )
    return Chart(
        width=width, height=height, left=frame.left, top=frame.top, right=frame.right,
        bottom=frame.bottom, gridlines=frame.gridlines(fmt),
        x_labels=_x_labels(categories, xs, max_labels), lines=lines,
        legend=tuple((s.label, s.style) for s in series), baseline=frame.y(Decimal(0)),
    )  # fmt: skip


def to_svg(chart: Chart, *, title: str, area: bool = False) -> str:
    """The chart as an accessible inline SVG (classes styled by app.css). Text is escaped."""
    out = [
        f'<svg class="chart" viewBox="0 0 {chart.width} {chart.height}" role="img" '
        f'aria-label="{escape(title)}" dir="ltr" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for y, label in chart.gridlines:
        out.append(f'<line class="grid" x1="{chart.left}" y1="{y}" x2="{chart.right}" y2="{y}"/>')
        out.append(
            f'<text x="{chart.left - 6}" y="{y + 4}" text-anchor="end">{escape(label)}</text>'
        )
    out.append(
        f'<line class="axis" x1="{chart.left}" y1="{chart.baseline}" '
        f'x2="{chart.right}" y2="{chart.baseline}"/>'
    )
    for bar in chart.bars:
        alt = " alt" if bar.style == "accent" else ""
        out.append(
            f'<rect class="bar{alt}" x="{bar.x}" y="{bar.y}" '
            f'width="{bar.width}" height="{bar.height}">'
            f"<title>{escape(str(bar.value))}</title></rect>"
        )
    for style, points in chart.lines:
        path = " ".join(f"{x},{y}" for x, y in points)
        if area and points:
            closed = f"{points[0][0]},{chart.baseline} {path} {points[-1][0]},{chart.baseline}"
            out.append(f'<polygon class="area" points="{closed}"/>')
        alt = " alt" if style == "accent" else ""
        out.append(f'<polyline class="series{alt}" points="{path}"/>')
    for x, label in chart.x_labels:
        out.append(
            f'<text x="{x}" y="{chart.bottom + 18}" text-anchor="middle">{escape(label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
