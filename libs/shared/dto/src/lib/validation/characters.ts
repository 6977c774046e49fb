import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * At most `max` characters, counted as people count them (code points: an emoji is one), where
 * MaxLength counts UTF-16 units. Longer input is refused, never cut.
 */
export const MaxCharacters = (max: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxCharacters',
      constraints: [max],
      validator: {
        validate: (value) => typeof value === 'string' && [...value].length <= max,
        defaultMessage: (args) => `${args?.property ?? 'the value'} must be at most ${max} characters`,
      },
    },
    options,
  );
