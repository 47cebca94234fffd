"""The dashboard's charts drawn as SVG on the server, for the print view.

The page draws its charts with Chart.js on a canvas, which a browser may print blank or cut (the
canvas is sized for the screen, and with JavaScript off there is nothing at all). The print view
draws the same chart definitions (``tables.charts``) as SVG instead: vector, sized to the paper,
readable in black and white (the series differ in pattern as well as colour), with the title and
values written on the chart. The numbers stay in the table beside each chart.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from kyodo_portal.core.numbers import one_decimal

# The page's palette (static/js/dashboard.js): at least 3:1 against white.
PALETTE = ("#0b5394", "#c2410c", "#047857", "#7c3aed")
WIDTH = 680
LABEL_WIDTH = 230
ROW = 22
TOP = 34
LABEL_CHARS = 19  # full-width characters of 11px type that fit beside the bars


def chart_svg(chart: dict) -> SafeString:
    if chart["type"] == "line":
        return _line(chart)
    return _bars(chart)


def _frame(chart: dict, height: int, body: str) -> SafeString:
    return format_html(
        '<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-labelledby="{id}-svg-title" data-chart="{id}">'
        '<title id="{id}-svg-title">{title}</title>'
        '<text x="{cx}" y="18" text-anchor="middle" font-size="14" font-weight="bold">'
        "{title}</text>"
        "{body}{legend}</svg>",
        w=WIDTH,
        h=height,
        id=chart["id"],
        title=chart["title"],
        cx=WIDTH // 2,
        body=mark_safe(body),  # built from format_html below: every value already escaped
        legend=_legend(chart, height),
    )


def _legend(chart: dict, height: int) -> SafeString:
    if len(chart["series"]) < 2:
        return mark_safe("")
    items = []
    for index, series in enumerate(chart["series"]):
        x = LABEL_WIDTH + index * 160
        items.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="10" fill="{}" fill-opacity="{}" '
                'stroke="{}"/><text x="{}" y="{}" font-size="11">{}</text>',
                x,
                height - 14,
                PALETTE[index % len(PALETTE)],
                1 if index % 2 == 0 else 0.35,
                PALETTE[index % len(PALETTE)],
                x + 18,
                height - 5,
                series["label"],
            )
        )
    return mark_safe("".join(items))


def _range(chart: dict) -> tuple[float, float]:
    values = [float(v) for s in chart["series"] for v in s["data"] if v is not None]
    low = min([0.0, *values])
    high = max([0.0, *values, float(chart.get("max") or 0)])
    if chart.get("max"):
        low, high = 0.0, float(chart["max"])
    if high == low:
        high = low + 1
    return low, high


def _bars(chart: dict) -> SafeString:
    """Horizontal bars (one group per label, one bar per series) whatever the page's
    orientation: category names in Japanese are long, and read best on the left."""
    series = chart["series"]
    low, high = _range(chart)
    plot = WIDTH - LABEL_WIDTH - 50
    scale = plot / (high - low)
    zero = LABEL_WIDTH + (0 - low) * scale
    group = ROW * len(series) + 6
    height = TOP + group * len(chart["labels"]) + (34 if len(series) > 1 else 10)
    parts = [
        format_html(
            '<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="#000" stroke-width="1"/>',
            x=round(zero, 1),
            t=TOP - 4,
            b=TOP + group * len(chart["labels"]),
        )
    ]
    for row, label in enumerate(chart["labels"]):
        y = TOP + row * group
        lines = _label_lines(str(label))
        first = y + group / 2 + 4 - 6 * (len(lines) - 1)
        parts.append(
            format_html_join(
                "",
                '<text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>',
                ((LABEL_WIDTH - 8, first + 12 * i, line) for i, line in enumerate(lines)),
            )
        )
        for index, values in enumerate(series):
            value = values["data"][row]
            if value is None:
                continue
            end = LABEL_WIDTH + (float(value) - low) * scale
            x, width = min(zero, end), abs(end - zero)
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{}" '
                    'stroke="{}"/><text x="{}" y="{}" font-size="11">{}</text>',
                    round(x, 1),
                    y + index * ROW,
                    round(max(width, 0.5), 1),
                    ROW - 6,
                    colour,
                    1 if index % 2 == 0 else 0.35,
                    colour,
                    # Right of the bar, or of the zero line for a negative bar (on the left
                    # it would run into the category's name).
                    round(max(zero, end) + 4, 1),
                    y + index * ROW + ROW - 10,
                    _value_text(value),
                )
            )
    return _frame(chart, height, "".join(parts))


def _label_lines(label: str, per_line: int = LABEL_CHARS) -> list[str]:
    """A long category name (most evaluation items) on two lines, cut with … beyond that: the
    full name is in the table under the chart."""
    if len(label) <= per_line:
        return [label]
    rest = label[per_line:]
    if len(rest) > per_line:
        rest = rest[: per_line - 1] + "…"
    return [label[:per_line], rest]


def _value_text(value) -> str:
    if isinstance(value, int):
        return str(value)
    rounded = one_decimal(value)
    return "—" if rounded is None else str(rounded)


def _line(chart: dict) -> SafeString:
    """Years along the bottom, the scores up the side, one line (solid or dashed) per series."""
    low, high = _range(chart)
    # Room at both ends for a year's label centred under its point (令和7年度（2025年度）).
    left, right, top, bottom = 80, WIDTH - 80, TOP + 6, 250
    labels = chart["labels"]
    step = (right - left) / max(len(labels) - 1, 1)
    scale = (bottom - top) / (high - low)

    def point(index, value):
        x = left + index * step if len(labels) > 1 else (left + right) / 2
        return round(x, 1), round(bottom - (float(value) - low) * scale, 1)

    parts = []
    for tick in range(int(low), int(high) + 1):
        y = round(bottom - (tick - low) * scale, 1)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#bbb" stroke-width="0.5"/>'
                '<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>',
                left,
                y,
                right,
                y,
                left - 6,
                y + 4,
                tick,
            )
        )
    for index, label in enumerate(labels):
        x, _y = point(index, low)
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
                x,
                bottom + 16,
                label,
            )
        )
    for index, series in enumerate(chart["series"]):
        colour = PALETTE[index % len(PALETTE)]
        points = [point(i, v) for i, v in enumerate(series["data"]) if v is not None]
        if not points:
            continue
        parts.append(
            format_html(
                '<polyline fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}" '
                'points="{}"/>',
                colour,
                "6 4" if index % 2 else "none",
                " ".join(f"{x},{y}" for x, y in points),
            )
        )
        parts.append(
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="3" fill="{}"/>',
                ((x, y, colour) for x, y in points),
            )
        )
    return _frame(chart, bottom + 50, "".join(parts))
