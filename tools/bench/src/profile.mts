// --profile: one probe at the ceiling against an API started with --cpu-prof while FerretDB's
// pprof listener samples the same seconds; both summarised as CPU microseconds per message.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join } from 'node:path';
import { closeLinks, PairLoad, type StepResult } from './load.mjs';
import { fmt } from './report.mjs';
import { sleep } from './stats.mjs';
import { apiEndpoint, describeStep, pairedUsers, type ApiContext } from './steps.mjs';

/** Functions listed per process. */
const TOP = 15;
const WARM_UP_SECONDS = 3;

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  /** Microseconds, on the monotonic clock that process.hrtime reads too. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface Cost {
  name: string;
  /** CPU microseconds per message. */
  perMessage: number;
  share: number;
}

export interface ProfileSummary {
  rate: number;
  seconds: number;
  messages: number;
  api: { perMessage: number; top: Cost[]; file: string; note: string };
  database: { perMessage: number; top: Cost[]; file: string; note: string } | null;
  markdown: string;
}

const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Self time per function within [from, to] (µs, the profile's clock). A sample lasts until the
 * next one; V8's own idle ticks are not CPU and are left out.
 */
function apiCosts(
  profile: CpuProfile,
  from: number,
  to: number,
  messages: number,
): { perMessage: number; top: Cost[] } {
  const names = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    names.set(
      node.id,
      url ? `${functionName || '(anonymous)'} ${basename(url)}:${lineNumber + 1}` : functionName || '(anonymous)',
    );
  }
  const self = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += profile.timeDeltas[i];
    const next = i + 1 < profile.samples.length ? at + profile.timeDeltas[i + 1] : profile.endTime;
    const name = names.get(profile.samples[i]) ?? '(unknown)';
    if (at < from || at > to || name === '(idle)') continue;
    const duration = Math.max(0, next - at);
    self.set(name, (self.get(name) ?? 0) + duration);
    total += duration;
  }
  const top = [...self]
    .sort((first, second) => second[1] - first[1])
    .slice(0, TOP)
    .map(([name, micros]) => ({ name, perMessage: micros / messages, share: micros / total }));
  return { perMessage: total / messages, top };
}

const UNITS: Record<string, number> = { ns: 0.001, us: 1, µs: 1, ms: 1000, s: 1e6, m: 60e6, h: 3600e6 };
const micros = (text: string) => {
  const match = text.match(/^([\d.]+)(ns|us|µs|ms|s|m|h)$/);
  return match ? Number(match[1]) * UNITS[match[2]] : Number.NaN;
};

/** `go tool pprof -top` on the fetched profile: flat time per function, and the profile's total. */
function goCosts(file: string, messages: number): { perMessage: number; top: Cost[] } {
  const result = spawnSync('go', ['tool', 'pprof', '-top', `-nodecount=${TOP}`, file], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '' },
  });
  if (result.status !== 0)
    throw new Error(`go tool pprof failed: ${(result.stderr || result.error?.message || '').trim()}`);
  const totalMatch = result.stdout.match(/of ([\d.]+\w+) total/);
  const total = totalMatch ? micros(totalMatch[1]) : Number.NaN;
  const top: Cost[] = [];
  for (const line of result.stdout.split('\n')) {
    const match = line.trim().match(/^([\d.]+\w+)\s+[\d.]+%\s+[\d.]+%\s+[\d.]+\w+\s+[\d.]+%\s+(.+)$/);
    if (!match) continue;
    const flat = micros(match[1]);
    top.push({ name: match[2], perMessage: flat / messages, share: flat / total });
  }
  return { perMessage: total / messages, top };
}

function table(costs: Cost[]): string[] {
  return [
    '| function | µs per message | share |',
    '| --- | --- | --- |',
    ...costs.map(
      (cost) =>
        `| \`${cost.name.replace(/\|/g, '\\|')}\` | ${cost.perMessage.toFixed(1)} | ${fmt.percent(cost.share * 100)} |`,
    ),
  ];
}

/**
 * Runs the probe against `context.api` (started with --cpu-prof into `dir`), then stops that API
 * so that V8 writes its profile, and summarises both profiles.
 */
export async function profileStep(
  context: ApiContext,
  debugUrl: string | undefined,
  rate: number,
  dir: string,
): Promise<ProfileSummary> {
  const { options, api, fixtures, report } = context;
  const seconds = Math.max(1, Math.round(options.profileSeconds));
  const users = await pairedUsers(fixtures, options.users);
  const endpoint = apiEndpoint(context);
  const links = await endpoint.connect(users, options.connectConcurrency);
  let probe: StepResult;
  let from: number;
  let to: number;
  const goFile = join(dir, 'ferretdb.pprof');
  let goFetch: Promise<string | null> = Promise.resolve(null);
  try {
    // No p99 limit: the probe runs its full length even if the profilers slow the API down.
    const load = new PairLoad(endpoint, users, links, { ...options, p99Limit: Number.POSITIVE_INFINITY });
    await load.join(options.connectConcurrency);
    // A freshly started API compiles its hot paths first: that is left out of the profile's window.
    await load.run(rate, Math.min(WARM_UP_SECONDS, seconds));
    from = nowMicros();
    if (debugUrl) {
      goFetch = fetch(`${debugUrl}/debug/pprof/profile?seconds=${seconds}`).then(async (response) => {
        if (!response.ok) return `FerretDB's pprof answered ${response.status}`;
        writeFileSync(goFile, Buffer.from(await response.arrayBuffer()));
        return null;
      });
    }
    probe = await load.run(rate, seconds);
    to = nowMicros();
    console.log(`[bench] profiled probe ${describeStep(probe)}`);
  } finally {
    closeLinks(links);
    await sleep(1_000);
  }
  const goError = await goFetch;
  await api.stop();

  const messages = probe.acked + probe.ackErrors;
  const profileFile = readdirSync(dir).find((file) => file.endsWith('.cpuprofile'));
  if (!profileFile) throw new Error(`the profiled API wrote no .cpuprofile into ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, profileFile), 'utf8')) as CpuProfile;
  // The bench and V8 read the same monotonic clock; if they ever disagree, the whole profile is used.
  const aligned = profile.startTime <= from && profile.endTime >= to;
  const apiSummary = aligned
    ? apiCosts(profile, from, to, messages)
    : apiCosts(profile, profile.startTime, profile.endTime, messages);
  const apiNote = aligned
    ? `samples of the probe's ${((to - from) / 1e6).toFixed(1)} s (sending, draining, idle excluded)`
    : 'the whole process lifetime (the profile clock did not match the probe window)';

  let database: ProfileSummary['database'] = null;
  const goMessages = rate * seconds;
  if (debugUrl) {
    const note = `pprof over the first ${seconds} s of the probe (${fmt.count(goMessages)} sends)`;
    try {
      if (goError) throw new Error(goError);
      database = { ...goCosts(goFile, goMessages), file: goFile, note };
    } catch (error) {
      database = { perMessage: Number.NaN, top: [], file: goFile, note: `not summarised: ${(error as Error).message}` };
    }
  }

  const heading = `One probe at ${fmt.rate(rate)} for ${seconds} s: ${fmt.count(messages)} sends answered, delivery p99 ${fmt.ms(probe.deliveryMs.p99)}.`;
  const markdown = [
    heading,
    '',
    `API (\`--cpu-prof\`): ${apiSummary.perMessage.toFixed(0)} µs of CPU per message over ${apiNote}; top self time:`,
    '',
    ...table(apiSummary.top),
    ...(database
      ? [
          '',
          `FerretDB (pprof): ${Number.isFinite(database.perMessage) ? `${database.perMessage.toFixed(0)} µs` : 'n/a'} of CPU per message, ${database.note}; top flat time:`,
          '',
          ...table(database.top),
        ]
      : ['', 'FerretDB: not profiled (the database is not the bench’s own).']),
  ].join('\n');
  writeFileSync(join(dir, 'summary.md'), `${markdown}\n`);
  console.log(`\n[bench] profile (files in ${dir}):\n${markdown}\n`);
  const summary: ProfileSummary = {
    rate,
    seconds,
    messages,
    api: { ...apiSummary, file: join(dir, profileFile), note: apiNote },
    database,
    markdown,
  };
  report.record('profile', { ...summary, probe });
  report.add({
    step: 'profile',
    name: 'profiled probe, CPU per message',
    value: `API ${apiSummary.perMessage.toFixed(0)} µs${database ? ` + FerretDB ${Number.isFinite(database.perMessage) ? database.perMessage.toFixed(0) : 'n/a'} µs` : ''}`,
    detail: `${fmt.rate(rate)} for ${seconds} s under the profilers; top: ${apiSummary.top[0]?.name ?? 'none'}${database?.top[0] ? `; ${database.top[0].name}` : ''}`,
  });
  return summary;
}
