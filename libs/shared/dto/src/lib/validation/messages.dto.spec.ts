import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { LIMITS } from '../limits';
import { EditMessageDto, HistoryQueryDto, SendMessageDto } from './messages.dto';

const recipientId = '6b07bd0e44ecb3a1dc99551e';

function errorsOf<T extends object>(type: new () => T, plain: object): string[] {
  const instance = plainToInstance(type, plain);
  return validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('SendMessageDto', () => {
  it('accepts a message and trims its content', () => {
    const dto = plainToInstance(SendMessageDto, {
      recipientId,
      content: '  Bonjour  ',
      clientMessageId: 'abc-1',
    });
    expect(validateSync(dto)).toEqual([]);
    expect(dto.content).toBe('Bonjour');
  });

  it('refuses blank, oversized and non-string content', () => {
    expect(errorsOf(SendMessageDto, { recipientId, content: '   ' })).toContain('content must not be empty');
    expect(
      errorsOf(SendMessageDto, {
        recipientId,
        content: 'x'.repeat(LIMITS.messageContentMaxLength + 1),
      }),
    ).toContain(`content must be at most ${LIMITS.messageContentMaxLength} characters`);
    expect(errorsOf(SendMessageDto, { recipientId, content: { $gt: '' } })).toContain('content must be a string');
  });

  it('accepts empty content with attachments, up to the per-message limit, ids only, no repeats', () => {
    const ids = Array.from({ length: LIMITS.attachmentsPerMessage + 1 }, (_, i) => `6b07bd0e44ecb3a1dc9955${10 + i}`);
    expect(errorsOf(SendMessageDto, { recipientId, content: ' ', attachmentIds: ids.slice(0, 1) })).toEqual([]);
    expect(errorsOf(SendMessageDto, { recipientId, content: '', attachmentIds: [] })).toEqual([
      'content must not be empty',
      'attachmentIds must not be empty when given',
    ]);
    expect(errorsOf(SendMessageDto, { recipientId, content: '', attachmentIds: ids })).toContain(
      `a message carries at most ${LIMITS.attachmentsPerMessage} attachments`,
    );
    expect(errorsOf(SendMessageDto, { recipientId, content: 'x', attachmentIds: [ids[0], ids[0]] })).toContain(
      'attachmentIds must not repeat an id',
    );
    expect(errorsOf(SendMessageDto, { recipientId, content: 'x', attachmentIds: [{ $gt: '' }] })).toContain(
      'attachmentIds must be a list of attachment ids (24 lower-case hexadecimal characters)',
    );
    expect(errorsOf(SendMessageDto, { recipientId, attachmentIds: ids.slice(0, 1) })).toContain(
      'content must be a string',
    );
  });

  it('refuses operator objects and malformed ids in place of ids', () => {
    expect(
      errorsOf(SendMessageDto, {
        recipientId: { $ne: null },
        content: 'Salut',
      }),
    ).toHaveLength(1);
    expect(
      errorsOf(SendMessageDto, {
        recipientId,
        content: 'Salut',
        appointmentId: 'nope',
      }),
    ).toEqual(['appointmentId must be an appointment id (24 lower-case hexadecimal characters)']);
  });

  it('accepts ids in one spelling only: 24 lower-case hexadecimal characters', () => {
    for (const id of [recipientId.toUpperCase(), `0x${'0'.repeat(22)}`, `${recipientId}0`, recipientId.slice(1)]) {
      expect(errorsOf(SendMessageDto, { recipientId: id, content: 'Salut' })).toEqual([
        'recipientId must be a user id (24 lower-case hexadecimal characters)',
      ]);
    }
  });

  it('refuses unknown fields', () => {
    expect(
      errorsOf(SendMessageDto, {
        recipientId,
        content: 'Salut',
        senderId: recipientId,
      }),
    ).toEqual(['property senderId should not exist']);
  });
});

describe('HistoryQueryDto', () => {
  it('reads limit from a query string and caps it', () => {
    expect(plainToInstance(HistoryQueryDto, { limit: '20' }).limit).toBe(20);
    expect(
      errorsOf(HistoryQueryDto, {
        limit: String(LIMITS.historyPageMaxSize + 1),
      }),
    ).toHaveLength(1);
    expect(errorsOf(HistoryQueryDto, { limit: 'ten' })).not.toHaveLength(0);
  });
});

describe('EditMessageDto', () => {
  it('trims the new content and holds it to the send rules', () => {
    const dto = plainToInstance(EditMessageDto, { content: '  Plutôt 10 h  ' });
    expect(validateSync(dto)).toEqual([]);
    expect(dto.content).toBe('Plutôt 10 h');
    expect(errorsOf(EditMessageDto, { content: '  ' })).toEqual(['content must not be empty']);
    expect(errorsOf(EditMessageDto, { content: 'x'.repeat(LIMITS.messageContentMaxLength + 1) })).toEqual([
      `content must be at most ${LIMITS.messageContentMaxLength} characters`,
    ]);
  });

  it('refuses any other field', () => {
    expect(errorsOf(EditMessageDto, { content: 'Salut', senderId: recipientId })).toEqual([
      'property senderId should not exist',
    ]);
  });
});
