// The web app's service worker: receives what the phone shares to Promoto (its manifest's
// share_target: a POST of photos or PDFs to /share-target), then is Angular's service worker
// (ngsw-worker.js: the app's files offline, updates, Web Push).
//
// A share is kept in the Cache Storage, under /share-target/<id>/<n> for each file and
// /share-target/<id> for its text, and the browser is sent to « Envoyer à… » (/share?id=<id>),
// where the signed-in app reads it (SharedInbox) and hands it to the chosen thread's composer.
'use strict';

const SHARE_CACHE = 'promoto-share';
const SHARE_PATH = '/share-target';

async function receiveShare(request) {
  const form = await request.formData();
  const id = self.crypto.randomUUID();
  const cache = await caches.open(SHARE_CACHE);
  const files = form.getAll('files').filter((entry) => typeof entry !== 'string');
  await Promise.all(
    files.map((file, index) =>
      cache.put(
        `${SHARE_PATH}/${id}/${index}`,
        new Response(file, {
          headers: { 'content-type': file.type, 'x-file-name': encodeURIComponent(file.name) },
        }),
      ),
    ),
  );
  const text = ['title', 'text', 'url']
    .map((field) => form.get(field))
    .filter((value) => typeof value === 'string' && value.trim())
    .join('\n');
  await cache.put(`${SHARE_PATH}/${id}`, Response.json({ count: files.length, text }));
  return Response.redirect(`/share?id=${id}`, 303);
}

// Registered before Angular's listener, so that the share is answered here and nowhere else.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'POST' || url.origin !== self.location.origin || url.pathname !== SHARE_PATH) return;
  event.stopImmediatePropagation();
  event.respondWith(receiveShare(event.request));
});

importScripts('./ngsw-worker.js');
