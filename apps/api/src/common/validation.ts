import { ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { badRequest } from './app-exception';

function messages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      parent && message.startsWith(error.property) ? `${parent}.${message}` : message,
    );
    return [...own, ...messages(error.children ?? [], path)];
  });
}

export function validationException(errors: ValidationError[]) {
  const details = messages(errors);
  return badRequest(details[0] ?? 'The request is not valid.', details);
}

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
} as const;

/** The API's one validation rule set: unknown fields refused, types checked, values transformed. */
export const appValidationPipe = new ValidationPipe({
  ...OPTIONS,
  transform: true,
  exceptionFactory: validationException,
});

/** The same rules for socket payloads, which do not pass through Nest's pipes with an ack. */
export async function validatePayload<T extends object>(type: new () => T, payload: unknown): Promise<T> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw badRequest('The payload must be an object.');
  }
  const instance = plainToInstance(type, payload);
  const errors = await validate(instance, OPTIONS);
  if (errors.length > 0) throw validationException(errors);
  return instance;
}
