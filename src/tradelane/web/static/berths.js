// View 5: the terminal's berths over the week as a Gantt chart (the exact berth solver: ILS,
// then the time-indexed HiGHS MIP, with a short time limit; the answer names the solver).
import { getJson } from "./api.js";
import { gantt } from "./charts.js";
import { currentCase } from "./state.js";
import { chartPanel, empty, errorBox, fmt, h, loading, show, table, when } from "./ui.js";

export async function render(main, { alive }) {
  const c = currentCase();
  main.append(h("h2", {}, "Berth plan"));
  if (!c.terminals.length) {
    main.append(empty("The case has no [terminals] table, so there is no berth plan to show."));
    return;
  }
  const port = h("select", { name: "port" }, c.terminals.map((t) => h("option", { value: t }, t)));
  const week = h("input", { type: "date", name: "week", value: monday(new Date(c.now)), step: 7 });
  const body = h("div", {}, loading("Solving the berth plan…"));
  const go = h("button", { type: "button" }, "Plan");
  main.append(h("div.controls", {}, h("label", {}, "Terminal ", port),
    h("label", {}, "Week of (Monday) ", week), go), body);

  async function draw() {
    show(body, loading("Solving the berth plan…"));
    try {
      const doc = await getJson("/api/berth-plan", { port: port.value, week: week.value });
      if (!alive()) return;
      if (!doc.assignments.length) {
        show(body, empty(`No berth plan found (${doc.status}).`));
        return;
      }
      show(body, h("p.summary", {}, `${doc.terminal_name}: ${doc.status} (${doc.solver} solver), ${fmt(doc.objective)} ship-hours in port`
        + ` (bound ${fmt(doc.bound)}), solved in ${(doc.runtime_s * 1000).toFixed(0)} ms.`),
      chartPanel(`Berths at ${doc.terminal}, week of ${doc.week.slice(0, 10)} (lane's call highlighted)`,
        chart(doc), assignments(doc), { testid: "berth-plan" }));
    } catch (err) {
      if (alive()) show(body, errorBox(err));
    }
  }
  go.addEventListener("click", draw);
  port.addEventListener("change", draw);
  week.addEventListener("change", draw);
  await draw();
}

function chart(doc) {
  const rows = doc.berths.map((b) => ({ key: b, label: `berth ${b}` }));
  const items = doc.assignments.map((a) => ({ row: a.berth, start: new Date(a.start),
    end: new Date(a.end), mark: a.wait_h ? new Date(a.arrival) : null, label: a.ship,
    cls: a.lane ? "lane" : "other",
    title: `${a.ship}: arrives ${when(a.arrival)}, berth ${a.berth} ${when(a.start)} – ${when(a.end)}, waits ${a.wait_h} h` }));
  const from = new Date(doc.week);
  const to = new Date(Math.max(from.getTime() + 7 * 864e5, ...items.map((i) => i.end.getTime())));
  return gantt("Berth occupation (line = arrival of a ship that waits)", rows, items, from, to,
    { width: 1280, tickH: 24, tickLabel: (d) => d.toLocaleString("en-GB", { weekday: "short", day: "2-digit", timeZone: "UTC" }) });
}

function assignments(doc) {
  const rows = [...doc.assignments].sort((a, b) => a.start.localeCompare(b.start))
    .map((a) => ({ ...a, _class: a.lane ? "lane" : "" }));
  return table([
    { label: "ship", value: (a) => (a.lane ? `${a.ship} ◀ lane` : a.ship) },
    { label: "berth", value: (a) => a.berth },
    { label: "arrival", value: (a) => when(a.arrival, { year: false }) },
    { label: "start", value: (a) => when(a.start, { year: false }) },
    { label: "end", value: (a) => when(a.end, { year: false }) },
    { label: "wait, h", value: (a) => fmt(a.wait_h), num: true },
  ], rows);
}

function monday(now) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
