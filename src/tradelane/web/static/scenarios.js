// View 2: the routing options side by side, recomputed as fleet, speed or draft limit change.
import { getJson } from "./api.js";
import { barChart } from "./charts.js";
import { currentCase, planParams, scenario } from "./state.js";
import { chartPanel, debounce, errorBox, fmt, h, loading, show, table } from "./ui.js";

const METRICS = [
  { key: "speed_kn", label: "speed sailed", unit: "kn", digits: 1 },
  { key: "ships", label: "ships", unit: "" },
  { key: "round_trip_days", label: "round voyage", unit: "days", digits: 1 },
  { key: "fuel_week", label: "fuel per week", unit: "t", get: (o) => o.per_week && o.per_week.fuel_t },
  { key: "co2_week", label: "CO2 per week", unit: "t", get: (o) => o.per_week && o.per_week.co2_t },
  { key: "cost_per_teu_slot_usd", label: "cost per TEU slot", unit: "USD" },
];

export async function render(main, { alive }) {
  const c = currentCase();
  const form = controls(c, () => refresh());
  const body = h("div", {}, loading("Planning…"));
  main.append(h("h2", {}, "Scenarios: routing options side by side"), form, body);
  const refresh = debounce(async () => {
    body.setAttribute("aria-busy", "true");
    try {
      const plan = await getJson("/api/plan", planParams());
      if (!alive()) return;
      show(body, charts(plan), optionsTable(plan));
    } catch (err) {
      if (alive()) show(body, errorBox(err));
    } finally {
      body.removeAttribute("aria-busy");
    }
  }, 200);
  refresh();
}

function controls(c, onChange) {
  const field = (name, label, attrs, hint) => {
    const input = h("input", { id: `sc-${name}`, name, type: "number", value: scenario[name],
      placeholder: hint, ...attrs });
    input.addEventListener("input", () => {
      scenario[name] = input.value;
      if (name === "ships" && input.value) clear("speed_kn");
      if (name === "speed_kn" && input.value) clear("ships");
      onChange();
    });
    return h("label", {}, label, input);
  };
  const clear = (name) => {
    scenario[name] = "";
    document.getElementById(`sc-${name}`).value = "";
  };
  const reset = h("button", { type: "button", onclick: () => {
    for (const n of ["ships", "speed_kn", "panama_draft_limit_m"]) clear(n);
    onChange();
  } }, "Reset to the case");
  return h("form.controls", { onsubmit: (e) => e.preventDefault() },
    field("ships", "Ships", { min: 1, max: 60, step: 1 }, `case: ${c.ships}`),
    field("speed_kn", "or speed, kn", { min: 1, max: 40, step: 0.1 }, "solve fleet"),
    field("panama_draft_limit_m", "Panama draft limit, m", { min: 1, max: 30, step: 0.01 },
      c.panama_draft_limit_m ? `case: ${c.panama_draft_limit_m}` : "none"),
    reset,
    h("span.muted", {}, `Design draft ${c.design_draft_m} m; speed ${c.min_speed_kn}–${c.max_speed_kn} kn`));
}

function value(option, m) {
  return m.get ? m.get(option) : option[m.key];
}

function charts(plan) {
  const grid = h("div.smallmultiples", {}, METRICS.map((m) => barChart(
    `${m.label}${m.unit ? `, ${m.unit}` : ""}`,
    plan.options.map((o) => ({ label: o.routing, value: value(o, m),
      cls: o.feasible ? "feasible" : "infeasible", note: o.feasible ? "" : "✗" })),
    { unit: m.unit, digits: m.digits || 0 })));
  return chartPanel("Figures per routing (✗ infeasible; fuel, CO2 for the whole service per week)",
    grid, metricsTable(plan), { testid: "scenario-charts" });
}

function metricsTable(plan) {
  return table([{ label: "", value: (r) => r.label },
    ...plan.options.map((o) => ({ label: o.routing, num: true,
      value: (r) => fmt(value(o, r), r.digits || 0) }))], METRICS);
}

function optionsTable(plan) {
  const rows = plan.options.map((o) => ({ ...o, _class: o.feasible ? "" : "infeasible" }));
  const t = table([
    { label: "routing", value: (o) => o.routing },
    { label: "feasible", value: (o) => (o.feasible ? "✓ yes" : "✗ no") },
    { label: "speed, kn", value: (o) => fmt(o.speed_kn, 1), num: true },
    { label: "ships", value: (o) => fmt(o.ships), num: true },
    { label: "round voyage, days", value: (o) => fmt(o.round_trip_days, 1), num: true },
    { label: "round voyage, nm", value: (o) => fmt(o.round_trip_nm), num: true },
    { label: "fuel t/week", value: (o) => fmt(o.per_week && o.per_week.fuel_t), num: true },
    { label: "CO2 t/week", value: (o) => fmt(o.per_week && o.per_week.co2_t), num: true },
    { label: "cost USD/week", value: (o) => fmt(o.per_week && o.per_week.cost_usd.total), num: true },
    { label: "cost per TEU slot, USD", value: (o) => fmt(o.cost_per_teu_slot_usd), num: true },
    { label: "why infeasible", value: (o) => o.violations.join(" · ") || "–" },
  ], rows, { caption: `Planned in ${(plan.runtime_s * 1000).toFixed(1)} ms on the server`,
    testid: "scenario-table" });
  const warnings = [...new Set(plan.options.flatMap((o) => o.warnings))];
  return h("section.panel", {}, h("header", {}, h("h3", {}, "All figures")), t,
    warnings.length ? h("ul.warnings", {}, warnings.map((w) => h("li", {}, `⚠ ${w}`))) : null);
}
