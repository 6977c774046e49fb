import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, hkdfSync, randomBytes, type ECDH } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A stand-in for a browser's push service on 127.0.0.1 over HTTPS (web-push speaks HTTPS only),
 * with a self-signed certificate that the API process trusts through NODE_EXTRA_CA_CERTS. The API
 * refuses endpoints on loopback unless started with NODE_ENV=test and PUSH_ALLOW_LOOPBACK_ENDPOINTS.
 * It records each push and answers `status` (201, or 410 for a subscription that expired).
 */
export class FakePushService {
  readonly received: ReceivedPush[] = [];

  /** The settings of an API process that pushes here with these VAPID keys. */
  environment(vapid: { publicKey: string; privateKey: string }): Record<string, string> {
    return {
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:ops@promoto.localhost',
      NODE_EXTRA_CA_CERTS: this.certificateFile,
      NODE_ENV: 'test',
      PUSH_ALLOW_LOOPBACK_ENDPOINTS: 'true',
    };
  }

  /** TCP connections accepted, pushes or not: a refused endpoint must not even connect. */
  connections = 0;
  status = 201;
  private readonly server: Server;
  private address = '';

  private constructor(
    private readonly dir: string,
    readonly certificateFile: string,
    keyFile: string,
  ) {
    this.server = createServer(
      { key: readFileSync(keyFile), cert: readFileSync(certificateFile) },
      (request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          this.received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
          response.writeHead(this.status).end();
        });
      },
    );
    this.server.on('connection', () => (this.connections += 1));
  }

  /** https://127.0.0.1:<port> */
  get origin(): string {
    return this.address;
  }

  static async start(): Promise<FakePushService> {
    const dir = mkdtempSync(join(tmpdir(), 'push-service-'));
    const keyFile = join(dir, 'key.pem');
    const certificateFile = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certificateFile,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const service = new FakePushService(dir, certificateFile, keyFile);
    await new Promise<void>((resolveListen) => service.server.listen(0, '127.0.0.1', resolveListen));
    service.address = `https://127.0.0.1:${(service.server.address() as AddressInfo).port}`;
    return service;
  }

  async stop(): Promise<void> {
    await new Promise((resolveClose) => this.server.close(resolveClose));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A browser's side of a subscription: its P-256 key pair and authentication secret. */
export interface BrowserKeys {
  ecdh: ECDH;
  auth: Buffer;
  /** As `PushSubscription.toJSON().keys` gives them. */
  json: { p256dh: string; auth: string };
}

export function browserKeys(): BrowserKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, json: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
}

/**
 * Decrypts a push body as the browser does (RFC 8291 keys, RFC 8188 aes128gcm, one record),
 * written from the RFCs rather than with the sender's library.
 */
export function decryptPush(body: Buffer, keys: BrowserKeys): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderPublicKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const sharedSecret = keys.ecdh.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.ecdh.getPublicKey(), senderPublicKey]);
  const ikm = Buffer.from(hkdfSync('sha256', sharedSecret, keys.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('the push is not a single final record');
  return padded.subarray(0, end).toString('utf8');
}
