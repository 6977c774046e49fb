import { expect, type APIRequestContext } from '@playwright/test';
import type { AuthResponse, GarageRole } from '@promoto/shared-dto';
import { unique, type Account } from './users';

/** The link of the latest invitation e-mailed to `email`, read from the Mailpit the API sends to. */
export async function invitationLink(email: string): Promise<URL> {
  const mailpitUrl = process.env['MAILPIT_URL'];
  if (!mailpitUrl) throw new Error('MAILPIT_URL is set by npm test (its Mailpit)');
  let link = '';
  await expect(async () => {
    const search = await fetch(`${mailpitUrl}/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}`);
    const [mail] = ((await search.json()) as { messages: { ID: string }[] }).messages;
    expect(mail).toBeDefined();
    const message = (await (await fetch(`${mailpitUrl}/api/v1/message/${mail.ID}`)).json()) as { Text: string };
    link = /https?:\/\/\S+\/invitation#[A-Za-z0-9_-]{43}/.exec(message.Text)?.[0] ?? '';
    expect(link).not.toBe('');
  }).toPass({ timeout: 15_000 });
  return new URL(link);
}

/** The owner invites a new e-mail address to the garage through the API; the invitation's e-mailed link. */
export async function inviteByApi(
  request: APIRequestContext,
  owner: Account,
  role: GarageRole,
): Promise<{ email: string; link: URL }> {
  const email = `${unique('equipe')}@promoto.test`;
  const invited = await request.post('/api/team/invitations', {
    headers: { Authorization: `Bearer ${owner.token}` },
    data: { email, role },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  return { email, link: await invitationLink(email) };
}

const MEMBER_PASSWORD = 'moteur diesel vidange courroie';

/** A new member of the owner's garage, invited and registered through the API. */
export async function joinByApi(request: APIRequestContext, owner: Account, name: string, role: GarageRole) {
  const { email, link } = await inviteByApi(request, owner, role);
  const registered = await request.post('/api/invitations/register', {
    data: { token: link.hash.slice(1), name, password: MEMBER_PASSWORD },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const auth = (await registered.json()) as AuthResponse;
  return { email, password: MEMBER_PASSWORD, user: auth.user, token: auth.accessToken } satisfies Account;
}
