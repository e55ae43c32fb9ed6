// View: a voyage's stowage port by port — the side profile by POD, a bay's cross-section
// (click a bay), the departure's stability and strength figures, the crane split. The
// pictures are the server's SVG (tradelane.stowage.svg, the files of `stow plan --svg`),
// parsed and inserted as nodes: presentation attributes only, so the CSP holds.
import { getJson } from "./api.js";
import { chartPanel, empty, errorBox, fmt, h, loading, show, table } from "./ui.js";

export async function render(main, { alive }) {
  main.append(h("h2", {}, "Stowage"));
  // first values from the page's query string (a shareable link: /?voyage=401E&time_limit_s=60#stowage)
  const first = new URLSearchParams(location.search);
  const voyage = h("input", { name: "voyage", value: first.get("voyage") || "401E", size: 6, maxlength: 8 });
  const seed = h("input", { name: "seed", type: "number", value: first.get("seed") || 1, min: 0, step: 1 });
  const limit = h("input", { name: "time_limit_s", type: "number", value: first.get("time_limit_s") || 30,
    min: 1, max: 60, step: 1 });
  const port = h("select", { name: "port", disabled: true });
  const go = h("button", { type: "button" }, "Plan");
  const body = h("div", {});
  main.append(h("div.controls", {}, h("label", {}, "Voyage ", voyage), h("label", {}, "Seed ", seed),
    h("label", {}, "Time limit, s ", limit), go, h("label", {}, "Port (departure) ", port)), body);
  let doc = null;
  let params = {};

  async function plan() {
    params = { voyage: voyage.value.trim(), seed: seed.value, time_limit_s: limit.value };
    show(body, loading(`Planning the stowage of voyage ${params.voyage} (up to a minute)…`));
    port.disabled = true;
    try {
      doc = await getJson("/api/stowage", params);
      if (!alive()) return;
      if (!doc.ports.length) {
        show(body, empty(`No stowage plan (${doc.status}).`));
        return;
      }
      port.replaceChildren(...doc.ports.map((p) => h("option", { value: p.locode }, p.locode)));
      port.disabled = false;
      drawPort();
    } catch (err) {
      if (alive()) show(body, errorBox(err));
    }
  }

  function drawPort() {
    const p = doc.ports.find((x) => x.locode === port.value) || doc.ports[0];
    const bayBox = h("div", {});
    const side = svgNode(p.side_svg);
    const pick = (bay) => {
      for (const g of side.querySelectorAll("g.bay")) g.classList.toggle("picked", g.dataset.bay === bay);
      drawBay(bayBox, p.locode, bay);
    };
    for (const g of side.querySelectorAll("g.bay")) g.addEventListener("click", () => pick(g.dataset.bay));
    show(body,
      h("p.summary", {}, `${doc.profile}, voyage ${doc.voyage}: ${doc.status}, ${fmt(doc.terms.rehandle_moves)} restow moves, `
        + `${fmt(doc.terms.crane_makespan_h, 1)} crane hours over the calls, solved in ${fmt(doc.runtime_s, 1)} s. `
        + `Cargo: ${doc.source}.`),
      h("div.stow-top", {},
        chartPanel(`Departure ${p.locode}: side profile by POD (click a bay)`, h("div.stow-svg", {}, side),
          h("div.stow-list", {}, bayTable(p, pick)), { testid: "stow-side" }),
        figures(p)),
      bayBox,
      chartPanel(`Crane split at ${p.locode}`, h("div.stow-svg.stow-cranes", {}, svgNode(p.cranes_svg)),
        craneTable(p), { testid: "stow-cranes" }));
    const worked = p.bays.find((b) => b.moves > 0) || p.bays.find((b) => b.containers > 0) || p.bays[0];
    pick(worked.bay);
  }

  async function drawBay(box, locode, bay) {
    show(box, loading(`Bay ${bay}…`));
    try {
      const b = await getJson("/api/stowage/bay", { ...params, port: locode, bay: Number(bay) });
      if (!alive()) return;
      show(box, chartPanel(`Departure ${locode}: bay ${b.bay} seen from aft (${b.containers.length} containers)`,
        h("div.stow-svg.stow-bay", {}, svgNode(b.svg)), h("div.stow-list", {}, containerTable(b)),
        { testid: "stow-bay" }));
    } catch (err) {
      if (alive()) show(box, errorBox(err));
    }
  }

  go.addEventListener("click", plan);
  port.addEventListener("change", drawPort);
  await plan();
}

// The server's SVG text as a node of this document.
function svgNode(text) {
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  const node = document.importNode(parsed, true);
  node.classList.add("stow-picture");
  return node;
}

function figures(p) {
  const rows = [
    ["GM", fmt(p.gm_m, 2), "m"], ["heel", fmt(p.heel_deg, 2), "°"], ["trim (+ by the stern)", fmt(p.trim_m, 2), "m"],
    ["deepest draft", fmt(p.draft_m, 2), "m"], ["max bending", fmt(p.max_bending_pct, 1), "%"],
    ["max shear", fmt(p.max_shear_pct, 1), "%"], ["displacement", fmt(p.displacement_t), "t"],
    ["ballast", fmt(p.ballast_t), "t"], ["TEU aboard", fmt(p.teu_aboard), "TEU"],
    ["discharged", fmt(p.discharged), ""], ["loaded", fmt(p.loaded), ""], ["restows", fmt(p.restows), ""],
    ["left ashore", fmt(p.left_ashore), ""], ["port stay", fmt(p.port_stay_h, 1), "h"],
  ];
  return h("section.panel.stow-figures", { "data-testid": "stow-figures" },
    h("header", {}, h("h3", {}, `Departure ${p.locode}: stability and strength`)),
    table([{ label: "figure", value: (r) => r[0] }, { label: "value", value: (r) => r[1], num: true },
      { label: "", value: (r) => r[2] }], rows),
    p.broken_rules.length ? h("ul.state.error", {}, p.broken_rules.map((m) => h("li", {}, m)))
      : h("p.muted", {}, "Every rule of the loading computer holds."));
}

function bayTable(p, pick) {
  return table([
    { label: "bay", value: (b) => h("button.link", { type: "button", onclick: () => pick(b.bay) }, b.bay) },
    { label: "moves", value: (b) => fmt(b.moves), num: true },
    { label: "containers", value: (b) => fmt(b.containers), num: true },
    { label: "TEU", value: (b) => fmt(b.teu), num: true },
    { label: "t", value: (b) => fmt(b.tonnes), num: true },
    { label: "reefers", value: (b) => fmt(b.reefers), num: true },
    { label: "DG", value: (b) => fmt(b.dg), num: true },
    { label: "TEU by POD", value: (b) => Object.entries(b.teu_by_pod).map(([k, v]) => `${k} ${v}`).join(", ") },
  ], p.bays);
}

function containerTable(b) {
  return table([
    { label: "position", value: (c) => c.position },
    { label: "container", value: (c) => c.number },
    { label: "type", value: (c) => c.iso_type },
    { label: "VGM, t", value: (c) => fmt(c.vgm_t, 1), num: true },
    { label: "POL → POD", value: (c) => `${c.pol} → ${c.pod}` },
    { label: "reefer, °C", value: (c) => (c.reefer_setpoint_c === null ? "" : fmt(c.reefer_setpoint_c, 1)), num: true },
    { label: "DG", value: (c) => c.dg.join(", ") },
  ], b.containers);
}

function craneTable(p) {
  return table([
    { label: "crane", value: (c) => `QC ${c.crane}` },
    { label: "bays", value: (c) => `${c.first_bay}–${c.last_bay}` },
    { label: "moves", value: (c) => fmt(c.moves), num: true },
    { label: "busy, h", value: (c) => fmt(c.busy_h, 1), num: true },
    { label: "done after, h", value: (c) => fmt(c.finish_h, 1), num: true },
  ], p.cranes, { caption: `makespan ${fmt(p.crane_makespan_h, 1)} h (bound ${fmt(p.crane_bound_h, 1)} h), port stay ${fmt(p.port_stay_h, 1)} h` });
}
