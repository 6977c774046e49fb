import { ERROR_CODES, type ReportView } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import request from 'supertest';
import { registerActor, sendMessage, type Actor } from './support/actors';
import { testMailpit } from './support/mailpit';
import { joinTeam } from './support/team';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Reports over real HTTP against the real database: a message of the other side or a whole
 * conversation, with a reason from the list (and words, required with « other »), acknowledged
 * with the report; a side's second report of the same thing is its first.
 */
describe('reports', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    testApp = await createTestApp({ SMTP_URL: testMailpit().smtpUrl, THROTTLE_AUTH_PER_MINUTE: '1000' });
    api = request(testApp.baseUrl);
  });

  afterAll(async () => {
    await testApp.close();
  });

  const report = (actor: Actor, body: Record<string, unknown>) =>
    api.post('/api/reports').set('Authorization', actor.bearer).send(body);

  it('reports a message of the other side, acknowledged once, whoever of the garage reports it again', async () => {
    const [client, owner] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
    const staff = await joinTeam(testApp.baseUrl, owner, 'Léo');
    const insult = await sendMessage(testApp.baseUrl, client, owner, 'Message insultant');

    const first = await report(owner, {
      messageId: insult.id,
      reason: 'harassment',
      details: '  Insultes répétées ',
    }).expect(201);
    expect(first.body as ReportView).toEqual({
      id: expect.any(String),
      conversationId: insult.conversationId,
      messageId: insult.id,
      reason: 'harassment',
      details: 'Insultes répétées',
      createdAt: expect.any(String),
    });
    // The same message reported again by the garage's other member: the first report.
    const again = await report(staff, { messageId: insult.id, reason: 'spam' }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await testApp.connection.collection('reports').countDocuments({ message: { $exists: true } })).toBe(1);

    // The garage's internal note does not exist to the client.
    const note = await api
      .post('/api/messages')
      .set('Authorization', staff.bearer)
      .send({ recipientId: client.user.id, content: 'Client difficile', note: true })
      .expect(201);
    await report(client, { messageId: note.body.id, reason: 'spam' }).expect(404);

    // The client reports the whole conversation, by any member's id: one report of it.
    const conversation = await report(client, { userId: staff.user.id, reason: 'other', details: 'Démarchage' }).expect(
      201,
    );
    expect(conversation.body).toMatchObject({ conversationId: insult.conversationId, reason: 'other' });
    expect(conversation.body.messageId).toBeUndefined();
    const byGarageId = await report(client, { userId: owner.user.garageId, reason: 'fraud' }).expect(201);
    expect(byGarageId.body.id).toBe(conversation.body.id);
  });

  it('refuses what is not the reporter’s to report, and invalid reports', async () => {
    const [client, garagiste, stranger] = await Promise.all([
      registerActor(testApp.baseUrl, 'client'),
      registerActor(testApp.baseUrl, 'garagiste'),
      registerActor(testApp.baseUrl, 'client'),
    ]);
    const mine = await sendMessage(testApp.baseUrl, client, garagiste, 'Bonjour');

    // One's own message, someone else's conversation, a conversation that does not exist: 404.
    expect((await report(client, { messageId: mine.id, reason: 'spam' }).expect(404)).body.code).toBe(
      ERROR_CODES.NOT_FOUND,
    );
    await report(stranger, { messageId: mine.id, reason: 'spam' }).expect(404);
    await report(stranger, { userId: garagiste.user.id, reason: 'spam' }).expect(404);
    await report(client, { messageId: '6b07bd0e44ecb3a1dc99ffff', reason: 'spam' }).expect(404);

    const invalid: Record<string, unknown>[] = [
      { reason: 'spam' },
      { messageId: mine.id, userId: client.user.id, reason: 'spam' },
      { userId: garagiste.user.id, reason: 'boring' },
      { userId: garagiste.user.id, reason: 'other' },
      { userId: garagiste.user.id, reason: 'other', details: '   ' },
      { userId: garagiste.user.id, reason: 'spam', details: 'x'.repeat(501) },
      { userId: 'nope', reason: 'spam' },
      { userId: garagiste.user.id, reason: 'spam', extra: true },
    ];
    for (const body of invalid) {
      const refused = await report(garagiste, body);
      expect([body, refused.status, refused.body.code]).toEqual([body, 400, ERROR_CODES.VALIDATION_FAILED]);
    }
    await api.post('/api/reports').send({ userId: garagiste.user.id, reason: 'spam' }).expect(401);
    // Nothing of it was stored.
    expect(
      await testApp.connection
        .collection('reports')
        .countDocuments({ conversation: new Types.ObjectId(mine.conversationId) }),
    ).toBe(0);
  });
});
