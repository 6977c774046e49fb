import type { INestApplication } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { GATEWAY_METADATA, MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import generated from '@promoto/shared-dto/schemas.json';
import { getMetadataStorage } from 'class-validator';
import { fromOpenApiSchema, type JsonSchema } from './openapi-schema';

type Class = abstract new (...args: never[]) => unknown;
type Handler = (...args: never[]) => unknown;
type Definitions = Record<string, JsonSchema>;

/** An AsyncAPI 3.1 document, as plain JSON. */
export type AsyncApiDocument = Record<string, unknown> & { asyncapi: '3.1.0' };

interface EventEntry {
  description?: string;
  properties: { payload: JsonSchema; ack?: JsonSchema };
  required: string[];
}

const CHANNEL = '#/channels/socket/messages/';
const SCHEMAS = '#/components/schemas/';
const isValidated = (type: unknown): type is Class =>
  typeof type === 'function' && getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;

/**
 * The event each gateway handler subscribes to, and the class-validator DTO its payload is
 * validated with, read from the handlers' metadata (as Nest itself reads them).
 */
export function socketPayloadTypes(app: INestApplication): Map<string, Class> {
  const payloads = new Map<string, Class>();
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const gateway = wrapper.metatype as Class | null;
      if (!gateway || !Reflect.getMetadata(GATEWAY_METADATA, gateway)) continue;
      const prototype = gateway.prototype as Record<string, Handler>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (!Reflect.getMetadata(MESSAGE_MAPPING_METADATA, handler)) continue;
        const event = Reflect.getMetadata(MESSAGE_METADATA, handler) as string;
        const types = (Reflect.getMetadata('design:paramtypes', gateway.prototype, name) ?? []) as unknown[];
        const payload = types.find(isValidated);
        if (!payload) throw new Error(`the handler of ${event} validates its payload with no DTO`);
        payloads.set(event, payload);
      }
    }
  }
  return payloads;
}

/** A `#/definitions/` or `#/components/schemas/` reference, pointed at the AsyncAPI components. */
const toComponents = <T>(schema: T): T =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/definitions/', `"${SCHEMAS}`)) as T;

const references = (value: unknown) =>
  [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);

const message = (name: string, title: string, payload: JsonSchema, description?: string) => ({
  name,
  title,
  ...(description && { description }),
  payload: toComponents(payload),
});

const HANDSHAKE_DESCRIPTION =
  'Socket.IO opens the connection with a handshake whose `auth` carries the access token ' +
  "(`io(origin, { path: '/socket.io', auth: { token } })`). An accepted socket joins the room " +
  '`user:<id>` and receives the events of every conversation of its user; it is closed when its ' +
  'token expires (reconnect with a fresh token). A refused handshake gets a `connect_error` whose ' +
  'message is `"<code>: <message>"` and whose `data` is `{ code, message }`: UNAUTHENTICATED (no ' +
  'token, an invalid one, an ended session, or an account that no longer exists or is suspended), ' +
  'TOKEN_EXPIRED, FORBIDDEN (an admin: admins have no messaging socket), or DATABASE_UNAVAILABLE ' +
  '(retry shortly).';

const INFO_DESCRIPTION =
  'The real-time half of the Promoto Messages API, over Socket.IO 4 (path `/socket.io`, default ' +
  'namespace). A message of this document is one Socket.IO event: its `name` is the event name and ' +
  'its payload the event’s single argument. A client event’s reply is its acknowledgement: what the ' +
  'server passes to the callback given as the event’s last argument (`socket.emitWithAck(name, ' +
  'payload)`), `{ ok: true, … }` or `{ ok: false, error: { code, message, details? } }` with the ' +
  'same codes as the REST API. The database is the source of truth: after a reconnection, a client ' +
  'asks the REST API for what it missed (`GET /api/messages/conversation/{userId}?after=<last id>`).';

/**
 * The AsyncAPI 3.1 document of the Socket.IO API: the events and their payloads and
 * acknowledgements come from the shared event maps (their generated catalogues in
 * @promoto/shared-dto/schemas.json); a client event's payload schema is the DTO its gateway
 * handler validates it with (`dtoSchemas`: the OpenAPI components, with the validation rules).
 */
export function createAsyncApiDocument(
  payloadTypes: Map<string, Class>,
  dtoSchemas: Record<string, SchemaObject | ReferenceObject>,
  version: string,
): AsyncApiDocument {
  const definitions = generated.definitions as unknown as Definitions;
  const catalogue = (map: string) => Object.entries(definitions[map].properties ?? {}) as [string, EventEntry][];
  const clientEvents = catalogue('ClientToServerEvents');
  const serverEvents = catalogue('ServerToClientEvents');

  const handled = [...payloadTypes.keys()].sort();
  const mapped = clientEvents.map(([event]) => event).sort();
  if (JSON.stringify(handled) !== JSON.stringify(mapped)) {
    throw new Error(`the gateways handle ${handled.join(', ')} but ClientToServerEvents has ${mapped.join(', ')}`);
  }

  const messages: Record<string, object> = {
    handshake: message('handshake', 'Handshake', { $ref: '#/definitions/SocketHandshakeAuth' }),
    'handshake.refused': message('connect_error', 'Handshake refused', {
      $ref: '#/definitions/SocketConnectErrorData',
    }),
  };
  const operations: Record<string, object> = {
    handshake: {
      action: 'receive',
      channel: { $ref: '#/channels/socket' },
      title: 'Connect',
      summary: 'Open a socket with an access token.',
      description: HANDSHAKE_DESCRIPTION,
      messages: [{ $ref: `${CHANNEL}handshake` }],
      reply: { messages: [{ $ref: `${CHANNEL}handshake.refused` }] },
    },
  };
  for (const [event, { description, properties, required }] of clientEvents) {
    const dto = (payloadTypes.get(event) as Class).name;
    const key = `client.${event}`;
    messages[key] = message(event, event, { $ref: `${SCHEMAS}${dto}` }, description);
    messages[`${key}.ack`] = message(
      event,
      `Acknowledgement of ${event}`,
      properties.ack ?? { $ref: '#/definitions/Ack' },
      required.includes('ack')
        ? 'Required: emit with a callback.'
        : 'Optional: the event may be emitted without a callback.',
    );
    operations[key] = {
      action: 'receive',
      channel: { $ref: '#/channels/socket' },
      title: event,
      ...(description && { description }),
      messages: [{ $ref: `${CHANNEL}${key}` }],
      reply: { messages: [{ $ref: `${CHANNEL}${key}.ack` }] },
    };
  }
  for (const [event, { description, properties }] of serverEvents) {
    const key = `server.${event}`;
    messages[key] = message(event, event, properties.payload, description);
    operations[key] = {
      action: 'send',
      channel: { $ref: '#/channels/socket' },
      title: event,
      ...(description && { description }),
      messages: [{ $ref: `${CHANNEL}${key}` }],
    };
  }

  // The schemas the messages use, and those these use: the generated ones, and the DTOs' from the OpenAPI components.
  const schemas: Definitions = {};
  const pending = references(messages);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (schemas[name]) continue;
    if (!definitions[name] && !dtoSchemas[name]) throw new Error(`no schema named ${name}`);
    schemas[name] = definitions[name] ? toComponents(definitions[name]) : fromOpenApiSchema(dtoSchemas[name]);
    pending.push(...references(schemas[name]));
  }

  return {
    asyncapi: '3.1.0',
    info: { title: 'Promoto Messages real-time API', version, description: INFO_DESCRIPTION },
    defaultContentType: 'application/json',
    servers: {
      api: {
        host: 'localhost:3000',
        protocol: 'ws',
        pathname: '/socket.io',
        title: 'The API',
        description:
          'Socket.IO 4 over WebSocket (HTTP long-polling as a fallback), on the same origin as the REST API.',
        security: [{ $ref: '#/components/securitySchemes/accessToken' }],
      },
    },
    channels: {
      socket: {
        address: '/',
        title: 'Default namespace',
        description:
          'Every socket of a user is in the room `user:<id>`, where the events of all their conversations arrive; `join-room` adds `conversation:<id>` for `typing`.',
        messages: Object.fromEntries(
          Object.keys(messages).map((key) => [key, { $ref: `#/components/messages/${key}` }]),
        ),
      },
    },
    operations,
    components: {
      schemas: Object.fromEntries(
        Object.keys(schemas)
          .sort()
          .map((name) => [name, schemas[name]]),
      ),
      messages,
      securitySchemes: {
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The `accessToken` from POST /api/auth/login or register, sent as the handshake’s `auth.token` (not as a header).',
        },
      },
    },
  };
}
