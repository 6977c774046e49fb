import type {
  AppointmentView,
  AuthResponse,
  MessageView,
  UserRole,
  VehicleRequest,
  VehicleView,
} from '@promoto/shared-dto';
import request from 'supertest';
import { addDays, instantAt, wallClockAt, weekdayOf } from '../../src/opening-hours/garage-clock';

let sequence = 0;
let slotsTaken = 0;

/** The default opening hours' slots of a day: 8 h to 18 h, Paris time. */
const DAILY_SLOTS = 11;

/**
 * A booking time no earlier call of this process returned: the next one-hour slot of the default
 * opening hours (Monday to Saturday, 8 h to 19 h, Paris time), from two days ahead.
 */
export function nextSlot(): string {
  const index = slotsTaken++;
  let day = addDays(wallClockAt(new Date()).day, 2);
  for (let skip = Math.floor(index / DAILY_SLOTS); ; day = addDays(day, 1)) {
    if (weekdayOf(day) === 7) continue;
    if (skip === 0) break;
    skip -= 1;
  }
  return instantAt(day, (8 + (index % DAILY_SLOTS)) * 60).toISOString();
}

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

/** A client's booking with a garagiste's garage, at the next slot of nextSlot(), for one of the client's vehicles when given. */
export async function book(
  baseUrl: string,
  client: Actor,
  garagiste: Actor,
  service = 'Distribution',
  vehicleId?: string,
): Promise<AppointmentView> {
  const response = await request(baseUrl)
    .post('/api/appointments')
    .set('Authorization', client.bearer)
    .send({
      garageId: garagiste.user.garageId,
      scheduledAt: nextSlot(),
      service,
      ...(vehicleId ? { vehicleId } : {}),
    })
    .expect(201);
  return response.body as AppointmentView;
}

export const CLIO: VehicleRequest = {
  plate: 'ab 123 cd',
  make: 'Renault',
  model: 'Clio',
  year: 2012,
  mileage: 140_000,
};

/** One of the client's vehicles, added over real HTTP (a Clio unless told). */
export async function addVehicle(baseUrl: string, client: Actor, vehicle: VehicleRequest = CLIO): Promise<VehicleView> {
  const response = await request(baseUrl)
    .post('/api/vehicles')
    .set('Authorization', client.bearer)
    .send(vehicle)
    .expect(201);
  return response.body as VehicleView;
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
