// The one way the console talks to calc serve: its REST API with the token from sessionStorage.
const KEY = 'calc.token';

export const token = {
  get: () => sessionStorage.getItem(KEY) ?? '',
  set: (t) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

/** An API error: the service's own message ({"error":…}) or its problems ({"problems":[{path,message}]}). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ?? (body?.problems ? body.problems.map((p) => `${p.path}: ${p.message}`).join('; ') : `HTTP ${status}`));
    this.status = status;
    this.body = body;
  }
}

function headers(json) {
  const h = {};
  if (token.get()) h.Authorization = 'Bearer ' + token.get();
  if (json) h['Content-Type'] = 'application/json';
  return h;
}

/** Calls METHOD PATH with an optional body (an object is sent as JSON, a string as is); resolves to the parsed JSON. */
export async function api(method, path, body) {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(path, { method, headers: headers(text !== undefined), body: text });
  const data = await res.json().catch(() => null);
  if (res.status === 401 && !path.startsWith('/me')) location.hash = '#/login';
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Sends a file (a pack's .zip) as the raw request body; resolves to the parsed JSON. */
export async function upload(path, file) {
  const res = await fetch(path, { method: 'POST', headers: { ...headers(false), 'Content-Type': 'application/zip' }, body: file });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/**
 * Reads a Server-Sent Events stream with fetch (EventSource cannot send the Authorization header):
 * calls onOpen() once the service answered, then onEvent(name, data) per event until the stream ends or signal aborts.
 */
export async function stream(path, onEvent, signal, onOpen = () => {}) {
  const res = await fetch(path, { headers: headers(false), signal });
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
  onOpen();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message', data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      onEvent(name, data ? JSON.parse(data) : null);
    }
  }
}
