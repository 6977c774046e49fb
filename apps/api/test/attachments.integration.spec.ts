import {
  LIMITS,
  type ConversationView,
  type MessageView,
  type Page,
  type UploadedAttachmentView,
} from '@promoto/shared-dto';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { createHmac } from 'node:crypto';
import sharp from 'sharp';
import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { testMailpit } from './support/mailpit';
import { joinTeam } from './support/team';
import { PRODUCTION_TEST_SECRET, startApiProcess, waitFor, type ApiProcess } from './support/processes';
import { connectSocket, emitWithAck, nextEvent, type ChatClient } from './support/sockets';
import { testDatabaseName, testServerUri } from './support/test-database';

/** file-type is ESM-only, which Jest cannot load: these tests run the built API, as production does. */
describe('photos and documents in the conversation', () => {
  let api: ApiProcess;
  let mongo: MongoClient;
  let db: Db;
  let client: Actor;
  let garagiste: Actor;
  let stranger: Actor;
  let garagisteSocket: ChatClient;
  let clientSocket: ChatClient;

  beforeAll(async () => {
    api = await startApiProcess({
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      ATTACHMENT_SWEEP_INTERVAL_S: '1',
      ATTACHMENT_QUOTA_MB: '3',
      // Invitations to the garage's team are e-mailed.
      SMTP_URL: testMailpit().smtpUrl,
    });
    mongo = await MongoClient.connect(testServerUri());
    db = mongo.db(testDatabaseName());
    [client, garagiste, stranger] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'garagiste'),
      registerActor(api.baseUrl, 'client'),
    ]);
    [clientSocket, garagisteSocket] = await Promise.all([
      connectSocket(api.baseUrl, client.accessToken),
      connectSocket(api.baseUrl, garagiste.accessToken),
    ]);
  });

  afterAll(async () => {
    clientSocket?.close();
    garagisteSocket?.close();
    api?.child.kill('SIGKILL');
    await db?.dropDatabase();
    await mongo?.close();
  });

  /** A photo as a phone takes it: EXIF with GPS coordinates, turned by its Orientation tag. */
  const phonePhoto = () =>
    sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c0392b' } })
      .jpeg({ quality: 90 })
      .withExif({
        IFD0: { Make: 'Promoto', Model: 'TestPhone' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 45/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 50/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();

  /** EXIF's GPS IFD pointer (tag 0x8825), little-endian as libvips writes it. */
  const GPS_POINTER = Buffer.from([0x25, 0x88]);

  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );

  const upload = (actor: Actor, data: Buffer, name: string, contentType = 'application/octet-stream') =>
    request(api.baseUrl)
      .post('/api/attachments')
      .set('Authorization', actor.bearer)
      .attach('file', data, { filename: name, contentType });

  const uploaded = async (actor: Actor, data: Buffer, name: string) =>
    (await upload(actor, data, name).expect(201)).body as UploadedAttachmentView;

  const stored = async () => ({
    attachments: await db.collection('attachments').countDocuments(),
    files: await db.collection('attachments.files').countDocuments(),
    messages: await db.collection('messages').countDocuments(),
  });

  /** The storage keys (file and thumbnail) of these uploads' files. */
  const storageKeysOf = async (ids: ObjectId[]) =>
    (
      await db
        .collection('attachments')
        .find({ _id: { $in: ids } })
        .toArray()
    ).flatMap((attachment) =>
      [attachment['fileKey'], attachment['thumbnailKey']].filter(Boolean).map((key) => new ObjectId(key as string)),
    );

  /** The one attachment a message carries. */
  const attachmentOf = (message: MessageView) => {
    const [attachment] = message.attachments ?? [];
    if (!attachment || (message.attachments ?? []).length !== 1) throw new Error('expected one attachment');
    return attachment;
  };

  const fetchLink = (link: string, bearer?: string) => {
    const call = request(api.baseUrl).get(link);
    return bearer ? call.set('Authorization', bearer) : call;
  };

  it('re-encodes a phone photo upright without EXIF or GPS, sends it over REST, and the recipient gets it live', async () => {
    const original = await phonePhoto();
    const originalMetadata = await sharp(original).metadata();
    expect(originalMetadata.orientation).toBe(6);
    expect(originalMetadata.exif?.includes(GPS_POINTER)).toBe(true);

    const photo = await uploaded(client, original, 'IMG_2041.jpg');
    expect(photo).toMatchObject({
      kind: 'image',
      name: 'IMG_2041.jpg',
      mimeType: 'image/jpeg',
      width: 800,
      height: 1200,
    });

    const live = nextEvent(garagisteSocket, 'new-message', (message) => Boolean(message.attachments));
    const sent = (
      await request(api.baseUrl)
        .post('/api/messages')
        .set('Authorization', client.bearer)
        .send({ recipientId: garagiste.user.id, content: '', attachmentIds: [photo.id] })
        .expect(201)
    ).body as MessageView;
    expect(sent.content).toBe('');
    expect(sent.attachments).toEqual([
      { ...photo, url: expect.stringMatching(/^\/api\/attachments\//), thumbnailUrl: expect.any(String) },
    ]);
    expect(await live).toEqual(sent);

    const image = await fetchLink(attachmentOf(sent).url, garagiste.bearer).buffer(true).expect(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-security-policy']).toContain("default-src 'none'");
    expect(image.headers['content-disposition']).toMatch(/^inline;/);
    // The one API answer a browser may cache: until its link expires, for this user only.
    expect(image.headers['cache-control']).toMatch(/^private, max-age=\d+, immutable$/);
    const served = await sharp(image.body as Buffer).metadata();
    expect(served.exif).toBeUndefined();
    expect(served.orientation).toBeUndefined();
    expect([served.width, served.height]).toEqual([800, 1200]);

    const thumbnail = await fetchLink(attachmentOf(sent).thumbnailUrl ?? 'no thumbnail link')
      .buffer(true)
      .expect(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    const thumbnailSize = await sharp(thumbnail.body as Buffer).metadata();
    expect(Math.max(thumbnailSize.width ?? Infinity, thumbnailSize.height ?? Infinity)).toBeLessThanOrEqual(480);

    const list = (
      await request(api.baseUrl).get('/api/messages/conversations').set('Authorization', garagiste.bearer).expect(200)
    ).body as Page<ConversationView>;
    expect(list.items[0].lastMessage?.content).toBe('📷 Photo');
  });

  it('sends a PDF over the socket with text, served as a download, previewed by its name', async () => {
    const quote = await uploaded(garagiste, pdf, 'Devis.pdf');
    expect(quote).toEqual({
      id: quote.id,
      kind: 'document',
      name: 'Devis.pdf',
      size: pdf.length,
      mimeType: 'application/pdf',
    });

    const live = nextEvent(clientSocket, 'new-message', (message) => Boolean(message.attachments));
    const ack = await emitWithAck(garagisteSocket, 'send-message', {
      recipientId: client.user.id,
      content: 'Voici le devis',
      attachmentIds: [quote.id],
      clientMessageId: 'devis-1',
    });
    expect(ack.ok).toBe(true);
    const message = ack['message'] as MessageView;
    expect(message.attachments).toEqual([{ ...quote, url: expect.any(String) }]);
    expect(await live).toEqual(message);

    const file = await fetchLink(attachmentOf(message).url, client.bearer).buffer(true).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="Devis.pdf"; filename*=UTF-8''Devis.pdf`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);

    const retried = await emitWithAck(garagisteSocket, 'send-message', {
      recipientId: client.user.id,
      content: 'Voici le devis',
      attachmentIds: [quote.id],
      clientMessageId: 'devis-1',
    });
    expect((retried['message'] as MessageView).id).toBe(message.id);

    const textOnly = await emitWithAck(garagisteSocket, 'send-message', {
      recipientId: client.user.id,
      content: '',
      attachmentIds: [(await uploaded(garagiste, pdf, 'Facture.pdf')).id],
    });
    expect(textOnly.ok).toBe(true);
    const list = (
      await request(api.baseUrl).get('/api/messages/conversations').set('Authorization', client.bearer).expect(200)
    ).body as Page<ConversationView>;
    expect(list.items[0].lastMessage?.content).toBe('📄 Facture.pdf');

    const history = (
      await request(api.baseUrl)
        .get(`/api/messages/conversation/${garagiste.user.id}`)
        .set('Authorization', client.bearer)
        .expect(200)
    ).body as Page<MessageView>;
    expect(history.items.find((item) => item.id === message.id)?.attachments?.[0]).toMatchObject(quote);
  });

  it('names a stored file by the type read from its bytes: PDF bytes sent as facture.html are facture.pdf everywhere', async () => {
    const renamed = await uploaded(garagiste, pdf, 'facture.html');
    expect(renamed).toMatchObject({ kind: 'document', name: 'facture.pdf', mimeType: 'application/pdf' });
    const photo = await uploaded(garagiste, await phonePhoto(), 'photo.svg');
    expect(photo).toMatchObject({ kind: 'image', name: 'photo.jpg', mimeType: 'image/jpeg' });

    const live = nextEvent(clientSocket, 'new-message', (message) => message.attachments?.[0]?.id === renamed.id);
    const ack = await emitWithAck(garagisteSocket, 'send-message', {
      recipientId: client.user.id,
      content: 'La facture',
      attachmentIds: [renamed.id, photo.id],
    });
    expect(ack.ok).toBe(true);
    const message = await live;
    expect(message.attachments?.map((attachment) => attachment.name)).toEqual(['facture.pdf', 'photo.jpg']);
    const [document] = message.attachments ?? [];
    const file = await fetchLink(document.url, client.bearer).buffer(true).expect(200);
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="facture.pdf"; filename*=UTF-8''facture.pdf`,
    );
  });

  it('refuses the links of a deleted message at once and removes its files from storage', async () => {
    const photo = await uploaded(client, await phonePhoto(), 'a-supprimer.jpg');
    const quote = await uploaded(client, pdf, 'a-supprimer.pdf');
    const ack = await emitWithAck(clientSocket, 'send-message', {
      recipientId: garagiste.user.id,
      content: 'Oups, pas la bonne photo',
      attachmentIds: [photo.id, quote.id],
    });
    const sent = ack['message'] as MessageView;
    const links = (sent.attachments ?? []).flatMap((attachment) =>
      [attachment.url, attachment.thumbnailUrl].filter((link): link is string => Boolean(link)),
    );
    expect(links).toHaveLength(3);
    for (const link of links) await fetchLink(link, garagiste.bearer).expect(200);
    const ids = [photo.id, quote.id].map((id) => new ObjectId(id));
    const keys = await storageKeysOf(ids);
    expect(keys).toHaveLength(3);

    const updated = nextEvent(garagisteSocket, 'message-updated', (message) => message.id === sent.id);
    const deleted = (
      await request(api.baseUrl).delete(`/api/messages/${sent.id}`).set('Authorization', client.bearer).expect(200)
    ).body as MessageView;
    expect(deleted.attachments).toBeUndefined();
    expect((await updated).attachments).toBeUndefined();

    for (const link of links) {
      await fetchLink(link).expect(404);
      await fetchLink(link, garagiste.bearer).expect(404);
      await fetchLink(link, client.bearer).expect(404);
    }
    expect(await db.collection('attachments').countDocuments({ _id: { $in: ids } })).toBe(0);
    expect(await db.collection('attachments.files').countDocuments({ _id: { $in: keys } })).toBe(0);
    expect(await db.collection('attachments.chunks').countDocuments({ files_id: { $in: keys } })).toBe(0);
    expect((await db.collection('messages').findOne({ _id: new ObjectId(sent.id) }))?.['attachments']).toBeUndefined();
  });

  it('refuses a renamed executable, an 11 MB file and a sixth attachment, storing nothing', async () => {
    const before = await stored();
    const executable = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096, 1)]);
    const renamed = await upload(client, executable, 'photo.jpg', 'image/jpeg').expect(415);
    expect(renamed.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_FILE_TYPE' });
    expect(renamed.body.message).toMatch(/JPEG, PNG ou WebP/);

    const huge = await upload(client, Buffer.alloc(11 * 1024 * 1024, 0x20), 'grand.pdf', 'application/pdf').expect(413);
    expect(huge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(huge.body.message).toMatch(/10 Mo/);
    expect(await stored()).toEqual(before);

    const small = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#2980b9' } })
      .png()
      .toBuffer();
    const six = await Promise.all(
      Array.from({ length: LIMITS.attachmentsPerMessage + 1 }, (_, index) => uploaded(client, small, `p${index}.png`)),
    );
    const afterUploads = await stored();
    const refused = await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', client.bearer)
      .send({ recipientId: garagiste.user.id, content: 'six photos', attachmentIds: six.map(({ id }) => id) })
      .expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(await stored()).toEqual(afterUploads);
    expect(
      await db
        .collection('attachments')
        .countDocuments({ sentWith: { $exists: true }, _id: { $in: six.map(({ id }) => new ObjectId(id)) } }),
    ).toBe(0);

    const notMine = await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', garagiste.bearer)
      .send({ recipientId: client.user.id, content: '', attachmentIds: [six[0].id] })
      .expect(400);
    expect(notMine.body.code).toBe('VALIDATION_FAILED');
    expect(await stored()).toEqual(afterUploads);
  });

  it("shows the garage's files to every member and to the client, and the client's no more once a member is removed", async () => {
    const member = await joinTeam(api.baseUrl, garagiste, 'Léa');
    const question = (
      await request(api.baseUrl)
        .post('/api/messages')
        .set('Authorization', client.bearer)
        .send({
          recipientId: garagiste.user.id,
          content: 'Le devis ?',
          attachmentIds: [(await uploaded(client, pdf, 'carte-grise.pdf')).id],
        })
        .expect(201)
    ).body as MessageView;
    const answer = (
      await request(api.baseUrl)
        .post('/api/messages')
        .set('Authorization', member.bearer)
        .send({
          recipientId: client.user.id,
          content: 'Le voici',
          attachmentIds: [(await uploaded(member, pdf, 'devis.pdf')).id],
        })
        .expect(201)
    ).body as MessageView;
    const links = [attachmentOf(question).url, attachmentOf(answer).url];
    for (const viewer of [client, garagiste, member]) {
      for (const link of links) await fetchLink(link, viewer.bearer).expect(200);
    }
    await request(api.baseUrl)
      .delete(`/api/team/members/${member.user.id}`)
      .set('Authorization', garagiste.bearer)
      .expect(204);
    // The client's file is the garage's, no longer theirs; the one they sent stays theirs.
    await fetchLink(links[0], member.bearer).expect(404);
    await fetchLink(links[1], member.bearer).expect(200);
  });

  it('answers 404 to a stranger, an expired link and a tampered link', async () => {
    const photo = await uploaded(client, await phonePhoto(), 'rayure.jpg');
    const sent = (
      await request(api.baseUrl)
        .post('/api/messages')
        .set('Authorization', client.bearer)
        .send({ recipientId: garagiste.user.id, content: 'La rayure', attachmentIds: [photo.id] })
        .expect(201)
    ).body as MessageView;
    const { url } = attachmentOf(sent);
    await fetchLink(url).expect(200);
    await fetchLink(url, client.bearer).expect(200);

    await fetchLink(url, stranger.bearer).expect(404);
    await fetchLink(`/api/attachments/${photo.id}/file`, stranger.bearer).expect(404);
    await fetchLink(`/api/attachments/${photo.id}/file`, client.bearer).expect(404);

    const link = new URL(url, api.baseUrl);
    const signature = link.searchParams.get('signature') ?? '';
    const altered = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    await fetchLink(`${link.pathname}?expires=${link.searchParams.get('expires')}&signature=${altered}`).expect(404);
    await fetchLink(
      `${link.pathname}?expires=${Number(link.searchParams.get('expires')) + 60}&signature=${signature}`,
    ).expect(404);
    const otherUpload = await uploaded(client, pdf, 'autre.pdf');
    await fetchLink(url.replace(photo.id, otherUpload.id)).expect(404);
    await fetchLink(url.replace('/file?', '/thumbnail?')).expect(404);

    // Links signed the API's way: one that expired a second ago fails, one still valid works.
    const key = createHmac('sha256', PRODUCTION_TEST_SECRET).update('attachment-links').digest();
    const signed = (expires: number) =>
      `/api/attachments/${photo.id}/file?expires=${expires}&signature=${createHmac('sha256', key)
        .update(`${photo.id}:file:${expires}`)
        .digest('base64url')}`;
    const now = Math.floor(Date.now() / 1000);
    await fetchLink(signed(now - 1)).expect(404);
    await fetchLink(signed(now + 30)).expect(200);
  });

  it('refuses uploads past the account quota', async () => {
    const heavy = await sharp(
      Buffer.from(Array.from({ length: 700 * 700 * 3 }, () => Math.floor(Math.random() * 256))),
      {
        raw: { width: 700, height: 700, channels: 3 },
      },
    )
      .png()
      .toBuffer();
    const owner = await registerActor(api.baseUrl, 'client');
    const first = await uploaded(owner, heavy, 'bruit1.png');
    expect(first.size).toBeGreaterThan(1024 * 1024);
    await uploaded(owner, heavy, 'bruit2.png');
    const refused = await upload(owner, heavy, 'bruit3.png').expect(403);
    expect(refused.body).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(await db.collection('attachments').countDocuments({ owner: new ObjectId(owner.user.id) })).toBe(2);
  });

  it('deletes uploads never sent after 24 hours, with their files, and keeps sent ones', async () => {
    const orphan = await uploaded(stranger, await phonePhoto(), 'oubli.jpg');
    const kept = await uploaded(stranger, pdf, 'garde.pdf');
    await request(api.baseUrl)
      .post('/api/messages')
      .set('Authorization', stranger.bearer)
      .send({ recipientId: garagiste.user.id, content: '', attachmentIds: [kept.id] })
      .expect(201);
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    const ids = [orphan.id, kept.id].map((id) => new ObjectId(id));
    const keys = await storageKeysOf(ids);
    expect(keys).toHaveLength(3);
    await db.collection('attachments').updateMany({ _id: { $in: ids } }, { $set: { createdAt: dayAgo } });

    await waitFor(
      async () => (await db.collection('attachments').countDocuments({ _id: ids[0] })) === 0,
      10_000,
      'the orphan sweep',
    );
    expect(await db.collection('attachments').countDocuments({ _id: ids[1] })).toBe(1);
    expect(await db.collection('attachments.files').countDocuments({ _id: { $in: keys } })).toBe(1);
    expect(await db.collection('attachments.chunks').countDocuments({ files_id: { $in: keys.slice(0, 2) } })).toBe(0);
  });
});
