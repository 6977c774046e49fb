import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject, of, throwError } from 'rxjs';
import { SIGNED_IN_USER } from '../core/auth/signed-in-user';
import { SessionScope } from './session-scope';

function sessionFor(userId: string) {
  const injector = createEnvironmentInjector(
    [{ provide: SIGNED_IN_USER, useValue: { userId, token: `token-${userId}` } }, SessionScope],
    TestBed.inject(EnvironmentInjector),
  );
  return { injector, scope: injector.get(SessionScope) };
}

describe('SessionScope.settle', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('hands a value or a failure to the session that asked', async () => {
    const { scope } = sessionFor('a');
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
    expect(scope.userId()).toBe('a');
  });

  it('drops the answer of a session that ended, even if a new one began', async () => {
    const first = sessionFor('a');
    const answer = new Subject<string>();
    const seen: string[] = [];
    const settled = first.scope.settle(
      answer,
      (value) => seen.push(value),
      () => seen.push('error'),
    );
    first.injector.destroy();
    const second = sessionFor('b');
    answer.next('late');
    answer.complete();
    await settled;
    expect(seen).toEqual([]);
    expect(second.scope.userId()).toBe('b');
  });

  it('does not send the request of a session that ended', async () => {
    const { injector, scope } = sessionFor('a');
    const request = new Subject<string>();
    injector.destroy();
    await scope.settle(request, () => undefined);
    expect(request.observed).toBe(false);
  });
});
