import type { MessageView, Page } from '@promoto/shared-dto';
import request from 'supertest';
import { wallClockAt } from '../src/opening-hours/garage-clock';
import { registerActor, sendMessage, type Actor } from './support/actors';
import { eventually } from './support/eventually';
import { startReplicaPair, type ApiProcess } from './support/processes';
import { pause } from './support/sockets';
import { dropTestDatabase, testDatabaseName, testServerUri } from './support/test-database';

/** Two API processes over one database: both see a client write while the garage is closed. */
describe('the away notice with two API processes', () => {
  let replicaA: ApiProcess;
  let replicaB: ApiProcess;
  let client: Actor;
  let garagiste: Actor;

  beforeAll(async () => {
    [replicaA, replicaB] = await startReplicaPair({ MONGODB_URI: testServerUri(), MONGODB_DB: testDatabaseName() });
    [client, garagiste] = await Promise.all([
      registerActor(replicaA.baseUrl, 'client', 'Camille'),
      registerActor(replicaB.baseUrl, 'garagiste', 'Marc'),
    ]);
  }, 60_000);

  afterAll(async () => {
    for (const running of [replicaA, replicaB]) running?.child.kill('SIGKILL');
    await dropTestDatabase();
  });

  it('is written once per closed period, whichever process records the messages', async () => {
    const today = wallClockAt(new Date()).day;
    const allDay = ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => ({ day, opens: '00:00', closes: '24:00' }));
    await request(replicaB.baseUrl)
      .put(`/api/garages/${garagiste.user.garageId}/opening-hours`)
      .set('Authorization', garagiste.bearer)
      .send({ weekly: allDay, closures: [{ from: today, to: today }] })
      .expect(200);

    // One message through each process at the same moment: each process's listener answers the period.
    await Promise.all([
      sendMessage(replicaA.baseUrl, client, garagiste, 'Bonjour, vous êtes là ?'),
      sendMessage(replicaB.baseUrl, client, garagiste, 'Pour une vidange'),
    ]);
    const history = async () =>
      (
        (
          await request(replicaA.baseUrl)
            .get(`/api/messages/conversation/${garagiste.user.id}`)
            .set('Authorization', client.bearer)
            .expect(200)
        ).body as Page<MessageView>
      ).items;
    await eventually(async () =>
      expect((await history()).some((message) => message.kind === 'away-notice')).toBe(true),
    );
    // The other process's attempt, if it came second, is refused by the unique key: give it time to land.
    await pause(1_000);
    expect((await history()).filter((message) => message.kind === 'away-notice')).toHaveLength(1);
  });
});
