// tools/bench/BASELINE.md: one section per labelled run ("before", "after", …). Writing a run
// replaces the section of its label and keeps the others in their order.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const TITLE = '# Benchmark baseline';
const INTRO = [
  'Each section is one run written by `npm run bench -- --write-baseline --baseline-label LABEL`; a new',
  'run replaces the section of its label and keeps the others. Timings are medians of repeated calls',
  '(p95 alongside); ratios compare medians. Latencies are measured from the scheduled send time, so a',
  'backlog counts in full. Targets are goals, not assertions.',
].join('\n');

interface Section {
  label: string;
  body: string;
}

function readSections(file: string): Section[] {
  if (!existsSync(file)) return [];
  const sections: Section[] = [];
  for (const chunk of readFileSync(file, 'utf8').split(/^## /m).slice(1)) {
    const newline = chunk.indexOf('\n');
    const label = (newline < 0 ? chunk : chunk.slice(0, newline)).trim();
    sections.push({ label, body: newline < 0 ? '' : chunk.slice(newline + 1).trim() });
  }
  return sections;
}

/** Writes `body` as the section `label`, in place of an earlier one of that label or at the end. */
export function writeBaselineSection(file: string, label: string, body: string): void {
  const sections = readSections(file);
  const index = sections.findIndex((section) => section.label === label);
  if (index >= 0) sections[index] = { label, body };
  else sections.push({ label, body });
  const text = [TITLE, '', INTRO, ...sections.flatMap((section) => ['', `## ${section.label}`, '', section.body])];
  writeFileSync(file, `${text.join('\n')}\n`);
}
