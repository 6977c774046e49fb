import { TestBed } from '@angular/core/testing';
import { Subject, of, throwError } from 'rxjs';
import { SessionScope } from './session-scope';

describe('SessionScope.settle', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('hands a value or a failure to the session that asked', async () => {
    const scope = TestBed.inject(SessionScope);
    scope.begin('a');
    const values: string[] = [];
    const errors: unknown[] = [];
    await scope.settle(of('ok'), (value) => values.push(value));
    await scope.settle(
      throwError(() => new Error('refused')),
      () => undefined,
      (error) => errors.push(error),
    );
    await scope.settle(Promise.resolve('promise'), (value) => values.push(value));
    expect(values).toEqual(['ok', 'promise']);
    expect(errors).toHaveLength(1);
  });

  it('drops the answer of a session that ended, even if a new one began', async () => {
    const scope = TestBed.inject(SessionScope);
    scope.begin('a');
    const answer = new Subject<string>();
    const seen: string[] = [];
    const settled = scope.settle(
      answer,
      (value) => seen.push(value),
      () => seen.push('error'),
    );
    scope.end();
    scope.begin('b');
    answer.next('late');
    answer.complete();
    await settled;
    expect(seen).toEqual([]);
    expect(scope.userId()).toBe('b');
  });
});
