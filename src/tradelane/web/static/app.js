// The dashboard shell: loads the case, switches views by URL hash, holds the API key.
import { apiKey, getJson, setApiKey } from "./api.js";
import { setCase } from "./state.js";
import { errorBox, show } from "./ui.js";
import * as berths from "./berths.js";
import * as bookings from "./bookings.js";
import * as map from "./map.js";
import * as queue from "./queue.js";
import * as scenarios from "./scenarios.js";
import * as schedule from "./schedule.js";
import * as stowage from "./stowage.js";
import * as sweep from "./sweeps.js";
import * as trade from "./trade.js";
import * as voyages from "./voyages.js";

const VIEWS = { map, scenarios, schedule, bookings, queue, berths, stowage, voyages, sweep, trade };
const main = document.getElementById("view");
let generation = 0;

async function start() {
  keyForm();
  try {
    const doc = await getJson("/api/case");
    setCase(doc);
    document.getElementById("case-title").textContent =
      `${doc.code} ${doc.name} · ${doc.rotation.join(" → ")} · ${doc.ships} × ${doc.capacity_teu.toLocaleString("en-GB")} TEU`;
  } catch (err) {
    show(main, errorBox(err));
    return;
  }
  window.addEventListener("hashchange", route);
  route();
}

function route() {
  const name = location.hash.slice(1) || "map";
  const view = VIEWS[name] || map;
  for (const a of document.querySelectorAll("nav a")) {
    a.classList.toggle("on", a.dataset.view === name);
    if (a.dataset.view === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  generation += 1;
  const mine = generation;
  main.replaceChildren();
  main.dataset.view = name;
  // A view checks `alive()` after each await so a stale answer never paints over another view.
  view.render(main, { alive: () => mine === generation }).catch((err) => {
    if (mine === generation) show(main, errorBox(err));
  });
}

function keyForm() {
  const form = document.getElementById("key-form");
  const input = document.getElementById("api-key");
  const stateEl = document.getElementById("key-state");
  checkKey(stateEl);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    setApiKey(input.value);
    input.value = "";
    await checkKey(stateEl);
    route();
  });
}

// Ask the server whose key it is: "Acme Batteries (shipper)", "key refused: …" or "no key".
async function checkKey(stateEl) {
  stateEl.classList.remove("ok", "bad");
  if (!apiKey()) {
    stateEl.textContent = "no key";
    return;
  }
  stateEl.textContent = "checking key…";
  try {
    const who = await getJson("/api/utilisation", {}, { auth: true });
    stateEl.textContent = `${who.party} (${who.role})`;
    stateEl.classList.add("ok");
  } catch (err) {
    stateEl.textContent = err.status === 401 ? "key refused" : `key not checked: ${err.message}`;
    stateEl.title = err.message;
    stateEl.classList.add("bad");
  }
}

start();
