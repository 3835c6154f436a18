// @ts-check
// The staff API, with the session's bearer token. The token lives in sessionStorage: it ends with
// the tab, and is never put in a URL (where logs and history would keep it).

const TOKEN_KEY = 'dbolt.console.token';

export class ApiError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** @returns {string | null} */
export function currentToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Called when the API says the session is over (401), so the page can show the sign-in form. */
let onSignedOut = () => {};
/** @param {() => void} handler */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

/** @param {string} email @param {string} password */
export async function signIn(email, password) {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await readJson(response);
  if (!response.ok) throw new ApiError(response.status, messageOf(body, response));
  sessionStorage.setItem(TOKEN_KEY, String(body.token));
}

export async function signOut() {
  const token = currentToken();
  sessionStorage.removeItem(TOKEN_KEY);
  if (token) await fetch('/api/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
}

/**
 * JSON from the API; throws ApiError with the API's own message on anything but 2xx.
 * @param {string} path
 * @param {{ method?: string, body?: unknown }} [options]
 * @returns {Promise<any>}
 */
export async function api(path, options = {}) {
  const response = await send(path, options);
  const body = await readJson(response);
  if (!response.ok) throw new ApiError(response.status, messageOf(body, response));
  return body;
}

/**
 * An image or other file the API serves behind the session (a screenshot): as a Blob.
 * @param {string} path
 */
export async function apiBlob(path) {
  const response = await send(path, {});
  if (!response.ok) throw new ApiError(response.status, messageOf(await readJson(response), response));
  return response.blob();
}

/** @param {string} path @param {{ method?: string, body?: unknown }} options */
async function send(path, { method = 'GET', body }) {
  /** @type {Record<string, string>} */
  const headers = { authorization: `Bearer ${currentToken() ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    onSignedOut();
  }
  return response;
}

/** @param {Response} response @returns {Promise<any>} */
async function readJson(response) {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** @param {any} body @param {Response} response */
function messageOf(body, response) {
  if (body && typeof body.message === 'string') return body.message;
  return `${response.status} ${response.statusText}`;
}
