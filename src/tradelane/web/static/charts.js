// SVG charts drawn from data: vertical bars, horizontal bars and a time Gantt.
import { fmt, s } from "./ui.js";

// bars: [{label, value, cls, note}] — one small chart with its own scale.
export function barChart(title, bars, { unit = "", digits = 0, width = 220, height = 150 } = {}) {
  const top = 28, bottom = 22, left = 8;
  const max = Math.max(1e-9, ...bars.map((b) => b.value || 0));
  const slot = (width - 2 * left) / Math.max(1, bars.length);
  const plotH = height - top - bottom;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart bar", role: "img",
    style: `max-width:${width * 1.4}px`,
    "aria-label": title });
  svg.append(s("text", { x: left, y: 14, class: "chart-title" }, title));
  bars.forEach((b, i) => {
    const x = left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const hgt = b.value === null || b.value === undefined ? 0 : (b.value / max) * plotH;
    const y = top + plotH - hgt;
    svg.append(s("rect", { x, y, width: w, height: Math.max(hgt, 0.5), class: `bar ${b.cls || ""}` },
      s("title", {}, `${b.label}: ${fmt(b.value, digits)} ${unit}`.trim())));
    svg.append(s("text", { x: x + w / 2, y: Math.max(y - 3, top - 2), class: "value" },
      b.value === null || b.value === undefined ? "–" : fmt(b.value, digits)));
    svg.append(s("text", { x: x + w / 2, y: height - 6, class: "label" },
      b.note ? `${b.label} ${b.note}` : b.label));
  });
  svg.append(s("line", { x1: left, x2: width - left, y1: top + plotH, y2: top + plotH,
    class: "axis" }));
  return svg;
}

// rows: [{label, value, max, cls}] — horizontal bars; `max` per row gives a share bar.
export function hbarChart(title, rows, { unit = "", width = 560, rowH = 18, labelW = 150 } = {}) {
  const top = 24;
  const height = top + rows.length * rowH + 8;
  const scaleMax = Math.max(1e-9, ...rows.map((r) => (r.max ? r.max : r.value) || 0));
  const plotW = width - labelW - 70;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart hbar", role: "img",
    style: `max-width:${width}px`,
    "aria-label": title });
  svg.append(s("text", { x: 4, y: 14, class: "chart-title" }, title));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const full = r.max ? plotW : ((r.value || 0) / scaleMax) * plotW;
    const filled = r.max ? ((r.value || 0) / r.max) * plotW : full;
    const label = s("text", { x: labelW - 6, y: y + rowH * 0.7, class: `label end${r.onclick ? " link" : ""}` }, r.label);
    if (r.onclick) label.addEventListener("click", r.onclick);
    svg.append(label);
    if (r.max) svg.append(s("rect", { x: labelW, y: y + 2, width: plotW, height: rowH - 5,
      class: "track" }));
    svg.append(s("rect", { x: labelW, y: y + 2, width: Math.max(filled, 0.5), height: rowH - 5,
      class: `bar ${r.cls || ""}` }, s("title", {}, `${r.label}: ${r.text || fmt(r.value)} ${unit}`)));
    svg.append(s("text", { x: labelW + (r.max ? plotW : full) + 4, y: y + rowH * 0.7,
      class: "value start" }, r.text || `${fmt(r.value)} ${unit}`.trim()));
  });
  return svg;
}

// A Gantt over time: rows [{key, label}], items [{row, start: Date, end: Date, label, cls,
// mark: Date}] drawn between `from` and `to`; ticks every `tickH` hours.
export function gantt(title, rows, items, from, to, { width = 960, rowH = 22, labelW = 120,
  tickH = 24, tickLabel = (d) => d.toISOString().slice(5, 10) } = {}) {
  const top = 34;
  const height = top + rows.length * rowH + 6;
  const span = to - from;
  const plotW = width - labelW - 10;
  const x = (d) => labelW + ((d - from) / span) * plotW;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart gantt", role: "img",
    style: `max-width:${width * 1.2}px`,
    "aria-label": title });
  svg.append(s("text", { x: 4, y: 14, class: "chart-title" }, title));
  const rowIndex = new Map(rows.map((r, i) => [r.key, i]));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    if (i % 2 === 0) svg.append(s("rect", { x: labelW, y, width: plotW, height: rowH, class: "stripe" }));
    svg.append(s("text", { x: labelW - 6, y: y + rowH * 0.68, class: "label end" }, r.label));
  });
  const step = tickH * 3600e3;
  const every = Math.max(1, Math.ceil((span / step) / 14));
  let n = 0;
  for (let t = from.getTime(); t <= to.getTime(); t += step, n += 1) {
    if (n % every) continue;
    const tx = x(new Date(t));
    svg.append(s("line", { x1: tx, x2: tx, y1: top - 4, y2: height - 4, class: "grid" }));
    if (tx < width - 40) svg.append(s("text", { x: tx + 2, y: top - 8, class: "tick" }, tickLabel(new Date(t))));
  }
  for (const it of items) {
    const i = rowIndex.get(it.row);
    if (i === undefined || it.end < from || it.start > to) continue;
    const y = top + i * rowH + 3;
    const x0 = Math.max(x(it.start), labelW);
    const x1 = Math.min(x(it.end), labelW + plotW);
    const g = s("g", { class: `item ${it.cls || ""}` });
    if (it.mark) g.append(s("line", { x1: x(it.mark), x2: x(it.mark), y1: y, y2: y + rowH - 6,
      class: "mark" }));
    g.append(s("rect", { x: x0, y, width: Math.max(x1 - x0, 1.5), height: rowH - 6, rx: 2 },
      s("title", {}, it.title || it.label)));
    if (x1 - x0 > 7 * String(it.label).length) {
      g.append(s("text", { x: x0 + 3, y: y + rowH * 0.55, class: "in" }, it.label));
    }
    svg.append(g);
  }
  return svg;
}
