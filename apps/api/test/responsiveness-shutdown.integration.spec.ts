import type { GarageResponsiveness } from '../src/responsiveness/garage-responsiveness.schema';
import { dayOf } from '../src/responsiveness/reply-days';
import { MongoClient, ObjectId } from 'mongodb';
import { registerActor, sendMessage } from './support/actors';
import { testDatabaseName, testServerUri } from './support/test-database';
import { createTestApp } from './support/test-app';

describe('responsiveness counts when the API stops', () => {
  it('writes the counts it kept before the database connection closes', async () => {
    // Counts written every 10 minutes: only the shutdown can have written them.
    const testApp = await createTestApp({ RESPONSIVENESS_FLUSH_MS: '600000' });
    const [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
    ]);
    await sendMessage(testApp.baseUrl, client, garagiste);
    await sendMessage(testApp.baseUrl, garagiste, client);
    const database = new MongoClient(testServerUri());
    try {
      const counts = database.db(testDatabaseName()).collection<GarageResponsiveness>('garage_responsiveness');
      // The garage's counts, whichever member answers.
      const garageId = new ObjectId(garagiste.user.garageId);
      expect(await counts.findOne({ _id: garageId })).toBeNull();

      await testApp.app.close();

      const stored = await counts.findOne({ _id: garageId });
      const today = dayOf(new Date());
      expect(stored?.slots[`s${today % 64}`]).toEqual({
        day: today,
        requests: 1,
        answered: 1,
        answeredWithin24h: 1,
        brackets: { b0: 1 },
      });
    } finally {
      await database.db(testDatabaseName()).dropDatabase();
      await database.close();
    }
  });
});
