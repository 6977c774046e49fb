import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { MongoClient } from 'mongodb';

/** The server every integration test talks to: the embedded FerretDB of `npm test`, or MONGODB_URI. */
export function testServerUri(): string {
  const uri = process.env['MONGODB_URI'];
  if (!uri)
    throw new Error('MONGODB_URI is not set: run the tests through `npm test` (it starts the embedded database)');
  return uri;
}

/** A database name of this test file's own, so that test files never see each other's data. */
export function testDatabaseName(): string {
  const testPath = expect.getState().testPath ?? 'unknown';
  const stem = basename(testPath)
    .replace(/\.spec\.ts$/, '')
    .replace(/[^A-Za-z0-9]/g, '_')
    .slice(0, 40);
  const hash = createHash('sha1').update(testPath).digest('hex').slice(0, 8);
  return `t_${stem}_${hash}`;
}

/** Drops this test file's database, after tests whose API processes wrote to it. */
export async function dropTestDatabase(): Promise<void> {
  const mongo = await MongoClient.connect(testServerUri());
  try {
    await mongo.db(testDatabaseName()).dropDatabase();
  } finally {
    await mongo.close();
  }
}
