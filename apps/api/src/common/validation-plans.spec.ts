import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import * as dtos from '@promoto/shared-dto/validation';
import { getMetadataStorage, validate } from 'class-validator';
import { appValidationPipe, validationException } from './validation';
import { ValidationPlans } from './validation-plans';

/** Nest's pipe as the API configured it before the plans: what every answer is compared with. */
const stockPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  exceptionFactory: validationException,
});

const ID = '65a1b2c3d4e5f60718293a4b';
const OTHER_ID = '65a1b2c3d4e5f60718293a4c';

/** Inputs the socket events and the send route take every second, each valid. */
const VALID: [new () => object, Record<string, unknown>][] = [
  [dtos.SendMessageDto, { recipientId: ID, content: 'Bonjour, la voiture est prête ?' }],
  [dtos.SendMessageDto, { recipientId: ID, content: '  Bonjour  ', clientMessageId: 'c-1_a', note: false }],
  [dtos.SendMessageDto, { recipientId: ID, content: '', attachmentIds: [ID, OTHER_ID], appointmentId: OTHER_ID }],
  [dtos.MarkReadDto, { userId: ID }],
  [dtos.TypingDto, { recipientId: ID, isTyping: true }],
  [dtos.JoinRoomDto, { conversationId: ID }],
  [dtos.EditMessageDto, { content: 'corrigé' }],
];

/** Values tried in every property of every request class, valid or not for it. */
const VALUES: unknown[] = [
  ID,
  OTHER_ID,
  'ABC',
  '',
  '   ',
  '  texte  ',
  'x'.repeat(2001),
  'user@example.com',
  '2026-12-05T10:00:00.000Z',
  '10:30',
  'client',
  'garagiste',
  'c-1',
  'pas un id!',
  0,
  1,
  25,
  -1,
  1.5,
  '12',
  true,
  false,
  null,
  [],
  [ID],
  [ID, ID],
  [ID, OTHER_ID],
  ['x'],
  [1, 2],
  {},
  { nested: 1 },
];

/** A deterministic generator, so that a failure names an input that can be run again. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

const requestClasses = Object.values(dtos).filter(
  (value): value is new () => object =>
    typeof value === 'function' &&
    getMetadataStorage().getTargetValidationMetadatas(value, undefined as unknown as string, false, false, undefined)
      .length > 0,
);

function propertiesOf(target: new () => object): string[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(
    target,
    undefined as unknown as string,
    false,
    false,
    undefined,
  );
  return [...new Set(metadatas.map((metadata) => metadata.propertyName))];
}

/** Every property given a value from VALUES or left out, sometimes with a property no class has. */
function inputsFor(target: new () => object, count: number, seed: number): Record<string, unknown>[] {
  const next = random(seed);
  const properties = propertiesOf(target);
  return Array.from({ length: count }, () => {
    const input: Record<string, unknown> = {};
    for (const property of properties) {
      const pick = next(VALUES.length + 3);
      if (pick < VALUES.length) input[property] = VALUES[pick];
    }
    if (next(10) === 0) input['unexpected'] = 'x';
    return input;
  });
}

type Outcome = { value: unknown } | { error: unknown };

async function outcome(pipe: ValidationPipe, target: new () => object, input: unknown): Promise<Outcome> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: target };
  try {
    return { value: await pipe.transform(structuredClone(input), metadata) };
  } catch (error) {
    return { error: error instanceof BadRequestException ? error.getResponse() : error };
  }
}

describe('ValidationPlans', () => {
  it('accepts the valid inputs of the socket events without asking class-validator', async () => {
    const plans = new ValidationPlans();
    for (const [target, input] of VALID) {
      const instance = (await stockPipe.transform(structuredClone(input), { type: 'body', metatype: target })) as object;
      expect({ target: target.name, input, accepted: plans.accepts(instance) }).toEqual({
        target: target.name,
        input,
        accepted: true,
      });
    }
  });

  it('never accepts what class-validator refuses, over every request class', async () => {
    const plans = new ValidationPlans();
    let accepted = 0;
    let refused = 0;
    for (const [index, target] of requestClasses.entries()) {
      for (const input of inputsFor(target, 60, index + 1)) {
        const instance = Object.assign(new target(), structuredClone(input));
        const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
        if (errors.length > 0) refused += 1;
        if (!plans.accepts(instance)) continue;
        expect({ target: target.name, input, errors }).toEqual({ target: target.name, input, errors: [] });
        accepted += 1;
      }
    }
    // The corpus reaches both verdicts: valid inputs of many classes, and refusals.
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(requestClasses.length);
  });

  it('leaves unknown properties, failed rules and unknown options to class-validator', async () => {
    const plans = new ValidationPlans();
    const send = (input: Record<string, unknown>) => Object.assign(new dtos.SendMessageDto(), input);
    expect(plans.accepts(send({ recipientId: ID, content: 'a', extra: 1 }))).toBe(false);
    expect(plans.accepts(send({ recipientId: 'nope', content: 'a' }))).toBe(false);
    expect(plans.accepts(send({ recipientId: ID, content: 'a', attachmentIds: new Set([ID]) }))).toBe(false);
    expect(plans.accepts({ recipientId: ID })).toBe(false);
    expect(ValidationPlans.understands({ whitelist: true, validationError: { target: false } })).toBe(true);
    expect(ValidationPlans.understands({ skipMissingProperties: true })).toBe(false);
    expect(ValidationPlans.understands({ groups: ['admin'] })).toBe(false);
  });
});

describe('appValidationPipe', () => {
  it('answers every input of every request class exactly as Nest’s pipe does', async () => {
    const inputs: [new () => object, unknown][] = [
      ...VALID,
      ...requestClasses.flatMap((target, index) =>
        inputsFor(target, 40, 1000 + index).map((input): [new () => object, unknown] => [target, input]),
      ),
      [dtos.SendMessageDto, 'texte'],
      [dtos.SendMessageDto, [ID]],
      [dtos.SendMessageDto, null],
    ];
    for (const [target, input] of inputs) {
      const [planned, stock] = await Promise.all([
        outcome(appValidationPipe, target, input),
        outcome(stockPipe, target, input),
      ]);
      expect({ target: target.name, input, outcome: planned }).toStrictEqual({ target: target.name, input, outcome: stock });
    }
  });
});
