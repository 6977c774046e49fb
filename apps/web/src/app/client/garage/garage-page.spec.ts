import { HttpErrorResponse } from '@angular/common/http';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { GarageResponsivenessView, GarageView, ResponsivenessFigures } from '@promoto/shared-dto';
import { of, throwError, type Observable } from 'rxjs';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { GaragesApi } from '../../core/api/garages-api';
import { responsivenessView } from '../../../testing/responsiveness-fakes';
import { GaragePage } from './garage-page';

const GARAGE: GarageView = {
  id: 'g00000000000000000000001',
  name: 'Garage Dupont',
  city: 'Lyon',
  address: '12 rue des Lilas',
  services: ['Vidange'],
  ownerId: 'a00000000000000000000002',
  ownerName: 'Marc Dupont',
};

const FIGURES: ResponsivenessFigures = {
  requests: 4,
  answered: 4,
  answeredWithin24h: 3,
  settled: 4,
  answeredWithin24hShare: 0.75,
  medianReply: { afterMinutes: 60, atMostMinutes: 180 },
};

async function render(responsiveness: Observable<GarageResponsivenessView>, appointments: object = {}) {
  const api = { get: jest.fn(() => of(GARAGE)), responsiveness: jest.fn(() => responsiveness) };
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: GaragesApi, useValue: api },
      { provide: AppointmentsApi, useValue: appointments },
    ],
  });
  const fixture = TestBed.createComponent(GaragePage);
  fixture.componentRef.setInput('id', GARAGE.id);
  await fixture.whenStable();
  return { api, element: fixture.nativeElement as HTMLElement };
}

const lines = (element: HTMLElement) =>
  Array.from(element.querySelectorAll('.responsiveness li')).map((line) =>
    line.textContent?.replace(/\s+/g, ' ').trim(),
  );

describe('GaragePage', () => {
  afterEach(() => TestBed.resetTestingModule());

  it("shows under the garage's name how fast it usually answers", async () => {
    const view = responsivenessView(GARAGE.id, FIGURES, FIGURES);
    const { api, element } = await render(of(view));
    expect(api.responsiveness).toHaveBeenCalledWith(GARAGE.id);
    expect(element.querySelector('h1')?.textContent).toBe('Garage Dupont');
    expect(lines(element)).toEqual([
      'Répond généralement en moins de 3 heures',
      'Répond à 75 % des demandes en moins de 24 h',
    ]);
  });

  it('works as before when the responsiveness cannot be loaded', async () => {
    const { element } = await render(throwError(() => new HttpErrorResponse({ status: 500 })));
    expect(element.querySelector('h1')?.textContent).toBe('Garage Dupont');
    expect(element.querySelector('.responsiveness')).toBeNull();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(element.querySelector('form')).not.toBeNull();
  });

  it('refuses a booking more than a year ahead, as the API would, without asking it', async () => {
    const appointments = { create: jest.fn() };
    const { element } = await render(
      throwError(() => new HttpErrorResponse({ status: 500 })),
      appointments,
    );
    const when = element.querySelector<HTMLInputElement>('input[type="datetime-local"]') as HTMLInputElement;
    const inTwoYears = new Date(Date.now() + 2 * 365 * 86_400_000);
    when.value = `${inTwoYears.getFullYear()}-06-10T09:00`;
    when.dispatchEvent(new Event('input'));
    const service = element.querySelector<HTMLInputElement>('input[formControlName="service"]') as HTMLInputElement;
    service.value = 'Vidange';
    service.dispatchEvent(new Event('input'));
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await TestBed.inject(ApplicationRef).whenStable();
    expect(element.textContent).toContain('Choisissez une date dans l’année qui vient.');
    expect(appointments.create).not.toHaveBeenCalled();
    expect(when.max).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });
});
