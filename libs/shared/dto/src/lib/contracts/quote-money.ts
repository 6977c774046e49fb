/**
 * The arithmetic of a quote (devis), shared by the API, which computes the totals it stores and
 * serves, and the web app, whose editor shows the same totals while a member types.
 *
 * Money is integer cents, never a float: a float cannot hold 0.10 € exactly, and two sums of the
 * same lines could then differ by a cent. The units:
 * - a quantity is a decimal with at most two places, carried as hundredths (1,5 h → 150);
 * - a unit price excluding VAT is in cents (45,90 € → 4590);
 * - a VAT rate is in basis points (20 % → 2000, 5,5 % → 550).
 *
 * The rules, as a French invoice reads:
 * - a line's amount excluding VAT is quantity × unit price, rounded half-up to the cent;
 * - a line's VAT is its amount excluding VAT × rate, rounded half-up to the cent, on that line;
 * - a line's amount including VAT is the sum of the two;
 * - a quote's totals are the sums of its lines' amounts, never recomputed from a sum, so that
 *   the totals always equal what the lines printed above them add up to.
 *
 * The bounds below keep every intermediate product a safe integer (below 2^53).
 */

/** The VAT rate a line takes when none is given: 20 %, France's standard rate. */
export const DEFAULT_VAT_RATE_BASIS_POINTS = 2000;

export const QUOTE_MONEY_LIMITS = {
  /** 9 999,99 at most (hundredths). */
  quantityMaxHundredths: 999_999,
  /** 100 000,00 € at most per unit (cents). */
  unitPriceMaxCents: 10_000_000,
  /** 100 % at most (basis points). */
  vatRateMaxBasisPoints: 10_000,
} as const;

export interface QuoteLineAmountsInput {
  quantityHundredths: number;
  unitPriceCents: number;
  vatRateBasisPoints: number;
}

export interface QuoteAmounts {
  /** Excluding VAT (HT), in cents. */
  netCents: number;
  /** VAT (TVA), in cents. */
  vatCents: number;
  /** Including VAT (TTC), in cents. */
  grossCents: number;
}

/** numerator / denominator rounded half-up, for non-negative integers. */
function divideRoundingHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

function assertBoundedInteger(value: number, max: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer between 0 and ${max}, got ${value}`);
  }
}

/** One line's amounts, VAT rounded on the line. Throws a RangeError outside the bounds. */
export function quoteLineAmounts(line: QuoteLineAmountsInput): QuoteAmounts {
  assertBoundedInteger(line.quantityHundredths, QUOTE_MONEY_LIMITS.quantityMaxHundredths, 'quantityHundredths');
  assertBoundedInteger(line.unitPriceCents, QUOTE_MONEY_LIMITS.unitPriceMaxCents, 'unitPriceCents');
  assertBoundedInteger(line.vatRateBasisPoints, QUOTE_MONEY_LIMITS.vatRateMaxBasisPoints, 'vatRateBasisPoints');
  const netCents = divideRoundingHalfUp(line.quantityHundredths * line.unitPriceCents, 100);
  const vatCents = divideRoundingHalfUp(netCents * line.vatRateBasisPoints, 10_000);
  return { netCents, vatCents, grossCents: netCents + vatCents };
}

/** The sum of amounts already computed per line (a quote's totals, or its approved part). */
export function sumQuoteAmounts(amounts: readonly QuoteAmounts[]): QuoteAmounts {
  return amounts.reduce(
    (total, line) => ({
      netCents: total.netCents + line.netCents,
      vatCents: total.vatCents + line.vatCents,
      grossCents: total.grossCents + line.grossCents,
    }),
    { netCents: 0, vatCents: 0, grossCents: 0 },
  );
}

/** A quote's totals: each line computed, then summed. */
export function quoteTotals(lines: readonly QuoteLineAmountsInput[]): QuoteAmounts {
  return sumQuoteAmounts(lines.map(quoteLineAmounts));
}

const DECIMAL_PATTERN = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/;

/**
 * A decimal typed by a person (« 1,5 », « 2.25 », « 3 ») in hundredths, or null when it is not
 * a non-negative number with at most two decimal places. Quantities and euros both read this way.
 */
export function parseHundredths(text: string): number | null {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return null;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(fraction);
}

// Made on first use, not on import: every page imports this package, few format money, and a
// formatter's construction costs a phone's main thread tens of milliseconds.
let euroFormat: Intl.NumberFormat | undefined;
let decimalFormat: Intl.NumberFormat | undefined;

/** Cents the French way: 123456 → « 1 234,56 € » (narrow no-break spaces, as Intl writes them). */
export function formatEuros(cents: number): string {
  euroFormat ??= new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
  return euroFormat.format(cents / 100);
}

function formatDecimal(hundredths: number): string {
  decimalFormat ??= new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
  return decimalFormat.format(hundredths / 100);
}

/** Hundredths as a French decimal: 150 → « 1,5 ». */
export function formatQuantity(hundredths: number): string {
  return formatDecimal(hundredths);
}

/** Basis points as a French percentage: 550 → « 5,5 % » (a no-break space before the sign). */
export function formatVatRate(basisPoints: number): string {
  return `${formatDecimal(basisPoints)}\u00a0%`;
}
