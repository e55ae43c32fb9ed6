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
  const headers = { Accept: "application/json" };
  if (auth) {
    const key = apiKey();
    if (!key) throw new ApiError(401, "Enter an API key (top right) to see bookings.");
    headers.Authorization = `Bearer ${key}`;
  }
  let response;
  try {
    response = await fetch(url(path, params), { headers });
  } catch (err) {
    throw new ApiError(0, `The server did not answer (${err.message}).`);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, errorMessage(response, body));
  return body;
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
