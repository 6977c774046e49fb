import {
  ERROR_CODES,
  type DataExportBlocksFile,
  type DataExportBookingsFile,
  type DataExportConversationFile,
  type DataExportManifest,
  type DataExportNotificationsFile,
  type DataExportProfileFile,
  type DataExportVehiclesFile,
  type DataExportView,
  type ReminderView,
  type MessageView,
  type Page,
  type UploadedAttachmentView,
} from '@promoto/shared-dto';
import contracts from '@promoto/shared-dto/schemas.json';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { addVehicle, book, registerActor, sendMessage, type Actor } from './support/actors';
import { mailMessage, mailsTo, testMailpit } from './support/mailpit';
import { startApiProcess, waitFor, type ApiProcess } from './support/processes';
import { testDatabaseName, testServerUri } from './support/test-database';
import { TINY_PDF } from './support/documents';
import { downloadZip, parsed, readyDataExport, unzip } from './support/data-exports';

const FRONTEND_URL = 'http://localhost:4200';
/** Short enough that the test sees the link expire. */
const EXPORT_TTL_S = 15;
/** Low enough that the test reaches it: each new copy reads everything again. */
const EXPORTS_PER_DAY = 2;

/**
 * « Mes données » against the built API (attachments need it), the real database and the real
 * Mailpit: the zip holds exactly the person's data, is announced by e-mail, and its link expires.
 */
describe('personal data export', () => {
  const mailpit = testMailpit();
  let api: ApiProcess;
  let client: Actor;
  let garagiste: Actor;
  let otherClient: Actor;
  let blockedGarage: Actor;

  beforeAll(async () => {
    api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      SMTP_URL: mailpit.smtpUrl,
      FRONTEND_URL,
      DATA_EXPORT_TTL_S: String(EXPORT_TTL_S),
      THROTTLE_DATA_EXPORTS_PER_DAY: String(EXPORTS_PER_DAY),
    });
    [client, garagiste, otherClient, blockedGarage] = await Promise.all([
      registerActor(api.baseUrl, 'client', 'Camille Export'),
      registerActor(api.baseUrl, 'garagiste'),
      registerActor(api.baseUrl, 'client', 'Bruno Autre'),
      registerActor(api.baseUrl, 'garagiste'),
    ]);
  });

  afterAll(() => {
    api?.child.kill('SIGKILL');
    return api?.exited;
  });

  const requestExport = async (actor: Actor) =>
    (await request(api.baseUrl).post('/api/me/data-exports').set('Authorization', actor.bearer).expect(202))
      .body as DataExportView;

  const readyExport = (actor: Actor) => readyDataExport(api.baseUrl, actor);

  const download = (url: string) => downloadZip(api.baseUrl, url);

  const historyBetween = async (me: Actor, other: Actor) =>
    (
      await request(api.baseUrl)
        .get(`/api/messages/conversation/${other.user.id}?limit=100`)
        .set('Authorization', me.bearer)
        .expect(200)
    ).body as Page<MessageView>;

  it('holds exactly the person’s data, announced by e-mail, behind a link that expires', async () => {
    const clio = await addVehicle(api.baseUrl, client);
    const booking = await book(api.baseUrl, client, garagiste, 'Freins', clio.id);
    await addVehicle(api.baseUrl, otherClient, { plate: 'BR-404-NX', make: 'Peugeot', model: '208', year: 2020 });
    const reminder = (
      await request(api.baseUrl)
        .post('/api/reminders')
        .set('Authorization', garagiste.bearer)
        .send({
          vehicleId: clio.id,
          text: 'Contrôle technique',
          dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
        .expect(201)
    ).body as ReminderView;
    await sendMessage(api.baseUrl, client, garagiste, 'Bonjour, ma Clio fait un bruit au freinage');
    const quote = (
      await request(api.baseUrl)
        .post('/api/attachments')
        .set('Authorization', garagiste.bearer)
        .attach('file', TINY_PDF, { filename: 'Devis freins.pdf', contentType: 'application/pdf' })
        .expect(201)
    ).body as UploadedAttachmentView;
    await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', garagiste.bearer)
      .send({ recipientId: client.user.id, content: 'Voici le devis', attachmentIds: [quote.id] })
      .expect(201);
    // Someone else's conversation with the same garage: none of it may reach the client's copy.
    await sendMessage(api.baseUrl, otherClient, garagiste, 'Message privé de Bruno pour le garage');
    // The client's block is theirs; the garage's block of Bruno is not.
    await request(api.baseUrl)
      .put(`/api/blocks/${blockedGarage.user.id}`)
      .set('Authorization', client.bearer)
      .expect(200);
    await request(api.baseUrl)
      .put(`/api/blocks/${otherClient.user.id}`)
      .set('Authorization', garagiste.bearer)
      .expect(200);

    const none = await request(api.baseUrl).get('/api/me/data-exports').set('Authorization', client.bearer).expect(200);
    expect(none.body).toEqual([]);
    const asked = await requestExport(client);
    expect(asked.status).toBe('pending');
    // Asked again while it is being prepared: the same copy, not a second one.
    expect((await requestExport(client)).id).toBe(asked.id);

    const ready = await readyExport(client);
    expect(ready).toMatchObject({ id: asked.id, status: 'ready' });
    expect(ready.url).toMatch(new RegExp(`^/api/data-exports/${asked.id}/file\\?expires=\\d+&signature=`));

    // The e-mail carries the same link, absolute.
    await waitFor(async () => (await mailsTo(mailpit.apiUrl, client.user.email)).length > 0, 15_000, 'the e-mail');
    const [summary] = await mailsTo(mailpit.apiUrl, client.user.email);
    const mail = await mailMessage(mailpit.apiUrl, summary.ID);
    expect(mail.Subject).toBe('Votre copie de vos données Promoto est prête');
    expect(mail.Text).toContain(`${FRONTEND_URL}${ready.url}`);

    // No token needed: the signed link is the key.
    const zip = await download(ready.url as string);
    expect(zip.length).toBe(ready.size);
    const entries = await unzip(zip);

    // Every JSON file is what its documented schema (shared-dto's schemas.json) says.
    const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
    ajv.addSchema({ definitions: contracts.definitions }, 'contracts');
    const layout: [RegExp, string][] = [
      [/^export\.json$/, 'DataExportManifest'],
      [/^profile\.json$/, 'DataExportProfileFile'],
      [/^bookings\.json$/, 'DataExportBookingsFile'],
      [/^vehicles\.json$/, 'DataExportVehiclesFile'],
      [/^notifications\.json$/, 'DataExportNotificationsFile'],
      [/^blocks\.json$/, 'DataExportBlocksFile'],
      [/^conversations\/[0-9a-f]{24}\.json$/, 'DataExportConversationFile'],
    ];
    for (const path of entries.keys()) {
      if (path.startsWith('attachments/')) continue;
      const schema = layout.find(([pattern]) => pattern.test(path))?.[1];
      expect([path, schema !== undefined]).toEqual([path, true]);
      const validate = ajv.compile({ $ref: `contracts#/definitions/${schema}` });
      expect([path, validate(parsed(entries, path)) ? [] : validate.errors]).toEqual([path, []]);
    }

    const manifest = parsed<DataExportManifest>(entries, 'export.json');
    expect(manifest).toMatchObject({ format: 'promoto-data-export', version: 1, userId: client.user.id });
    expect(new Set([...manifest.files, 'export.json'])).toEqual(new Set(entries.keys()));

    expect(parsed<DataExportProfileFile>(entries, 'profile.json').profile).toMatchObject({
      id: client.user.id,
      email: client.user.email,
      name: 'Camille Export',
      role: 'client',
    });
    expect(parsed<DataExportBookingsFile>(entries, 'bookings.json').bookings.map(({ id }) => id)).toEqual([booking.id]);
    const vehicles = parsed<DataExportVehiclesFile>(entries, 'vehicles.json');
    expect(vehicles.vehicles).toEqual([clio]);
    expect(vehicles.reminders.map(({ id, text }) => ({ id, text }))).toEqual([
      { id: reminder.id, text: 'Contrôle technique' },
    ]);
    const notifications = parsed<DataExportNotificationsFile>(entries, 'notifications.json');
    expect(notifications.preferences.emailEnabled).toBe(true);
    expect(notifications.pushSubscriptions).toEqual([]);
    expect(parsed<DataExportBlocksFile>(entries, 'blocks.json').blocks).toEqual([
      {
        party: {
          id: blockedGarage.user.garageId,
          name: expect.any(String),
          role: 'garagiste',
          garageName: expect.any(String),
        },
        blockedAt: expect.any(String),
      },
    ]);

    // One conversation, the one with the garage, with every message of it as the API serves them.
    const conversationFiles = [...entries.keys()].filter((path) => path.startsWith('conversations/'));
    expect(conversationFiles).toHaveLength(1);
    const thread = parsed<DataExportConversationFile>(entries, conversationFiles[0]);
    expect(thread.conversation.otherUser.id).toBe(garagiste.user.garageId);
    const served = await historyBetween(client, garagiste);
    expect(thread.messages.map(({ id, content }) => ({ id, content }))).toEqual(
      served.items.map(({ id, content }) => ({ id, content })),
    );
    const withQuote = thread.messages.find((message) => message.attachments?.length);
    expect(withQuote?.attachments).toEqual([
      {
        id: quote.id,
        kind: 'document',
        name: 'Devis freins.pdf',
        size: TINY_PDF.length,
        mimeType: 'application/pdf',
        file: `attachments/${quote.id}-Devis freins.pdf`,
      },
    ]);
    expect(entries.get(`attachments/${quote.id}-Devis freins.pdf`)).toEqual(TINY_PDF);

    // Nothing of the other client anywhere in the zip.
    for (const [path, content] of entries) {
      expect({
        path,
        holdsOther: ['Bruno', otherClient.user.id, 'BR-404-NX'].some((other) => content.includes(other)),
      }).toEqual({
        path,
        holdsOther: false,
      });
    }

    // An altered link is refused; once expired, the link is refused and the copy says so.
    const link = new URL(ready.url as string, api.baseUrl);
    const signature = link.searchParams.get('signature') as string;
    const altered = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await request(api.baseUrl)
      .get(`${link.pathname}?expires=${link.searchParams.get('expires')}&signature=${encodeURIComponent(altered)}`)
      .expect(404);
    await request(api.baseUrl)
      .get(
        `${link.pathname}?expires=${Number(link.searchParams.get('expires')) + 600}&signature=${encodeURIComponent(signature)}`,
      )
      .expect(404);
    await waitFor(
      async () => (await request(api.baseUrl).get(ready.url as string)).status === 404,
      (EXPORT_TTL_S + 15) * 1000,
      'the link to expire',
    );
    const [expired] = (
      await request(api.baseUrl).get('/api/me/data-exports').set('Authorization', client.bearer).expect(200)
    ).body as DataExportView[];
    expect(expired).toMatchObject({ id: asked.id, status: 'expired' });
    expect(expired.url).toBeUndefined();
  }, 120_000);

  it('gives the garagiste every conversation of theirs, and every message they can see', async () => {
    const ready = await (async () => {
      await requestExport(garagiste);
      return readyExport(garagiste);
    })();
    const entries = await unzip(await download(ready.url as string));
    const threads = [...entries.keys()]
      .filter((path) => path.startsWith('conversations/'))
      .map((path) => parsed<DataExportConversationFile>(entries, path));
    expect(threads.map(({ conversation }) => conversation.otherUser.id).sort()).toEqual(
      [client.user.id, otherClient.user.id].sort(),
    );
    for (const thread of threads) {
      const other = thread.conversation.otherUser.id === client.user.id ? client : otherClient;
      expect(thread.messages.map(({ id }) => id)).toEqual(
        (await historyBetween(garagiste, other)).items.map(({ id }) => id),
      );
    }
    expect(parsed<DataExportProfileFile>(entries, 'profile.json').profile).toMatchObject({
      id: garagiste.user.id,
      role: 'garagiste',
      garageId: garagiste.user.garageId,
    });
  }, 60_000);

  it('counts new copies against a daily limit; asking while one is prepared is not a new copy', async () => {
    const person = await registerActor(api.baseUrl, 'client', 'Chloé Pressée');
    for (let copy = 1; copy <= EXPORTS_PER_DAY; copy += 1) {
      const asked = await requestExport(person);
      expect((await requestExport(person)).id).toBe(asked.id);
      await readyExport(person);
    }
    const refused = await request(api.baseUrl)
      .post('/api/me/data-exports')
      .set('Authorization', person.bearer)
      .expect(429);
    expect(refused.body).toMatchObject({ code: ERROR_CODES.RATE_LIMITED, statusCode: 429 });
    expect(refused.body.message).toMatch(/réessayez dans \d+ h/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else is not held back by it.
    await requestExport(otherClient);
  }, 60_000);

  it('refuses a request without a token', async () => {
    await request(api.baseUrl).post('/api/me/data-exports').expect(401);
    await request(api.baseUrl).get('/api/me/data-exports').expect(401);
  });
});
