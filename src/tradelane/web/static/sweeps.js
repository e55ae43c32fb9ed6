// View: the sweep explorer. Pick two axes of the sweep the server shows (tradelane serve
// --sweep) and a figure; the other axes are held at a chosen value; a heat map and its table.
import { ApiError, getJson } from "./api.js";
import { chartPanel, empty, errorBox, fmt, h, loading, s, show, table } from "./ui.js";

const HIGHER_IS_BETTER = new Set(["on_time_pct"]);
const choice = { x: "", y: "", metric: "cost_usd_per_teu", at: {} };

export async function render(main, { alive }) {
  main.append(h("h2", {}, "Sweep explorer"));
  const body = h("div", {}, loading("Reading the sweep…"));
  main.append(body);
  let sweep;
  try {
    sweep = await getJson("/api/sweep");
  } catch (err) {
    if (!alive()) return;
    show(body, err instanceof ApiError && err.status === 404
      ? empty(`No sweep on this server: run \`tradelane sweep CASE.toml --grid GRID.toml --runs R --out results.parquet\`, then \`tradelane serve --sweep results.parquet\`.`)
      : errorBox(err));
    return;
  }
  if (!alive()) return;
  const keys = Object.keys(sweep.axes);
  if (!keys.includes(choice.x)) choice.x = keys[0];
  if (!keys.includes(choice.y) || choice.y === choice.x) choice.y = keys[1] || keys[0];
  const result = h("div", {}, loading("Drawing…"));
  const refresh = async () => {
    const params = new URLSearchParams({ x: choice.x, y: choice.y, metric: choice.metric });
    for (const [k, v] of Object.entries(choice.at)) {
      if (k !== choice.x && k !== choice.y) params.append("at", `${k}=${v}`);
    }
    result.setAttribute("aria-busy", "true");
    try {
      const map = await getJson(`/api/sweep/heatmap?${params}`);
      if (alive()) show(result, heatPanel(map, sweep));
    } catch (err) {
      if (alive()) show(result, errorBox(err));
    } finally {
      result.removeAttribute("aria-busy");
    }
  };
  const form = h("form.controls", { onsubmit: (e) => e.preventDefault() });
  const redraw = () => { show(form, ...controls(sweep, () => { redraw(); refresh(); })); };
  redraw();
  show(body, h("p.summary", { "data-testid": "sweep-summary" },
    `${sweep.folder}: ${sweep.case}, ${fmt(sweep.cells_done)} of ${fmt(sweep.cells)} cells done × ${sweep.runs} runs, ${sweep.weeks} weeks, seed ${sweep.seed}`),
  form, result);
  refresh();
}

function controls(sweep, onChange) {
  const keys = Object.keys(sweep.axes);
  const select = (id, label, options, value, set) => {
    const sel = h("select", { id, name: id },
      options.map(([v, text]) => h("option", { value: v, selected: String(v) === String(value) }, text)));
    sel.addEventListener("change", () => { set(sel.value); onChange(); });
    return h("label", {}, label, sel);
  };
  const out = [
    // picking the other side's axis swaps the two
    select("sw-x", "Across (x)", keys.map((k) => [k, k]), choice.x, (v) => {
      if (v === choice.y) choice.y = choice.x;
      choice.x = v;
    }),
    select("sw-y", "Down (y)", keys.map((k) => [k, k]), choice.y, (v) => {
      if (v === choice.x) choice.x = choice.y;
      choice.y = v;
    }),
    select("sw-metric", "Figure", Object.entries(sweep.metrics), choice.metric,
      (v) => { choice.metric = v; }),
  ];
  for (const k of keys) {
    if (k === choice.x || k === choice.y) continue;
    const values = sweep.axes[k];
    if (choice.at[k] === undefined) choice.at[k] = String(values[0]);
    out.push(select(`sw-at-${k}`, `${k} =`, values.map((v) => [String(v), String(v)]),
      choice.at[k], (v) => { choice.at[k] = v; }));
  }
  return out;
}

function heatPanel(map, sweep) {
  const flat = map.values.flat().filter((v) => v !== null);
  const lo = Math.min(...flat);
  const hi = Math.max(...flat);
  const good = HIGHER_IS_BETTER.has(map.metric);
  const digits = map.metric === "on_time_pct" || map.metric.endsWith("_days") ? 1 : 0;
  const held = Object.entries(map.at).map(([k, v]) => `${k} = ${v}`).join(", ");
  const title = `${map.label}${held ? ` — ${held}` : ""}`;
  return chartPanel(title, heatMap(map, lo, hi, good, digits), heatTable(map, digits),
    { testid: "sweep-heatmap" });
}

// Green for the better end of the range, red for the worse (a diverging scale).
function colour(value, lo, hi, good) {
  if (value === null) return "#eef1f4";
  let t = hi > lo ? (value - lo) / (hi - lo) : 0.5;
  if (good) t = 1 - t;
  const mix = (a, b) => Math.round(a + (b - a) * t);
  return `rgb(${mix(30, 192)},${mix(132, 57)},${mix(73, 43)})`;
}

function heatMap(map, lo, hi, good, digits) {
  const cellW = 86, cellH = 34, left = 150, top = 40;
  const width = Math.max(560, left + cellW * map.x_values.length + 10);
  const height = top + cellH * map.y_values.length + 24;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart heat", role: "img",
    style: `max-width:${width * 1.3}px`, "aria-label": `${map.label} over ${map.x} and ${map.y}` });
  svg.append(s("text", { x: left, y: 14, class: "chart-title" }, `${map.x} →`));
  svg.append(s("text", { x: 4, y: top - 6, class: "chart-title" }, `${map.y} ↓`));
  map.x_values.forEach((xv, i) => svg.append(s("text", { x: left + i * cellW + cellW / 2,
    y: top - 6, class: "label" }, String(xv))));
  map.y_values.forEach((yv, j) => {
    svg.append(s("text", { x: left - 6, y: top + j * cellH + cellH * 0.6, class: "label end" },
      String(yv)));
    map.x_values.forEach((xv, i) => {
      const v = map.values[j][i];
      const g = s("g", { class: "cell" });
      g.append(s("rect", { x: left + i * cellW + 1, y: top + j * cellH + 1, width: cellW - 2,
        height: cellH - 2, fill: colour(v, lo, hi, good) },
      s("title", {}, `${map.x} = ${xv}, ${map.y} = ${yv}: ${fmt(v, digits)} (cell ${map.cells[j][i] ?? "not run yet"})`)));
      g.append(s("text", { x: left + i * cellW + cellW / 2, y: top + j * cellH + cellH * 0.6,
        class: "label in" }, fmt(v, digits)));
      svg.append(g);
    });
  });
  svg.append(s("text", { x: left, y: height - 6, class: "tick" },
    `${good ? "green: higher (better)" : "green: lower (better)"}; range ${fmt(lo, digits)} – ${fmt(hi, digits)}`));
  return svg;
}

function heatTable(map, digits) {
  const rows = map.y_values.map((yv, j) => ({ yv, j }));
  return table([{ label: `${map.y} \\ ${map.x}`, value: (r) => String(r.yv) },
    ...map.x_values.map((xv, i) => ({ label: String(xv), num: true,
      value: (r) => fmt(map.values[r.j][i], digits) }))], rows,
  { caption: map.label, testid: "sweep-table" });
}
