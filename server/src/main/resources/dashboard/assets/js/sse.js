// Server-sent events over fetch, so the access token goes in the Authorization header (EventSource cannot send
// one, and a token in the URL would end up in logs). Reconnects with capped backoff until stopped.
import * as session from './session.js';
import { parseJson } from './http.js';

/**
 * Streams `path` (below /api/v1/) and calls onEvent(name, data) per event; onState('open'|'retrying'|'closed').
 * Returns a function that stops the stream.
 */
export function subscribe(path, onEvent, onState = () => {}) {
  const controller = new AbortController();
  let delay = 1000;
  const loop = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await open(path, controller.signal);
        onState('open');
        delay = 1000;
        await read(response.body, onEvent);
      } catch (error) {
        if (controller.signal.aborted) break;
        if (error.status === 401 && !(await session.refresh())) { onState('closed'); return; }
        if (error.status === 403) { onState('closed'); return; }
      }
      if (controller.signal.aborted) break;
      onState('retrying');
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30000);
    }
    onState('closed');
  };
  loop();
  return () => controller.abort();
}

async function open(path, signal) {
  const response = await fetch(`/api/v1/${path}`, {
    headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.token()}` },
    credentials: 'same-origin', cache: 'no-store', signal,
  });
  if (!response.ok || !response.body) {
    const error = new Error(`event stream answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response;
}

async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
    }
  }
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return;
  const text = data.join('\n');
  let parsed = text;
  try { parsed = parseJson(text); } catch { /* plain text event */ }
  onEvent(name, parsed);
}

/** Streams a POST that answers SSE (e.g. an account test); resolves when the stream ends. */
export async function postStream(path, onEvent) {
  const response = await fetch(`/api/v1/${path}`, {
    method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', Authorization: `Bearer ${session.token()}` },
    body: '{}',
  });
  if (!response.ok || !response.body) {
    const error = new Error(`answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  await read(response.body, onEvent);
}
