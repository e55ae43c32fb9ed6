// View: the trade desk — what the lane carried, for whom, to which markets (GET /api/trade).
// Every chart has its table beside it and a CSV download of the same rows.
import { apiKey, getJson } from "./api.js";
import { hbarChart } from "./charts.js";
import { drawMap } from "./map.js";
import { currentCase } from "./state.js";
import { empty, errorBox, fmt, h, loading, s, show, table } from "./ui.js";

const SEP = " · ";
const view = { from: "", to: "", currency: "CNY", received: false };
const FIELDS = ["group", "teu", "containers", "tonnes", "value", "new_three_share_pct",
  "dg_share_pct", "reefer_share_pct", "growth_pct"];
const COLOURS = ["#2b6cb0", "#63b3ed", "#2f855a", "#9ae6b4", "#c05621", "#f6ad55", "#805ad5",
  "#a0aec0"];

export async function render(main, { alive }) {
  main.append(h("h2", {}, "Trade desk"));
  if (!apiKey()) {
    main.append(empty("Enter an API key (top right) to see the trade figures: the carrier's or "
      + "an analyst's key (tradelane parties add NAME --role analyst)."));
    return;
  }
  const body = h("div", {}, loading("Loading the trade figures…"));
  if (!view.from) Object.assign(view, await defaultRange());
  if (!alive()) return;
  main.append(controls(() => draw()), body);

  async function draw() {
    show(body, loading("Loading the trade figures…"));
    const query = (by) => ({ from: view.from, to: view.to, by, currency: view.currency,
      status: view.received ? "CONFIRMED,RECEIVED,UPDATE_RECEIVED" : "CONFIRMED" });
    try {
      const [byMonthMarket, byMonth, byShipper, byLane] = await Promise.all(
        ["month,market", "month", "shipper", "pol,pod"].map((by) =>
          getJson("/api/trade", query(by), { auth: true })));
      const [route, outline] = await Promise.all([getJson("/api/route"), getJson("world.json")]);
      if (!alive()) return;
      show(body, tiles(byMonth), monthMarketPanel(byMonthMarket), newThreePanel(byMonth),
        shippersPanel(byShipper), flowPanel(byLane, route, outline));
    } catch (err) {
      if (alive()) show(body, errorBox(err));
    }
  }
  await draw();
}

// The published sailings' first month to their last day (public /api/sailings).
async function defaultRange() {
  const calls = (await getJson("/api/sailings")).calls;
  if (!calls.length) {
    const today = new Date(currentCase().now);
    return { from: `${today.getUTCFullYear()}-01-01`, to: today.toISOString().slice(0, 10) };
  }
  const first = calls[0].etd.slice(0, 7);
  return { from: `${first}-01`, to: calls[calls.length - 1].etd.slice(0, 10) };
}

function controls(onChange) {
  const input = (name, type) => {
    const el = h("input", { type, name, value: view[name], "data-testid": `trade-${name}` });
    el.addEventListener("change", () => { view[name] = el.value; onChange(); });
    return el;
  };
  const currency = h("select", { name: "currency", "data-testid": "trade-currency" },
    ["CNY", "USD"].map((c) => h("option", { value: c, selected: view.currency === c }, c)));
  currency.addEventListener("change", () => { view.currency = currency.value; onChange(); });
  const received = h("input", { type: "checkbox", checked: view.received });
  received.addEventListener("change", () => { view.received = received.checked; onChange(); });
  return h("div.controls", {}, h("label", {}, "From ", input("from", "date")),
    h("label", {}, "To ", input("to", "date")), h("label", {}, "Currency ", currency),
    h("label", {}, received, " count received (unconfirmed) bookings too"));
}

function tiles(doc) {
  const t = doc.total;
  const tile = (label, value) => h("div.tile", {}, h("span.big", {}, value), h("span", {}, label));
  const p = (v) => (v === null ? "–" : `${v.toFixed(1)} %`);
  return h("div.tiles", { "data-testid": "trade-tiles" },
    tile("TEU", fmt(t.teu)), tile("containers", fmt(t.containers)),
    tile("tonnes (cargo)", fmt(t.tonnes)), tile(`declared value, ${doc.currency}`, fmt(t.value)),
    tile("“new three” share (TEU)", p(t.new_three_share_pct)),
    tile("DG share (TEU)", p(t.dg_share_pct)), tile("reefer share (TEU)", p(t.reefer_share_pct)),
    tile("growth on the previous period (TEU)", p(t.growth_pct)));
}

// A panel: title, CSV link, the chart and its table side by side.
function panel(title, chart, tableNode, doc, file, testid) {
  return h("section.panel", { "data-testid": testid },
    h("header", {}, h("h3", {}, title), csvLink(doc, file)),
    h("div", { style: "display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start" },
      h("div", { style: "flex:1 1 520px;min-width:0" }, chart),
      h("div", { style: "flex:1 1 360px;min-width:0;overflow-x:auto" }, tableNode)));
}

export function toCsv(doc) {
  const cell = (v) => (v === null || v === undefined ? "" :
    /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [[...FIELDS, "currency"].join(",")];
  for (const row of [...doc.rows, doc.total]) {
    lines.push([...FIELDS.map((k) => cell(row[k])), doc.currency].join(","));
  }
  return `${lines.join("\n")}\n`;
}

function csvLink(doc, file) {
  const link = h("a", { href: "#", download: file, "data-testid": `csv-${file}` }, "CSV");
  link.addEventListener("click", () => {
    link.href = URL.createObjectURL(new Blob([toCsv(doc)], { type: "text/csv" }));
  });
  return h("span.downloads", {}, "Download ", link);
}

function monthMarketPanel(doc) {
  const months = [...new Set(doc.rows.map((r) => r.group.split(SEP)[0]))].sort();
  const markets = [...new Set(doc.rows.map((r) => r.group.split(SEP)[1]))].sort();
  const teu = {};
  for (const r of doc.rows) teu[r.group] = r.teu;
  const width = 560, height = 210, top = 24, bottom = 22, left = 46;
  const totals = months.map((m) => markets.reduce((a, k) => a + (teu[`${m}${SEP}${k}`] || 0), 0));
  const max = Math.max(1e-9, ...totals);
  const slot = (width - left - 8) / Math.max(1, months.length);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img",
    "aria-label": "TEU by month and market", "data-testid": "trade-stacked" });
  months.forEach((m, i) => {
    let y = height - bottom;
    markets.forEach((k, j) => {
      const v = teu[`${m}${SEP}${k}`] || 0;
      const hgt = (v / max) * (height - top - bottom);
      y -= hgt;
      svg.append(s("rect", { x: left + i * slot + slot * 0.15, y, width: slot * 0.7,
        height: Math.max(hgt, 0), fill: COLOURS[j % COLOURS.length] },
      s("title", {}, `${m} ${k}: ${fmt(v)} TEU`)));
    });
    svg.append(s("text", { x: left + i * slot + slot / 2, y: height - bottom + 14,
      class: "label" }, m));
  });
  svg.append(s("text", { x: 4, y: 14, class: "chart-title" }, `TEU by month and market (max ${fmt(max)})`));
  const legend = h("p.legend", { "data-testid": "trade-legend" }, markets.map((k, j) => h("span", {},
    h("i", { style: `display:inline-block;width:.8em;height:.8em;background:${COLOURS[j % COLOURS.length]}` }),
    ` ${k}`)));
  const rows = months.map((m) => ({ month: m, ...Object.fromEntries(markets.map((k) =>
    [k, teu[`${m}${SEP}${k}`] || 0])) }));
  const t = table([{ label: "month", value: (r) => r.month },
    ...markets.map((k) => ({ label: k, value: (r) => fmt(r[k]), num: true }))], rows,
  { testid: "trade-month-market-table" });
  return panel("TEU by month and market (traditional and emerging)", h("div", {}, svg, legend), t, doc,
    "trade-month-market.csv", "trade-month-market");
}

function newThreePanel(doc) {
  const rows = doc.rows;
  const width = 560, height = 200, top = 24, bottom = 26, left = 40;
  const slot = (width - left - 8) / Math.max(1, rows.length);
  const Y = (pct) => top + (1 - pct / 100) * (height - top - bottom);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img",
    "aria-label": "“New three” share of TEU by month", "data-testid": "trade-new-three" });
  svg.append(s("text", { x: 4, y: 14, class: "chart-title" }, "“New three” share of TEU, %"));
  for (const pct of [0, 50, 100]) {
    svg.append(s("line", { x1: left, x2: width - 8, y1: Y(pct), y2: Y(pct), class: "axis" }));
    svg.append(s("text", { x: left - 4, y: Y(pct) + 4, class: "label end" }, `${pct}`));
  }
  const points = rows.map((r, i) => [left + i * slot + slot / 2, r.new_three_share_pct]);
  const d = points.filter((p) => p[1] !== null)
    .map((p, i) => `${i ? "L" : "M"}${p[0].toFixed(1)},${Y(p[1]).toFixed(1)}`).join("");
  if (d) svg.append(s("path", { d, class: "route", fill: "none" }));
  points.forEach(([x, v], i) => {
    if (v !== null) {
      svg.append(s("circle", { cx: x, cy: Y(v), r: 3.5, class: "ship at-sea" },
        s("title", {}, `${rows[i].group}: ${v.toFixed(1)} %`)));
    }
    svg.append(s("text", { x, y: height - 8, class: "label" }, rows[i].group));
  });
  const t = table([{ label: "month", value: (r) => r.group },
    { label: "TEU", value: (r) => fmt(r.teu), num: true },
    { label: "“new three” %", value: (r) => fmt(r.new_three_share_pct, 1), num: true },
    { label: "DG %", value: (r) => fmt(r.dg_share_pct, 1), num: true },
    { label: "growth %", value: (r) => fmt(r.growth_pct, 1), num: true }], rows,
  { testid: "trade-new-three-table" });
  return panel("“New three” share over time (EVs 8703.80, Li-ion 8507.60, PV 8541.42/43)", svg, t,
    doc, "trade-month.csv", "trade-month");
}

function shippersPanel(doc) {
  const top = doc.rows.slice(0, 15);
  const chart = hbarChart("Top shippers, TEU", top.map((r) => ({ label: r.group, value: r.teu })),
    { labelW: 230, width: 560 });
  const t = table([{ label: "shipper", value: (r) => r.group },
    { label: "TEU", value: (r) => fmt(r.teu), num: true },
    { label: `value ${doc.currency}`, value: (r) => fmt(r.value), num: true },
    { label: "“new three” %", value: (r) => fmt(r.new_three_share_pct, 1), num: true },
    { label: "growth %", value: (r) => fmt(r.growth_pct, 1), num: true }], top,
  { testid: "trade-shippers-table" });
  return panel("Top shippers", chart, t, doc, "trade-shippers.csv", "trade-shippers");
}

function flowPanel(doc, route, outline) {
  const c = currentCase();
  const svg = drawMap(route, c, outline);
  svg.setAttribute("data-testid", "trade-flow-map");
  const where = Object.fromEntries(c.ports.map((p) => [p.locode, p]));
  const max = Math.max(1e-9, ...doc.rows.map((r) => r.teu));
  for (const r of doc.rows) {
    const [pol, pod] = r.group.split(SEP);
    if (!where[pol] || !where[pod] || !svg.project) continue;
    const [x1, y1] = svg.project(where[pol].lon, where[pol].lat);
    const [x2, y2] = svg.project(where[pod].lon, where[pod].lat);
    const bend = Math.min(60, Math.abs(x2 - x1) / 8 + 10);
    const top = Math.max(12, Math.min(y1, y2) - bend);  // keep the arc inside the map
    svg.append(s("path", { d: `M${x1},${y1} Q${(+x1 + +x2) / 2},${top} ${x2},${y2}`,
      fill: "none", stroke: "#c05621", "stroke-opacity": 0.6,
      "stroke-width": (1 + 9 * r.teu / max).toFixed(1), "data-flow": r.group },
    s("title", {}, `${pol} → ${pod}: ${fmt(r.teu)} TEU`)));
  }
  const t = table([{ label: "POL → POD", value: (r) => r.group.replace(SEP, " → ") },
    { label: "TEU", value: (r) => fmt(r.teu), num: true },
    { label: "tonnes", value: (r) => fmt(r.tonnes), num: true },
    { label: "“new three” %", value: (r) => fmt(r.new_three_share_pct, 1), num: true }],
  doc.rows, { testid: "trade-flows-table" });
  return panel("Flows, port of loading → port of discharge (line width: TEU)", svg, t, doc,
    "trade-flows.csv", "trade-flows");
}
