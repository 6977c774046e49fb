import { fromOpenApiSchema, toOpenApiSchema } from './openapi-schema';

describe('a generated JSON Schema in the OpenAPI 3.0 dialect', () => {
  it('says null with nullable, for a type, an enum and a reference', () => {
    expect(toOpenApiSchema({ type: ['string', 'null'], description: 'cursor' })).toEqual({
      type: 'string',
      nullable: true,
      description: 'cursor',
    });
    expect(toOpenApiSchema({ type: ['number', 'null'], enum: [300, 900, null] })).toEqual({
      type: 'number',
      enum: [300, 900],
      nullable: true,
    });
    expect(toOpenApiSchema({ anyOf: [{ $ref: '#/definitions/ReplyTimeBracket' }, { type: 'null' }] })).toEqual({
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/ReplyTimeBracket' }],
    });
  });

  it('points references at the components, wrapping those with keywords beside them', () => {
    expect(toOpenApiSchema({ $ref: '#/definitions/IsoDate' })).toEqual({ $ref: '#/components/schemas/IsoDate' });
    expect(toOpenApiSchema({ $ref: '#/definitions/IsoDate', description: 'Set once edited' })).toEqual({
      description: 'Set once edited',
      allOf: [{ $ref: '#/components/schemas/IsoDate' }],
    });
  });

  it('converts nested schemas, constants and examples', () => {
    expect(
      toOpenApiSchema({
        type: 'object',
        properties: {
          ok: { type: 'boolean', const: true },
          items: { type: 'array', items: { $ref: '#/definitions/MessageView' } },
        },
        required: ['ok', 'items'],
        examples: [
          { ok: true, items: [] },
          { ok: true, items: [{}] },
        ],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        ok: { type: 'boolean', enum: [true] },
        items: { type: 'array', items: { $ref: '#/components/schemas/MessageView' } },
      },
      required: ['ok', 'items'],
      example: { ok: true, items: [] },
    });
  });

  it('refuses a union of types that OpenAPI 3.0 cannot say', () => {
    expect(() => toOpenApiSchema({ type: ['string', 'number'] })).toThrow('no OpenAPI 3.0 equivalent');
  });
});

describe('an OpenAPI 3.0 schema in JSON Schema draft-07', () => {
  it('says null as a type, or as an alternative where there is no type', () => {
    expect(fromOpenApiSchema({ type: 'string', nullable: true, pattern: '^[0-9a-f]{24}$' })).toEqual({
      type: ['string', 'null'],
      pattern: '^[0-9a-f]{24}$',
    });
    expect(fromOpenApiSchema({ type: 'number', enum: [300, 900], nullable: true })).toEqual({
      type: ['number', 'null'],
      enum: [300, 900, null],
    });
    expect(fromOpenApiSchema({ allOf: [{ $ref: '#/components/schemas/X' }], nullable: true })).toEqual({
      anyOf: [{ allOf: [{ $ref: '#/components/schemas/X' }] }, { type: 'null' }],
    });
  });

  it('converts nested schemas and examples, and keeps references', () => {
    expect(
      fromOpenApiSchema({
        type: 'object',
        additionalProperties: false,
        properties: {
          recipientId: { type: 'string', example: '6b07bd0e44ecb3a1dc99551e' },
          attachmentIds: { type: 'array', items: { type: 'string', nullable: true } },
          garage: { $ref: '#/components/schemas/GarageRegistrationDto' },
        },
      }),
    ).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        recipientId: { type: 'string', examples: ['6b07bd0e44ecb3a1dc99551e'] },
        attachmentIds: { type: 'array', items: { type: ['string', 'null'] } },
        garage: { $ref: '#/components/schemas/GarageRegistrationDto' },
      },
    });
  });
});
