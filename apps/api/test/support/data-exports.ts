import type { DataExportView } from '@promoto/shared-dto';
import request from 'supertest';
import type { Actor } from './actors';
import { waitFor } from './processes';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

/** Every entry of a zip, by its path, read with an unzip library of its own (not the one that wrote it). */
export async function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(data, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

export const parsed = <T>(entries: Map<string, Buffer>, path: string): T => {
  const entry = entries.get(path);
  if (!entry) throw new Error(`${path} is not in the zip (it holds ${[...entries.keys()].join(', ')})`);
  return JSON.parse(entry.toString('utf8')) as T;
};

/** The zip a signed link answers, as bytes. */
export async function downloadZip(baseUrl: string, url: string): Promise<Buffer> {
  const response = await request(baseUrl)
    .get(url)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    })
    .expect(200)
    .expect('Content-Type', 'application/zip');
  return response.body as Buffer;
}

/** The person's latest data export, once it is ready. */
export async function readyDataExport(baseUrl: string, actor: Actor): Promise<DataExportView> {
  let latest: DataExportView | undefined;
  await waitFor(
    async () => {
      const response = await request(baseUrl).get('/api/me/data-exports').set('Authorization', actor.bearer);
      [latest] = response.body as DataExportView[];
      return latest.status === 'ready';
    },
    30_000,
    'the data export to be ready',
  );
  return latest as DataExportView;
}
