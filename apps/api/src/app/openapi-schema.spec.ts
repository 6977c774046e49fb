import { toOpenApiSchema } from './openapi-schema';

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
