import type { AppointmentView, AttachmentView, MessageView, Page, QuoteView } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import request from 'supertest';
import { addVehicle, book, registerActor, type Actor } from './support/actors';
import { pdfText } from './support/pdf-text';
import { connectSocket, nextEvent, type ChatClient } from './support/sockets';
import { createTestApp, type TestApp } from './support/test-app';

const THREE_LINES = [
  { label: 'Plaquettes de frein avant', kind: 'part', quantityHundredths: 100, unitPriceCents: 8990 },
  { label: 'Main-d’œuvre freins', kind: 'labour', quantityHundredths: 150, unitPriceCents: 6000 },
  { label: 'Liquide de frein', kind: 'part', quantityHundredths: 100, unitPriceCents: 1250, vatRateBasisPoints: 550 },
];

describe('quotes in the thread', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let client: Actor;
  let garagiste: Actor;
  let strangerClient: Actor;
  let strangerGaragiste: Actor;
  let booking: AppointmentView;
  const sockets: ChatClient[] = [];

  beforeAll(async () => {
    testApp = await createTestApp();
    api = request(testApp.baseUrl);
    [client, garagiste, strangerClient, strangerGaragiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
      registerActor(testApp.baseUrl, 'client', 'Julien'),
      registerActor(testApp.baseUrl, 'garagiste', 'Sophie'),
    ]);
    const vehicle = await addVehicle(testApp.baseUrl, client);
    booking = await book(testApp.baseUrl, client, garagiste, 'Freins', vehicle.id);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp.close();
  });

  const connect = async (actor: Actor) => {
    const socket = await connectSocket(testApp.baseUrl, actor.accessToken);
    sockets.push(socket);
    return socket;
  };

  const sendQuote = async (body: Record<string, unknown> = {}): Promise<MessageView> =>
    (
      await api
        .post('/api/quotes')
        .set('Authorization', garagiste.bearer)
        .send({ appointmentId: booking.id, lines: THREE_LINES, ...body })
        .expect(201)
    ).body as MessageView;

  const quoteOf = async (actor: Actor, quoteId: string): Promise<QuoteView> =>
    (await api.get(`/api/quotes/${quoteId}`).set('Authorization', actor.bearer).expect(200)).body as QuoteView;

  it('sends a quote through the thread with totals computed by the server, approved line by line', async () => {
    const clientSocket = await connect(client);
    const garageSocket = await connect(garagiste);
    const arrived = nextEvent(clientSocket, 'new-message', (message) => message.kind === 'quote');
    const sent = await sendQuote({ clientMessageId: 'devis-freins-1' });
    expect(sent.kind).toBe('quote');
    expect(sent.appointmentId).toBe(booking.id);
    expect(sent.senderName).toBe('Marc');
    expect(sent.quote?.vehicle).toEqual(booking.vehicle);
    expect(sent.quote?.vehicle?.plate).toMatch(/^[A-Z]{2}-\d{3}-[A-Z]{2}$/);
    // 89,90 + 90,00 + 12,50 = 192,40 € HT; 17,98 + 18,00 + 0,69 (0,6875) = 36,67 € TVA
    expect(sent.quote?.totals).toEqual({ netCents: 19240, vatCents: 3667, grossCents: 22907 });
    expect(sent.quote?.lines.map((line) => line.vatRateBasisPoints)).toEqual([2000, 2000, 550]);
    expect(sent.quote?.lines[1]).toMatchObject({ netCents: 9000, vatCents: 1800, grossCents: 10800 });
    expect(sent.content).toContain('229,07');
    const live = await arrived;
    expect(live.quote).toEqual(sent.quote);

    const retried = await sendQuote({ clientMessageId: 'devis-freins-1' });
    expect(retried.id).toBe(sent.id);

    const history = await api
      .get(`/api/messages/conversation/${garagiste.user.id}`)
      .set('Authorization', client.bearer)
      .expect(200);
    const quotes = (history.body as Page<MessageView>).items.filter((message) => message.kind === 'quote');
    expect(quotes.map((message) => message.id)).toEqual([sent.id]);

    const quoteId = sent.quote?.quoteId ?? '';
    const opened = await quoteOf(client, quoteId);
    expect(opened).toMatchObject({ status: 'open', version: 1, messageId: sent.id, appointmentId: booking.id });
    expect(opened.lines.map((line) => line.decision)).toEqual(['pending', 'pending', 'pending']);

    const notice = nextEvent(garageSocket, 'new-message', (message) => message.kind === 'quote-decision');
    const decided = await api
      .post(`/api/quotes/${quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'approved', lineIndexes: [0, 2] })
      .expect(201);
    const afterDecision = decided.body as QuoteView;
    expect(afterDecision.lines.map((line) => line.decision)).toEqual(['approved', 'pending', 'approved']);
    expect(afterDecision.approved).toEqual({ netCents: 10240, vatCents: 1867, grossCents: 12107 });
    expect(afterDecision.status).toBe('open');

    const decisionNotice = await notice;
    expect(decisionNotice.senderId).toBe(client.user.id);
    expect(decisionNotice.quoteDecision).toEqual({
      quoteId,
      version: 1,
      decisions: [
        { lineIndex: 0, decision: 'approved' },
        { lineIndex: 2, decision: 'approved' },
      ],
      approved: { netCents: 10240, vatCents: 1867, grossCents: 12107 },
      pendingLines: 1,
    });
    expect(decisionNotice.content).toContain('121,07');
    const unread = await api.get('/api/messages/unread-count').set('Authorization', garagiste.bearer).expect(200);
    expect(unread.body.total).toBeGreaterThanOrEqual(1);

    const bookings = await api.get('/api/appointments').set('Authorization', client.bearer).expect(200);
    const withAmount = (bookings.body as Page<AppointmentView>).items.find((item) => item.id === booking.id);
    expect(withAmount?.approvedQuote).toEqual({
      quoteId,
      version: 1,
      approved: { netCents: 10240, vatCents: 1867, grossCents: 12107 },
    });

    const again = await api
      .post(`/api/quotes/${quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'declined', lineIndexes: [0] })
      .expect(409);
    expect(again.body.code).toBe('QUOTE_LINE_DECIDED');
  });

  it('declines every line at once', async () => {
    const sent = await sendQuote();
    const quoteId = sent.quote?.quoteId ?? '';
    const declined = await api
      .post(`/api/quotes/${quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'declined' })
      .expect(201);
    expect((declined.body as QuoteView).status).toBe('decided');
    expect((declined.body as QuoteView).lines.every((line) => line.decision === 'declined')).toBe(true);
    expect((declined.body as QuoteView).approved.grossCents).toBe(0);
  });

  it('keeps a superseded quote, marked replaced, and refuses decisions on it', async () => {
    const first = await sendQuote();
    const firstId = first.quote?.quoteId ?? '';
    const second = await sendQuote({
      supersedesQuoteId: firstId,
      lines: THREE_LINES.slice(0, 2),
      clientMessageId: 'devis-freins-v2',
    });
    expect(second.quote).toMatchObject({ version: 2, supersedesQuoteId: firstId });
    // Retried, the new version is the same message, not a refusal for a quote already replaced.
    const retried = await sendQuote({
      supersedesQuoteId: firstId,
      lines: THREE_LINES.slice(0, 2),
      clientMessageId: 'devis-freins-v2',
    });
    expect(retried.id).toBe(second.id);
    expect((await quoteOf(garagiste, second.quote?.quoteId ?? '')).messageId).toBe(second.id);
    expect(second.content).toContain('v2');

    const old = await quoteOf(client, firstId);
    expect(old).toMatchObject({ status: 'superseded', supersededByQuoteId: second.quote?.quoteId });
    const refused = await api
      .post(`/api/quotes/${firstId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'approved' })
      .expect(409);
    expect(refused.body.code).toBe('QUOTE_SUPERSEDED');
    const replacedTwice = await api
      .post('/api/quotes')
      .set('Authorization', garagiste.bearer)
      .send({ appointmentId: booking.id, lines: THREE_LINES, supersedesQuoteId: firstId })
      .expect(409);
    expect(replacedTwice.body.code).toBe('QUOTE_SUPERSEDED');
    await api
      .post(`/api/quotes/${second.quote?.quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'approved', lineIndexes: [1] })
      .expect(201);
  });

  it('refuses strangers: another client or another garage cannot read, send or decide', async () => {
    const sent = await sendQuote();
    const quoteId = sent.quote?.quoteId ?? '';
    await api.get(`/api/quotes/${quoteId}`).set('Authorization', strangerClient.bearer).expect(404);
    await api.get(`/api/quotes/${quoteId}`).set('Authorization', strangerGaragiste.bearer).expect(404);
    await api
      .post(`/api/quotes/${quoteId}/decisions`)
      .set('Authorization', strangerClient.bearer)
      .send({ decision: 'approved' })
      .expect(404);
    await api
      .post(`/api/quotes/${quoteId}/decisions`)
      .set('Authorization', garagiste.bearer)
      .send({ decision: 'approved' })
      .expect(403);
    await api
      .post('/api/quotes')
      .set('Authorization', strangerGaragiste.bearer)
      .send({ appointmentId: booking.id, lines: THREE_LINES })
      .expect(404);
    await api
      .post('/api/quotes')
      .set('Authorization', client.bearer)
      .send({ appointmentId: booking.id, lines: THREE_LINES })
      .expect(403);
    await api.get(`/api/quotes/${quoteId}`).set('Authorization', garagiste.bearer).expect(200);
  });

  it('refuses amounts that are not whole cents, totals given by the sender, and lines out of bounds', async () => {
    const invalid = await api
      .post('/api/quotes')
      .set('Authorization', garagiste.bearer)
      .send({ appointmentId: booking.id, lines: [{ ...THREE_LINES[0], unitPriceCents: 89.9 }] })
      .expect(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    await api
      .post('/api/quotes')
      .set('Authorization', garagiste.bearer)
      .send({ appointmentId: booking.id, lines: [] })
      .expect(400);
    await api
      .post('/api/quotes')
      .set('Authorization', garagiste.bearer)
      .send({ appointmentId: booking.id, lines: [{ ...THREE_LINES[0], grossCents: 1 }] })
      .expect(400);
    const sent = await sendQuote();
    await api
      .post(`/api/quotes/${sent.quote?.quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'approved', lineIndexes: [3] })
      .expect(400);
  });

  it('writes the quote as a French PDF, downloadable by both sides through a signed link, parsed back', async () => {
    const sent = await sendQuote();
    const quoteId = sent.quote?.quoteId ?? '';
    await api
      .post(`/api/quotes/${quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'approved', lineIndexes: [0, 2] })
      .expect(201);
    await api
      .post(`/api/quotes/${quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'declined', lineIndexes: [1] })
      .expect(201);
    const link = (await api.get(`/api/quotes/${quoteId}/document`).set('Authorization', garagiste.bearer).expect(200))
      .body as AttachmentView;
    expect(link).toMatchObject({ kind: 'document', mimeType: 'application/pdf' });
    const again = (await api.get(`/api/quotes/${quoteId}/document`).set('Authorization', client.bearer).expect(200))
      .body as AttachmentView;
    expect(again.id).toBe(link.id);
    await api.get(`/api/quotes/${quoteId}/document`).set('Authorization', strangerClient.bearer).expect(404);
    await api.get(`/api/quotes/${quoteId}/document`).set('Authorization', strangerGaragiste.bearer).expect(404);

    const file = await api
      .get(link.url)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    const text = (await pdfText(file.body as Buffer)).replace(/\s+/g, ' ');
    const garage = (await api.get(`/api/garages/${garagiste.user.garageId}`).set('Authorization', client.bearer))
      .body as { name: string; address: string };
    expect(text).toContain(garage.name);
    expect(text).toContain(garage.address);
    expect(text).toContain('Client : Camille');
    expect(text).toContain(`Véhicule : ${booking.vehicle?.make} ${booking.vehicle?.model} · ${booking.vehicle?.plate}`);
    for (const line of THREE_LINES) expect(text).toContain(line.label);
    expect(text).toContain('Main-d’œuvre · 1,5 × 60,00 € HT = 90,00 € HT · TVA 20 % : 18,00 €');
    expect(text).toContain('Total HT : 192,40 €');
    expect(text).toContain('TVA : 36,67 €');
    expect(text).toContain('Total TTC : 229,07 €');
    expect(text).toContain('Accepté par le client : 121,07 € TTC');
    expect(text).toMatch(/Réponse du client : Accepté, le \S+ \d+ \S+ à \d+ h/);
    expect(text).toContain('Réponse du client : Refusé');
    expect(text).toMatch(/Dernière réponse du client : \S+ \d+ \S+ à \d+ h/);
  });

  it('keeps one PDF per quote: the one of a state since passed goes when the next is written', async () => {
    const sent = await sendQuote();
    const quoteId = sent.quote?.quoteId ?? '';
    const files = () => testApp.connection.collection('attachments.files').countDocuments();
    const pdfsOf = (message: string) =>
      testApp.connection.collection('attachments').countDocuments({ message: new Types.ObjectId(message) });
    const documentOf = async (id: string) =>
      (await api.get(`/api/quotes/${id}/document`).set('Authorization', client.bearer).expect(200))
        .body as AttachmentView;
    const download = (link: AttachmentView) => api.get(link.url).buffer(true);

    const open = await documentOf(quoteId);
    const stored = await files();
    await api
      .post(`/api/quotes/${quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'approved', lineIndexes: [0] })
      .expect(201);
    const answered = await documentOf(quoteId);
    expect(answered.id).not.toBe(open.id);
    expect((await download(open)).status).toBe(404);
    expect((await download(answered)).status).toBe(200);

    // Replaced by a new version: the old version's PDF now says so, and is its only one.
    const next = await sendQuote({ supersedesQuoteId: quoteId, lines: THREE_LINES.slice(0, 1) });
    const replaced = await documentOf(quoteId);
    expect(replaced.id).not.toBe(answered.id);
    expect((await download(answered)).status).toBe(404);
    expect(await pdfsOf(sent.id)).toBe(1);
    expect(await files()).toBe(stored);
    // Asked again in the same state, the same PDF.
    expect((await documentOf(quoteId)).id).toBe(replaced.id);
    await documentOf(next.quote?.quoteId ?? '');
    expect(await files()).toBe(stored + 1);

    // Its record gone, as its author's files go when their account is erased: written again when asked.
    await testApp.connection.collection('attachments').deleteOne({ _id: new Types.ObjectId(replaced.id) });
    const rewritten = await documentOf(quoteId);
    expect(rewritten.id).not.toBe(replaced.id);
    expect((await download(rewritten)).status).toBe(200);
  });

  it('refuses a decision on an expired quote', async () => {
    const sent = await sendQuote();
    const quoteId = sent.quote?.quoteId ?? '';
    expect(new Date(sent.quote?.expiresAt ?? 0).getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    await testApp.connection
      .collection('quotes')
      .updateOne({ _id: new Types.ObjectId(quoteId) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await quoteOf(client, quoteId)).status).toBe('expired');
    const refused = await api
      .post(`/api/quotes/${quoteId}/decisions`)
      .set('Authorization', client.bearer)
      .send({ decision: 'approved' })
      .expect(409);
    expect(refused.body.code).toBe('QUOTE_EXPIRED');
  });
});
