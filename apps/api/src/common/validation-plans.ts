import { getMetadataStorage, ValidationTypes, type ValidatorOptions } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** The validator options this shortcut reads the same way as class-validator; any other option, and it stands aside. */
const UNDERSTOOD_OPTIONS = new Set(['whitelist', 'forbidNonWhitelisted', 'forbidUnknownValues', 'validationError']);

/** The rule kinds it evaluates; a class with any other (nested objects, promises) is left to class-validator. */
const UNDERSTOOD_TYPES = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

interface Check {
  metadata: ValidationMetadata;
  validators: { validate(value: unknown, args: unknown): unknown }[];
}

interface PropertyPlan {
  name: string;
  conditions: ValidationMetadata[];
  checks: Check[];
}

type Plan = { properties: PropertyPlan[]; known: Set<string> } | null;

const isPromise = (value: unknown) => typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * class-validator's verdict on a class's instance, read from its rules once per class instead of
 * on every call: class-validator looks a class's rules up again for each object it validates,
 * scanning every class it knows for parents, which was most of a socket message's validation.
 *
 * It only ever says "valid" when class-validator would find no error with the same options (the
 * same rules, conditions and arguments, evaluated in the same way); on anything else (an unknown
 * property, a failed rule, an asynchronous rule, a Set or Map under `each`, a class with nested
 * or promised rules) it says "not known to be valid", and class-validator runs as before and
 * writes the errors itself.
 */
export class ValidationPlans {
  private readonly plans = new Map<unknown, Plan>();

  /** Whether these options are read by `accepts` as class-validator reads them. */
  static understands(options: ValidatorOptions | undefined): boolean {
    if (!options) return true;
    return Object.keys(options).every(
      (key) => UNDERSTOOD_OPTIONS.has(key) || options[key as keyof ValidatorOptions] === undefined,
    );
  }

  /** True only if class-validator would find no error in `object`. */
  accepts(object: object): boolean {
    const plan = this.planOf(object.constructor);
    if (!plan) return false;
    for (const key of Object.keys(object)) if (!plan.known.has(key)) return false;
    const record = object as Record<string, unknown>;
    for (const property of plan.properties) {
      const value = record[property.name];
      // Every condition is evaluated, as class-validator does, before any is read.
      const met = property.conditions.map((condition) => (condition.constraints[0] as Condition)(object, value));
      if (!met.every(Boolean)) continue;
      for (const { metadata, validators } of property.checks) {
        if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
        const args = {
          targetName: object.constructor.name,
          property: metadata.propertyName,
          object,
          value,
          constraints: metadata.constraints,
        };
        for (const validator of validators) {
          if (!metadata.each || !(Array.isArray(value) || value instanceof Set || value instanceof Map)) {
            const valid = validator.validate(value, args);
            if (isPromise(valid) || !valid) return false;
            continue;
          }
          if (!Array.isArray(value)) return false;
          for (const item of value) {
            const valid = validator.validate(item, args);
            if (isPromise(valid) || !valid) return false;
          }
        }
      }
    }
    return true;
  }

  private planOf(target: unknown): Plan {
    let plan = this.plans.get(target);
    if (plan === undefined) {
      plan = buildPlan(target as new () => object);
      this.plans.set(target, plan);
    }
    return plan;
  }
}

type Condition = (object: object, value: unknown) => boolean;

/** The class's rules as class-validator gathers them with no groups; null if it has none, or one this does not evaluate. */
function buildPlan(target: new () => object): Plan {
  if (typeof target !== 'function' || target === Object) return null;
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false, undefined);
  if (metadatas.length === 0 || metadatas.some((metadata) => !UNDERSTOOD_TYPES.has(metadata.type))) return null;
  const grouped = storage.groupByPropertyName(metadatas);
  const properties = Object.keys(grouped).map((name) => {
    const rules = grouped[name];
    const conditions = rules.filter((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION);
    // class-validator runs IS_DEFINED first, then the other rules, each with every validator of its constraint class.
    const ordered = [
      ...rules.filter((metadata) => metadata.type === ValidationTypes.IS_DEFINED),
      ...rules.filter((metadata) => metadata.type === ValidationTypes.CUSTOM_VALIDATION),
    ];
    const checks = ordered.map((metadata) => ({
      metadata,
      validators: storage.getTargetValidatorConstraints(metadata.constraintCls).map(({ instance }) => instance),
    }));
    return { name, conditions, checks };
  });
  return { properties, known: new Set(Object.keys(grouped)) };
}
