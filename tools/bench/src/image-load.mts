// Issue 23's row: how long a login takes while large images are being processed. Password hashing
// (argon2) and the image library share libuv's thread pool: unbounded image work starved logins.
import type { AuthResponse } from '@promoto/shared-dto';
import sharp from 'sharp';
import { upload } from './attachments.mjs';
import { fmt, judge } from './report.mjs';
import { distribution } from './stats.mjs';
import type { ApiContext } from './steps.mjs';

const LOGIN_DURING_IMAGES_TARGET_MS = 1500;
/** Uploads processed at once in the report (four made a login take 10.7 to 12.5 s). */
const CONCURRENT_UPLOADS = 4;
const PASSWORD = 'courroie-vidange-lundi-banc';

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function timedLogin(apiUrl: string, email: string): Promise<number> {
  const started = performance.now();
  await post(`${apiUrl}/api/auth/login`, { email, password: PASSWORD });
  return performance.now() - started;
}

export async function imageLoadStep(context: ApiContext): Promise<void> {
  const { options, api, report } = context;
  // The largest image still accepted (49 MP, under the 50 MP limit), as a PNG.
  const side = options.smoke ? 1000 : 7000;
  const image = await sharp({ create: { width: side, height: side, channels: 4, background: '#2c3e50' } })
    .png()
    .toBuffer();
  const email = `bench-login-${Date.now()}@promoto.test`;
  const account = await post<AuthResponse>(`${api.url}/api/auth/register`, {
    email,
    password: PASSWORD,
    name: 'Bench Connexion',
    role: 'client',
  });

  await timedLogin(api.url, email);
  const idleMs: number[] = [];
  for (let i = 0; i < options.repeats; i++) idleMs.push(await timedLogin(api.url, email));

  let uploading = true;
  const started = performance.now();
  const uploads = Promise.all(
    Array.from({ length: CONCURRENT_UPLOADS }, (_, i) =>
      upload(api.url, account.accessToken, image, `grande-${i}.png`, 'image/png'),
    ),
  ).finally(() => (uploading = false));
  const busyMs: number[] = [];
  while (uploading) busyMs.push(await timedLogin(api.url, email));
  await uploads;
  const imagesMs = performance.now() - started;

  const idle = distribution(idleMs);
  const busy = distribution(busyMs);
  report.record('image-load', { side, imageBytes: image.length, idleMs, busyMs, imagesMs });
  report.add({
    step: 'image-load',
    name: `login while ${CONCURRENT_UPLOADS} PNGs of ${((side * side) / 1e6).toFixed(0)} MP are processed, worst`,
    value: fmt.ms(busy.max),
    target: `< ${LOGIN_DURING_IMAGES_TARGET_MS} ms`,
    status: judge(busy.max < LOGIN_DURING_IMAGES_TARGET_MS),
    detail: `${busy.count} logins one after the other during ${fmt.ms(imagesMs)} of image work, p50 ${fmt.ms(busy.p50)}; idle: p50 ${fmt.ms(idle.p50)}, worst ${fmt.ms(idle.max)}`,
  });
}
