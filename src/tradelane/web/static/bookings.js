// View 4: what the sailings carry — load per sailing and leg, cargo mix, a sailing's bookings.
import { apiKey, getJson } from "./api.js";
import { hbarChart } from "./charts.js";
import { chartPanel, empty, errorBox, fmt, h, loading, pct, show, table, when } from "./ui.js";

export async function render(main, { alive }) {
  main.append(h("h2", {}, "Bookings and utilisation"));
  if (!apiKey()) {
    main.append(empty("Enter an API key (top right) to see bookings: the carrier's key shows "
      + "every booking, a shipper's key only its own. Keys come from `tradelane parties add`."));
    return;
  }
  const body = h("div", {}, loading("Loading bookings…"));
  main.append(body);
  let doc;
  try {
    doc = await getJson("/api/utilisation", {}, { auth: true });
  } catch (err) {
    if (alive()) show(body, errorBox(err));
    return;
  }
  if (!alive()) return;
  const drill = h("div#drill");
  if (!doc.sailings.length) {
    show(body, empty("No sailings are published yet: run `tradelane publish` on the server's database."));
    return;
  }
  show(body, h("p.summary", { "data-testid": "who" }, `Signed in as ${doc.party} (${doc.role}). `,
    doc.role === "carrier" ? "All bookings." : "Only your own bookings are shown."),
  tiles(doc.mix), sailingsPanel(doc, drill, alive), drill, mixPanels(doc.mix));
}

function tiles(mix) {
  const tile = (label, value) => h("div.tile", {}, h("span.big", {}, value), h("span", {}, label));
  return h("div.tiles", { "data-testid": "mix-tiles" },
    tile("TEU confirmed", fmt(mix.teu)), tile("bookings confirmed", fmt(mix.bookings)),
    tile("dangerous goods share (TEU)", pct(mix.dg_share)),
    tile("“new three” share (TEU)", pct(mix.new_three_share)));
}

function sailingsPanel(doc, drill, alive) {
  const legs = doc.sailings.flatMap((s) => s.legs.map((l) => ({ ...l, voyage: s.voyage,
    vessel_name: s.vessel_name })));
  const loaded = legs.filter((l) => l.teu > 0);
  const shown = loaded.length ? loaded : legs.slice(0, 12);
  const chart = hbarChart(loaded.length ? "TEU used of capacity, legs with cargo" :
    "TEU used of capacity (no cargo confirmed yet)", shown.map((l) => ({
    label: `${l.voyage} ${l.from}→${l.to}`, value: l.teu, max: l.capacity_teu,
    text: `${fmt(l.teu)} / ${fmt(l.capacity_teu)} TEU`,
    cls: l.teu / l.capacity_teu > 0.9 ? "full" : "", onclick: () => open(l.voyage) })),
  { labelW: 170, width: 900 });
  async function open(voyage) {
    show(drill, loading(`Loading the bookings of ${voyage}…`));
    try {
      const b = await getJson(`/api/sailings/${encodeURIComponent(voyage)}/bookings`, {}, { auth: true });
      if (alive()) show(drill, bookingsPanel(b));
    } catch (err) {
      if (alive()) show(drill, errorBox(err));
    }
  }
  const t = table([
    { label: "sailing", value: (l) => h("button.link", { type: "button", "data-voyage": l.voyage,
      onclick: () => open(l.voyage) }, l.voyage) },
    { label: "vessel", value: (l) => l.vessel_name },
    { label: "leg", value: (l) => `${l.from} → ${l.to}` },
    { label: "ETD", value: (l) => when(l.etd, { year: false }) },
    { label: "TEU", value: (l) => `${fmt(l.teu)} / ${fmt(l.capacity_teu)}`, num: true },
    { label: "tonnes", value: (l) => `${fmt(l.t)} / ${fmt(l.capacity_t)}`, num: true },
    { label: "reefer plugs", value: (l) => `${fmt(l.reefer_plugs)} / ${fmt(l.capacity_reefer_plugs)}`, num: true },
    { label: "DG share", value: (l) => (l.teu ? pct(l.dg_teu / l.teu) : "–"), num: true },
  ], legs, { testid: "legs-table" });
  const pick = h("p.muted", {}, "Click a sailing to see its bookings.");
  return chartPanel("Utilisation per sailing and leg", h("div", {}, pick, chart), t,
    { testid: "utilisation" });
}

function bookingsPanel(b) {
  const content = b.bookings.length ? table([
    { label: "reference", value: (x) => h("code.ref", {}, x.reference) },
    { label: "shipper", value: (x) => x.shipper },
    { label: "status", value: (x) => x.status },
    { label: "POL → POD", value: (x) => `${x.pol} → ${x.pod}` },
    { label: "TEU", value: (x) => fmt(x.teu), num: true },
    { label: "tonnes", value: (x) => fmt(x.t, 1), num: true },
    { label: "reefer", value: (x) => fmt(x.reefer_plugs), num: true },
    { label: "DG", value: (x) => (x.dangerous ? "yes" : "") },
    { label: "commodities", value: (x) => x.commodities.join(", ") },
  ], b.bookings, { testid: "bookings-table" }) : empty(`No bookings of yours on ${b.voyage}.`);
  return h("section.panel", { "data-testid": "drill" }, h("header", {},
    h("h3", {}, `Bookings on ${b.voyage}${b.role === "carrier" ? "" : " (yours)"}`)), content);
}

function mixPanels(mix) {
  if (!mix.teu) return empty("No confirmed cargo yet: shippers, commodities and shares appear once bookings are confirmed.");
  const panel = (title, rows, testid) => chartPanel(title,
    hbarChart(title, rows.map((r) => ({ label: r.name, value: r.teu })), { unit: "TEU", width: 420, labelW: 120 }),
    table([{ label: "name", value: (r) => r.name }, { label: "TEU", value: (r) => fmt(r.teu), num: true },
      { label: "share", value: (r) => pct(r.teu / mix.teu), num: true }], rows), { testid });
  const newThree = Object.entries(mix.new_three_teu).map(([name, teu]) => ({ name, teu }));
  return h("div.two", {}, panel("Top shippers", mix.shippers, "shippers"),
    panel("Top commodities", mix.commodities, "commodities"),
    panel("“New three” (EVs 8703.80, Li-ion 8507.60, PV 8541.42/43)", newThree, "new-three"));
}
