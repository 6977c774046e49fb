import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppointmentStatus, AuthResponse, GarageRegistration, SignUpRole } from '@promoto/shared-dto';
import { Types } from 'mongoose';
import type { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { AppointmentsService } from '../appointments/appointments.service';
import type { Environment } from '../config/environment';
import { addDays, instantAt, wallClockAt, weekdayOf } from '../opening-hours/garage-clock';
import { MessagesService } from '../messages/messages.service';
import { ConversationRecorder } from '../messages/conversation-recorder';
import { SendPipeline } from '../messages/send-pipeline';
import { countsByDay } from '../responsiveness/reply-days';
import { ReplyWatch } from '../responsiveness/reply-watch';
import { ResponsivenessStats } from '../responsiveness/responsiveness-stats';
import { UsersService } from '../users/users.service';
import demo from './demo-accounts.json';
import { demoReplyHistory } from './demo-reply-history';

/** `hour` o'clock in Paris, `days` days from today or the Monday after when that is a Sunday: a slot of the default hours. */
const inDays = (days: number, hour: number) => {
  const day = addDays(wallClockAt(new Date()).day, days);
  return instantAt(weekdayOf(day) === 7 ? addDays(day, 1) : day, hour * 60).toISOString();
};

/**
 * With SEED_DEMO_DATA=true (as `npm start` sets it), fills an empty database with two clients,
 * two garagistes and their garages, bookings in several states (each change with its notice in the
 * thread), conversations with history (one of them archived by its garagiste) and two months of
 * the garages' past requests and answers, so that their responsiveness figures and trend show.
 * A database that already has the demo accounts is left as it is.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly bookings: AppointmentsService,
    private readonly messages: SendPipeline,
    private readonly conversations: MessagesService,
    private readonly responsiveness: ResponsivenessStats,
    private readonly replies: ReplyWatch,
    private readonly recorder: ConversationRecorder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('SEED_DEMO_DATA', { infer: true })) return;
    if (await this.users.findByEmail(demo.garagistes[0].email)) {
      this.logger.log('demo data already present');
    } else {
      await this.seed();
      this.logger.log('demo data created');
    }
    const logins = [
      ...demo.clients.map((c) => `${c.email} (client)`),
      ...demo.garagistes.map((g) => `${g.email} (garagiste)`),
    ];
    this.logger.log(`demo logins, password "${demo.password}": ${logins.join(', ')}`);
  }

  private async seed(): Promise<void> {
    const register = (account: { email: string; name: string }, role: SignUpRole, garage?: GarageRegistration) =>
      this.auth.register({
        email: account.email,
        name: account.name,
        password: demo.password,
        role,
        ...(garage ? { garage } : {}),
      });
    const [camille, julien] = await Promise.all(demo.clients.map((client) => register(client, 'client')));
    const [marc, sophie] = await Promise.all(demo.garagistes.map((g) => register(g, 'garagiste', g.garage)));

    const say = (from: AuthResponse, to: AuthResponse, content: string, appointmentId?: string) =>
      this.messages.send(asUser(from), {
        recipientId: to.user.id,
        content,
        ...(appointmentId ? { appointmentId } : {}),
      });
    const book = (client: AuthResponse, garagiste: AuthResponse, days: number, service: string, hour = 9) =>
      this.bookings.book(asUser(client), {
        garageId: garagiste.user.garageId ?? '',
        scheduledAt: inDays(days, hour),
        service,
        note: 'Rendez-vous de démonstration',
      });
    const setStatus = (garagiste: AuthResponse, bookingId: string, status: AppointmentStatus) =>
      this.bookings.changeStatus(bookingId, asUser(garagiste), status);

    // Each booking change writes its notice into the thread, between the messages around it.
    await say(camille, marc, 'Bonjour, pouvez-vous faire une distribution sur une Clio de 2012 ?');
    await say(marc, camille, 'Bonjour Camille, oui bien sûr. Comptez une demi-journée.');
    const timingBelt = await book(camille, marc, 2, 'Distribution');
    await say(camille, marc, 'Parfait, je viens de réserver.', timingBelt.id);
    await setStatus(marc, timingBelt.id, 'confirmed');
    await say(marc, camille, "C'est noté, la pièce est commandée. Venez à 9 h.", timingBelt.id);
    const airConditioning = await book(camille, sophie, 6, 'Climatisation');
    await this.bookings.reschedule(airConditioning.id, asUser(sophie), new Date(inDays(7, 10)));
    await setStatus(marc, (await book(julien, marc, 1, 'Vidange', 11)).id, 'completed');
    const brakes = await book(julien, sophie, 3, 'Freins');
    await this.bookings.changeStatus(brakes.id, asUser(julien), 'cancelled');
    await say(julien, sophie, 'Bonjour, faites-vous aussi les plaquettes de frein ?');
    await say(julien, marc, 'Merci pour la vidange, la voiture tourne très bien.');
    await say(marc, julien, 'Avec plaisir, bonne route !');
    // The oil change is done and thanked for: Marc marks the thread as done.
    await this.conversations.setArchived(asUser(marc), julien.user.id, true);

    await this.seedReplyHistory(marc, 'marc');
    await this.seedReplyHistory(sophie, 'sophie');
    // The demo's own exchanges count at once, rather than at the next periodic write.
    await this.recorder.whenIdle();
    await this.replies.flush();
  }

  /**
   * The counts the API would have kept had these requests come through it (the conversations
   * they were made in are not part of the demo).
   */
  private async seedReplyHistory(garagiste: AuthResponse, garage: 'marc' | 'sophie'): Promise<void> {
    const garageId = new Types.ObjectId(garagiste.user.garageId);
    for (const [day, counts] of countsByDay(demoReplyHistory(garage)))
      await this.responsiveness.add(garageId, day, counts);
  }
}

function asUser(account: AuthResponse): AuthUser {
  return {
    id: account.user.id,
    role: account.user.role,
    ...(account.user.garageId ? { garageId: account.user.garageId } : {}),
  };
}
