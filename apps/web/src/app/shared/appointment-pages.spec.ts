import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef, Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AppointmentView } from '@promoto/shared-dto';
import { Subject } from 'rxjs';
import { ChatSession } from '../chat/chat-session';
import { appointmentPages } from './appointment-pages';

const booking = (id: string) => ({ id, status: 'pending' }) as AppointmentView;

describe('appointmentPages', () => {
  afterEach(() => TestBed.resetTestingModule());

  function setUp() {
    const chat = { bookingChanged$: new Subject<string>(), connected$: new Subject<void>() };
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: ChatSession, useValue: chat }],
    });
    const pages = runInInjectionContext(TestBed.inject(Injector), () => appointmentPages());
    TestBed.inject(ApplicationRef).tick();
    return { pages, chat, backend: TestBed.inject(HttpTestingController) };
  }

  it('loads the first page, then appends the next one on « Voir plus » until the last', async () => {
    const { pages, backend } = setUp();
    backend.expectOne('/api/appointments').flush({ items: [booking('b3'), booking('b2')], nextCursor: 'b2' });
    await TestBed.inject(ApplicationRef).whenStable();
    expect(pages.items().map((item) => item.id)).toEqual(['b3', 'b2']);
    expect(pages.hasMore()).toBe(true);

    pages.loadMore();
    expect(pages.loadingMore()).toBe(true);
    backend.expectOne('/api/appointments?cursor=b2').flush({ items: [booking('b1')], nextCursor: null });
    expect(pages.items().map((item) => item.id)).toEqual(['b3', 'b2', 'b1']);
    expect(pages.hasMore()).toBe(false);
    pages.loadMore();
    backend.expectNone(() => true);
  });

  it('keeps what is shown and says why when the next page fails', async () => {
    const { pages, backend } = setUp();
    backend.expectOne('/api/appointments').flush({ items: [booking('b2')], nextCursor: 'b2' });
    await TestBed.inject(ApplicationRef).whenStable();
    pages.loadMore();
    backend.expectOne('/api/appointments?cursor=b2').flush(null, { status: 0, statusText: 'Unknown Error' });
    expect(pages.items().map((item) => item.id)).toEqual(['b2']);
    expect(pages.moreError()).toEqual(expect.any(String));
    expect(pages.loadingMore()).toBe(false);
  });

  it('replaces a booking the server changed, in place', async () => {
    const { pages, backend } = setUp();
    backend.expectOne('/api/appointments').flush({ items: [booking('b2'), booking('b1')], nextCursor: null });
    await TestBed.inject(ApplicationRef).whenStable();
    pages.replace({ ...booking('b1'), status: 'cancelled' });
    expect(pages.items().map((item) => item.status)).toEqual(['pending', 'cancelled']);
  });

  it('follows the booking events live: a changed booking in place, a new one first, all again after a reconnection', async () => {
    const { pages, chat, backend } = setUp();
    backend.expectOne('/api/appointments').flush({ items: [booking('b2'), booking('b1')], nextCursor: null });
    await TestBed.inject(ApplicationRef).whenStable();

    chat.bookingChanged$.next('b1');
    backend.expectOne('/api/appointments/b1').flush({ ...booking('b1'), status: 'confirmed' });
    chat.bookingChanged$.next('b3');
    backend.expectOne('/api/appointments/b3').flush(booking('b3'));
    expect(pages.items().map((item) => `${item.id}:${item.status}`)).toEqual([
      'b3:pending',
      'b2:pending',
      'b1:confirmed',
    ]);

    chat.connected$.next();
    backend
      .expectOne('/api/appointments')
      .flush({ items: [{ ...booking('b2'), status: 'cancelled' }], nextCursor: null });
    expect(pages.items().map((item) => `${item.id}:${item.status}`)).toEqual([
      'b3:pending',
      'b2:cancelled',
      'b1:confirmed',
    ]);
  });
});
