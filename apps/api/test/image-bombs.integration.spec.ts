import { MongoClient } from 'mongodb';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { pngBomb } from './support/images';
import { imageAllocatorEnvironment, startApiProcess, waitFor, type ApiProcess } from './support/processes';
import { connectSocket, emitWithAck, type ChatClient } from './support/sockets';
import { testDatabaseName, testServerUri } from './support/test-database';

const MIB = 1024 * 1024;

/** The API process's resident memory, from the kernel. */
const residentBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;

/**
 * Images that declare more pixels than anyone photographs are refused from their header, before
 * any decoding; the ones that pass are processed one queue at a time, so that logins (argon2 runs
 * on the same thread pool as the image library) and sends stay fast, and the memory comes back
 * (run with the memory allocator settings of the container image).
 */
describe('image bombs', () => {
  let api: ApiProcess;
  let client: Actor;
  let garagiste: Actor;
  let socket: ChatClient;
  let bomb: Buffer;
  /** 7,000 × 7,000 16-bit RGBA (49 MP, under the limit): the heaviest PNG still accepted. */
  let heaviestAccepted: Buffer;

  beforeAll(async () => {
    [bomb, heaviestAccepted] = await Promise.all([pngBomb(16383), pngBomb(7000)]);
    const allocator = imageAllocatorEnvironment();
    expect(Object.keys(allocator)).toEqual(['MALLOC_MMAP_THRESHOLD_']);
    api = await startApiProcess({
      ...allocator,
      MONGODB_URI: testServerUri(),
      MONGODB_DB: testDatabaseName(),
      THROTTLE_UPLOADS_PER_HOUR: '1000',
    });
    [client, garagiste] = await Promise.all([
      registerActor(api.baseUrl, 'client'),
      registerActor(api.baseUrl, 'garagiste'),
    ]);
    socket = await connectSocket(api.baseUrl, client.accessToken);
  }, 120_000);

  afterAll(async () => {
    socket?.close();
    api?.child.kill('SIGKILL');
    const mongo = await MongoClient.connect(testServerUri());
    await mongo.db(testDatabaseName()).dropDatabase();
    await mongo.close();
  });

  const upload = (data: Buffer, name: string) =>
    request(api.baseUrl)
      .post('/api/attachments')
      .set('Authorization', client.bearer)
      .attach('file', data, { filename: name, contentType: 'image/png' });

  const attachmentCount = async () => {
    const mongo = await MongoClient.connect(testServerUri());
    try {
      return await mongo.db(testDatabaseName()).collection('attachments.files').countDocuments();
    } finally {
      await mongo.close();
    }
  };

  it('refuses a 2 MB PNG declaring 16383 × 16383 pixels from its header, at once, and stores nothing', async () => {
    expect(bomb.length).toBeLessThan(3 * MIB);
    const before = await attachmentCount();
    const started = Date.now();
    const refused = await upload(bomb, 'bombe.png').expect(413);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(refused.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/mégapixels/) });
    expect(await attachmentCount()).toBe(before);
  });

  it('accepts a 48 MP phone photo', async () => {
    const photo = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#7f8c8d' } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const accepted = await upload(photo, 'IMG_48MP.jpg').expect(201);
    expect(accepted.body).toMatchObject({ kind: 'image', width: 2560, height: 1920 });
  });

  it('keeps a login and a send under 1.5 s while four bombs and four 49 MP PNGs are uploaded, and gives the memory back', async () => {
    const settledBefore = residentBytes(api.child.pid as number);
    const uploads = [
      ...Array.from({ length: 4 }, (_, index) => upload(bomb, `bombe${index}.png`).then((answer) => answer.status)),
      ...Array.from({ length: 4 }, (_, index) =>
        upload(heaviestAccepted, `grande${index}.png`).then((answer) => answer.status),
      ),
    ];
    let peak = settledBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(api.child.pid as number))), 100);
    try {
      // Let the uploads reach the image library before timing anything.
      await waitFor(async () => residentBytes(api.child.pid as number) > settledBefore + 20 * MIB, 20_000, 'work');

      const loginStarted = Date.now();
      await request(api.baseUrl)
        .post('/api/auth/login')
        .send({ email: garagiste.user.email, password: 'motdepasse-solide' })
        .expect(200);
      const loginMs = Date.now() - loginStarted;

      const sendStarted = Date.now();
      const ack = await emitWithAck(socket, 'send-message', {
        recipientId: garagiste.user.id,
        content: 'Toujours là ?',
      });
      const sendMs = Date.now() - sendStarted;

      expect(ack).toMatchObject({ ok: true });
      expect(loginMs).toBeLessThan(1_500);
      expect(sendMs).toBeLessThan(1_500);
      expect((await Promise.all(uploads)).sort()).toEqual([201, 201, 201, 201, 413, 413, 413, 413]);
    } finally {
      clearInterval(sampler);
    }
    await waitFor(
      async () => residentBytes(api.child.pid as number) < settledBefore + 64 * MIB,
      30_000,
      `the API's memory to come back near ${Math.round(settledBefore / MIB)} MiB (peak ${Math.round(peak / MIB)} MiB)`,
    );
  }, 180_000);
});
