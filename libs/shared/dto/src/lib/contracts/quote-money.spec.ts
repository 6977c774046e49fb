import fc from 'fast-check';
import {
  DEFAULT_VAT_RATE_BASIS_POINTS,
  formatEuros,
  formatQuantity,
  formatVatRate,
  parseHundredths,
  QUOTE_MONEY_LIMITS,
  quoteLineAmounts,
  quoteTotals,
  sumQuoteAmounts,
} from './quote-money';

describe('quote money', () => {
  it('computes a line: quantity × unit price, then VAT on the line', () => {
    // 1,5 h × 60,00 € = 90,00 € HT, 18,00 € TVA, 108,00 € TTC
    expect(quoteLineAmounts({ quantityHundredths: 150, unitPriceCents: 6000, vatRateBasisPoints: 2000 })).toEqual({
      netCents: 9000,
      vatCents: 1800,
      grossCents: 10800,
    });
  });

  it('rounds a line amount half-up to the cent', () => {
    // 0,5 × 0,01 € = 0,005 € → 0,01 €; 0,33 × 1,01 € = 0,3333 € → 0,33 €
    expect(quoteLineAmounts({ quantityHundredths: 50, unitPriceCents: 1, vatRateBasisPoints: 0 }).netCents).toBe(1);
    expect(quoteLineAmounts({ quantityHundredths: 33, unitPriceCents: 101, vatRateBasisPoints: 0 }).netCents).toBe(33);
    // 0,67 × 1,01 € = 0,6767 € → 0,68 €
    expect(quoteLineAmounts({ quantityHundredths: 67, unitPriceCents: 101, vatRateBasisPoints: 0 }).netCents).toBe(68);
  });

  it('rounds VAT half-up on each line, not on the total', () => {
    // 0,25 € HT at 20 % → 0,05 € exactly; 0,12 € at 5,5 % → 0,0066 € → 0,01 €; 0,09 € at 5,5 % → 0,00495 € → 0 €
    const exact = { quantityHundredths: 100, unitPriceCents: 25, vatRateBasisPoints: 2000 };
    const up = { quantityHundredths: 100, unitPriceCents: 12, vatRateBasisPoints: 550 };
    const down = { quantityHundredths: 100, unitPriceCents: 9, vatRateBasisPoints: 550 };
    expect(quoteLineAmounts(exact).vatCents).toBe(5);
    expect(quoteLineAmounts(up).vatCents).toBe(1);
    expect(quoteLineAmounts(down).vatCents).toBe(0);
    // 0,025 € of VAT exactly half a cent: up to 0,03 €
    expect(quoteLineAmounts({ quantityHundredths: 100, unitPriceCents: 50, vatRateBasisPoints: 500 }).vatCents).toBe(3);
    // Three lines of 0,12 € at 5,5 %: 0,01 € each, 0,03 € in all (0,0198 € on the total would round to 0,02 €)
    expect(quoteTotals([up, up, up]).vatCents).toBe(3);
  });

  it('sums the lines into the totals', () => {
    const totals = quoteTotals([
      { quantityHundredths: 100, unitPriceCents: 18000, vatRateBasisPoints: DEFAULT_VAT_RATE_BASIS_POINTS },
      { quantityHundredths: 200, unitPriceCents: 4590, vatRateBasisPoints: 2000 },
      { quantityHundredths: 150, unitPriceCents: 6000, vatRateBasisPoints: 1000 },
    ]);
    // 180,00 + 91,80 + 90,00 = 361,80 € HT; 36,00 + 18,36 + 9,00 = 63,36 € TVA
    expect(totals).toEqual({ netCents: 36180, vatCents: 6336, grossCents: 42516 });
    expect(quoteTotals([])).toEqual({ netCents: 0, vatCents: 0, grossCents: 0 });
  });

  it('refuses amounts that are not bounded integers', () => {
    const line = { quantityHundredths: 100, unitPriceCents: 100, vatRateBasisPoints: 2000 };
    expect(() => quoteLineAmounts({ ...line, unitPriceCents: 10.5 })).toThrow(RangeError);
    expect(() => quoteLineAmounts({ ...line, quantityHundredths: -1 })).toThrow(RangeError);
    expect(() => quoteLineAmounts({ ...line, vatRateBasisPoints: 10_001 })).toThrow(RangeError);
    expect(() => quoteLineAmounts({ ...line, unitPriceCents: QUOTE_MONEY_LIMITS.unitPriceMaxCents + 1 })).toThrow(
      RangeError,
    );
  });

  const anyLine = fc.record({
    quantityHundredths: fc.integer({ min: 0, max: QUOTE_MONEY_LIMITS.quantityMaxHundredths }),
    unitPriceCents: fc.integer({ min: 0, max: QUOTE_MONEY_LIMITS.unitPriceMaxCents }),
    vatRateBasisPoints: fc.oneof(
      fc.constantFrom(0, 210, 550, 1000, 2000),
      fc.integer({ min: 0, max: QUOTE_MONEY_LIMITS.vatRateMaxBasisPoints }),
    ),
  });

  it('totals equal the sum of the lines, for any lines (property)', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 50 }), (lines) => {
        const perLine = lines.map(quoteLineAmounts);
        const totals = quoteTotals(lines);
        expect(totals.netCents).toBe(perLine.reduce((sum, line) => sum + line.netCents, 0));
        expect(totals.vatCents).toBe(perLine.reduce((sum, line) => sum + line.vatCents, 0));
        expect(totals.grossCents).toBe(totals.netCents + totals.vatCents);
        expect(sumQuoteAmounts(perLine)).toEqual(totals);
        expect(Number.isSafeInteger(totals.grossCents)).toBe(true);
      }),
    );
  });

  it('rounds each line to the nearest cent, half-up (property, against exact BigInt arithmetic)', () => {
    fc.assert(
      fc.property(anyLine, (line) => {
        const { netCents, vatCents } = quoteLineAmounts(line);
        const exactNetTimes100 = BigInt(line.quantityHundredths) * BigInt(line.unitPriceCents);
        // netCents - 0.5 <= exact < netCents + 0.5, in hundredths of a cent
        expect(BigInt(netCents) * 100n - 50n <= exactNetTimes100).toBe(true);
        expect(exactNetTimes100 < BigInt(netCents) * 100n + 50n).toBe(true);
        const exactVatTimes10000 = BigInt(netCents) * BigInt(line.vatRateBasisPoints);
        expect(BigInt(vatCents) * 10_000n - 5_000n <= exactVatTimes10000).toBe(true);
        expect(exactVatTimes10000 < BigInt(vatCents) * 10_000n + 5_000n).toBe(true);
      }),
    );
  });

  it('reads a decimal typed the French or the English way, in hundredths', () => {
    expect(parseHundredths('1,5')).toBe(150);
    expect(parseHundredths('2.25')).toBe(225);
    expect(parseHundredths(' 3 ')).toBe(300);
    expect(parseHundredths('0,05')).toBe(5);
    expect(parseHundredths('1,234')).toBeNull();
    expect(parseHundredths('-1')).toBeNull();
    expect(parseHundredths('')).toBeNull();
    expect(parseHundredths('1 000')).toBeNull();
  });

  it('writes euros, quantities and rates the French way', () => {
    expect(formatEuros(123456)).toBe('1\u202f234,56\u00a0€');
    expect(formatEuros(5)).toBe('0,05\u00a0€');
    expect(formatQuantity(150)).toBe('1,5');
    expect(formatQuantity(200)).toBe('2');
    expect(formatVatRate(2000)).toBe('20\u00a0%');
    expect(formatVatRate(550)).toBe('5,5\u00a0%');
  });
});
