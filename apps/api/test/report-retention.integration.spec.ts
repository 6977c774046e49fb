import type { AdminReportView, Page, ReportView } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import request from 'supertest';
import { ReportRetention } from '../src/reports/report-retention';
import { ReportStatusMigration } from '../src/reports/report-status-migration';
import { registerActor, sendMessage, type Actor } from './support/actors';
import { createAdmin } from './support/admins';
import { createTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reports over real HTTP against the real database: the open ones are found by their status (the
 * ones made before admins are given it at start-up), and the handled ones go REPORT_RETENTION_DAYS
 * after an admin handled them, while an open one stays however old.
 */
describe('reports: their status, and their purge once handled', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let admin: Actor;
  let client: Actor;
  let garagiste: Actor;

  // The admin is made by the operator command, a process of its own: slow on a loaded machine.
  beforeAll(async () => {
    testApp = await createTestApp({ REPORT_RETENTION_DAYS: '90', THROTTLE_AUTH_PER_MINUTE: '1000' });
    api = request(testApp.baseUrl);
    [admin, client, garagiste] = await Promise.all([
      createAdmin(testApp.baseUrl),
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
    // A garage answers a client who wrote first.
    await sendMessage(testApp.baseUrl, client, garagiste, 'Bonjour, quel est le prix d’une vidange ?');
  }, 120_000);

  afterAll(() => testApp.close());

  const reports = () => testApp.connection.collection('reports');

  /** The client reports a new message of the garagiste's. */
  const reportAMessage = async (): Promise<string> => {
    const message = await sendMessage(testApp.baseUrl, garagiste, client, 'Payez d’abord, on verra ensuite');
    const report = (
      await api
        .post('/api/reports')
        .set('Authorization', client.bearer)
        .send({ messageId: message.id, reason: 'fraud' })
        .expect(201)
    ).body as ReportView;
    return report.id;
  };
  const handle = (id: string) =>
    api.post(`/api/admin/reports/${id}/handled`).set('Authorization', admin.bearer).expect(200);
  const listed = async () =>
    (
      (await api.get('/api/admin/reports').query({ limit: 50 }).set('Authorization', admin.bearer).expect(200))
        .body as Page<AdminReportView>
    ).items.map((report) => [report.id, report.status]);

  it('gives a report made before admins, stored without a status, the status open at start-up, and lists it with the open ones', async () => {
    const legacy = await reportAMessage();
    await reports().updateOne({ _id: new Types.ObjectId(legacy) }, { $unset: { status: '' } });
    await testApp.connection.collection('migrations').deleteOne({ _id: 'report-status' as never });

    await testApp.app.get(ReportStatusMigration).onApplicationBootstrap();

    expect((await reports().findOne({ _id: new Types.ObjectId(legacy) }))?.['status']).toBe('open');
    expect(await testApp.connection.collection('migrations').countDocuments({ _id: 'report-status' as never })).toBe(1);
    expect(await listed()).toContainEqual([legacy, 'open']);
    await handle(legacy);
    expect(await listed()).toContainEqual([legacy, 'handled']);
  });

  it('deletes the reports handled more than REPORT_RETENTION_DAYS ago, and keeps the open ones however old', async () => {
    const [handledLongAgo, handledRecently, openLongAgo] = [
      await reportAMessage(),
      await reportAMessage(),
      await reportAMessage(),
    ];
    await handle(handledLongAgo);
    await handle(handledRecently);
    const now = Date.now();
    const backdate = (id: string, field: string, days: number) =>
      reports().updateOne({ _id: new Types.ObjectId(id) }, { $set: { [field]: new Date(now - days * DAY_MS) } });
    await backdate(handledLongAgo, 'handledAt', 91);
    await backdate(handledRecently, 'handledAt', 89);
    await backdate(openLongAgo, 'createdAt', 400);

    expect(await testApp.app.get(ReportRetention).purge(now)).toBe(1);

    const kept = (
      await reports()
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map(({ _id }) => _id.toHexString());
    expect(kept).not.toContain(handledLongAgo);
    expect(kept).toEqual(expect.arrayContaining([handledRecently, openLongAgo]));
    expect((await listed()).map(([id]) => id)).not.toContain(handledLongAgo);
    await api.get(`/api/admin/reports/${handledLongAgo}`).set('Authorization', admin.bearer).expect(404);
  });
});
