import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { normalizePlate, plateProblem, vehicleLabel, vehicleYearMax } from '../contracts/vehicles';
import { VehicleDto } from './vehicles.dto';

const clio = { plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2012 };

/** The DTO as the API's validation pipe gets it: transformed, then validated. */
function validated(body: Record<string, unknown>) {
  const dto = plainToInstance(VehicleDto, body);
  return { dto, errors: validateSync(dto).flatMap((error) => Object.values(error.constraints ?? {})) };
}

describe('French SIV plates (plateProblem, normalizePlate)', () => {
  it.each([
    ['AB-123-CD', 'AB-123-CD'],
    ['ab-123-cd', 'AB-123-CD'],
    ['AB123CD', 'AB-123-CD'],
    ['ab 123 cd', 'AB-123-CD'],
    [' Ab 123-cD ', 'AB-123-CD'],
    ['ZZ-999-ZZ', 'ZZ-999-ZZ'],
    ['AA-001-AA', 'AA-001-AA'],
    ['AB-123-SS', 'AB-123-SS'],
    ['WA-100-WW', 'WA-100-WW'],
  ])('accepts %s as %s', (typed, stored) => {
    expect(plateProblem(typed)).toBeNull();
    expect(normalizePlate(typed)).toBe(stored);
  });

  it.each([
    ['', 'format'],
    ['AB-12-CD', 'format'],
    ['AB-1234-CD', 'format'],
    ['A1-123-CD', 'format'],
    ['123-AB-45', 'format'],
    ['AB_123_CD', 'format'],
    ['AB-123-CDE', 'format'],
    ['ÀB-123-CD', 'format'],
    ['AI-123-CD', 'letter'],
    ['AB-123-CO', 'letter'],
    ['UB-123-CD', 'letter'],
    ['ab-123-cu', 'letter'],
    ['SS-123-CD', 'prefix'],
    ['ww 123 cd', 'prefix'],
    ['AB-000-CD', 'number'],
  ])('refuses %j (%s)', (typed, problem) => {
    expect(plateProblem(typed)).toBe(problem);
  });

  it('names a vehicle « Renault Clio · AB-123-CD »', () => {
    expect(vehicleLabel(clio)).toBe('Renault Clio · AB-123-CD');
  });
});

describe('VehicleDto', () => {
  it('stores the plate the one way, and trims the make and model', () => {
    const { dto, errors } = validated({ ...clio, plate: 'ab 123 cd', make: ' Renault ', mileage: 0 });
    expect(errors).toEqual([]);
    expect(dto).toMatchObject({ plate: 'AB-123-CD', make: 'Renault', mileage: 0 });
  });

  it.each([
    ['I, O or U', { plate: 'AO-123-CD' }, 'plate must not hold the letters I, O or U'],
    ['SS first', { plate: 'SS-123-CD' }, 'plate must not start with SS or WW'],
    ['000', { plate: 'AB000CD' }, 'plate must not have 000 as its number'],
    ['a plate of another format', { plate: '1234 AB 56' }, 'two letters, three digits, two letters'],
    ['a plate that is no string', { plate: 1234 }, 'two letters, three digits, two letters'],
    ['no make', { make: '  ' }, 'make must not be empty'],
    ['a year before 1900', { year: 1899 }, 'year must not be less than 1900'],
    ['a year after next year', { year: vehicleYearMax() + 1 }, `year must not be after ${vehicleYearMax()}`],
    ['a year that is no integer', { year: 2012.5 }, 'year must be an integer number'],
    ['a negative mileage', { mileage: -1 }, 'mileage must not be less than 0'],
    ['a mileage that is no integer', { mileage: 12.5 }, 'mileage must be an integer number'],
    ['a mileage given as text', { mileage: '12000' }, 'mileage must be an integer number'],
  ])('refuses %s', (_what, change, message) => {
    const { errors } = validated({ ...clio, ...change });
    expect(errors.join(' | ')).toContain(message);
  });

  it('takes next year as a year', () => {
    expect(validated({ ...clio, year: vehicleYearMax() }).errors).toEqual([]);
  });
});
