import { MongoClient } from 'mongodb';
import { Schema } from 'mongoose';
import { createTestApp, type TestApp } from './support/test-app';
import { testDatabaseName, testServerUri } from './support/test-database';

describe('database connection (real server)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('writes a document through a Mongoose model and reads it back over a second connection', async () => {
    const Probe = testApp.connection.model('Probe', new Schema({ label: String, count: Number }));
    const written = await Probe.create({
      label: 'écrit par Mongoose',
      count: 42,
    });

    const client = await MongoClient.connect(testServerUri());
    try {
      const read = await client.db(testDatabaseName()).collection('probes').findOne({ _id: written._id });
      expect(read).toMatchObject({ label: 'écrit par Mongoose', count: 42 });
    } finally {
      await client.close();
    }
  });

  it('reports the database as up on GET /api/health', async () => {
    const response = await fetch(`${testApp.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' } },
    });
  });
});
