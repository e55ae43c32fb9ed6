"""Berth-time Gantt chart of a berth plan as a self-contained SVG string."""

from __future__ import annotations

from html import escape

from tradelane.domain.berth import BerthInstance, BerthPlan


def plan_svg(instance: BerthInstance, plan: BerthPlan, *, width_px: int = 1000) -> str:
    """One row per berth, one bar per ship from start to end, labelled with the ship name."""
    row_px, left_px, top_px = 28, 70, 30
    t0 = min(instance.berth_open_h)
    t1 = max([a.end_h for a in plan.assignments] + [t0 + 1])
    scale = (width_px - left_px - 10) / (t1 - t0)
    height = top_px + row_px * instance.n_berths + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_px}" height="{height}" '
             f'font-family="sans-serif" font-size="10">',
             f'<text x="{left_px}" y="18" font-size="13">{escape(instance.name)}: '
             f'berth plan, objective {plan.weighted_service_h(instance):g}</text>']
    for j, name in enumerate(instance.berth_names):
        y = top_px + j * row_px
        parts.append(f'<text x="4" y="{y + 18}">berth {escape(name)}</text>'
                     f'<line x1="{left_px}" y1="{y + row_px}" x2="{width_px - 10}" '
                     f'y2="{y + row_px}" stroke="#ccc"/>')
    for a in plan.assignments:
        x = left_px + (a.start_h - t0) * scale
        y = top_px + a.berth * row_px + 3
        hue = (a.ship * 47) % 360
        label = escape(instance.ship_names[a.ship])
        bar_px = max((a.end_h - a.start_h) * scale, 1)
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="{bar_px:.1f}"'
                     f' height="{row_px - 6}" fill="hsl({hue},60%,70%)" stroke="#333">'
                     f'<title>ship {label}: {a.start_h}-{a.end_h}</title></rect>'
                     f'<text x="{x + 2:.1f}" y="{y + 15}">{label}</text>')
    axis_y = top_px + instance.n_berths * row_px + 15
    step = max(1, round((t1 - t0) / 10))
    for t in range(t0, t1 + 1, step):
        parts.append(f'<text x="{left_px + (t - t0) * scale:.1f}" y="{axis_y}">{t}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
