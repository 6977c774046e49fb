import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isObjectId } from '../contracts/ids';
import { LIMITS } from '../limits';

/** The property is an id in its canonical spelling (see OBJECT_ID_PATTERN). */
export const IsObjectId = (what: string, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isObjectId',
      validator: {
        validate: (value) => isObjectId(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'the value'} must be ${what} (24 lower-case hexadecimal characters)`,
      },
    },
    options,
  );

const CLIENT_MESSAGE_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.clientMessageIdMaxLength}}$`);

/** The property is a clientMessageId a client chose for an idempotent send. */
export const IsClientMessageId = (): PropertyDecorator =>
  ValidateBy({
    name: 'isClientMessageId',
    validator: {
      validate: (value) => typeof value === 'string' && CLIENT_MESSAGE_ID_PATTERN.test(value),
      defaultMessage: () =>
        `clientMessageId must be 1 to ${LIMITS.clientMessageIdMaxLength} letters, digits, "_" or "-"`,
    },
  });
