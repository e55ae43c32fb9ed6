// View 3: the proforma and the published voyages — table and timeline, per port or per ship.
import { getJson, url } from "./api.js";
import { gantt } from "./charts.js";
import { currentCase, planParams, scenario } from "./state.js";
import { routingRadios } from "./map.js";
import { chartPanel, empty, errorBox, h, loading, show, table, when } from "./ui.js";

const view = { source: "proforma", by: "ship", weeks: 6, from: "week" };

export async function render(main, { alive }) {
  const c = currentCase();
  const body = h("div", {}, loading("Loading the schedule…"));
  const downloads = h("span.downloads");
  const select = (name, options) => {
    const el = h("select", { name, "data-testid": `schedule-${name}` }, options.map(([v, label]) =>
      h("option", { value: v, selected: String(view[name]) === String(v) }, label)));
    el.addEventListener("change", () => { view[name] = el.value; draw(); });
    return el;
  };
  main.append(h("h2", {}, "Schedule"), h("div.controls", {},
    h("label", {}, "Source ", select("source", [["proforma", "proforma (plan)"], ["published", "published sailings"]])),
    h("label", {}, "Rows ", select("by", [["ship", "per ship"], ["port", "per port"]])),
    h("label", {}, "From ", select("from", [["week", "this week"], ["start", "service start"]])),
    h("label", {}, "Weeks ", select("weeks", [[2, "2"], [4, "4"], [6, "6"], [12, "12"]])),
    routingRadios(c, () => draw()), downloads), body);

  async function draw() {
    const params = planParams({ routing: scenario.routing, weeks: view.weeks,
      from: view.from === "week" ? monday(c.now) : "" });
    show(downloads, "Download proforma: ",
      h("a", { href: url("/api/schedule.csv", params), download: "" }, "CSV"), " · ",
      h("a", { href: url("/api/schedule.ics", params), download: "" }, "iCalendar"));
    show(body, loading("Loading the schedule…"));
    try {
      const doc = view.source === "proforma" ? await getJson("/api/schedule", params) :
        await getJson("/api/sailings");
      if (!alive()) return;
      let calls = doc.calls;
      if (view.source === "published" && calls.length) {
        const first = Math.max(new Date(calls[0].eta).getTime(),
          view.from === "week" ? new Date(monday(c.now)).getTime() : 0);
        calls = calls.filter((x) => new Date(x.eta) >= first
          && new Date(x.eta) - first < view.weeks * 7 * 864e5);
      }
      if (!calls.length) {
        show(body, empty(view.source === "published" ? "No sailings are published yet: run "
          + "`tradelane publish CASE.toml --weeks 8` on the server's database." :
          "This option has no schedule (no sea route)."));
        return;
      }
      const title = view.source === "proforma" ?
        `Proforma via ${doc.routing}${doc.feasible ? "" : " (infeasible)"}, ${view.weeks} weeks from ${when(doc.start)}` :
        `Published sailings, ${calls.length} calls`;
      show(body, chartPanel(title, timeline(calls, c), callsTable(calls), { testid: "schedule" }));
    } catch (err) {
      if (alive()) show(body, errorBox(err));
    }
  }
  await draw();
}

function timeline(calls, c) {
  const order = view.by === "ship" ? [...new Set(calls.map((x) => x.vessel_name))].sort() :
    [...c.rotation.filter((p, i, a) => a.indexOf(p) === i)];
  const rows = order.map((key) => ({ key, label: key }));
  const items = calls.map((x) => ({
    row: view.by === "ship" ? x.vessel_name : x.locode,
    start: new Date(x.eta), end: new Date(x.etd),
    label: view.by === "ship" ? x.locode : x.vessel_name.replace(/^\w+ /, ""),
    cls: x.direction === "E" ? "east" : "west",
    title: `${x.vessel_name} voy. ${x.import_voyage}/${x.export_voyage} at ${x.locode}: ${when(x.eta)} – ${when(x.etd)}`,
  }));
  if (view.by === "ship") items.unshift(...seaLegs(calls));
  const from = new Date(Math.min(...items.map((i) => i.start)));
  const to = new Date(Math.max(...items.map((i) => i.end)));
  return gantt("Port stays (blue eastbound, orange westbound) and sea legs", rows, items, from, to,
    { width: 1280, tickH: 24 * 7, tickLabel: (d) => d.toISOString().slice(0, 10) });
}

function seaLegs(calls) {
  const byShip = new Map();
  for (const x of calls) byShip.set(x.vessel_name, [...(byShip.get(x.vessel_name) || []), x]);
  const out = [];
  for (const [ship, list] of byShip) {
    list.sort((a, b) => new Date(a.eta) - new Date(b.eta));
    for (let i = 1; i < list.length; i += 1) {
      out.push({ row: ship, start: new Date(list[i - 1].etd), end: new Date(list[i].eta),
        label: "", cls: "sea", title: `${ship}: ${list[i - 1].locode} → ${list[i].locode}` });
    }
  }
  return out;
}

function callsTable(calls) {
  return table([
    { label: "ship", value: (x) => x.vessel_name },
    { label: "import voyage", value: (x) => x.import_voyage },
    { label: "export voyage", value: (x) => x.export_voyage },
    { label: "port", value: (x) => (x.port_name ? `${x.locode} ${x.port_name}` : x.locode) },
    { label: "ETA (UTC)", value: (x) => when(x.eta) },
    { label: "ETD (UTC)", value: (x) => when(x.etd) },
  ], [...calls].sort((a, b) => (view.by === "port" ? a.locode.localeCompare(b.locode) : 0)
    || new Date(a.eta) - new Date(b.eta)), { testid: "schedule-table" });
}

function monday(iso) {
  const d = new Date(iso);
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10) + "T00:00:00Z";
}
