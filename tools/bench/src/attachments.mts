// Issue 13's photo rows: a 5 MB phone photo from upload to the recipient's new-message, and a
// thread of 50 photos opened as the web app opens it (one history page, then every thumbnail).
import type { MessageView, UploadedAttachmentView } from '@promoto/shared-dto';
import sharp from 'sharp';
import { closeSockets, connectSockets, type ChatSocket } from './load.mjs';
import { fmt, judge } from './report.mjs';
import { distribution, mapLimit, sleep } from './stats.mjs';
import type { ApiContext } from './steps.mjs';

/**
 * Targets set from the first measurement (tools/bench/BASELINE.md, section `attachments`: p95 0.8 s
 * for both on 2 cores), with room for a busy machine: about twice the p95 for the upload, whose
 * re-encoding takes the API's CPU, and a quarter more for the thread.
 */
const UPLOAD_TO_DELIVERED_P95_TARGET_MS = 1500;
const THREAD_OPENED_P95_TARGET_MS = 1000;
/** A browser fetches at most 6 images at a time from one HTTP/1.1 origin. */
const BROWSER_CONNECTIONS = 6;
const THREAD_PHOTOS = 50;

/** A 12 MP phone photo of about 5 MB (noise keeps JPEG from compressing it). */
function phonePhoto(width: number, height: number, quality: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 24 } },
  })
    .jpeg({ quality })
    .toBuffer();
}

export async function upload(
  apiUrl: string,
  token: string,
  photo: Buffer,
  name: string,
  type = 'image/jpeg',
): Promise<UploadedAttachmentView> {
  const body = new FormData();
  body.append('file', new Blob([photo], { type }), name);
  const response = await fetch(`${apiUrl}/api/attachments`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body,
  });
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as UploadedAttachmentView;
}

async function send(socket: ChatSocket, recipientId: string, attachmentIds: string[], clientMessageId: string) {
  const ack = await socket
    .timeout(30_000)
    .emitWithAck('send-message', { recipientId, content: '', attachmentIds, clientMessageId });
  if (!ack.ok) throw new Error(`send refused: ${ack.error.code} ${ack.error.message}`);
  return ack.message;
}

function delivered(socket: ChatSocket, clientMessageId: string): Promise<MessageView> {
  return new Promise((resolve) => {
    const listener = (message: MessageView) => {
      if (message.clientMessageId !== clientMessageId) return;
      socket.off('new-message', listener);
      resolve(message);
    };
    socket.on('new-message', listener);
  });
}

export async function attachmentsStep(context: ApiContext): Promise<void> {
  const { options, api, fixtures, report } = context;
  const uploads = options.smoke ? 2 : 10;
  const threadPhotos = options.smoke ? 5 : THREAD_PHOTOS;
  const [client] = await fixtures.createUsers(1, 'client', 'photos');
  const [garagiste] = await fixtures.createUsers(1, 'garagiste', 'photos');
  await fixtures.createConversations([[client, garagiste]]);
  const sockets = await connectSockets(api.url, [client, garagiste], (user) => ({ token: user.token }), 2);
  try {
    const [clientSocket, garagisteSocket] = sockets;
    const photo = options.smoke ? await phonePhoto(1600, 1200, 86) : await phonePhoto(4032, 3024, 86);

    const uploadMs: number[] = [];
    const totalMs: number[] = [];
    for (let i = 0; i < uploads; i++) {
      const clientMessageId = `photo-${i}`;
      const arrived = delivered(garagisteSocket, clientMessageId);
      const started = performance.now();
      const stored = await upload(api.url, client.token, photo, `IMG_${i}.jpg`);
      uploadMs.push(performance.now() - started);
      await send(clientSocket, garagiste.id, [stored.id], clientMessageId);
      await arrived;
      totalMs.push(performance.now() - started);
    }
    const total = distribution(totalMs);
    const uploaded = distribution(uploadMs);

    // The garagiste's photos of the worn parts: one message each, as a phone sends them.
    const small = await phonePhoto(1600, 1200, 80);
    await mapLimit(
      Array.from({ length: threadPhotos }, (_, i) => i),
      2,
      async (i) => {
        const stored = await upload(api.url, garagiste.token, small, `piece-${i}.jpg`);
        await send(garagisteSocket, client.id, [stored.id], `part-${i}`);
      },
    );
    const openMs: number[] = [];
    let thumbnailBytes = 0;
    for (let i = 0; i < options.repeats; i++) {
      const started = performance.now();
      const response = await fetch(`${api.url}/api/messages/conversation/${garagiste.id}?limit=${threadPhotos}`, {
        headers: { Authorization: `Bearer ${client.token}` },
      });
      const page = (await response.json()) as { items: MessageView[] };
      const links = page.items.flatMap((message) =>
        message.senderId === garagiste.id ? (message.attachments ?? []).map((a) => a.thumbnailUrl ?? a.url) : [],
      );
      if (links.length !== threadPhotos)
        throw new Error(`the thread page has ${links.length} photos, not ${threadPhotos}`);
      const sizes = await mapLimit(links, BROWSER_CONNECTIONS, async (link) => {
        const file = await fetch(`${api.url}${link}`);
        if (file.status !== 200) throw new Error(`thumbnail answered ${file.status}`);
        return (await file.arrayBuffer()).byteLength;
      });
      openMs.push(performance.now() - started);
      thumbnailBytes = sizes.reduce((sum, size) => sum + size, 0);
    }
    const opened = distribution(openMs);

    report.record('attachments', { photoBytes: photo.length, uploadMs, totalMs, openMs, thumbnailBytes });
    report.add({
      step: 'attachments',
      name: `photo of ${(photo.length / 1048576).toFixed(1)} MB: upload to delivered, p95`,
      value: fmt.ms(total.p95),
      target: `< ${UPLOAD_TO_DELIVERED_P95_TARGET_MS} ms`,
      status: judge(total.p95 < UPLOAD_TO_DELIVERED_P95_TARGET_MS),
      detail: `${uploads} photos one after the other; p50 ${fmt.ms(total.p50)}; the upload (re-encoding included) p50 ${fmt.ms(uploaded.p50)}, p95 ${fmt.ms(uploaded.p95)}`,
    });
    report.add({
      step: 'attachments',
      name: `thread of ${threadPhotos} photos opened (page and thumbnails), p95`,
      value: fmt.ms(opened.p95),
      target: `< ${THREAD_OPENED_P95_TARGET_MS} ms`,
      status: judge(opened.p95 < THREAD_OPENED_P95_TARGET_MS),
      detail: `${options.repeats} openings; p50 ${fmt.ms(opened.p50)}; thumbnails ${fmt.kb(thumbnailBytes)} in all, ${BROWSER_CONNECTIONS} at a time`,
    });
  } finally {
    closeSockets(sockets);
    await sleep(200);
  }
}
