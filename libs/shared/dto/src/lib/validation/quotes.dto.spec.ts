import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { QUOTE_LIMITS } from '../contracts/quotes';
import { DecideQuoteDto, SendQuoteDto } from './quotes.dto';

const appointmentId = '6b07bd0e44ecb3a1dc995540';
const line = { label: ' Plaquettes ', kind: 'part', quantityHundredths: 100, unitPriceCents: 8990 };

async function errorsOf<T extends object>(type: new () => T, plain: object): Promise<string[]> {
  const errors = await validate(plainToInstance(type, plain), { whitelist: true, forbidNonWhitelisted: true });
  const messages = (error: (typeof errors)[number]): string[] => [
    ...Object.values(error.constraints ?? {}),
    ...(error.children ?? []).flatMap(messages),
  ];
  return errors.flatMap(messages);
}

describe('SendQuoteDto', () => {
  it('accepts lines in whole hundredths and cents, and trims their labels', async () => {
    const dto = plainToInstance(SendQuoteDto, { appointmentId, lines: [line, { ...line, vatRateBasisPoints: 550 }] });
    expect(await errorsOf(SendQuoteDto, dto)).toEqual([]);
    expect(dto.lines[0].label).toBe('Plaquettes');
  });

  it('refuses fractions of a cent, amounts out of bounds, an unknown kind and amounts the server computes', async () => {
    expect(await errorsOf(SendQuoteDto, { appointmentId, lines: [{ ...line, unitPriceCents: 89.9 }] })).toContain(
      'unitPriceCents must be a whole number of cents',
    );
    expect(await errorsOf(SendQuoteDto, { appointmentId, lines: [{ ...line, quantityHundredths: 0 }] })).toContain(
      'quantityHundredths must be at least 1 (0,01)',
    );
    expect(await errorsOf(SendQuoteDto, { appointmentId, lines: [{ ...line, vatRateBasisPoints: 10_001 }] })).toContain(
      'vatRateBasisPoints must be at most 10000',
    );
    expect(await errorsOf(SendQuoteDto, { appointmentId, lines: [{ ...line, kind: 'fee' }] })).toContain(
      'kind must be one of labour, part',
    );
    expect(await errorsOf(SendQuoteDto, { appointmentId, lines: [{ ...line, grossCents: 1 }] })).toContain(
      'property grossCents should not exist',
    );
  });

  it('takes one line at least and QUOTE_LIMITS.linesMax at most', async () => {
    expect(await errorsOf(SendQuoteDto, { appointmentId, lines: [] })).toContain('a quote has at least one line');
    const many = Array.from({ length: QUOTE_LIMITS.linesMax + 1 }, () => line);
    expect(await errorsOf(SendQuoteDto, { appointmentId, lines: many })).toContain(
      `a quote has at most ${QUOTE_LIMITS.linesMax} lines`,
    );
  });
});

describe('DecideQuoteDto', () => {
  it('takes a decision on some lines, or on all of them', async () => {
    expect(await errorsOf(DecideQuoteDto, { decision: 'approved', lineIndexes: [0, 2] })).toEqual([]);
    expect(await errorsOf(DecideQuoteDto, { decision: 'declined' })).toEqual([]);
  });

  it('refuses another decision, and repeated or negative lines', async () => {
    expect(await errorsOf(DecideQuoteDto, { decision: 'pending' })).toContain('decision must be approved or declined');
    expect(await errorsOf(DecideQuoteDto, { decision: 'approved', lineIndexes: [1, 1] })).toContain(
      'lineIndexes must not repeat a line',
    );
    expect(await errorsOf(DecideQuoteDto, { decision: 'approved', lineIndexes: [-1] })).toContain(
      'lineIndexes must not be negative',
    );
  });
});
