import type {
  AppointmentView,
  AuthResponse,
  DataExportView,
  MessageView,
  QuickReplyView,
  UploadedAttachmentView,
  VehicleView,
} from '@promoto/shared-dto';
import sharp from 'sharp';
import request from 'supertest';
import { book, nextSlot, registerActor, sendMessage, type Actor } from './support/actors';
import { testMailpit } from './support/mailpit';
import { createProcessAdmin } from './support/admins';
import { startApiProcess, waitFor, type ApiProcess } from './support/processes';
import { conformance, schemaValidator, type Schema } from './support/schemas';
import { freshEmail, invitationToken, MEMBER_PASSWORD } from './support/team';
import { testDatabaseName, testServerUri } from './support/test-database';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * The real answers of every route that answers JSON, as a client and a garagiste use the API,
 * checked against the schemas the OpenAPI document gives for them.
 */
describe('the answers match the OpenAPI document', () => {
  let api: ApiProcess;
  let document: Document;
  let validator: ReturnType<typeof schemaValidator>;
  let client: Actor;
  let garagiste: Actor;
  const checked = new Set<string>();

  /** Calls `verb template` (its `{params}` filled from `params`) and checks the answer's body. */
  async function call<T>(
    actor: Actor | null,
    verb: Verb,
    template: string,
    { params = {}, body, status = 200 }: { params?: Record<string, string>; body?: object; status?: number } = {},
  ): Promise<T> {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
    let pending = request(api.baseUrl)[verb](path);
    if (actor) pending = pending.set('Authorization', actor.bearer);
    const response = await (body ? pending.send(body) : pending).expect(status);
    const route = `${verb} ${template}`;
    const schema = document.paths[template][verb].responses[String(status)].content?.['application/json']?.schema;
    if (!schema) throw new Error(`${route} documents no JSON body for ${status}`);
    expect(conformance(validator(schema), response.body, route)).toEqual([route, []]);
    checked.add(route);
    return response.body as T;
  }

  beforeAll(async () => {
    api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      SMTP_URL: testMailpit().smtpUrl,
    });
    document = (await request(api.baseUrl).get('/api/docs-json').expect(200)).body as Document;
    validator = schemaValidator(document.components.schemas);
    [client, garagiste] = await Promise.all([
      registerActor(api.baseUrl, 'client', 'Camille'),
      registerActor(api.baseUrl, 'garagiste', 'Marc'),
    ]);
  });

  afterAll(async () => {
    api?.child.kill('SIGKILL');
  });

  it('for accounts, garages and bookings', async () => {
    await call(null, 'post', '/api/auth/register', {
      status: 201,
      body: { email: `nouveau-${Date.now()}@example.test`, password: 'motdepasse-solide', name: 'Léa', role: 'client' },
    });
    const session = await call<AuthResponse>(null, 'post', '/api/auth/login', {
      body: { email: client.user.email, password: 'motdepasse-solide' },
    });
    await call(null, 'post', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    await call(garagiste, 'get', '/api/auth/me');
    const garageId = garagiste.user.garageId as string;
    await call(client, 'get', '/api/garages');
    await call(client, 'get', '/api/garages/search');
    await call(client, 'get', '/api/garages/{id}', { params: { id: garageId } });
    await call(client, 'get', '/api/garages/{id}/responsiveness', { params: { id: garageId } });
    const booked = await call<AppointmentView>(client, 'post', '/api/appointments', {
      status: 201,
      body: { garageId, scheduledAt: nextSlot(), service: 'Vidange' },
    });
    const id = { id: booked.id };
    await call(client, 'get', '/api/appointments');
    await call(garagiste, 'get', '/api/appointments/{id}', { params: id });
    await call(garagiste, 'patch', '/api/appointments/{id}/status', { params: id, body: { status: 'confirmed' } });
    await call(garagiste, 'patch', '/api/appointments/{id}/schedule', {
      params: id,
      body: { scheduledAt: nextSlot() },
    });
    await call(client, 'get', '/api/appointments/{id}/messages', { params: id });
    await call(client, 'get', '/api/users/{id}', { params: { id: garagiste.user.id } });
    await call(client, 'get', '/api/garages/{id}/slots', { params: { id: garageId } });
    // Another garage's hours, so that the message checks below meet no away notice.
    const owner = await registerActor(api.baseUrl, 'garagiste', 'Sophie');
    const hours = { id: owner.user.garageId as string };
    await call(client, 'get', '/api/garages/{id}/opening-hours', { params: hours });
    await call(owner, 'put', '/api/garages/{id}/opening-hours', {
      params: hours,
      body: {
        weekly: [{ day: 1, opens: '08:00', closes: '12:00' }],
        closures: [{ from: '2030-01-01', to: '2030-01-02', label: 'Congés' }],
      },
    });
  });

  it('for messages, with their attachments, edits, deletions, reads and folders', async () => {
    const appointment = await book(api.baseUrl, client, garagiste, 'Freins');
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2e86de' } })
      .png()
      .toBuffer();
    const upload = await request(api.baseUrl)
      .post('/api/attachments')
      .set('Authorization', client.bearer)
      .attach('file', photo, 'voyant.png')
      .expect(201);
    const uploadSchema = document.paths['/api/attachments'].post.responses['201'].content?.['application/json']
      ?.schema as Schema;
    expect(validator(uploadSchema)(upload.body)).toBe(true);
    checked.add('post /api/attachments');

    const sent = await call<MessageView>(client, 'post', '/api/messages', {
      status: 201,
      body: {
        recipientId: garagiste.user.id,
        content: 'Voici le voyant',
        appointmentId: appointment.id,
        clientMessageId: 'schema-check-1',
        attachmentIds: [(upload.body as UploadedAttachmentView).id],
      },
    });
    const other = await call<MessageView>(client, 'post', '/api/messages', {
      status: 201,
      body: { recipientId: garagiste.user.id, content: 'Il clignote' },
    });
    await call(client, 'patch', '/api/messages/{id}', {
      params: { id: other.id },
      body: { content: 'Il reste allumé' },
    });
    await call(client, 'delete', '/api/messages/{id}', { params: { id: other.id } });
    const peer = { userId: client.user.id };
    await call(garagiste, 'get', '/api/messages/conversation/{userId}', { params: peer });
    await call(garagiste, 'get', '/api/messages/conversations');
    await call(garagiste, 'get', '/api/messages/unread-count');
    await call(garagiste, 'put', '/api/messages/read', { body: peer });
    await call(garagiste, 'put', '/api/messages/conversation/{userId}/archive', { params: peer });
    await call(garagiste, 'delete', '/api/messages/conversation/{userId}/archive', { params: peer });
    await call(garagiste, 'put', '/api/messages/conversation/{userId}/assignee', {
      params: peer,
      body: { assigneeId: garagiste.user.id },
    });
    expect(sent.attachments).toHaveLength(1);
  });

  it('for « Mes données »', async () => {
    await call(client, 'get', '/api/me/data-exports');
    await call(client, 'post', '/api/me/data-exports', { status: 202 });
    await waitFor(
      async () =>
        (
          (await request(api.baseUrl).get('/api/me/data-exports').set('Authorization', client.bearer))
            .body as DataExportView[]
        )[0]?.status === 'ready',
      30_000,
      'the copy to be ready',
    );
    const [ready] = await call<DataExportView[]>(client, 'get', '/api/me/data-exports');
    expect(ready.url).toBeDefined();
  });

  it('for notifications, quick replies and health', async () => {
    await call(client, 'get', '/api/notifications/push/public-key');
    await call(client, 'get', '/api/notifications/preferences');
    await call(client, 'put', '/api/notifications/preferences', { body: { emailDelaySeconds: 3600 } });
    const { items } = await call<{ items: QuickReplyView[] }>(garagiste, 'get', '/api/quick-replies');
    const created = await call<QuickReplyView>(garagiste, 'post', '/api/quick-replies', {
      status: 201,
      body: { title: 'Horaires', content: 'Ouvert de 8 h à 18 h, {client}.' },
    });
    await call(garagiste, 'patch', '/api/quick-replies/{id}', {
      params: { id: created.id },
      body: { title: 'Nos horaires' },
    });
    await call(garagiste, 'put', '/api/quick-replies/order', {
      body: { ids: [created.id, ...items.map((reply) => reply.id)] },
    });
    for (const path of ['/api/health', '/api/health/live', '/api/health/ready']) await call(null, 'get', path);
  });

  it('for the team and its invitations', async () => {
    await call(garagiste, 'get', '/api/team');
    const email = freshEmail();
    await call(garagiste, 'post', '/api/team/invitations', { status: 201, body: { email, role: 'staff' } });
    const token = await invitationToken(email);
    await call(null, 'post', '/api/invitations/preview', { body: { token } });
    const member = await call<AuthResponse>(null, 'post', '/api/invitations/register', {
      status: 201,
      body: { token, name: 'Julie', password: MEMBER_PASSWORD },
    });
    await call(garagiste, 'patch', '/api/team/members/{userId}', {
      params: { userId: member.user.id },
      body: { role: 'owner' },
    });
    // Out of the garage, then back with the same account.
    const julie: Actor = { ...member, bearer: `Bearer ${member.accessToken}` };
    await request(api.baseUrl)
      .delete(`/api/team/members/${julie.user.id}`)
      .set('Authorization', julie.bearer)
      .expect(204);
    await request(api.baseUrl)
      .post('/api/team/invitations')
      .set('Authorization', garagiste.bearer)
      .send({ email, role: 'staff' })
      .expect(201);
    await call(julie, 'post', '/api/invitations/accept', { body: { token: await invitationToken(email) } });
  });

  it('for vehicles, a booking made with one and a reminder on it', async () => {
    const clio = { plate: 'ab 123 cd', make: 'Renault', model: 'Clio', year: 2012, mileage: 140_000 };
    const created = await call<VehicleView>(client, 'post', '/api/vehicles', { status: 201, body: clio });
    const id = { id: created.id };
    await call(client, 'get', '/api/vehicles');
    await call(client, 'get', '/api/vehicles/{id}', { params: id });
    await call(client, 'put', '/api/vehicles/{id}', { params: id, body: { ...clio, mileage: 152_000 } });
    const booked = await call<AppointmentView>(client, 'post', '/api/appointments', {
      status: 201,
      body: { garageId: garagiste.user.garageId, scheduledAt: nextSlot(), service: 'Vidange', vehicleId: created.id },
    });
    expect(booked.vehicle?.plate).toBe('AB-123-CD');
    await call(garagiste, 'post', '/api/reminders', {
      status: 201,
      body: {
        vehicleId: created.id,
        text: 'Vidange dans 6 mois',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    await call(garagiste, 'get', '/api/reminders');
  });

  it('for quotes: sent, read and answered, and the booking with its approved amount', async () => {
    const appointment = await book(api.baseUrl, client, garagiste, 'Freins');
    const sent = await call<MessageView>(garagiste, 'post', '/api/quotes', {
      status: 201,
      body: {
        appointmentId: appointment.id,
        lines: [
          { label: 'Plaquettes', kind: 'part', quantityHundredths: 100, unitPriceCents: 8990 },
          { label: 'Main-d’œuvre', kind: 'labour', quantityHundredths: 150, unitPriceCents: 6000 },
        ],
      },
    });
    const quote = { id: sent.quote?.quoteId as string };
    await call(garagiste, 'get', '/api/quotes/{id}', { params: quote });
    // The built API writes the PDF with pdfkit from its node_modules, as the container image does.
    await call(client, 'get', '/api/quotes/{id}/document', { params: quote });
    await call(client, 'post', '/api/quotes/{id}/decisions', {
      params: quote,
      status: 201,
      body: { decision: 'approved', lineIndexes: [0] },
    });
    await call(client, 'get', '/api/appointments');
  });

  it('for reports and blocks', async () => {
    const [nina, paul] = await Promise.all([
      registerActor(api.baseUrl, 'client', 'Nina'),
      registerActor(api.baseUrl, 'garagiste', 'Paul'),
    ]);
    await sendMessage(api.baseUrl, nina, paul, 'Bonjour');
    const offer = await sendMessage(api.baseUrl, paul, nina, 'Offre spéciale, répondez vite');
    await call(nina, 'post', '/api/reports', { status: 201, body: { messageId: offer.id, reason: 'spam' } });
    await call(nina, 'put', '/api/blocks/{userId}', { params: { userId: paul.user.id } });
    await call(nina, 'get', '/api/blocks');
  });

  it('for admins', async () => {
    const [admin, zoe, hugo] = await Promise.all([
      createProcessAdmin(api.baseUrl),
      registerActor(api.baseUrl, 'client', 'Zoé'),
      registerActor(api.baseUrl, 'garagiste', 'Hugo'),
    ]);
    await sendMessage(api.baseUrl, zoe, hugo, 'Bonjour');
    const rude = await sendMessage(api.baseUrl, hugo, zoe, 'Message grossier');
    const report = (
      await request(api.baseUrl)
        .post('/api/reports')
        .set('Authorization', zoe.bearer)
        .send({ messageId: rude.id, reason: 'harassment' })
        .expect(201)
    ).body as { id: string };
    await call(admin, 'get', '/api/admin/reports');
    await call(admin, 'get', '/api/admin/reports/{id}', { params: report });
    await call(admin, 'get', '/api/admin/reports/{id}/messages', { params: report });
    await call(admin, 'post', '/api/admin/reports/{id}/handled', { params: report });
    const account = { id: hugo.user.id };
    await call(admin, 'post', '/api/admin/accounts/{id}/suspension', { params: account, body: { reason: 'Insultes' } });
    // While suspended, the account reaches its data with its password.
    await call(null, 'post', '/api/auth/suspended-access', {
      body: { email: hugo.user.email, password: 'motdepasse-solide' },
    });
    await call(admin, 'post', '/api/admin/accounts/{id}/reinstatement', {
      params: account,
      body: { reason: 'Excuses' },
    });
  });

  it('leaves no route that answers JSON unchecked', () => {
    const answeringJson = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) =>
          Object.entries(operation.responses).some(
            ([status, response]) => status.startsWith('2') && response.content?.['application/json'],
          ),
        )
        .map(([verb]) => `${verb} ${path}`),
    );
    expect([...checked].sort()).toEqual(answeringJson.sort());
  });
});
