import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isObjectId } from '../contracts/ids';

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
