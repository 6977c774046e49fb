import type { QuickRepliesView, QuickReplyView } from '@promoto/shared-dto';
import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { createTestApp, type TestApp } from './support/test-app';

describe('quick replies', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof request>;
  let garagiste: Actor;
  let otherGaragiste: Actor;
  let client: Actor;

  const list = async (actor: Actor) =>
    (await api.get('/api/quick-replies').set('Authorization', actor.bearer).expect(200)).body as QuickRepliesView;

  beforeAll(async () => {
    testApp = await createTestApp();
    api = request(testApp.baseUrl);
    [garagiste, otherGaragiste, client] = await Promise.all([
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
      registerActor(testApp.baseUrl, 'garagiste', 'Sophie'),
      registerActor(testApp.baseUrl, 'client', 'Camille'),
    ]);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('starts a garage with French defaults that use the placeholders, and its name', async () => {
    const first = await list(garagiste);
    expect(first.garageName).toMatch(/^Garage /);
    expect(first.items.map((reply) => reply.title)).toEqual([
      'Dépôt du véhicule',
      'Rendez-vous confirmé',
      'Devis prêt',
      'Pièce commandée',
      'Véhicule prêt',
    ]);
    expect(first.items[1].content).toBe(
      "C'est noté {client} : nous vous attendons le {rdv.date} pour {rdv.service}. À bientôt chez {garage} !",
    );
    expect((await list(garagiste)).items).toEqual(first.items);
  });

  it('creates, edits, reorders and deletes, for my garage only', async () => {
    const before = (await list(garagiste)).items;
    const created = (
      await api
        .post('/api/quick-replies')
        .set('Authorization', garagiste.bearer)
        .send({ title: '  Horaires ', content: 'Nous sommes ouverts de 8 h à 18 h, {client}.' })
        .expect(201)
    ).body as QuickReplyView;
    expect(created).toEqual({
      id: expect.any(String),
      title: 'Horaires',
      content: 'Nous sommes ouverts de 8 h à 18 h, {client}.',
    });
    expect((await list(garagiste)).items.at(-1)).toEqual(created);

    const edited = await api
      .patch(`/api/quick-replies/${created.id}`)
      .set('Authorization', garagiste.bearer)
      .send({ content: 'Ouvert de 8 h à 19 h.' })
      .expect(200);
    expect(edited.body).toEqual({ ...created, content: 'Ouvert de 8 h à 19 h.' });

    const ids = [created.id, ...before.map((reply) => reply.id)].reverse();
    const reordered = await api
      .put('/api/quick-replies/order')
      .set('Authorization', garagiste.bearer)
      .send({ ids })
      .expect(200);
    expect(reordered.body.map((reply: QuickReplyView) => reply.id)).toEqual(ids);
    expect((await list(garagiste)).items.map((reply) => reply.id)).toEqual(ids);

    // Another garage sees none of it and cannot touch it; a client has no quick replies.
    expect((await list(otherGaragiste)).items.map((reply) => reply.id)).not.toContain(created.id);
    await api
      .patch(`/api/quick-replies/${created.id}`)
      .set('Authorization', otherGaragiste.bearer)
      .send({ title: 'x' })
      .expect(404);
    await api.delete(`/api/quick-replies/${created.id}`).set('Authorization', otherGaragiste.bearer).expect(404);
    await api.get('/api/quick-replies').set('Authorization', client.bearer).expect(403);

    await api.delete(`/api/quick-replies/${created.id}`).set('Authorization', garagiste.bearer).expect(204);
    expect((await list(garagiste)).items.map((reply) => reply.id)).toEqual(ids.filter((id) => id !== created.id));
  });

  it('refuses bad input and an order that does not name every reply once', async () => {
    const ids = (await list(garagiste)).items.map((reply) => reply.id);
    const refusals = [
      api.post('/api/quick-replies').set('Authorization', garagiste.bearer).send({ title: '', content: 'x' }),
      api
        .post('/api/quick-replies')
        .set('Authorization', garagiste.bearer)
        .send({ title: 'x', content: 'y'.repeat(2001) }),
      api
        .post('/api/quick-replies')
        .set('Authorization', garagiste.bearer)
        .send({ title: 'x', content: 'y', extra: 1 }),
      api
        .put('/api/quick-replies/order')
        .set('Authorization', garagiste.bearer)
        .send({ ids: ids.slice(1) }),
      api
        .put('/api/quick-replies/order')
        .set('Authorization', garagiste.bearer)
        .send({ ids: [ids[0], ...ids.slice(0, -1)] }),
      api
        .put('/api/quick-replies/order')
        .set('Authorization', garagiste.bearer)
        .send({ ids: ['6b07bd0e44ecb3a1dc99551e', ...ids.slice(1)] }),
    ];
    for (const response of await Promise.all(refusals)) {
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await list(garagiste)).items.map((reply) => reply.id)).toEqual(ids);
  });

  it('stores placeholders and markup as written: the text is filled and shown as plain text by the composer', async () => {
    const content = '<b>{client}</b> & {rdv.date}';
    const created = await api
      .post('/api/quick-replies')
      .set('Authorization', otherGaragiste.bearer)
      .send({ title: 'Balises', content })
      .expect(201);
    expect(created.body.content).toBe(content);
    expect((await list(otherGaragiste)).items.at(-1)?.content).toBe(content);
  });
});
