import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allowsBreakingChanges,
  asyncApiBreakingChanges,
  openApiBreakingChanges,
} from '../compatibility/breaking-changes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const released = (name: string) => JSON.parse(readFileSync(join(__dirname, '../released', name), 'utf8')) as Json;
const copy = <T>(value: T): T => structuredClone(value);
const whats = (changes: { where: string; what: string }[]) => changes.map(({ where, what }) => `${where}: ${what}`);

describe('breaking changes between two OpenAPI documents', () => {
  const before = released('openapi.json');
  const changed = (edit: (document: Json) => void) => {
    const after = copy(before);
    edit(after);
    return whats(openApiBreakingChanges(before, after));
  };

  it('finds none between a document and itself', () => {
    expect(openApiBreakingChanges(before, copy(before))).toEqual([]);
  });

  it('finds a removed operation, a new required parameter, a changed success status', () => {
    expect(changed((d) => delete d['paths']['/api/messages/unread-count'])).toEqual([
      'GET /api/messages/unread-count: operation removed',
    ]);
    expect(
      changed((d) => {
        const folder = d['paths']['/api/messages/conversations'].get.parameters.find(
          (p: Json) => p['name'] === 'folder',
        );
        folder.required = true;
      }),
    ).toEqual(['GET /api/messages/conversations query folder: parameter is now required']);
    expect(
      changed((d) => {
        const responses = d['paths']['/api/messages'].post.responses;
        responses['200'] = responses['201'];
        delete responses['201'];
      }),
    ).toEqual(['POST /api/messages 201: success status changed']);
  });

  it('finds what a client may no longer send: a new required field, a tighter limit, a refused value', () => {
    expect(changed((d) => d['components'].schemas.SendMessageDto.required.push('appointmentId'))).toEqual([
      'POST /api/messages body: .appointmentId is now required',
    ]);
    expect(changed((d) => (d['components'].schemas.SendMessageDto.properties.content.maxLength = 1000))).toEqual([
      'POST /api/messages body .content: maxLength 2000 became 1000',
    ]);
    expect(changed((d) => d['components'].schemas.RegisterDto.properties.role.enum.pop())).toEqual([
      'POST /api/auth/register body .role: refuses "garagiste"',
    ]);
  });

  it('finds what a client may no longer rely on in an answer: a removed or optional field, another type', () => {
    expect(changed((d) => delete d['components'].schemas.MessageView.properties.content)).toEqual(
      expect.arrayContaining(['POST /api/messages 201 body: .content was removed']),
    );
    expect(changed((d) => d['components'].schemas.UnreadCountView.required.pop())).toEqual([
      'GET /api/messages/unread-count 200 body: .total is no longer always there',
    ]);
    expect(changed((d) => (d['components'].schemas.UnreadCountView.properties.total.type = 'string'))).toEqual([
      'GET /api/messages/unread-count 200 body .total: type "number", "integer" became "string"',
    ]);
  });

  it('lets additions through: an optional field sent or answered, a new value answered, a new route', () => {
    expect(
      changed((d) => {
        d['components'].schemas.SendMessageDto.properties.replyTo = { type: 'string' };
        d['components'].schemas.UnreadCountView.properties.byFolder = { type: 'object' };
        d['components'].schemas.MessageKind.enum.push('poll');
        d['paths']['/api/messages/search'] = { get: { responses: { '200': {} } } };
      }),
    ).toEqual([]);
  });
});

describe('breaking changes between two AsyncAPI documents', () => {
  const before = released('asyncapi.json');
  const changed = (edit: (document: Json) => void) => {
    const after = copy(before);
    edit(after);
    return whats(asyncApiBreakingChanges(before, after));
  };

  it('finds none between a document and itself, and none for a new event', () => {
    expect(asyncApiBreakingChanges(before, copy(before))).toEqual([]);
    expect(changed((d) => (d['operations']['server.poll-closed'] = { action: 'send', messages: [] }))).toEqual([]);
  });

  it('finds a removed event, a renamed one, a stricter payload and a poorer acknowledgement', () => {
    expect(changed((d) => delete d['operations']['server.messages-read'])).toEqual([
      'operation server.messages-read: operation removed',
    ]);
    expect(changed((d) => (d['components'].messages['client.typing'].name = 'is-typing'))).toEqual([
      'operation client.typing: event "typing" became "is-typing"',
    ]);
    expect(changed((d) => d['components'].schemas.TypingDto.required.push('conversationId'))).toEqual([
      'operation client.typing payload: .conversationId is now required',
    ]);
    expect(changed((d) => d['components'].schemas.SendMessageAckSuccess.required.splice(0, 1))).toEqual([
      'operation client.send-message reply |0: .message is no longer always there',
    ]);
  });
});

describe('the versions that allow breaking changes', () => {
  it('are a new major, or a new minor while the major is 0', () => {
    expect(allowsBreakingChanges('0.6.0', '0.6.1')).toBe(false);
    expect(allowsBreakingChanges('0.6.0', '0.7.0')).toBe(true);
    expect(allowsBreakingChanges('0.6.3', '1.0.0')).toBe(true);
    expect(allowsBreakingChanges('1.2.0', '1.3.0')).toBe(false);
    expect(allowsBreakingChanges('1.2.0', '2.0.0')).toBe(true);
  });
});
