// Calls to the tradelane API: JSON in, the API's own error sentence out.
const KEY_NAME = "tradelane.apiKey";

export function apiKey() {
  return sessionStorage.getItem(KEY_NAME) || "";
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_NAME, key.trim());
  else sessionStorage.removeItem(KEY_NAME);
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// GET `path` with `params` (null/empty values dropped); `auth` adds the Bearer key.
export async function getJson(path, params = {}, { auth = false } = {}) {
  return (await request("GET", url(path, params), undefined, auth)).body;
}

// GET that also returns the response headers (for Next-Page-Cursor).
export async function getPage(path, params = {}) {
  return request("GET", url(path, params), undefined, true);
}

// POST/PUT/PATCH `body` as JSON with the Bearer key; the answer's JSON (or null).
export async function sendJson(method, path, body) {
  return (await request(method, path, body, true)).body;
}

async function request(method, target, payload, auth) {
  const headers = { Accept: "application/json" };
  if (auth) {
    const key = apiKey();
    if (!key) throw new ApiError(401, "Enter an API key (top right) to see bookings.");
    headers.Authorization = `Bearer ${key}`;
  }
  if (payload !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(target, { method, headers,
      body: payload === undefined ? undefined : JSON.stringify(payload) });
  } catch (err) {
    throw new ApiError(0, `The server did not answer (${err.message}).`);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, errorMessage(response, body));
  return { body, headers: response.headers };
}

export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") query.set(k, v);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function errorMessage(response, body) {
  if (body && body.errors && body.errors[0] && body.errors[0].errorCodeMessage) {
    return body.errors[0].errorCodeMessage;
  }
  if (body && body.statusCodeMessage) return body.statusCodeMessage;
  return `${response.status} ${response.statusText}`;
}
