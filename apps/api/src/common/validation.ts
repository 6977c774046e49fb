import {
  ArgumentMetadata,
  Injectable,
  PipeTransform,
  ValidationError,
  ValidationPipe,
  type ValidationPipeOptions,
} from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { WsParamtype } from '@nestjs/websockets/enums/ws-paramtype.enum';
import { badRequest } from './app-exception';
import { assertSafePayload } from './payload-shape';
import { ValidationPlans } from './validation-plans';

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

/**
 * Runs before validation on REST bodies, queries and params and on socket payloads alike:
 * the shape checks of assertSafePayload, and a body or payload must be an object.
 */
@Injectable()
export class PayloadShapePipe implements PipeTransform {
  transform(value: unknown, { type }: ArgumentMetadata): unknown {
    const isBody = type === 'body' || (type as unknown) === WsParamtype.PAYLOAD;
    if (isBody && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw badRequest('The payload must be a JSON object.');
    }
    assertSafePayload(value);
    return value;
  }
}

/**
 * Nest's pipe, except that an input its class's rules accept (ValidationPlans, the rules read
 * once per class) is not handed to class-validator again; anything else is, which writes the
 * errors exactly as before.
 */
export class PlannedValidationPipe extends ValidationPipe {
  private readonly plans = new ValidationPlans();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  protected override validate(object: object, validatorOptions?: ValidatorOptions) {
    if (ValidationPlans.understands(validatorOptions) && this.plans.accepts(object)) return [];
    return super.validate(object, validatorOptions);
  }
}

/** The API's one validation rule set: unknown fields refused, types checked, values transformed. */
export const appValidationPipe = new PlannedValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  exceptionFactory: validationException,
});

/**
 * Every REST input and socket payload goes through these, in this order: REST gets them as
 * global pipes, the gateway on each `@MessageBody()`, so both transports share one path.
 */
export const inputPipes = [new PayloadShapePipe(), appValidationPipe];
