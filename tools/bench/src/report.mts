// The table printed at the end, the JSON written next to it, and BASELINE.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';

export type Status = 'met' | 'missed' | '';

export interface Row {
  step: string;
  name: string;
  value: string;
  target: string;
  status: Status;
  detail: string;
}

export const fmt = {
  ms: (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : 'n/a'),
  rate: (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`,
  count: (value: number) => value.toLocaleString('en-US'),
  kb: (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`,
  mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`,
  percent: (value: number) => `${value.toFixed(0)}%`,
  ratio: (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a'),
  seconds: (value: number) => `${value.toFixed(1)} s`,
};

export const judge = (met: boolean): Status => (met ? 'met' : 'missed');

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  kernel: string;
}

export function machine(): Machine {
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
  };
}

export class Report {
  readonly rows: Row[] = [];
  readonly steps: Record<string, unknown> = {};

  add(row: Omit<Row, 'status' | 'target' | 'detail'> & Partial<Pick<Row, 'status' | 'target' | 'detail'>>): void {
    const complete = { target: '', status: '' as Status, detail: '', ...row };
    this.rows.push(complete);
    const mark = complete.status ? ` [${complete.status}]` : '';
    console.log(`[bench] ${complete.name}: ${complete.value}${mark}${complete.detail ? ` (${complete.detail})` : ''}`);
  }

  record(step: string, data: unknown): void {
    this.steps[step] = data;
  }

  table(): string {
    const headers = ['measurement', 'value', 'target', 'result'];
    const cells = this.rows.map((row) => [row.name, row.value, row.target || '—', row.status || '—']);
    const widths = headers.map((header, column) =>
      Math.max(header.length, ...cells.map((line) => line[column].length)),
    );
    const line = (values: string[]) =>
      values
        .map((value, column) => value.padEnd(widths[column]))
        .join('  ')
        .trimEnd();
    return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
  }

  markdown(): string {
    const escape = (text: string) => text.replace(/\|/g, '\\|');
    return [
      '| measurement | value | target | result | detail |',
      '| --- | --- | --- | --- | --- |',
      ...this.rows.map(
        (row) =>
          `| ${[row.name, row.value, row.target || '—', row.status || '—', row.detail || ''].map(escape).join(' | ')} |`,
      ),
    ].join('\n');
  }

  writeJson(file: string, extra: Record<string, unknown>): void {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ ...extra, rows: this.rows, steps: this.steps }, null, 2)}\n`);
  }
}
