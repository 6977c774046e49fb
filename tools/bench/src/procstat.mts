// CPU and memory of the processes under test, read from /proc (Linux): nothing runs inside them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const SAMPLE_MS = 200;

/** User plus system CPU time the process has used, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

export interface ProcessUsage {
  /** CPU seconds used in the window. */
  cpuSeconds: number;
  /** Percent of one core over the window. */
  cpuPercent: number;
  peakRssBytes: number;
}

/** Watches processes over a time window: CPU used in it, and the highest RSS sampled. */
export class UsageWindow {
  private readonly startCpu: Map<number, number>;
  private readonly peakRss = new Map<number, number>();
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: number[]) {
    this.startCpu = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  private sample(): void {
    for (const pid of this.pids) this.peakRss.set(pid, Math.max(this.peakRss.get(pid) ?? 0, rssBytes(pid)));
  }

  stop(): Map<number, ProcessUsage> {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.started) / 1000;
    return new Map(
      this.pids.map((pid) => {
        const used = cpuSeconds(pid) - (this.startCpu.get(pid) ?? 0);
        return [
          pid,
          { cpuSeconds: used, cpuPercent: (used / seconds) * 100, peakRssBytes: this.peakRss.get(pid) ?? 0 },
        ];
      }),
    );
  }
}
