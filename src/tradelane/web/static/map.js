// View 1: the lane on an equirectangular map — route, ports, canals and ship positions.
import { getJson } from "./api.js";
import { inlandPanel } from "./inland.js";
import { currentCase, planParams, scenario } from "./state.js";
import { chartPanel, empty, errorBox, fmt, h, loading, s, show, table, when } from "./ui.js";

const PASSAGE_NAMES = { panama: "Panama Canal", suez: "Suez Canal",
  cape_of_good_hope: "Cape of Good Hope" };
let world = null;

export async function render(main, { alive }) {
  const c = currentCase();
  const monday = startOfWeek(new Date(c.now));
  const controls = h("div.controls");
  const body = h("div", {}, loading("Loading the route…"));
  main.append(h("h2", {}, "The lane on the map"), controls, body);
  const slider = h("input", { type: "range", min: 0, max: 28, step: 1, id: "map-when",
    value: Math.min(28, Math.floor((new Date(c.now) - monday) / 216e5)) });
  const whenText = h("output", { for: "map-when" });
  const routingBox = routingRadios(c, () => draw());
  controls.append(routingBox, h("label", { for: "map-when" }, "Ships at"), slider, whenText);
  slider.addEventListener("input", () => draw());

  async function draw() {
    const at = new Date(monday.getTime() + Number(slider.value) * 216e5);
    whenText.textContent = `${when(at.toISOString())} UTC (this week)`;
    try {
      const [doc, outline] = await Promise.all([
        getJson("/api/route", planParams({ routing: scenario.routing, at: at.toISOString() })),
        world || getJson("world.json")]);
      world = outline;
      if (!alive()) return;
      show(body, summary(doc), mapPanel(doc, c, outline),
        doc.inland ? inlandPanel(doc.inland, doc.routing) : null);
    } catch (err) {
      if (alive()) show(body, errorBox(err));
    }
  }
  await draw();
}

export function routingRadios(c, onChange) {
  const box = h("fieldset.routing", {}, h("legend", {}, "Routing"));
  const options = [["", "first feasible"], ...c.options.map((o) => [o, o])];
  for (const [value, label] of options) {
    const input = h("input", { type: "radio", name: "routing", value,
      checked: scenario.routing === value, "data-testid": `routing-${value || "auto"}` });
    input.addEventListener("change", () => { scenario.routing = value; onChange(); });
    box.append(h("label", {}, input, ` ${label}`));
  }
  return box;
}

function summary(doc) {
  const nm = doc.legs.reduce((a, l) => a + l.nm, 0);
  const state = doc.feasible ? h("span.ok", {}, "feasible") :
    h("span.bad", {}, `infeasible: ${doc.violations.join("; ")}`);
  return h("p.summary", { "data-testid": "map-summary" },
    h("strong", {}, `via ${doc.routing}`), ` · ${fmt(nm)} nm per round voyage · `, state);
}

function mapPanel(doc, c, outline) {
  if (!doc.legs.length) {
    return h("section.panel", {}, empty(`No sea route via ${doc.routing} under the case's restrictions.`));
  }
  const counts = {};
  for (const ship of doc.ships) counts[ship.state] = (counts[ship.state] || 0) + 1;
  const legend = h("p.legend", {}, ["at sea", "in port", "waiting"].map((state) => h("span", {},
    h("i", { class: `dot ${state.replace(/ /g, "-")}` }), ` ${state} (${counts[state] || 0})`)),
  h("span", {}, h("i.dot.canal"), " canal / cape (yellow: used, red: closed)"));
  return chartPanel(`Rotation via ${doc.routing}, ships at ${when(doc.at)} UTC`,
    h("div", {}, drawMap(doc, c, outline), legend), mapTables(doc, c), { testid: "map" });
}

// The route map as an SVG; `svg.project(lon, lat)` gives a point's [x, y] (overlays: trade.js).
export function drawMap(doc, c, outline) {
  const legs = unwrapLegs(doc.legs);
  const all = legs.flat();
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const lon0 = Math.min(...lons) - 14;
  const lon1 = Math.max(...lons) + 14;
  const lat1 = Math.min(80, Math.max(...lats) + 14);
  const lat0 = Math.max(-75, Math.min(...lats) - 12);
  const k = 960 / (lon1 - lon0);
  const W = 960;
  const H = Math.round((lat1 - lat0) * k);
  const X = (lon) => ((lon - lon0) * k).toFixed(1);
  const Y = (lat) => ((lat1 - lat) * k).toFixed(1);
  const near = (lon) => lon0 + ((((lon - lon0) % 360) + 360) % 360);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "map", role: "img",
    "aria-label": `Route map via ${doc.routing}`, "data-testid": "route-map" });
  svg.append(s("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  for (const shift of [-360, 0, 360]) {
    for (const [name, ring] of Object.entries(outline.land)) {
      svg.append(s("path", { d: ringPath(ring, shift, X, Y), class: "land", "data-name": name }));
    }
    for (const ring of Object.values(outline.water)) {
      svg.append(s("path", { d: ringPath(ring, shift, X, Y), class: "sea inland" }));
    }
  }
  for (let lat = -60; lat <= 80; lat += 30) {
    svg.append(s("line", { x1: 0, x2: W, y1: Y(lat), y2: Y(lat), class: "graticule" }));
  }
  legs.forEach((line, i) => {
    const leg = doc.legs[i];
    const d = line.map((p, j) => `${j ? "L" : "M"}${X(p[0])},${Y(p[1])}`).join("");
    svg.append(s("path", { d, class: "route", "data-leg": `${leg.from}-${leg.to}` },
      s("title", {}, `${leg.from} → ${leg.to}: ${fmt(leg.nm)} nm${leg.passages.length ?
        ` via ${leg.passages.join(", ")}` : ""}`)));
  });
  for (const p of doc.passages) {
    const lon = near(p.lon);
    if (lon > lon1) continue;
    const cls = `passage ${p.used ? "used" : ""} ${p.closed ? "closed" : ""}`;
    const g = s("g", { class: cls, transform: `translate(${X(lon)},${Y(p.lat)})` },
      s("path", { d: "M0,-6L6,0L0,6L-6,0Z" }),
      s("text", { x: 8, y: 12 }, `${PASSAGE_NAMES[p.name] || p.name}${p.closed ? " (closed)" : ""}`),
      s("title", {}, `${PASSAGE_NAMES[p.name]}${p.used ? " — used by this routing" : ""}${p.closed ? " — closed" : ""}`));
    svg.append(g);
  }
  for (const ship of doc.ships) {
    svg.append(s("circle", { cx: X(near(ship.lon)), cy: Y(ship.lat), r: 4.5,
      class: `ship ${ship.state.replace(/ /g, "-")}`, "data-ship": ship.name },
    s("title", {}, `${ship.name}: ${ship.state} ${ship.where}`)));
  }
  portLabels(svg, c.ports, near, X, Y, W);
  svg.project = (lon, lat) => [X(near(lon)), Y(lat)];
  return svg;
}

function portLabels(svg, ports, near, X, Y, W) {
  const placed = [];
  const sorted = [...ports].sort((a, b) => b.lat - a.lat);
  for (const p of sorted) {
    const x = Number(X(near(p.lon)));
    let y = Number(Y(p.lat));
    const ly0 = y;
    const left = x > W - 240;
    while (placed.some((q) => q.left === left && Math.abs(q.x - x) < 150 && Math.abs(q.y - y) < 14)) y += 14;
    placed.push({ x, y, left });
    const dx = left ? -7 : 7;
    svg.append(s("circle", { cx: x, cy: ly0, r: 3.5, class: "port" }));
    if (y !== ly0) svg.append(s("line", { x1: x, y1: ly0, x2: x + dx * 0.9, y2: y - 4, class: "leader" }));
    svg.append(s("text", { x: x + dx, y, class: `port-label ${left ? "end" : ""}`,
      "data-locode": p.locode }, `${p.locode} ${p.name}`));
  }
}

function mapTables(doc, c) {
  const legRows = doc.legs.map((l) => ({ ...l }));
  const legs = table([
    { label: "leg", value: (l) => `${l.from} → ${l.to}` },
    { label: "nm", value: (l) => fmt(l.nm), num: true },
    { label: "passages", value: (l) => l.passages.join(", ") || "–" },
  ], legRows, { caption: "Legs" });
  const ships = table([
    { label: "ship", value: (x) => x.name },
    { label: "state", value: (x) => x.state },
    { label: "where", value: (x) => x.where },
    { label: "lat", value: (x) => x.lat.toFixed(2), num: true },
    { label: "lon", value: (x) => x.lon.toFixed(2), num: true },
  ], doc.ships, { caption: `Ships at ${when(doc.at)} UTC` });
  const ports = table([
    { label: "port", value: (p) => `${p.locode} ${p.name}` },
    { label: "lat", value: (p) => p.lat.toFixed(3), num: true },
    { label: "lon", value: (p) => p.lon.toFixed(3), num: true },
  ], c.ports, { caption: "Ports" });
  return h("div.tables", {}, legs, ships, ports);
}

// Longitudes made continuous along the rotation (no jump at ±180°).
function unwrapLegs(legs) {
  let prev = null;
  return legs.map((leg) => leg.path.map(([lon, lat]) => {
    let x = lon;
    if (prev !== null) {
      while (x - prev > 180) x -= 360;
      while (x - prev < -180) x += 360;
    }
    prev = x;
    return [x, lat];
  }));
}

function ringPath(ring, shift, X, Y) {
  return `${ring.map(([lon, lat], i) => `${i ? "L" : "M"}${X(lon + shift)},${Y(lat)}`).join("")}Z`;
}

function startOfWeek(now) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 864e5);
}
