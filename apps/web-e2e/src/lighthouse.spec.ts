import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.mjs';
import { PASSWORD, book, garageOf, register, sendByApi } from './support/users';

/** What support/lighthouse.mjs answers for a page (the module is plain JavaScript, ES modules). */
interface PageAudit {
  name: string;
  scores: Record<string, number>;
  failed: Record<string, { id: string; title: string; score: number | null }[]>;
}

test('Lighthouse on a phone: accessibility 100 and best practices ≥ 95 on the login page, a client’s thread and garage list, and a garagiste’s dashboard', async ({
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  if (!baseURL) throw new Error('no baseURL');
  const garagiste = await register(request, 'garagiste', 'Marc Lefèvre', garageOf('Garage du Parc'));
  const client = await register(request, 'client', 'Camille Durand');
  await book(request, client, garagiste, 'Distribution');
  await sendByApi(request, client, garagiste, 'Bonjour, ma Clio fait un bruit au freinage depuis hier.');
  await sendByApi(request, garagiste, client, 'Passez demain matin : https://promoto.test/plan-acces');

  const { auditPages } = (await import('./support/lighthouse.mjs')) as {
    auditPages: (pages: unknown[], options: unknown) => Promise<PageAudit[]>;
  };
  const audits = await auditPages(
    [
      { name: 'login page', path: '/login' },
      {
        name: "client's thread",
        path: `/app/messages?user=${garagiste.user.id}`,
        login: { email: client.email, password: PASSWORD },
      },
      {
        name: "client's garage list",
        path: '/app/garages',
        login: { email: client.email, password: PASSWORD },
      },
      {
        name: "garagiste's dashboard",
        path: '/garage',
        login: { email: garagiste.email, password: PASSWORD },
      },
    ],
    // Neither score depends on how fast the machine is: the page as it loads here.
    {
      baseURL,
      browser: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      categories: ['accessibility', 'best-practices'],
      throttling: 'provided',
    },
  );
  for (const { name, scores, failed } of audits) {
    console.log(
      `Lighthouse ${name}: accessibility ${scores['accessibility']}, best practices ${scores['best-practices']}`,
    );
    // The audits that lost points say why, when a score is short.
    const why = `${name}: ${JSON.stringify(failed)}`;
    expect(scores['accessibility'], why).toBe(100);
    expect(scores['best-practices'], why).toBeGreaterThanOrEqual(95);
  }
});
