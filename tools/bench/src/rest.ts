// Timed REST calls: one request at a time, each timed from send to the last byte of the body.
import { distribution, type Distribution } from './stats.js';

export interface Timed<T> {
  ms: number;
  body: T;
}

export async function timedRequest<T>(url: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<Timed<T>> {
  const started = performance.now();
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) as T };
}

export interface Timing extends Distribution {
  samples: number[];
}

/** A few untimed calls first (connection, JIT, caches), then `repeats` timed ones in a row. */
export async function timeRepeatedly<T>(
  repeats: number,
  call: () => Promise<Timed<T>>,
  check: (body: T) => void = () => undefined,
  warmUp = 2,
): Promise<Timing> {
  for (let i = 0; i < warmUp; i += 1) check((await call()).body);
  const samples: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const { ms, body } = await call();
    check(body);
    samples.push(ms);
  }
  return { ...distribution(samples), samples };
}
