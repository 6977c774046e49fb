import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import {
  VEHICLE_LIMITS,
  normalizePlate,
  plateProblem,
  vehicleYearMax,
  type PlateProblem,
  type VehicleRequest,
} from '../contracts/vehicles';
import { Trim } from './transforms';

const PLATE_REFUSALS: Record<PlateProblem, string> = {
  format: 'plate must be a French SIV plate: two letters, three digits, two letters (AB-123-CD)',
  letter: 'plate must not hold the letters I, O or U',
  prefix: 'plate must not start with SS or WW',
  number: 'plate must not have 000 as its number',
};

/**
 * A French SIV plate, in any case, with spaces, dashes or neither: a valid one becomes `AB-123-CD`
 * before it is checked, anything else is refused with what is wrong with it.
 */
export const IsPlate = (): PropertyDecorator => (target, property) => {
  Transform(({ value }) => (typeof value === 'string' && plateProblem(value) === null ? normalizePlate(value) : value))(
    target,
    property,
  );
  ValidateBy({
    name: 'isPlate',
    validator: {
      validate: (value) => typeof value === 'string' && plateProblem(value) === null,
      defaultMessage: (args) =>
        PLATE_REFUSALS[typeof args?.value === 'string' ? (plateProblem(args.value) ?? 'format') : 'format'],
    },
  })(target, property);
};

/** No year after next year's, checked when the request comes: the bound moves with the calendar. */
const IsNotAfterNextYear = (): PropertyDecorator =>
  ValidateBy({
    name: 'isNotAfterNextYear',
    validator: {
      validate: (value) => typeof value === 'number' && value <= vehicleYearMax(),
      defaultMessage: () => `year must not be after ${vehicleYearMax()}`,
    },
  });

export class VehicleDto implements VehicleRequest {
  @IsPlate()
  plate!: string;

  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'make must not be empty' })
  @MaxLength(VEHICLE_LIMITS.makeMaxLength)
  make!: string;

  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'model must not be empty' })
  @MaxLength(VEHICLE_LIMITS.modelMaxLength)
  model!: string;

  @IsInt()
  @Min(VEHICLE_LIMITS.yearMin)
  @IsNotAfterNextYear()
  year!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(VEHICLE_LIMITS.mileageMax)
  mileage?: number;
}
