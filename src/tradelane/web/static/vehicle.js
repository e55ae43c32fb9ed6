// The public page of one vehicle (vehicle.html?vin=VIN, the QR code's address): its verified
// history from GET /api/vehicles/{vin}. No key, nothing from elsewhere; text only via
// textContent (never HTML from data).

const STEP_NAMES = {
  PURCHASE: "Purchase", TRANSFER_REGISTRATION: "Transfer registration",
  INSPECTION: "Reconditioning and inspection", DEREGISTRATION: "Deregistration",
  EXPORT_BOOKING: "Export booking", LOADED: "Loaded on board", AFTER_SALES: "After-sales service",
};

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "testid") node.dataset.testid = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child ?? "");
  return node;
}

function when(iso) {
  return iso ? iso.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, "Z").replace("Z", " UTC") : "";
}

function verdict(chain) {
  if (chain.valid) {
    return el("p", {class: "verdict ok", role: "status", testid: "verdict"},
      `Chain verified: ${chain.events} events, each linked to the one before by its SHA-256.`);
  }
  const bad = chain.first_bad_event;
  return el("p", {class: "verdict bad", role: "alert", testid: "verdict"},
    `Chain BROKEN at event ${bad.sequence}: ${bad.problem}. Events from there on are not ` +
    "verified.");
}

function timeline(events) {
  const head = el("tr", {}, ...["#", "Step", "Time", "Place", "By", "Result", "Documents",
    "Digest", "Verified"].map((h) => el("th", {scope: "col"}, h)));
  const rows = events.map((e) => el("tr", {class: e.verified ? "" : "unverified",
                                           testid: "event"},
    el("td", {}, String(e.sequence)), el("td", {}, STEP_NAMES[e.step] || e.step),
    el("td", {}, when(e.time)), el("td", {}, e.place), el("td", {}, e.role),
    el("td", {}, e.inspection || e.container || ""), el("td", {}, String(e.documents)),
    el("td", {class: "digest", title: e.sha256}, e.sha256.slice(0, 12) + "…"),
    el("td", {}, e.verified ? "✓" : "✗")));
  return el("table", {class: "timeline"}, el("caption", {}, "History, oldest first"),
    el("thead", {}, head), el("tbody", {}, ...rows));
}

function route(r) {
  if (!r) return el("p", {class: "muted", testid: "route"}, "Not booked for export yet.");
  const items = [["Booking", r.status],
    ["Sailing", `${r.service} voyage ${r.voyage}, ${r.vessel}`],
    ["Port of loading", `${r.pol}, departs ${when(r.pol_departure)}`],
    ["Port of discharge", `${r.pod}, arrives ${when(r.pod_arrival)}`],
    ["Containers", r.containers.join(", ") || "not yet assigned"]];
  const list = el("dl", {class: "route", testid: "route"},
    ...items.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  return el("section", {}, el("h2", {}, "Sailing"), list, atSea(r.at_sea));
}

const TRACK_NAMES = {
  ARRI: "Vessel arrives", DEPA: "Vessel departs", GTIN: "Container gated in",
  LOAD: "Container loaded", DISC: "Container discharged", GTOT: "Container gated out",
};
const CLASSIFIERS = {PLN: "planned", EST: "estimated", ACT: "actual"};

function atSea(events) {
  // The Track & Trace events of the sailing and the container (planned, estimated, actual)
  if (!events.length) {
    return el("p", {class: "muted", testid: "at-sea"}, "No Track & Trace events yet.");
  }
  const head = el("tr", {}, ...["Time", "Event", "", "Port", "Vessel", "Voyage",
    "Container"].map((h) => el("th", {scope: "col"}, h)));
  const rows = events.map((e) => el("tr", {class: e.classifier.toLowerCase(),
                                           testid: "track-event"},
    el("td", {}, when(e.time)), el("td", {}, TRACK_NAMES[e.code] || e.code),
    el("td", {}, CLASSIFIERS[e.classifier] || e.classifier), el("td", {}, e.locode),
    el("td", {}, e.vessel), el("td", {}, e.voyage), el("td", {}, e.container || "")));
  return el("section", {testid: "at-sea"}, el("h2", {}, "At sea"),
    el("table", {class: "timeline"}, el("caption", {}, "Track & Trace, oldest first"),
      el("thead", {}, head), el("tbody", {}, ...rows)));
}

async function show(vin) {
  const main = document.getElementById("vehicle");
  main.replaceChildren(el("p", {class: "state loading", role: "status"}, "Loading…"));
  let response;
  try {
    response = await fetch(`/api/vehicles/${encodeURIComponent(vin)}`);
  } catch {
    main.replaceChildren(el("p", {class: "state error", role: "alert",
                                  testid: "vehicle-state"}, "The server did not answer."));
    return;
  }
  const doc = await response.json();
  if (!response.ok) {
    const message = doc.errors?.[0]?.errorCodeMessage || `Error ${response.status}`;
    main.replaceChildren(el("p", {class: "state error", role: "alert",
                                  testid: "vehicle-state"}, message));
    return;
  }
  document.title = `tradelane — ${doc.make} ${doc.model} ${doc.vin}`;
  main.replaceChildren(
    el("h1", {testid: "vehicle-title"}, `${doc.make} ${doc.model} (${doc.model_year})`),
    el("p", {}, `VIN ${doc.vin} · ${doc.powertrain}`),
    verdict(doc.chain), timeline(doc.events), route(doc.route));
}

const form = document.getElementById("vin-form");
const input = document.getElementById("vin");
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const vin = input.value.trim().toUpperCase();
  history.replaceState(null, "", `?vin=${encodeURIComponent(vin)}`);
  show(vin);
});
const asked = new URLSearchParams(location.search).get("vin");
if (asked) {
  input.value = asked;
  show(asked);
}
