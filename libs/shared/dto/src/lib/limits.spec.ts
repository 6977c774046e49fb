import { LIMITS } from './limits';

describe('LIMITS', () => {
  it('keeps page sizes within their caps', () => {
    expect(LIMITS.historyPageDefaultSize).toBeLessThanOrEqual(LIMITS.historyPageMaxSize);
    expect(LIMITS.conversationPageDefaultSize).toBeLessThanOrEqual(LIMITS.conversationPageMaxSize);
  });
});
