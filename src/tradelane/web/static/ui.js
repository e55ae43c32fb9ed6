// Small DOM helpers: elements, tables, chart/table switches, loading/empty/error states.
const SVG_NS = "http://www.w3.org/2000/svg";

// h("div.card", {title: "x"}, child, "text") — tag with optional .classes and #id.
export function h(spec, attrs = {}, ...children) {
  const [tagAndId, ...classes] = spec.split(".");
  const [tag, id] = tagAndId.split("#");
  const node = document.createElement(tag || "div");
  if (id) node.id = id;
  if (classes.length) node.className = classes.join(" ");
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    // style through the CSSOM: the CSP forbids style attributes set as markup
    if (k === "style") node.style.cssText = v;
    else node.setAttribute(k, v);
  }
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else if (k === "style") node.style.cssText = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// A table from column specs [{label, value: row => text|Node, num: bool}].
export function table(columns, rows, { caption = "", testid = "" } = {}) {
  const head = h("tr", {}, columns.map((c) => h("th", { class: c.num ? "num" : "" }, c.label)));
  const body = rows.map((row) => h("tr", { class: row._class || "" },
    columns.map((c) => h("td", { class: c.num ? "num" : "" }, c.value(row)))));
  return h("table", { "data-testid": testid || null },
    caption ? h("caption", {}, caption) : null, h("thead", {}, head), h("tbody", {}, body));
}

// A panel with a title and a Chart | Table switch; both views are built up front.
export function chartPanel(title, chart, tableNode, { testid = "" } = {}) {
  const chartBox = h("div.view-chart", {}, chart);
  const tableBox = h("div.view-table", { hidden: true }, tableNode);
  const buttons = ["Chart", "Table"].map((label, i) => h("button", {
    type: "button", class: i === 0 ? "on" : "", "aria-pressed": String(i === 0),
    onclick: (e) => {
      chartBox.hidden = i !== 0;
      tableBox.hidden = i !== 1;
      for (const b of e.target.parentNode.children) {
        b.classList.toggle("on", b === e.target);
        b.setAttribute("aria-pressed", String(b === e.target));
      }
    },
  }, label));
  return h("section.panel", { "data-testid": testid || null },
    h("header", {}, h("h3", {}, title), h("div.switch", { role: "group" }, buttons)),
    chartBox, tableBox);
}

export function loading(text = "Loading…") {
  return h("p.state.loading", { role: "status", "aria-busy": "true" }, text);
}

export function empty(text) {
  return h("p.state.empty", { role: "status" }, text);
}

export function errorBox(err) {
  return h("p.state.error", { role: "alert" }, err && err.message ? err.message : String(err));
}

// Replace `node`'s content.
export function show(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function fmt(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return digits === 1 ? one.format(value) :
    digits ? value.toFixed(digits) : number.format(value);
}

export function pct(share) {
  return share === null || share === undefined ? "–" : `${(share * 100).toFixed(1)} %`;
}

// "2024-01-01T00:00+00:00" → "Mon 01 Jan 2024 00:00" (UTC).
export function when(iso, { year = true } = {}) {
  const d = new Date(iso);
  const opts = { weekday: "short", day: "2-digit", month: "short", hour: "2-digit",
    minute: "2-digit", hourCycle: "h23", timeZone: "UTC" };
  if (year) opts.year = "numeric";
  return d.toLocaleString("en-GB", opts).replace(",", "");
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
