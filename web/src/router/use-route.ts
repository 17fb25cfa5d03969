import { useSyncExternalStore } from 'react';

/**
 * A tiny history-based router: the current path and query, and navigate(). react-router is not a
 * dependency; the portal has a handful of flat routes, so this is all it needs.
 */
const EVENT = 'kd:navigate';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(EVENT, cb);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(EVENT));
}

export type Route = { path: string; query: URLSearchParams };

export function useRoute(): Route {
  const s = useSyncExternalStore(subscribe, snapshot, snapshot);
  const [path, search] = splitOnce(s, '?');
  return { path: normalise(path), query: new URLSearchParams(search) };
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

function normalise(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
