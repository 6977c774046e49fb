import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort } from '../../scripts/free-port.cjs';

const ferretdbScript = resolve(__dirname, '../ferretdb.mjs');

/** `patched` runs every patch of tools/db/patches; `reference` only the _id lookup fix. */
export type Variant = 'patched' | 'reference';

export interface Server {
  uri: string;
  client: MongoClient;
  stop(): Promise<void>;
  /** Kills the process at once (SIGKILL to FerretDB itself) and keeps its data for another start. */
  kill(): Promise<string>;
}

/**
 * Starts one build of FerretDB on loopback with fresh data (built first if needed) and connects
 * to it; with `kept`, on the data directory a killed server left.
 */
export async function startServer(variant: Variant, kept?: string): Promise<Server> {
  const port = await freePort();
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), `ferretdb-${variant}-`));
  const script = kept ? ['restart', variant, String(port), dataDir] : ['start', variant, String(port), dataDir];
  const child = spawn(process.execPath, [ferretdbScript, ...script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  let output = '';
  await new Promise<void>((resolveReady, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening at')) resolveReady();
    });
    void exited.then(() => reject(new Error(`FerretDB (${variant}) exited before listening:\n${output}`)));
  });
  const uri = `mongodb://127.0.0.1:${port}/`;
  const client = await MongoClient.connect(uri);
  return {
    uri,
    client,
    async stop() {
      await client.close();
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      await client.close();
      // ferretdb.mjs names FerretDB's own pid in its "listening" line.
      process.kill(Number(/pid (\d+)/.exec(output)?.[1]), 'SIGKILL');
      child.kill('SIGTERM');
      await exited;
      return dataDir;
    },
  };
}
