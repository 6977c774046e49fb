import type { AuthResponse, GarageRole } from '@promoto/shared-dto';
import request from 'supertest';
import type { Actor } from './actors';
import { eventually } from './eventually';
import { mailMessage, mailsTo, testMailpit } from './mailpit';

/** A password the strength check accepts, for the accounts invitations create. */
export const MEMBER_PASSWORD = 'moteur diesel vidange courroie';

let sequence = 0;

/** A unique address for someone to invite. */
export const freshEmail = () => `equipe${(sequence += 1)}-${Date.now().toString(36)}@example.test`;

/** The token of the latest invitation e-mailed to `email`, read from Mailpit. */
export async function invitationToken(email: string): Promise<string> {
  const { apiUrl } = testMailpit();
  let token = '';
  await eventually(async () => {
    const [mail] = await mailsTo(apiUrl, email);
    expect(mail).toBeDefined();
    token = /\/invitation#([A-Za-z0-9_-]{43})/.exec((await mailMessage(apiUrl, mail.ID)).Text)?.[1] ?? '';
    expect(token).not.toBe('');
  });
  return token;
}

/** An owner invites `email` over HTTP; answers the link's token. */
export async function invite(baseUrl: string, owner: Actor, email: string, role: GarageRole = 'staff') {
  await request(baseUrl)
    .post('/api/team/invitations')
    .set('Authorization', owner.bearer)
    .send({ email, role })
    .expect(201);
  return invitationToken(email);
}

/** A new member of the owner's garage, with an account made from the invitation. */
export async function joinTeam(
  baseUrl: string,
  owner: Actor,
  name: string,
  role: GarageRole = 'staff',
): Promise<Actor> {
  const token = await invite(baseUrl, owner, freshEmail(), role);
  const auth = (
    await request(baseUrl)
      .post('/api/invitations/register')
      .send({ token, name, password: MEMBER_PASSWORD })
      .expect(201)
  ).body as AuthResponse;
  return { ...auth, bearer: `Bearer ${auth.accessToken}` };
}
