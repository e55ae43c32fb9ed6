// The dashboard shell: loads the case, switches views by URL hash, holds the API key.
import { apiKey, getJson, setApiKey } from "./api.js";
import { setCase } from "./state.js";
import { errorBox, show } from "./ui.js";
import * as berths from "./berths.js";
import * as bookings from "./bookings.js";
import * as map from "./map.js";
import * as scenarios from "./scenarios.js";
import * as schedule from "./schedule.js";

const VIEWS = { map, scenarios, schedule, bookings, berths };
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
  const paint = () => { stateEl.textContent = apiKey() ? "key set" : "no key"; };
  paint();
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    setApiKey(input.value);
    input.value = "";
    paint();
    route();
  });
}

start();
