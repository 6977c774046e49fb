import demo from '../src/seed/demo-accounts.json';
import { GarageMembersMigration } from '../src/team/garage-members-migration';
import { createTestApp, type TestApp } from './support/test-app';

describe('the migration to teams, on a copy of the demo data', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ SEED_DEMO_DATA: 'true' });
  });

  afterAll(() => testApp.close());

  it("makes each garage's garagiste its owner, once, with two replicas starting at once", async () => {
    const users = testApp.connection.collection('users');
    const garages = testApp.connection.collection('garages');
    const migrations = testApp.connection.collection('migrations');
    // The demo data as it was stored before teams.
    await users.updateMany({}, { $unset: { garageRole: '' } });
    await garages.updateMany({}, { $unset: { ownerCount: '' } });
    await migrations.deleteMany({ _id: 'garage-members' as never });
    const garagistes = await users.countDocuments({ garageId: { $exists: true } });
    expect(garagistes).toBe(demo.garagistes.length);

    const migration = testApp.app.get(GarageMembersMigration);
    await Promise.all([migration.onApplicationBootstrap(), migration.onApplicationBootstrap()]);

    expect(await users.countDocuments({ garageId: { $exists: true }, garageRole: 'owner' })).toBe(garagistes);
    expect(await garages.countDocuments({ ownerCount: 1 })).toBe(await garages.countDocuments({}));
    for (const garage of await garages.find({}).toArray()) {
      const members = await users.find({ garageId: garage['_id'] }).toArray();
      expect(members.map((member) => [member['_id'].toHexString(), member['garageRole']])).toEqual([
        [garage['owner'].toHexString(), 'owner'],
      ]);
    }
    expect(await migrations.countDocuments({ _id: 'garage-members' as never })).toBe(1);

    // Once done, a start does not look again.
    await users.updateOne({ garageId: { $exists: true } }, { $unset: { garageRole: '' } });
    await migration.onApplicationBootstrap();
    expect(await users.countDocuments({ garageId: { $exists: true }, garageRole: { $exists: false } })).toBe(1);
  });
});
