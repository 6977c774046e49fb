import request from 'supertest';
import { createTestApp, type TestApp } from './support/test-app';

type Schema = { type?: string; pattern?: string; enum?: string[]; maxLength?: number; $ref?: string };
type Response = { description: string; content?: Record<string, { schema?: Schema }> };
type Operation = {
  parameters?: { name: string; in: string; schema: Schema }[];
  responses: Record<string, Response>;
  security?: unknown[];
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties: Record<string, Schema>; additionalProperties?: boolean; example?: unknown }>;
  };
};

const ID = '^[0-9a-f]{24}$';

describe('the OpenAPI document a client generator can trust', () => {
  let testApp: TestApp;
  let document: Document;

  beforeAll(async () => {
    testApp = await createTestApp();
    document = (await request(testApp.baseUrl).get('/api/docs-json').expect(200)).body as Document;
  });

  afterAll(async () => {
    await testApp.close();
  });

  const operation = (verb: string, path: string) => document.paths[path][verb];
  const statuses = (verb: string, path: string) => Object.keys(operation(verb, path).responses).sort();
  const property = (schema: string, name: string) => document.components.schemas[schema].properties[name];

  it('describes the body of every success: a shared view with its example, a file, a page, or none for a 204', () => {
    const successes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([verb, op]) => ({
        route: `${verb} ${path}`,
        answers: Object.entries(op.responses).filter(([status]) => status.startsWith('2')),
      })),
    );
    expect(successes.length).toBeGreaterThan(30);
    for (const { route, answers } of successes) {
      expect([route, answers.length]).toEqual([route, 1]);
      const [[status, response]] = answers;
      if (status === '204') {
        expect([route, response.content]).toEqual([route, undefined]);
        continue;
      }
      const bodies = Object.entries(response.content ?? {});
      expect([route, bodies.length > 0]).toEqual([route, true]);
      for (const [mediaType, { schema }] of bodies) {
        expect([route, mediaType, schema?.$ref ?? schema?.type]).toEqual([route, mediaType, expect.any(String)]);
        const view = schema?.$ref?.replace('#/components/schemas/', '');
        if (view)
          expect([route, view, document.components.schemas[view]?.example]).toEqual([route, view, expect.anything()]);
      }
    }
    // Health answers are terminus's own report, for load balancers; every other JSON answer is a shared view.
    const inline = successes
      .filter(({ answers }) => answers.some(([, r]) => r.content?.['application/json']?.schema?.type))
      .map(({ route }) => route);
    expect(inline.sort()).toEqual(['get /api/health', 'get /api/health/live', 'get /api/health/ready']);
  });

  it('types enums as strings', () => {
    expect(property('RegisterDto', 'role')).toMatchObject({ type: 'string', enum: ['client', 'garagiste'] });
    expect(property('UpdateAppointmentStatusDto', 'status')).toMatchObject({
      type: 'string',
      enum: ['pending', 'confirmed', 'completed', 'cancelled'],
    });
    const folder = operation('get', '/api/messages/conversations').parameters?.find((p) => p.name === 'folder');
    expect(folder?.schema).toEqual({ type: 'string', enum: ['inbox', 'archived'] });
  });

  it('holds only schemas something refers to', () => {
    const text = JSON.stringify(document);
    const unused = Object.keys(document.components.schemas).filter(
      (name) => !text.includes(`"#/components/schemas/${name}"`),
    );
    expect(unused).toEqual([]);
    expect(Object.keys(document.components.schemas)).toContain('ApiError');
  });

  it('gives every id its pattern: body fields, path and query parameters', () => {
    for (const [schema, name] of [
      ['SendMessageDto', 'recipientId'],
      ['SendMessageDto', 'appointmentId'],
      ['MarkReadDto', 'userId'],
      ['CreateAppointmentDto', 'garageId'],
    ]) {
      expect(property(schema, name)).toMatchObject({ type: 'string', pattern: ID });
    }
    for (const [path, item] of Object.entries(document.paths)) {
      for (const op of Object.values(item)) {
        for (const parameter of (op.parameters ?? []).filter((p) => p.in === 'path')) {
          expect([path, parameter.schema.pattern]).toEqual([path, ID]);
        }
      }
    }
    const history = operation('get', '/api/messages/conversation/{userId}').parameters ?? [];
    expect(history.find((p) => p.name === 'before')?.schema.pattern).toBe(ID);
    expect(history.find((p) => p.name === 'after')?.schema.pattern).toBe(ID);
    expect(operation('get', '/api/appointments').parameters?.find((p) => p.name === 'cursor')?.schema.pattern).toBe(ID);
    expect(property('RegisterDto', 'password').maxLength).toBe(128);
  });

  it('says that request bodies take no unknown fields', () => {
    for (const schema of ['RegisterDto', 'GarageRegistrationDto', 'SendMessageDto', 'CreateAppointmentDto']) {
      expect([schema, document.components.schemas[schema]]).toEqual([
        schema,
        expect.objectContaining({ additionalProperties: false }),
      ]);
    }
    expect(document.components.schemas['ApiError']).not.toHaveProperty('additionalProperties');
  });

  it('documents the answers each route really gives', () => {
    expect(statuses('post', '/api/auth/register')).toEqual(
      expect.arrayContaining(['201', '400', '409', '413', '429', '503']),
    );
    expect(statuses('post', '/api/auth/login')).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    expect(statuses('post', '/api/auth/login')).not.toContain('201');
    expect(statuses('post', '/api/messages')).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404', '413', '429', '503']),
    );
    expect(statuses('post', '/api/appointments')).toEqual(expect.arrayContaining(['201', '403', '404', '429']));
    expect(statuses('patch', '/api/appointments/{id}/status')).toContain('403');
    expect(statuses('patch', '/api/messages/{id}')).toEqual(expect.arrayContaining(['200', '404', '409', '429']));
    for (const verb of ['put', 'delete']) {
      expect(statuses(verb, '/api/messages/conversation/{userId}/archive')).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '503']),
      );
    }
    expect(statuses('get', '/api/messages/unread-count')).not.toContain('404');
    expect(statuses('get', '/api/health/live')).not.toContain('503');
  });
});
