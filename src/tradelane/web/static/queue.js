// View: the booking desk. The carrier's queue of bookings to decide (RECEIVED and
// UPDATE_RECEIVED), each with its legs and the capacity left on them, and Confirm / Decline
// buttons; a shipper sees its own bookings and their status. Refreshes every 10 s.
import { ApiError, apiKey, getJson, getPage, sendJson } from "./api.js";
import { empty, errorBox, fmt, h, loading, show, table, when } from "./ui.js";

const OPEN = ["RECEIVED", "UPDATE_RECEIVED"];
const REFRESH_MS = 10_000;
const MAX_PAGES = 10; // 10 × 100 bookings at most on one screen

export async function render(main, { alive }) {
  main.append(h("h2", {}, "Booking decisions"));
  if (!apiKey()) {
    main.append(empty("Enter an API key (top right): the carrier's key shows the bookings to "
      + "decide, a shipper's key its own bookings and their status."));
    return;
  }
  const note = h("p.summary", { "data-testid": "queue-note", role: "status" });
  const body = h("div", {}, loading("Loading bookings…"));
  main.append(note, body);
  let who;
  try {
    who = await getJson("/api/utilisation", {}, { auth: true });
  } catch (err) {
    if (alive()) show(body, errorBox(err));
    return;
  }
  const carrier = who.role === "carrier";
  const refresh = async () => {
    let items;
    try {
      items = await bookings(carrier ? OPEN : []);
    } catch (err) {
      if (alive()) show(body, errorBox(err));
      return;
    }
    if (!alive()) return;
    show(body, carrier ? queueTable(items, act) : ownTable(items));
  };
  async function act(reference, verb, reason) {
    note.textContent = `${verb === "confirm" ? "Confirming" : "Declining"} ${reference}…`;
    try {
      const doc = await sendJson("POST", `/v2/bookings/${encodeURIComponent(reference)}/${verb}`,
        verb === "decline" ? { reason: reason || null } : undefined);
      note.textContent = `${reference}: ${doc.bookingStatus}`
        + (doc.carrierBookingReference ? ` (carrier booking reference ${doc.carrierBookingReference})` : "")
        + ".";
    } catch (err) {
      note.textContent = `${reference}: ${err instanceof ApiError ? err.message : String(err)}`;
    }
    await refresh();
  }
  note.textContent = carrier
    ? `Signed in as ${who.party} (carrier): bookings waiting for a decision, oldest first.`
    : `Signed in as ${who.party} (shipper): your bookings and their status.`;
  await refresh();
  const tick = async () => {
    if (!alive()) return;
    await refresh();
    if (alive()) setTimeout(tick, REFRESH_MS);
  };
  setTimeout(tick, REFRESH_MS);
}

// Every page of GET /v2/bookings with these states (all states if none).
async function bookings(states) {
  const items = [];
  let query = new URLSearchParams([...states.map((s) => ["bookingStatus", s]), ["limit", "100"]]);
  for (let n = 0; n < MAX_PAGES; n += 1) {
    const page = await getPage(`/v2/bookings?${query}`);
    items.push(...page.body);
    const cursor = page.headers.get("Next-Page-Cursor");
    if (!cursor) break;
    query = new URLSearchParams({ cursor });
  }
  return items;
}

function legsCell(b) {
  return h("ul.legs", {}, b.legs.map((l) => h("li", { class: l.TEULeft < b.TEU ? "short" : "" },
    `${l.from} → ${l.to}: ${fmt(l.TEULeft)} TEU, ${fmt(l.tonnesLeft)} t, `
    + `${fmt(l.reeferPlugsLeft)} plugs left`)));
}

function cargo(b) {
  return `${fmt(b.TEU)} TEU · ${fmt(b.grossWeightTonnes, 1)} t`
    + (b.reeferPlugs ? ` · ${fmt(b.reeferPlugs)} reefer` : "") + (b.isDangerous ? " · DG" : "");
}

function queueTable(items, act) {
  if (!items.length) return empty("No bookings are waiting for a decision.");
  return table([
    { label: "reference", value: (b) => h("code.ref", {}, b.carrierBookingRequestReference) },
    { label: "shipper", value: (b) => b.shipper },
    { label: "status", value: (b) => b.bookingStatus },
    { label: "sailing", value: (b) => `${b.carrierExportVoyageNumber} ${b.POL} → ${b.POD}` },
    { label: "ETD", value: (b) => when(b.departureDateTime, { year: false }) },
    { label: "cargo", value: cargo },
    { label: "legs and capacity left", value: legsCell },
    { label: "decision", value: (b) => decisionCell(b, act) },
  ], items, { testid: "queue-table" });
}

function decisionCell(b, act) {
  const ref = b.carrierBookingRequestReference;
  const reason = h("input", { type: "text", placeholder: "reason (optional)", maxlength: "500",
    "aria-label": `Reason to decline ${ref}`, "data-testid": "decline-reason" });
  const confirm = h("button", { type: "button", "data-testid": "confirm",
    onclick: (e) => { e.target.disabled = true; act(ref, "confirm"); } }, "Confirm");
  const decline = h("button.secondary", { type: "button", "data-testid": "decline",
    onclick: (e) => { e.target.disabled = true; act(ref, "decline", reason.value.trim()); } },
  "Decline");
  return h("div.decide", { "data-reference": ref }, confirm, decline, reason);
}

function ownTable(items) {
  if (!items.length) return empty("You have no bookings yet.");
  return table([
    { label: "reference", value: (b) => h("code.ref", {}, b.carrierBookingRequestReference) },
    { label: "status", value: (b) => h("span", { "data-testid": "status" }, b.bookingStatus) },
    { label: "carrier reference", value: (b) => b.carrierBookingReference || "–" },
    { label: "sailing", value: (b) => `${b.carrierExportVoyageNumber} ${b.POL} → ${b.POD}` },
    { label: "ETD", value: (b) => when(b.departureDateTime, { year: false }) },
    { label: "cargo", value: cargo },
    { label: "last note", value: (b) => (b.feedbacks.length ? b.feedbacks.at(-1).message : "") },
  ], items.map((b) => ({ ...b, _class: `status-${b.bookingStatus.toLowerCase()}` })),
  { testid: "own-table" });
}
