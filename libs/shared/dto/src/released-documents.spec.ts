import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  allowsBreakingChanges,
  asyncApiBreakingChanges,
  openApiBreakingChanges,
  type BreakingChange,
} from '../compatibility/breaking-changes';

type Document = Record<string, unknown> & { info: { version: string } };

const workspace = resolve(__dirname, '../../../..');
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Document;
const DOCUMENTS: [string, (before: Document, after: Document) => BreakingChange[]][] = [
  ['openapi.json', openApiBreakingChanges],
  ['asyncapi.json', asyncApiBreakingChanges],
];

/**
 * The documents of this version (written by `nx run shared-dto:package`) against those of the last
 * release, kept in `released/` (`nx run shared-dto:released-documents` after a release): a change
 * that breaks a client of the released version needs a new major version (a new minor while it
 * is 0.x), with its changelog entry.
 */
describe('the API documents against the last released ones', () => {
  const version = (JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string }).version;

  it.each(DOCUMENTS)('%s changes compatibly, or the version says it breaks', (name, breakingChanges) => {
    const released = read(join(__dirname, '../released', name));
    const current = read(join(workspace, 'dist/libs/shared/dto', name));
    expect(current.info.version).toBe(version);
    const breaking = allowsBreakingChanges(released.info.version, version)
      ? []
      : breakingChanges(released, current).map(({ where, what }) => `${where}: ${what}`);
    expect({ released: released.info.version, version, breaking }).toEqual({
      released: released.info.version,
      version,
      breaking: [],
    });
  });
});
