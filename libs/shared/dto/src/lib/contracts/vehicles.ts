/** Limits of a client's vehicles. */
export const VEHICLE_LIMITS = {
  /** Vehicles per client. */
  maxPerClient: 20,
  makeMaxLength: 40,
  modelMaxLength: 60,
  /** The oldest year accepted; the newest is next year (a model year runs ahead of the calendar). */
  yearMin: 1900,
  /** Kilometres; a car's odometer never reads more. */
  mileageMax: 2_000_000,
} as const;

/** The newest year a vehicle may have when validated at `now`: next year's models are sold already. */
export const vehicleYearMax = (now: Date = new Date()): number => now.getUTCFullYear() + 1;

/**
 * Why a plate is refused, if it is: `format` (not two letters, three digits, two letters),
 * `letter` (I, O or U, which the SIV never issues), `prefix` (SS or WW first: reserved and
 * temporary series), `number` (000).
 */
export type PlateProblem = 'format' | 'letter' | 'prefix' | 'number';

const SIV_PLATE = /^([A-Z]{2})(\d{3})([A-Z]{2})$/;

/** The plate as typed, in upper case without spaces or dashes (`ab 123-cd` → `AB123CD`). */
const compact = (input: string) => input.toUpperCase().replace(/[\s-]/g, '');

/** What is wrong with a French SIV plate as typed (any case, with spaces, dashes or neither), or null. */
export function plateProblem(input: string): PlateProblem | null {
  const match = SIV_PLATE.exec(compact(input));
  if (!match) return 'format';
  const [, first, number, last] = match;
  if (/[IOU]/.test(first + last)) return 'letter';
  if (first === 'SS' || first === 'WW') return 'prefix';
  if (number === '000') return 'number';
  return null;
}

/** A valid plate written the one way it is stored and shown: `AB-123-CD`. Check plateProblem first. */
export function normalizePlate(input: string): string {
  const plate = compact(input);
  return `${plate.slice(0, 2)}-${plate.slice(2, 5)}-${plate.slice(5)}`;
}

/** A client's vehicle, as its owner reads it (GET /api/vehicles). */
export interface VehicleView {
  id: string;
  /** SIV format, upper case with dashes: `AB-123-CD`. */
  plate: string;
  make: string;
  model: string;
  year: number;
  /** Kilometres, when the owner gave them. */
  mileage?: number;
}

/** POST /api/vehicles, and PUT /api/vehicles/:id (the whole vehicle: a mileage left out is cleared). */
export interface VehicleRequest {
  /** Any case, with spaces, dashes or neither: stored as `AB-123-CD`. */
  plate: string;
  make: string;
  model: string;
  year: number;
  mileage?: number;
}

/**
 * The vehicle a booking is for, as it was when booked: the garage keeps it with the booking even
 * once the client changed or deleted the vehicle, or their account.
 */
export interface BookingVehicle {
  /** The client's vehicle (it may since have been deleted). */
  vehicleId: string;
  plate: string;
  make: string;
  model: string;
  year: number;
}

/** « Renault Clio · AB-123-CD »: how a vehicle is named in a booking, its notices and a thread. */
export function vehicleLabel(vehicle: Pick<BookingVehicle, 'make' | 'model' | 'plate'>): string {
  return `${vehicle.make} ${vehicle.model} · ${vehicle.plate}`;
}
