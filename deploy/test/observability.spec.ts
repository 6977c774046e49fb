import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { observabilityDir, run, succeed, workspaceRoot } from './tools';

interface Dashboard {
  uid: string;
  panels: { id: number; title: string; targets: { refId: string; expr: string }[] }[];
}

const alertsFile = join(observabilityDir, 'alerts.yml');
const dashboard = JSON.parse(readFileSync(join(observabilityDir, 'grafana-dashboard.json'), 'utf8')) as Dashboard;

/** Every metric the API defines (prom-client's `name: '…'` in its sources), plus Prometheus's own `up`. */
function exportedMetrics(): Set<string> {
  const names = new Set(['up', 'nodejs_eventloop_lag_seconds']);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
        for (const match of readFileSync(path, 'utf8').matchAll(/\bname: '([a-z_]+)',\n\s+help:/g)) names.add(match[1]);
    }
  };
  walk(join(workspaceRoot, 'apps/api/src'));
  return names;
}

/** The metric names a PromQL expression reads (histogram suffixes dropped). */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b([a-z_]+)\{/g)].map((match) => match[1].replace(/_(bucket|count|sum)$/, ''));
}

describe('deploy/observability', () => {
  it('has alert rules that promtool accepts', () => {
    expect(succeed(run('promtool', ['check', 'rules', alertsFile]))).toMatch(/SUCCESS: 9 rules found/);
  });

  it("fires each tested alert on the series that should raise it, and only then (promtool's rule tests)", () => {
    expect(succeed(run('promtool', ['test', 'rules', join(observabilityDir, 'alerts.test.yml')]))).toContain('SUCCESS');
  });

  it('has a Grafana dashboard whose every query is valid PromQL (each checked by promtool as a recording rule)', () => {
    const targets = dashboard.panels.flatMap((panel) => panel.targets.map((target) => ({ panel, target })));
    expect(targets.length).toBeGreaterThanOrEqual(12);
    const scratch = mkdtempSync(join(tmpdir(), 'promoto-dashboard-'));
    try {
      const rules = targets
        .map(
          ({ panel, target }) =>
            `      - record: promoto:dashboard:panel_${panel.id}_${target.refId}\n        expr: ${JSON.stringify(target.expr)}\n`,
        )
        .join('');
      const file = join(scratch, 'dashboard-queries.yml');
      writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules}`);
      expect(succeed(run('promtool', ['check', 'rules', file]))).toContain(`SUCCESS: ${targets.length} rules found`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('reads only metrics the API exports, in the dashboard and the alerts alike', () => {
    const exported = exportedMetrics();
    const read = [
      ...dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricsIn(target.expr))),
      ...metricsIn(readFileSync(alertsFile, 'utf8')),
    ];
    expect(read.length).toBeGreaterThan(20);
    expect([...new Set(read)].filter((name) => !exported.has(name))).toEqual([]);
  });
});
