import { HttpErrorResponse } from '@angular/common/http';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject, of, throwError, type Observable } from 'rxjs';
import { fr } from '../i18n/fr';
import { loadable } from './loadable';

@Component({ template: '' })
class Host {
  requests = 0;
  next: () => Observable<string[]> = () => of(['Vidange']);
  readonly data = loadable(() => {
    this.requests++;
    return this.next();
  }, [] as string[]);
}

async function host() {
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  return fixture;
}

describe('loadable', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('loads once, then is ready with the value', async () => {
    const { componentInstance } = await host();
    expect(componentInstance.requests).toBe(1);
    expect(componentInstance.data.status()).toBe('ready');
    expect(componentInstance.data.value()).toEqual(['Vidange']);
    expect(componentInstance.data.error()).toBeNull();
  });

  it('is loading with the initial value until the answer, then says a failure in French', async () => {
    const fixture = TestBed.createComponent(Host);
    const answer = new Subject<string[]>();
    fixture.componentInstance.next = () => answer;
    // Not whenStable: a resource still loading keeps the application unstable.
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const { data } = fixture.componentInstance;
    expect(data.status()).toBe('loading');
    expect(data.value()).toEqual([]);

    answer.error(new HttpErrorResponse({ status: 0 }));
    await fixture.whenStable();
    expect(data.status()).toBe('error');
    expect(data.error()).toBe(fr.errors.unreachable);
    expect(data.value()).toEqual([]);
  });

  it('loads again on reload, and takes a value set after a confirmed change', async () => {
    const fixture = await host();
    const { data } = fixture.componentInstance;
    fixture.componentInstance.next = () => throwError(() => new HttpErrorResponse({ status: 500 }));
    data.reload();
    await fixture.whenStable();
    expect(fixture.componentInstance.requests).toBe(2);
    expect(data.status()).toBe('error');

    fixture.componentInstance.next = () => of(['Freins']);
    data.reload();
    await fixture.whenStable();
    expect(data.value()).toEqual(['Freins']);

    data.set(['Freins', 'Pneus']);
    expect(data.status()).toBe('ready');
    expect(data.value()).toEqual(['Freins', 'Pneus']);
  });

  it('loads again at once for new params, cancelling the load in flight', async () => {
    const query = signal('Lyon');
    const answers: Record<string, Subject<string[]>> = { Lyon: new Subject(), Paris: new Subject() };
    const asked: string[] = [];
    const data = TestBed.runInInjectionContext(() =>
      loadable(
        (city) => {
          asked.push(city);
          return answers[city];
        },
        [] as string[],
        query,
      ),
    );
    TestBed.tick();
    query.set('Paris');
    TestBed.tick();
    answers['Lyon'].next(['Garage de Lyon']);
    answers['Paris'].next(['Garage de Paris']);
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();

    expect(asked).toEqual(['Lyon', 'Paris']);
    expect(answers['Lyon'].observed).toBe(false);
    expect(data.value()).toEqual(['Garage de Paris']);
  });
});
