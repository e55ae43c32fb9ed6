// View: the voyages as recorded (carrier key: each call's planned and actual or estimated
// times, the delay per call) and the lane sailed many times (simulation of the server's case):
// each ship's calls, planned and simulated, the delay per call, reliability by port and month.
import { getJson } from "./api.js";
import { barChart, gantt } from "./charts.js";
import { chartPanel, debounce, errorBox, fmt, h, loading, show, table, when } from "./ui.js";

const POLICIES = ["none", "speed-up", "skip", "swap", "omit-sailing"];
const query = { weeks: 26, runs: 50, seed: 1, policy: "none", scenario: "" };
let scenarios = [];

export async function render(main, { alive }) {
  const body = h("div", {}, loading("Simulating…"));
  const form = controls(() => refresh());
  const recordedBox = h("div", {}, loading("Reading recorded times…"));
  main.append(h("h2", {}, "Voyages: planned, recorded and simulated"), recordedBox, form, body);
  recorded(recordedBox, alive);
  const refresh = debounce(async () => {
    body.setAttribute("aria-busy", "true");
    try {
      const doc = await getJson("/api/simulation", query);
      if (!alive()) return;
      if (!scenarios.length && doc.scenarios.length) {
        scenarios = doc.scenarios;
        fillScenarios(form);
      }
      show(body, tiles(doc), tracks(doc), reliability(doc, "ports", "port",
        "Reliability by port", "reliability-ports"),
      reliability(doc, "months", "month of scheduled arrival", "Reliability over time",
        "reliability-months"));
    } catch (err) {
      if (alive()) show(body, errorBox(err));
    } finally {
      body.removeAttribute("aria-busy");
    }
  }, 250);
  refresh();
}

function controls(onChange) {
  const number = (name, label, attrs) => {
    const input = h("input", { id: `vy-${name}`, name, type: "number", value: query[name], ...attrs });
    input.addEventListener("change", () => {
      if (input.checkValidity() && input.value) {
        query[name] = input.value;
        onChange();
      }
    });
    return h("label", {}, label, input);
  };
  const select = (name, label, options) => {
    const sel = h("select", { id: `vy-${name}`, name },
      options.map(([v, text]) => h("option", { value: v, selected: v === query[name] }, text)));
    sel.addEventListener("change", () => { query[name] = sel.value; onChange(); });
    return h("label", {}, label, sel);
  };
  return h("form.controls", { onsubmit: (e) => e.preventDefault() },
    number("weeks", "Weeks", { min: 1, max: 52, step: 1 }),
    number("runs", "Runs", { min: 1, max: 200, step: 1 }),
    number("seed", "Seed", { min: 0, step: 1 }),
    select("policy", "Policy", POLICIES.map((p) => [p, p])),
    select("scenario", "Scenario", [["", "none"], ...scenarios.map((s) => [s, s])]),
    h("span.muted", {}, "A call is on time within ±1 day of its scheduled arrival."));
}

function fillScenarios(form) {
  const sel = form.querySelector("#vy-scenario");
  for (const name of scenarios) sel.append(h("option", { value: name }, name));
}

function tiles(doc) {
  const s = doc.summary;
  const tile = (label, value, testid) => h("div.tile", { "data-testid": testid },
    h("span.muted", {}, label), h("span.big", {}, value));
  return h("div.tiles", {},
    tile("on time (±1 day)", `${fmt(s.on_time_pct, 1)} %`, "on-time"),
    tile("late arrivals, avg delay", `${fmt(s.late_avg_delay_days, 1)} days`, "late-delay"),
    tile("round voyage, P50", `${fmt(s.round_voyage_days.p50, 1)} days`),
    tile("cost per TEU, P50", `${fmt(s.cost_usd_per_teu.p50)} USD`),
    tile("simulated", `${doc.runs} runs via ${doc.routing}${doc.scenario ? `, ${doc.scenario}` : ""}`),
    tile("on the server", `${fmt(doc.runtime_s, 1)} s`));
}

function tracks(doc) {
  const rows = doc.ships.flatMap((s) => [
    { key: `${s.ship}-plan`, label: `ship ${s.ship} planned` },
    { key: `${s.ship}-sim`, label: `simulated P50` }]);
  const items = [];
  let from = null;
  let to = null;
  for (const s of doc.ships) {
    for (const c of s.calls) {
      const a = new Date(c.planned_arrival);
      const d = new Date(c.planned_departure);
      from = from === null || a < from ? a : from;
      to = to === null || d > to ? d : to;
      items.push({ row: `${s.ship}-plan`, start: a, end: d, label: c.locode,
        title: `ship ${s.ship} ${c.locode} planned ${when(c.planned_arrival)}` });
      if (c.arrival_p50) {
        const sa = new Date(c.arrival_p50);
        const late = c.delay_h.p50 > 24;
        items.push({ row: `${s.ship}-sim`, start: sa, end: new Date(sa.getTime() + (d - a)),
          label: c.locode, cls: late ? "late" : "on-time", mark: a,
          title: `ship ${s.ship} ${c.locode}: P50 ${when(c.arrival_p50)}, delay ${fmt(c.delay_h.p50, 1)} h (P10 ${fmt(c.delay_h.p10, 1)}, P90 ${fmt(c.delay_h.p90, 1)}); on time in ${fmt(c.on_time_pct)} % of runs` });
        to = sa > to ? sa : to;
      }
    }
  }
  const chart = h("div", {}, gantt("Each ship's calls: planned (blue) and simulated median arrival (green on time, red more than a day late; the tick marks the plan)",
    rows, items, from, to, { tickH: 24 * 7, rowH: 18, labelW: 130,
      tickLabel: (t) => t.toISOString().slice(0, 10) }));
  const calls = doc.ships.flatMap((s) => s.calls.map((c) => ({ ship: s.ship, ...c,
    _class: c.delay_h.p50 > 24 ? "late" : "" })));
  const t = table([
    { label: "ship", value: (c) => c.ship, num: true },
    { label: "call", value: (c) => c.position + 1, num: true },
    { label: "port", value: (c) => c.locode },
    { label: "planned arrival", value: (c) => when(c.planned_arrival) },
    { label: "simulated arrival, P50", value: (c) => (c.arrival_p50 ? when(c.arrival_p50) : "–") },
    { label: "delay P50, h", value: (c) => fmt(c.delay_h.p50, 1), num: true },
    { label: "delay P10–P90, h", value: (c) => `${fmt(c.delay_h.p10, 1)} – ${fmt(c.delay_h.p90, 1)}`, num: true },
    { label: "on time, % of runs", value: (c) => fmt(c.on_time_pct, 1), num: true },
    { label: "called, % of runs", value: (c) => fmt(c.made_pct, 1), num: true },
  ], calls, { caption: `${calls.length} scheduled calls of ${doc.ships.length} ships, ${doc.runs} runs, seed ${doc.seed}, policy ${doc.policy}`,
    testid: "voyage-table" });
  return chartPanel("Voyages: each ship's track and the delay per call", chart, t,
    { testid: "voyage-tracks" });
}

// The carrier's recorded actuals and re-estimates (GET /api/voyages/status).
async function recorded(box, alive) {
  let doc;
  try {
    doc = await getJson("/api/voyages/status", {}, { auth: true });
  } catch (err) {
    if (!alive()) return;
    const why = err.status === 401 || err.status === 403
      ? "Enter the carrier's API key (top right) to see recorded and estimated times."
      : err.message;
    show(box, h("p.muted", { "data-testid": "recorded-note" }, why));
    return;
  }
  if (!alive()) return;
  if (!doc.recorded) {
    show(box, h("p.muted", { "data-testid": "recorded-note" },
      `No actual arrival or departure recorded yet for ${doc.service} (tradelane voyage record, or POST …/actuals).`));
    return;
  }
  show(box, recordedTracks(doc));
}

function recordedTracks(doc) {
  const ships = doc.ships.filter((s) => s.calls.some((c) => c.arrivalClassifier !== "PLN"
    || c.departureClassifier !== "PLN"));
  const rows = ships.flatMap((s) => [
    { key: `${s.vesselName}-plan`, label: `${s.vesselName} planned` },
    { key: `${s.vesselName}-best`, label: "actual / estimated" }]);
  const items = [];
  let from = null;
  let to = null;
  const calls = [];
  for (const s of ships) {
    for (const c of s.calls) {
      const pa = new Date(c.plannedArrival);
      const pd = new Date(c.plannedDeparture);
      const a = new Date(c.arrival);
      const d = new Date(c.departure);
      from = from === null || pa < from ? pa : from;
      to = to === null || d > to ? d : to;
      items.push({ row: `${s.vesselName}-plan`, start: pa, end: pd, label: c.UNLocationCode,
        title: `${s.vesselName} ${c.UNLocationCode} planned ${when(c.plannedArrival)} – ${when(c.plannedDeparture)}` });
      const late = c.delayHours > doc.thresholdHours;
      items.push({ row: `${s.vesselName}-best`, start: a, end: d, label: c.UNLocationCode,
        cls: late ? "late" : "on-time", mark: pa,
        title: `${s.vesselName} ${c.UNLocationCode}: arrival ${c.arrivalClassifier} ${when(c.arrival)}, departure ${c.departureClassifier} ${when(c.departure)}, delay ${fmt(c.delayHours, 1)} h` });
      if (c.arrivalClassifier !== "PLN" || c.departureClassifier !== "PLN") {
        calls.push({ ship: s.vesselName, ...c, _class: late ? "late" : "" });
      }
    }
  }
  const chart = h("div", {}, gantt(`Recorded voyages: planned (blue) and actual or estimated times (green, red more than ${fmt(doc.thresholdHours)} h late; the tick marks the plan)`,
    rows, items, from, to, { tickH: 24 * 7, rowH: 18, labelW: 150,
      tickLabel: (t) => t.toISOString().slice(0, 10) }));
  const t = table([
    { label: "ship", value: (c) => c.ship },
    { label: "voyage", value: (c) => c.exportVoyageNumber },
    { label: "port", value: (c) => c.UNLocationCode },
    { label: "planned arrival", value: (c) => when(c.plannedArrival) },
    { label: "arrival", value: (c) => `${when(c.arrival)} ${c.arrivalClassifier}` },
    { label: "planned departure", value: (c) => when(c.plannedDeparture) },
    { label: "departure", value: (c) => `${when(c.departure)} ${c.departureClassifier}` },
    { label: "delay, h", value: (c) => fmt(c.delayHours, 1), num: true },
  ], calls, { caption: `${calls.length} calls with an actual (ACT) or estimated (EST) time, ${doc.service} at ${when(doc.at)}; ${doc.atRisk.length} sailings at risk`,
    testid: "recorded-table" });
  return chartPanel("Recorded voyages: planned, actual and estimated times, delay per call",
    chart, t, { testid: "recorded-tracks" });
}

function reliability(doc, key, what, title, testid) {
  const groups = Object.entries(doc.summary[key]);
  const chart = h("div.two", {},
    barChart("on time (±1 day), %", groups.map(([k, r]) => ({ label: k.length > 5 ? k.slice(2) : k,
      value: r.on_time_pct })), { unit: "%", digits: 1, width: Math.max(220, 48 * groups.length) }),
    barChart("late arrivals, average delay, days", groups.map(([k, r]) => ({
      label: k.length > 5 ? k.slice(2) : k, value: r.late_avg_delay_days, cls: "full" })),
    { unit: "days", digits: 1, width: Math.max(220, 48 * groups.length) }));
  const t = table([
    { label: what, value: (r) => r[0] },
    { label: "calls", value: (r) => fmt(r[1].calls), num: true },
    { label: "on time, %", value: (r) => fmt(r[1].on_time_pct, 1), num: true },
    { label: "late, avg days", value: (r) => fmt(r[1].late_avg_delay_days, 1), num: true },
  ], groups, { caption: `Pooled over ${doc.runs} runs`, testid: `${testid}-table` });
  return chartPanel(title, chart, t, { testid });
}
