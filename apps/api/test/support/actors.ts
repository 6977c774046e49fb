import type { AppointmentView, AuthResponse, MessageView, UserRole } from '@promoto/shared-dto';
import request from 'supertest';

let sequence = 0;

export interface Actor extends AuthResponse {
  /** `Authorization` header value. */
  bearer: string;
}

/** Registers a fresh account over real HTTP; each call gets a unique email. */
export async function registerActor(baseUrl: string, role: UserRole, name?: string): Promise<Actor> {
  sequence += 1;
  const tag = `${role}${sequence}-${Date.now().toString(36)}`;
  const body = {
    email: `${tag}@example.test`,
    password: 'motdepasse-solide',
    name: name ?? (role === 'client' ? `Client ${sequence}` : `Garagiste ${sequence}`),
    role,
    ...(role === 'garagiste'
      ? {
          garage: {
            name: `Garage ${sequence}`,
            city: 'Lyon',
            address: `${sequence} rue de Lyon`,
          },
        }
      : {}),
  };
  const response = await request(baseUrl).post('/api/auth/register').send(body).expect(201);
  const auth = response.body as AuthResponse;
  return { ...auth, bearer: `Bearer ${auth.accessToken}` };
}

/** A client's booking with a garagiste's garage, two days ahead. */
export async function book(
  baseUrl: string,
  client: Actor,
  garagiste: Actor,
  service = 'Distribution',
): Promise<AppointmentView> {
  const response = await request(baseUrl)
    .post('/api/appointments')
    .set('Authorization', client.bearer)
    .send({
      garageId: garagiste.user.garageId,
      scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      service,
    })
    .expect(201);
  return response.body as AppointmentView;
}

/** One message over real HTTP, from one actor to another. */
export async function sendMessage(baseUrl: string, from: Actor, to: Actor, content = 'Bonjour'): Promise<MessageView> {
  const response = await request(baseUrl)
    .post('/api/messages')
    .set('Authorization', from.bearer)
    .send({ recipientId: to.user.id, content })
    .expect(201);
  return response.body as MessageView;
}
