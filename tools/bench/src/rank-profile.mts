// Ranks a V8 .cpuprofile (the one --profile writes) by package: CPU µs per message.
//   npx tsx tools/bench/src/rank-profile.mts <file.cpuprofile> <messages> [from-second] [to-second]
// The window is in seconds from the profile's start (the probe's seconds: the last ones before the
// API was stopped). Native and Node-internal time (a socket's writev, a Buffer's write) is charged to
// the nearest caller that belongs to a package or to the API, so that a driver's or Socket.IO's
// system calls count as theirs; what has no such caller (the collector, the microtask loop) stays
// under its own name.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, messagesArg, fromArg, toArg] = process.argv.slice(2);
if (!file || !messagesArg) {
  console.error('usage: rank-profile.mts <file.cpuprofile> <messages> [from-second] [to-second]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const messages = Number(messagesArg);
const from = Number(fromArg ?? 0);
const to = Number(toArg ?? Infinity);
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

/** A package's name, `api` for the API's bundle, `node:<module>` for Node's own code, or null for V8's. */
function packageOf(url: string): string | null {
  if (!url) return null;
  const inPackage = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1];
  if (url.endsWith('/api/main.js')) return 'api';
  return url.startsWith('node:') ? 'node' : url;
}

const owners = new Map<number, string>();
function ownerOf(id: number): string {
  const known = owners.get(id);
  if (known !== undefined) return known;
  const { functionName, url } = (nodes.get(id) as Node).callFrame;
  const own = packageOf(url);
  const parent = parents.get(id);
  const atRoot = parent === undefined || (nodes.get(parent) as Node).callFrame.functionName === '(root)';
  const owner = own && own !== 'node' ? own : atRoot ? functionName || '(anonymous)' : ownerOf(parent);
  owners.set(id, owner);
  return owner;
}

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i += 1) {
  at += profile.timeDeltas[i];
  const next = i + 1 < profile.samples.length ? at + profile.timeDeltas[i + 1] : profile.endTime;
  const second = (at - profile.startTime) / 1e6;
  const node = nodes.get(profile.samples[i]) as Node;
  if (second < from || second > to || node.callFrame.functionName === '(idle)') continue;
  const micros = Math.max(0, next - at);
  const owner = ownerOf(node.id);
  byPackage.set(owner, (byPackage.get(owner) ?? 0) + micros);
  const { functionName, url, lineNumber } = node.callFrame;
  const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1} [${owner}]`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  total += micros;
}

function table(title: string, costs: Map<string, number>, rows: number): void {
  console.log(`\n| ${title} | µs per message | share |\n| --- | --- | --- |`);
  for (const [name, micros] of [...costs].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`| \`${name}\` | ${(micros / messages).toFixed(1)} | ${((100 * micros) / total).toFixed(1)} % |`);
  }
}

console.log(`${(total / messages).toFixed(0)} µs of CPU per message over ${messages} messages`);
table('package (native time charged to its caller)', byPackage, 25);
table('function, self time [its package]', byFunction, 30);
