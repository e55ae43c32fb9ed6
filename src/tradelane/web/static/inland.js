// The inland network under the route map: rail links to the sea port, inland ports sized by
// their weekly TEU (rail + road), and the train departures' utilisation (the plan's figures).
import { chartPanel, fmt, h, s, table } from "./ui.js";

export function inlandPanel(inland, routing) {
  const rows = inland.ports;
  const chart = h("div", {}, drawNetwork(inland), trainBars(inland.trains));
  const tables = h("div.tables", {},
    table([
      { label: "inland port", value: (p) => `${p.locode} ${p.name}` },
      { label: "rail TEU", value: (p) => fmt(p.rail_teu), num: true },
      { label: "road TEU", value: (p) => fmt(p.road_teu), num: true },
      { label: "rejected TEU", value: (p) => fmt(p.rejected_teu), num: true },
      { label: "rail share", value: (p) => share(p), num: true },
      { label: "trains used", value: (p) => `${fmt(p.train_utilisation_pct, 1)} %`, num: true },
      { label: "CO2 saved, t", value: (p) => fmt(p.co2_saved_t, 1), num: true },
    ], rows, { caption: "Inland ports per week", testid: "inland-ports" }),
    table([
      { label: "departure", value: (t) => t.label },
      { label: "TEU", value: (t) => fmt(t.teu), num: true },
      { label: "of", value: (t) => fmt(t.capacity_teu), num: true },
      { label: "used", value: (t) => `${fmt(t.utilisation_pct, 1)} %`, num: true },
      { label: "to the ship, days", value: (t) => fmt(t.door_to_ship_days, 2), num: true },
    ], inland.trains, { caption: "Train departures of the week", testid: "inland-trains" }));
  return chartPanel(`Inland network via ${routing}: sea-rail block trains and road, per week`,
    chart, tables, { testid: "inland" });
}

function share(p) {
  const moved = p.rail_teu + p.road_teu;
  return moved ? `${((100 * p.rail_teu) / moved).toFixed(0)} %` : "–";
}

function drawNetwork(inland) {
  const all = [...inland.ports, ...inland.sea_ports];
  const lons = all.map((p) => p.lon);
  const lats = all.map((p) => p.lat);
  const lon0 = Math.min(...lons) - 1;
  const lon1 = Math.max(...lons) + 2.5;
  const lat0 = Math.min(...lats) - 1;
  const lat1 = Math.max(...lats) + 1;
  const W = 960;
  const k = W / (lon1 - lon0);
  const H = Math.round((lat1 - lat0) * k * 1.2);  // 1.2 ≈ 1 / cos(35°): east-west kept true
  const X = (lon) => ((lon - lon0) * k).toFixed(1);
  const Y = (lat) => ((lat1 - lat) * k * 1.2).toFixed(1);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "map inland-map", role: "img",
    "aria-label": "Inland network", "data-testid": "inland-map" });
  svg.append(s("rect", { x: 0, y: 0, width: W, height: H, class: "land" }));
  const at = Object.fromEntries(all.map((p) => [p.locode, p]));
  const ports = Object.fromEntries(inland.ports.map((p) => [p.locode, p]));
  for (const link of inland.links) {
    const a = at[link.from];
    const b = at[link.to];
    const rail = ports[link.from] ? ports[link.from].rail_teu : 0;
    svg.append(s("line", { x1: X(a.lon), y1: Y(a.lat), x2: X(b.lon), y2: Y(b.lat),
      class: "rail-link", "stroke-width": 2 + Math.sqrt(rail) / 3, "data-link": `${link.from}-${link.to}` },
    s("title", {}, `${link.from} → ${link.to}: ${fmt(link.km)} km by rail, ${fmt(link.running_h, 1)} h; ${fmt(rail)} TEU/week`)));
  }
  const byLon = [...inland.ports].sort((a, b) => a.lon - b.lon).map((p) => p.locode);
  for (const p of inland.ports) {
    const moved = p.rail_teu + p.road_teu;
    const below = byLon.indexOf(p.locode) % 2 === 1;
    svg.append(s("circle", { cx: X(p.lon), cy: Y(p.lat), r: 4 + Math.sqrt(moved) / 1.5,
      class: "inland-port", "data-locode": p.locode },
    s("title", {}, `${p.name}: ${fmt(p.rail_teu)} TEU by rail, ${fmt(p.road_teu)} by road, ${fmt(p.rejected_teu)} rejected`)));
    svg.append(s("text", { x: Number(X(p.lon)), y: Number(Y(p.lat)) + (below ? 30 : -16),
      class: "inland-label label" }, `${p.name} ${share(p)} rail`));
  }
  for (const p of inland.sea_ports) {
    svg.append(s("circle", { cx: X(p.lon), cy: Y(p.lat), r: 6, class: "port" }));
    svg.append(s("text", { x: Number(X(p.lon)), y: Number(Y(p.lat)) + 24, class: "inland-label label" },
      `${p.locode} ${p.name}`));
  }
  return svg;
}

function trainBars(trains) {
  const W = 960;
  const row = 16;
  const left = 230;
  const svg = s("svg", { viewBox: `0 0 ${W} ${trains.length * row + 8}`, class: "bars",
    role: "img", "aria-label": "Train utilisation by departure", "data-testid": "inland-train-bars" });
  trains.forEach((t, i) => {
    const y = 4 + i * row;
    const w = ((W - left - 60) * Math.min(100, t.utilisation_pct)) / 100;
    svg.append(s("text", { x: left - 6, y: y + 11, class: "bar-label end" }, t.label));
    svg.append(s("rect", { x: left, y, width: W - left - 60, height: row - 4, class: "bar-room" }));
    svg.append(s("rect", { x: left, y, width: w, height: row - 4, class: "bar-used" },
      s("title", {}, `${t.label}: ${fmt(t.teu)} of ${fmt(t.capacity_teu)} TEU`)));
    svg.append(s("text", { x: W - 54, y: y + 11, class: "bar-label" }, `${fmt(t.utilisation_pct)} %`));
  });
  return svg;
}
