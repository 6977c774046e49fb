import type { MessageView } from '@promoto/shared-dto';
import { MongoClient, ObjectId } from 'mongodb';
import request from 'supertest';
import { book, registerActor, type Actor } from './support/actors';
import { createProcessAdmin, setSuspension } from './support/admins';
import { eventually } from './support/eventually';
import { mailHeaders, mailMessage, mailsTo, testMailpit, type MailSummary } from './support/mailpit';
import { pause } from './support/sockets';
import { joinTeam } from './support/team';
import { freePort, startApiProcess, waitFor, type ApiProcess } from './support/processes';
import { testDatabaseName, testServerUri } from './support/test-database';

const FRONTEND_URL = 'http://localhost:4200';
const METRICS_TOKEN = 'notifications-test-metrics-token';

/**
 * E-mail for messages left unread, against the real Mailpit of `npm test` and built API
 * processes sharing one database (as replicas do), with a delay of 1 to 2 seconds.
 */
describe('unread-message e-mails', () => {
  const mailpit = testMailpit();
  const processes: ApiProcess[] = [];

  const startApi = async (delaySeconds: number, smtpUrl = mailpit.smtpUrl) => {
    const api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'Promoto <notifications@promoto.localhost>',
      NOTIFY_EMAIL_DELAY_S: String(delaySeconds),
      FRONTEND_URL,
      METRICS_TOKEN,
    });
    processes.push(api);
    return api;
  };

  const send = async (api: ApiProcess, from: Actor, to: Actor, content: string, appointmentId?: string) =>
    (
      await request(api.baseUrl)
        .post('/api/messages')
        .set('Authorization', from.bearer)
        .send({ recipientId: to.user.id, content, ...(appointmentId ? { appointmentId } : {}) })
        .expect(201)
    ).body as MessageView;

  /** Waits for the first e-mail to `actor`, then long enough for a second one to show up if one were sent. */
  const settledMailsTo = async (actor: Actor, quietMs = 3_000): Promise<MailSummary[]> => {
    await waitFor(async () => (await mailsTo(mailpit.apiUrl, actor.user.email)).length > 0, 15_000, 'an e-mail');
    await pause(quietMs);
    return mailsTo(mailpit.apiUrl, actor.user.email);
  };

  // Every process of a test polls the shared schedule: none may outlive its test and send (or
  // fail to send) the next test's e-mails, and no e-mail a test left scheduled may be sent (or
  // fail to be sent) by the next test's processes.
  beforeEach(async () => {
    await Promise.all(
      processes.splice(0).map((api) => {
        api.child.kill('SIGKILL');
        return api.exited;
      }),
    );
    const mongo = await MongoClient.connect(testServerUri());
    try {
      const database = mongo.db(testDatabaseName());
      await Promise.all(
        ['notification_emails', 'notification_email_claims'].map((name) => database.collection(name).deleteMany({})),
      );
    } finally {
      await mongo.close();
    }
  });

  afterAll(async () => {
    for (const api of processes) api.child.kill('SIGKILL');
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  it('sends an offline recipient one e-mail per conversation, with the thread link and escaped content', async () => {
    const api = await startApi(1);
    const client = await registerActor(api.baseUrl, 'client', 'Camille <b>Durand</b>');
    const garagiste = await registerActor(api.baseUrl, 'garagiste', 'Marc');
    const appointment = await book(api.baseUrl, client, garagiste, 'Vidange');
    await send(api, client, garagiste, 'Bonjour, ma voiture fait un bruit.', appointment.id);
    await send(api, client, garagiste, '<script>alert("x")</script> & <img src=x onerror=alert(1)>');

    const mails = await settledMailsTo(garagiste);
    expect(mails).toHaveLength(1);
    const mail = await mailMessage(mailpit.apiUrl, mails[0].ID);
    // The booking's notice is unread for the garagiste too: it and the two messages.
    expect(mail.Subject).toBe('3 messages non lus de Camille <b>Durand</b> sur Promoto');
    const threadLink = `${FRONTEND_URL}/garage/messages?user=${client.user.id}`;
    expect(mail.HTML).toContain(`href="${threadLink}"`);
    expect(mail.HTML).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(mail.HTML).not.toContain('<script');
    expect(mail.HTML).not.toContain('<img');
    expect(mail.HTML).not.toContain('<b>Durand');
    expect(mail.Text).toContain('<script>alert("x")</script>');
    expect(mail.Text).toContain('Bonjour, ma voiture fait un bruit.');
    expect(mail.Text).toContain(`Répondre : ${threadLink}`);
    expect(mail.Text).toMatch(/Rendez-vous concerné : Vidange chez Garage \d+, .+ 20\d\d à \d\d:\d\d/);
    expect(mail.Text).toContain(`${FRONTEND_URL}/garage/settings`);
    const headers = await mailHeaders(mailpit.apiUrl, mails[0].ID);
    expect(headers['List-Unsubscribe'][0]).toMatch(
      new RegExp(`^<${FRONTEND_URL}/api/notifications/unsubscribe\\?token=${garagiste.user.id}\\.[\\w-]+>$`),
    );
    expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);

    // Another message in the same unread window brings no second e-mail.
    await send(api, client, garagiste, 'Vous êtes là ?');
    await pause(3_000);
    expect(await mailsTo(mailpit.apiUrl, garagiste.user.email)).toHaveLength(1);
    expect(await mailsTo(mailpit.apiUrl, client.user.email)).toHaveLength(0);

    const metrics = await request(api.baseUrl)
      .get('/api/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(metrics.text).toMatch(/notification_emails_total\{outcome="sent"\} 1\b/);
  });

  it('e-mails a quote to its client who is away, and the client’s answer to the garage', async () => {
    const api = await startApi(1);
    const client = await registerActor(api.baseUrl, 'client', 'Camille');
    const garagiste = await registerActor(api.baseUrl, 'garagiste', 'Marc');
    const appointment = await book(api.baseUrl, client, garagiste, 'Freins');
    // The booking's notice read at once: the garage's e-mail below is the answer's.
    await request(api.baseUrl)
      .put('/api/messages/read')
      .set('Authorization', garagiste.bearer)
      .send({ userId: client.user.id })
      .expect(200);
    const sent = await request(api.baseUrl)
      .post('/api/quotes')
      .set('Authorization', garagiste.bearer)
      .send({
        appointmentId: appointment.id,
        lines: [{ label: 'Plaquettes', kind: 'part', quantityHundredths: 100, unitPriceCents: 9000 }],
      })
      .expect(201);

    const [toClient] = await settledMailsTo(client, 1_000);
    // To the client, the garage writes.
    expect(toClient.Subject).toMatch(/^Nouveau message de Garage \d+ sur Promoto$/);
    expect((await mailMessage(mailpit.apiUrl, toClient.ID)).Text).toMatch(/Devis : 1 ligne, 108,00\s€ TTC/);

    await request(api.baseUrl)
      .post(`/api/quotes/${(sent.body as MessageView).quote?.quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'approved' })
      .expect(201);
    const [toGarage] = await settledMailsTo(garagiste, 1_000);
    expect(toGarage.Subject).toBe('Nouveau message de Camille sur Promoto');
    expect((await mailMessage(mailpit.apiUrl, toGarage.ID)).Text).toMatch(
      /Devis v1 : 1 ligne acceptée ; 108,00\s€ TTC acceptés au total/,
    );
  });

  it("e-mails each member of the garage whose preferences ask for it, with the client's thread", async () => {
    const api = await startApi(1);
    const client = await registerActor(api.baseUrl, 'client', 'Camille');
    const owner = await registerActor(api.baseUrl, 'garagiste', 'Marc');
    const [lea, theo] = [await joinTeam(api.baseUrl, owner, 'Léa'), await joinTeam(api.baseUrl, owner, 'Théo')];
    await request(api.baseUrl)
      .put('/api/notifications/preferences')
      .set('Authorization', theo.bearer)
      .send({ emailEnabled: false })
      .expect(200);
    await send(api, client, lea, 'Bonjour, êtes-vous ouverts samedi ?');

    // Each member also has their invitation's e-mail: only the unread-message ones count here.
    const unreadMails = async (member: Actor) =>
      (await mailsTo(mailpit.apiUrl, member.user.email)).filter((mail) => mail.Subject.startsWith('Nouveau message'));
    for (const member of [owner, lea]) {
      await waitFor(async () => (await unreadMails(member)).length > 0, 15_000, 'an e-mail');
      const [mail] = await unreadMails(member);
      expect(mail.Subject).toBe('Nouveau message de Camille sur Promoto');
      const text = (await mailMessage(mailpit.apiUrl, mail.ID)).Text;
      expect(text).toContain(`Répondre : ${FRONTEND_URL}/garage/messages?user=${client.user.id}`);
    }
    await pause(2_000);
    expect(await unreadMails(theo)).toHaveLength(0);
    expect(await unreadMails(owner)).toHaveLength(1);
  });

  it('sends nothing when the thread is read before the delay', async () => {
    const api = await startApi(2);
    const client = await registerActor(api.baseUrl, 'client');
    const garagiste = await registerActor(api.baseUrl, 'garagiste');
    await send(api, client, garagiste, 'Ma voiture est-elle prête ?');
    await request(api.baseUrl)
      .put('/api/messages/read')
      .set('Authorization', garagiste.bearer)
      .send({ userId: client.user.id })
      .expect(200);
    await pause(5_000);
    expect(await mailsTo(mailpit.apiUrl, garagiste.user.email)).toHaveLength(0);

    // The reply is left unread: the client is e-mailed, with a link to the client's messages page.
    await send(api, garagiste, client, 'Oui, vous pouvez passer la chercher.');
    const mails = await settledMailsTo(client, 1_000);
    expect(mails).toHaveLength(1);
    const mail = await mailMessage(mailpit.apiUrl, mails[0].ID);
    expect(mail.Subject).toMatch(/^Nouveau message de Garage \d+ sur Promoto$/);
    expect(mail.Text).toContain('Oui, vous pouvez passer la chercher.');
    // The client's thread is the garage's: named by the garage's id.
    expect(mail.HTML).toContain(`href="${FRONTEND_URL}/app/messages?user=${garagiste.user.garageId}"`);

    // A message after the read opens a new window: e-mailed, quoting only what is unread.
    await send(api, client, garagiste, 'Merci, à tout à l’heure.');
    const [later] = await settledMailsTo(garagiste, 1_000);
    const laterText = (await mailMessage(mailpit.apiUrl, later.ID)).Text;
    expect(laterText).toContain('Merci, à tout à l’heure.');
    expect(laterText).not.toContain('Ma voiture est-elle prête ?');
  });

  it('e-mails nothing to a suspended account, and again once the suspension is lifted', async () => {
    const api = await startApi(1);
    const [client, otherClient, garagiste, admin] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'garagiste'),
      createProcessAdmin(api.baseUrl),
    ]);
    await setSuspension(api.baseUrl, admin, garagiste.user.id, true);
    await send(api, client, garagiste, 'Vous êtes toujours là ?');
    await pause(4_000);
    expect(await mailsTo(mailpit.apiUrl, garagiste.user.email)).toHaveLength(0);

    // Lifted: the next unread message of another conversation (a new unread window) is e-mailed.
    await setSuspension(api.baseUrl, admin, garagiste.user.id, false);
    await send(api, otherClient, garagiste, 'Je repasse demain.');
    const mails = await settledMailsTo(garagiste, 1_000);
    expect(mails).toHaveLength(1);
    expect((await mailMessage(mailpit.apiUrl, mails[0].ID)).Text).toContain('Je repasse demain.');
  });

  it('sends one e-mail per conversation when two API processes share the database', async () => {
    const [first, second] = await Promise.all([startApi(1), startApi(1)]);
    const garagiste = await registerActor(first.baseUrl, 'garagiste');
    const clients = await Promise.all([1, 2, 3, 4].map(() => registerActor(second.baseUrl, 'client')));
    await Promise.all(
      clients.map((client, index) => send(index % 2 ? first : second, client, garagiste, `Question ${index}`)),
    );
    await waitFor(
      async () => (await mailsTo(mailpit.apiUrl, garagiste.user.email)).length >= clients.length,
      15_000,
      'one e-mail per client',
    );
    await pause(3_000);
    const mails = await mailsTo(mailpit.apiUrl, garagiste.user.email);
    expect(mails).toHaveLength(clients.length);
    const texts = await Promise.all(mails.map(async (mail) => (await mailMessage(mailpit.apiUrl, mail.ID)).Text));
    for (const [index, client] of clients.entries()) {
      expect(texts.filter((text) => text.includes(`?user=${client.user.id}`))).toHaveLength(1);
      expect(texts.filter((text) => text.includes(`Question ${index}`))).toHaveLength(1);
    }
  });

  // The e-mail owed is scheduled by a listener just after the acknowledgement: killed before it, the
  // next process recovers it once the killed one's checkpoint is stale (see recording-recovery).
  it('sends a pending e-mail after the process that scheduled it was killed', async () => {
    const killed = await startApi(2);
    const client = await registerActor(killed.baseUrl, 'client');
    const garagiste = await registerActor(killed.baseUrl, 'garagiste');
    await send(killed, client, garagiste, 'Envoyé juste avant la panne');
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(await mailsTo(mailpit.apiUrl, garagiste.user.email)).toHaveLength(0);

    await startApi(2);
    const mails = await settledMailsTo(garagiste);
    expect(mails).toHaveLength(1);
    expect((await mailMessage(mailpit.apiUrl, mails[0].ID)).Text).toContain('Envoyé juste avant la panne');
  }, 60_000);

  it('honours the unsubscribe link without a session', async () => {
    const api = await startApi(1);
    const [client, otherClient] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'client'),
    ]);
    const garagiste = await registerActor(api.baseUrl, 'garagiste');
    await send(api, client, garagiste, 'Premier message');
    const [mail] = await settledMailsTo(garagiste, 0);
    const [link] = (await mailHeaders(mailpit.apiUrl, mail.ID))['List-Unsubscribe'];
    const path = new URL(link.slice(1, -1)).pathname + new URL(link.slice(1, -1)).search;

    const page = await request(api.baseUrl).get(path).expect(200);
    expect(page.text).toContain('<form method="post"');
    const forged = path.replace(/\.[\w-]+$/, '.AAAA');
    expect((await request(api.baseUrl).post(forged).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    // What a mail client sends for a one-click unsubscribe (RFC 8058), without any session.
    await request(api.baseUrl)
      .post(path)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200)
      .expect('Content-Type', /text\/html/);

    await send(api, otherClient, garagiste, 'Un autre client écrit');
    await pause(4_000);
    expect(await mailsTo(mailpit.apiUrl, garagiste.user.email)).toHaveLength(1);
  });

  it('stops an unsubscribe link from working once the person turns e-mails back on; the next e-mail carries one that works', async () => {
    const api = await startApi(1);
    const client = await registerActor(api.baseUrl, 'client');
    const garagiste = await registerActor(api.baseUrl, 'garagiste');
    const unsubscribePath = async (mail: MailSummary) => {
      const [link] = (await mailHeaders(mailpit.apiUrl, mail.ID))['List-Unsubscribe'];
      const url = new URL(link.slice(1, -1));
      return url.pathname + url.search;
    };
    const preferences = () =>
      request(api.baseUrl).get('/api/notifications/preferences').set('Authorization', garagiste.bearer).expect(200);

    await send(api, client, garagiste, 'Premier message');
    const [first] = await settledMailsTo(garagiste, 0);
    const firstLink = await unsubscribePath(first);
    await request(api.baseUrl).post(firstLink).expect(200);
    expect((await preferences()).body.emailEnabled).toBe(false);

    await request(api.baseUrl)
      .put('/api/notifications/preferences')
      .set('Authorization', garagiste.bearer)
      .send({ emailEnabled: true })
      .expect(200);
    for (const method of ['get', 'post'] as const) {
      const refused = await request(api.baseUrl)[method](firstLink).expect(400);
      expect(refused.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/turned back on/),
      });
    }
    expect((await preferences()).body.emailEnabled).toBe(true);

    await request(api.baseUrl)
      .put('/api/messages/read')
      .set('Authorization', garagiste.bearer)
      .send({ userId: client.user.id })
      .expect(200);
    await send(api, client, garagiste, 'Second message');
    await waitFor(
      async () => (await mailsTo(mailpit.apiUrl, garagiste.user.email)).length === 2,
      15_000,
      'a 2nd e-mail',
    );
    const second = (await mailsTo(mailpit.apiUrl, garagiste.user.email)).find((mail) => mail.ID !== first.ID);
    const secondLink = await unsubscribePath(second as MailSummary);
    expect(secondLink).not.toBe(firstLink);
    await request(api.baseUrl).post(secondLink).expect(200);
    expect((await preferences()).body.emailEnabled).toBe(false);
  });

  it('keeps each person’s preferences: e-mail off sends nothing, a chosen delay sets the due time', async () => {
    const api = await startApi(1);
    const [client, otherClient] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'client'),
    ]);
    const garagiste = await registerActor(api.baseUrl, 'garagiste');
    const preferences = () => request(api.baseUrl).get('/api/notifications/preferences');
    const update = (actor: Actor, body: object) =>
      request(api.baseUrl).put('/api/notifications/preferences').set('Authorization', actor.bearer).send(body);

    await preferences().expect(401);
    expect((await preferences().set('Authorization', garagiste.bearer).expect(200)).body).toEqual({
      emailEnabled: true,
      emailDelaySeconds: null,
      defaultEmailDelaySeconds: 1,
    });
    expect((await update(garagiste, { emailDelaySeconds: 42 }).expect(400)).body).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await update(garagiste, { emailEnabled: false }).expect(200)).body).toEqual({
      emailEnabled: false,
      emailDelaySeconds: null,
      defaultEmailDelaySeconds: 1,
    });
    await send(api, client, garagiste, 'Personne ne sera prévenu');
    await pause(3_000);
    expect(await mailsTo(mailpit.apiUrl, garagiste.user.email)).toHaveLength(0);

    expect((await update(garagiste, { emailEnabled: true, emailDelaySeconds: 900 }).expect(200)).body).toEqual({
      emailEnabled: true,
      emailDelaySeconds: 900,
      defaultEmailDelaySeconds: 1,
    });
    expect((await preferences().set('Authorization', garagiste.bearer).expect(200)).body.emailDelaySeconds).toBe(900);
    const before = Date.now();
    await send(api, otherClient, garagiste, 'Dans un quart d’heure');
    const sent = Date.now();
    const mongo = await MongoClient.connect(testServerUri());
    try {
      // Scheduled by a listener of the recorded message, just after the acknowledgement.
      await eventually(async () => {
        const scheduled = await mongo
          .db(testDatabaseName())
          .collection('notification_emails')
          .findOne({ recipient: new ObjectId(garagiste.user.id), status: 'pending' });
        expect(scheduled?.['dueAt'].getTime()).toBeGreaterThanOrEqual(before + 900_000);
        expect(scheduled?.['dueAt'].getTime()).toBeLessThan(sent + 900_000 + 1_000);
      });
    } finally {
      await mongo.close();
    }
    expect((await update(garagiste, { emailDelaySeconds: null }).expect(200)).body.emailDelaySeconds).toBeNull();
  });

  it('keeps an e-mail the SMTP server did not take, to retry it later, and counts the failure', async () => {
    const closedPort = await freePort();
    const api = await startApi(1, `smtp://127.0.0.1:${closedPort}`);
    const client = await registerActor(api.baseUrl, 'client');
    const garagiste = await registerActor(api.baseUrl, 'garagiste');
    await send(api, client, garagiste, 'Le serveur de mail est en panne');

    const mongo = await MongoClient.connect(testServerUri());
    try {
      const emails = mongo.db(testDatabaseName()).collection('notification_emails');
      const mine = { recipient: new ObjectId(garagiste.user.id) };
      await waitFor(async () => (await emails.findOne(mine))?.['failures'] === 1, 15_000, 'a failed attempt');
      const failed = await emails.findOne(mine);
      expect(failed).toMatchObject({
        status: 'pending',
        failures: 1,
        lastError: expect.stringMatching(/ECONNREFUSED/),
      });
      // The first retry waits 30 s.
      expect(failed?.['dueAt'].getTime()).toBeGreaterThan(Date.now() + 20_000);
      // Every failed attempt is counted once: the counter equals the failures the schedule
      // recorded, over all its e-mails (an exact 1 failed twice in npm test, never alone).
      await eventually(async () => {
        const metrics = await request(api.baseUrl)
          .get('/api/metrics')
          .set('Authorization', `Bearer ${METRICS_TOKEN}`)
          .expect(200);
        const retried = Number(/notification_emails_total\{outcome="retried"\} (\d+)/.exec(metrics.text)?.[1]);
        const attempts = (await emails.find().toArray()).reduce((sum, email) => sum + Number(email['failures']), 0);
        expect(retried).toBe(attempts);
      });
    } finally {
      await mongo.close();
    }
    expect(await mailsTo(mailpit.apiUrl, garagiste.user.email)).toHaveLength(0);
  });
});
