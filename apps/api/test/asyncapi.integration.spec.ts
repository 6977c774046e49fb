import { Parser } from '@asyncapi/parser';
import {
  SOCKET_EVENTS,
  type ClientToServerEvents,
  type MessageView,
  type SocketConnectErrorData,
} from '@promoto/shared-dto';
import contracts from '@promoto/shared-dto/package.json';
import request from 'supertest';
import { registerActor, type Actor } from './support/actors';
import { testMailpit } from './support/mailpit';
import { conformance, schemaValidator, type Schema } from './support/schemas';
import { connectSocket, emitWithAck, nextEvent, type ChatClient } from './support/sockets';
import { joinTeam } from './support/team';
import { createTestApp, type TestApp } from './support/test-app';

interface AsyncApiDocument {
  asyncapi: string;
  info: { version: string };
  operations: Record<string, { action: 'send' | 'receive'; title: string }>;
  components: { messages: Record<string, { name: string; payload: Schema }>; schemas: Record<string, Schema> };
}

/**
 * The AsyncAPI document the API serves, validated by the AsyncAPI parser, and the Socket.IO API
 * checked against it: the handshake's refusal, every acknowledgement and every server event, as a
 * client and a garagiste provoke them.
 */
describe('the AsyncAPI document of the Socket.IO API', () => {
  let testApp: TestApp;
  let document: AsyncApiDocument;
  let validator: ReturnType<typeof schemaValidator>;
  let client: Actor;
  let garagiste: Actor;
  const sockets: ChatClient[] = [];
  const checked = new Set<string>();

  /** Checks `value` against the payload of the document's message `key`. */
  const matches = (key: string, value: unknown) => {
    const payload = document.components.messages[key].payload;
    expect(conformance(validator(payload), value, key)).toEqual([key, []]);
    checked.add(key);
  };
  /**
   * Emits `event` and checks its acknowledgement; the payload of an accepted event must match its
   * message too, and that of a refused one must not.
   */
  const emit = async (socket: ChatClient, event: keyof ClientToServerEvents, payload: object) => {
    const ack = await emitWithAck(socket, event, payload);
    matches(`client.${event}.ack`, ack);
    const accepted = validator(document.components.messages[`client.${event}`].payload)(payload);
    expect([event, payload, accepted]).toEqual([event, payload, ack.ok]);
    if (ack.ok) checked.add(`client.${event}`);
    return ack;
  };
  const connect = async (actor: Actor) => {
    const socket = await connectSocket(testApp.baseUrl, actor.accessToken);
    sockets.push(socket);
    return socket;
  };

  // Booting the app takes long on a loaded machine.
  beforeAll(async () => {
    testApp = await createTestApp({ MAX_SOCKETS_PER_USER: '3', SMTP_URL: testMailpit().smtpUrl });
    document = (await request(testApp.baseUrl).get('/api/docs/asyncapi.json').expect(200)).body as AsyncApiDocument;
    validator = schemaValidator(document.components.schemas);
    [client, garagiste] = await Promise.all([
      registerActor(testApp.baseUrl, 'client', 'Camille'),
      registerActor(testApp.baseUrl, 'garagiste', 'Marc'),
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp.close();
  });

  it('is a valid AsyncAPI 3 document, versioned as the contracts package', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    // Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
    expect(diagnostics.filter((diagnostic) => diagnostic.severity < 2)).toEqual([]);
    expect(parsed?.version()).toMatch(/^3\./);
    expect(document.info.version).toBe(contracts.version);
  });

  it('describes every event of the shared event maps, and the handshake', () => {
    const names = Object.values(document.components.messages).map((message) => message.name);
    expect(new Set(names)).toEqual(new Set([...Object.values(SOCKET_EVENTS), 'handshake', 'connect_error']));
    const operations = Object.entries(document.operations).map(([key, { action }]) => `${action} ${key}`);
    expect(operations.sort()).toEqual(
      [
        'receive handshake',
        ...['join-room', 'leave-room', 'send-message', 'mark-read', 'typing'].map((event) => `receive client.${event}`),
        ...[
          'new-message',
          'messages-read',
          'typing',
          'conversation-updated',
          'message-updated',
          'session-replaced',
          'membership-ended',
        ].map((event) => `send server.${event}`),
      ].sort(),
    );
    // A payload is validated as the gateway validates it: the send's DTO with its id rule and length.
    expect(document.components.schemas['SendMessageDto']).toMatchObject({
      additionalProperties: false,
      properties: { recipientId: { pattern: '^[0-9a-f]{24}$' }, content: { maxLength: 2000 } },
    });
  });

  it('matches what is sent: the handshake and its refusal, every event both ways, every acknowledgement', async () => {
    matches('handshake', { token: client.accessToken });
    const refused = await connectSocket(testApp.baseUrl, 'not-a-token').catch(
      (error: Error & { data: SocketConnectErrorData }) => error.data,
    );
    matches('handshake.refused', refused);

    const [clientSocket, garagisteSocket] = await Promise.all([connect(client), connect(garagiste)]);
    await emit(clientSocket, 'join-room', { userId: garagiste.user.id });
    const delivered = nextEvent(garagisteSocket, 'new-message');
    const updated = nextEvent(garagisteSocket, 'conversation-updated');
    const sent = await emit(clientSocket, 'send-message', {
      recipientId: garagiste.user.id,
      content: 'Bonjour, la courroie est à changer ?',
      clientMessageId: 'asyncapi-1',
    });
    matches('server.new-message', await delivered);
    matches('server.conversation-updated', await updated);
    expect(await emit(clientSocket, 'send-message', { recipientId: 'x', content: '' })).toMatchObject({ ok: false });

    await emit(garagisteSocket, 'join-room', { userId: client.user.id });
    const typing = nextEvent(garagisteSocket, 'typing');
    await emit(clientSocket, 'typing', { recipientId: garagiste.user.id, isTyping: true });
    matches('server.typing', await typing);

    const read = nextEvent(clientSocket, 'messages-read');
    await emit(garagisteSocket, 'mark-read', { userId: client.user.id });
    matches('server.messages-read', await read);

    const edited = nextEvent(garagisteSocket, 'message-updated');
    await request(testApp.baseUrl)
      .patch(`/api/messages/${(sent['message'] as MessageView).id}`)
      .set('Authorization', client.bearer)
      .send({ content: 'Bonjour, la courroie de distribution est à changer ?' })
      .expect(200);
    matches('server.message-updated', await edited);
    await emit(clientSocket, 'leave-room', { userId: garagiste.user.id });

    // Over the account's cap of 3 sockets, its oldest is told, then closed.
    const replaced = nextEvent(clientSocket, 'session-replaced');
    await Promise.all([connect(client), connect(client), connect(client)]);
    matches('server.session-replaced', await replaced);

    // A member the garage removes is told, then its sockets are closed.
    const member = await joinTeam(testApp.baseUrl, garagiste, 'Julie');
    const ended = nextEvent(await connect(member), 'membership-ended');
    await request(testApp.baseUrl)
      .delete(`/api/team/members/${member.user.id}`)
      .set('Authorization', garagiste.bearer)
      .expect(204);
    matches('server.membership-ended', await ended);
  });

  it('leaves no message of the document unchecked', () => {
    expect(Object.keys(document.components.messages).filter((key) => !checked.has(key))).toEqual([]);
  });
});
