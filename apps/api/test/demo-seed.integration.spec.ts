import type {
  AuthResponse,
  ConversationView,
  GarageResponsivenessView,
  MessageView,
  Page,
  QuickRepliesView,
} from '@promoto/shared-dto';
import request from 'supertest';
import demo from '../src/seed/demo-accounts.json';
import { createTestApp, type TestApp } from './support/test-app';

describe('demo data (SEED_DEMO_DATA=true, as npm start sets it)', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  const login = async (email: string) => {
    const auth = (await api.post('/api/auth/login').send({ email, password: demo.password }).expect(200))
      .body as AuthResponse;
    return { ...auth, bearer: `Bearer ${auth.accessToken}` };
  };
  const get = async <T>(bearer: string, path: string) =>
    (await api.get(path).set('Authorization', bearer).expect(200)).body as T;

  beforeAll(async () => {
    testApp = await createTestApp({ SEED_DEMO_DATA: 'true' });
    api = request(testApp.baseUrl);
  });

  afterAll(() => testApp.close());

  it('shows booking notices, quick replies, an archived thread and the garages’ responsiveness', async () => {
    const marc = await login('marc@promoto.test');
    const julien = await login('julien@promoto.test');
    const camille = await login('camille@promoto.test');

    const thread = await get<Page<MessageView>>(camille.bearer, `/api/messages/conversation/${marc.user.id}`);
    expect(
      thread.items.filter((message) => message.kind === 'booking-event').map((m) => m.bookingEvent?.action),
    ).toEqual(['created', 'confirmed']);
    expect((await get<QuickRepliesView>(marc.bearer, '/api/quick-replies')).items.length).toBeGreaterThan(0);

    const inbox = await get<Page<ConversationView>>(marc.bearer, '/api/messages/conversations');
    const archived = await get<Page<ConversationView>>(marc.bearer, '/api/messages/conversations?folder=archived');
    expect(inbox.items.map((conversation) => conversation.otherUser.id)).toEqual([camille.user.id]);
    expect(archived.items.map((conversation) => conversation.otherUser.id)).toEqual([julien.user.id]);

    // By hand from demo-reply-history.ts: Marc's last 30 days are 14 requests answered in 8 to 95
    // minutes plus the three the seed's own messages made and answered at once, median 25 minutes;
    // the 30 days before, 15 requests of which 2 never answered and 2 after 25 hours, median 70 min.
    const marcs = (
      await api
        .get(`/api/garages/${marc.user.garageId}/responsiveness`)
        .set('Authorization', camille.bearer)
        .expect(200)
    ).body as GarageResponsivenessView;
    expect(marcs.current).toMatchObject({
      requests: 17,
      answered: 17,
      answeredWithin24h: 17,
      answeredWithin24hShare: 1,
      medianReply: { afterMinutes: 15, atMostMinutes: 30 },
    });
    expect(marcs.previous).toMatchObject({
      requests: 15,
      answered: 13,
      answeredWithin24h: 11,
      settled: 15,
      answeredWithin24hShare: 11 / 15,
      medianReply: { afterMinutes: 60, atMostMinutes: 180 },
    });
  });
});
