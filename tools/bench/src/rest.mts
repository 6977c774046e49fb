// Timed REST calls: one request at a time, each timed from send to the last byte of the body.
import { distribution, type Distribution } from './stats.mjs';

export interface Timed<T> {
  ms: number;
  body: T;
}

export async function timedRequest<T>(
  url: string,
  token: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<Timed<T>> {
  const started = performance.now();
  const response = await fetch(url, {
    signal: init.signal,
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) as T };
}

export interface Timing extends Distribution {
  samples: number[];
}

export interface TimingPlan {
  repeats: number;
  /** Stop early once this much time went into the samples and at least MIN_SAMPLES are in. */
  budgetMs: number;
}

const MIN_SAMPLES = 3;

/** One untimed call first (connection, JIT, caches), then timed calls in a row, within the plan. */
export async function timeRepeatedly<T>(
  plan: TimingPlan,
  call: () => Promise<Timed<T>>,
  check: (body: T) => void = () => undefined,
): Promise<Timing> {
  check((await call()).body);
  const samples: number[] = [];
  const started = performance.now();
  while (
    samples.length < plan.repeats &&
    (samples.length < MIN_SAMPLES || performance.now() - started < plan.budgetMs)
  ) {
    const { ms, body } = await call();
    check(body);
    samples.push(ms);
  }
  return { ...distribution(samples), samples };
}

/**
 * Two calls timed in turn, one of each per round (first, second, first, second…), after one
 * untimed call of each: what the machine does meanwhile weighs on both alike, where two runs of
 * timeRepeatedly one after the other put its drift between them into their ratio. The plan holds
 * for each call (twice its budget for the pair).
 */
export async function timeAlternately<T>(
  plan: TimingPlan,
  calls: [() => Promise<Timed<T>>, () => Promise<Timed<T>>],
  check: (body: T) => void = () => undefined,
): Promise<[Timing, Timing]> {
  for (const call of calls) check((await call()).body);
  const samples: [number[], number[]] = [[], []];
  const started = performance.now();
  while (
    samples[0].length < plan.repeats &&
    (samples[0].length < MIN_SAMPLES || performance.now() - started < plan.budgetMs * 2)
  ) {
    for (const [index, call] of calls.entries()) {
      const { ms, body } = await call();
      check(body);
      samples[index].push(ms);
    }
  }
  return [
    { ...distribution(samples[0]), samples: samples[0] },
    { ...distribution(samples[1]), samples: samples[1] },
  ];
}
