import { HttpErrorResponse } from '@angular/common/http';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  AppointmentView,
  FreeSlotsView,
  GarageResponsivenessView,
  GarageView,
  ResponsivenessFigures,
  VehicleView,
} from '@promoto/shared-dto';
import { of, throwError, type Observable } from 'rxjs';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { GaragesApi } from '../../core/api/garages-api';
import { VehiclesApi } from '../../core/api/vehicles-api';
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

const TOMORROW_AT_NINE = (() => {
  const date = new Date(Date.now() + 86_400_000);
  date.setHours(9, 0, 0, 0);
  return date.toISOString();
})();

const CLIO: VehicleView = {
  id: 'v00000000000000000000001',
  plate: 'AB-123-CD',
  make: 'Renault',
  model: 'Clio',
  year: 2012,
};
const ZOE: VehicleView = {
  id: 'v00000000000000000000002',
  plate: 'EF-456-GH',
  make: 'Renault',
  model: 'Zoé',
  year: 2021,
};

/** The garage's free slots: tomorrow at 9 h only. */
const freeSlots = () =>
  of({ garageId: GARAGE.id, slotMinutes: 60, from: '', to: '', slots: [TOMORROW_AT_NINE] } satisfies FreeSlotsView);

async function render(
  responsiveness: Observable<GarageResponsivenessView>,
  appointments: object = { freeSlots: jest.fn(freeSlots) },
  { vehicles = [] as VehicleView[], chosen }: { vehicles?: VehicleView[]; chosen?: string } = {},
) {
  const api = { get: jest.fn(() => of(GARAGE)), responsiveness: jest.fn(() => responsiveness) };
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: GaragesApi, useValue: api },
      { provide: AppointmentsApi, useValue: appointments },
      { provide: VehiclesApi, useValue: { list: () => of(vehicles) } },
    ],
  });
  const fixture = TestBed.createComponent(GaragePage);
  fixture.componentRef.setInput('id', GARAGE.id);
  if (chosen) fixture.componentRef.setInput('vehicle', chosen);
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

  it("offers the garage's free slots and books the one chosen, not before one is", async () => {
    const booked = { id: 'b1', service: 'Vidange', scheduledAt: TOMORROW_AT_NINE } as AppointmentView;
    const appointments = { freeSlots: jest.fn(freeSlots), create: jest.fn(() => of(booked)) };
    const { element } = await render(
      throwError(() => new HttpErrorResponse({ status: 500 })),
      appointments,
    );
    expect(appointments.freeSlots).toHaveBeenCalledWith(GARAGE.id, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), 14);
    const service = element.querySelector<HTMLInputElement>('input[formControlName="service"]') as HTMLInputElement;
    service.value = 'Vidange';
    service.dispatchEvent(new Event('input'));
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await TestBed.inject(ApplicationRef).whenStable();
    expect(element.querySelector('.slot-picker')?.textContent).toContain('Ce champ est obligatoire.');
    expect(appointments.create).not.toHaveBeenCalled();

    const slot = element.querySelector<HTMLInputElement>('.slot-picker input[type="radio"]') as HTMLInputElement;
    expect(slot.value).toBe(TOMORROW_AT_NINE);
    slot.click();
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await TestBed.inject(ApplicationRef).whenStable();
    expect(appointments.create).toHaveBeenCalledWith({
      garageId: GARAGE.id,
      scheduledAt: TOMORROW_AT_NINE,
      service: 'Vidange',
    });
  });

  it('books for the vehicle a link chose in advance, among mine', async () => {
    const booked = { id: 'b1', service: 'Vidange', scheduledAt: TOMORROW_AT_NINE } as AppointmentView;
    const appointments = { freeSlots: jest.fn(freeSlots), create: jest.fn(() => of(booked)) };
    const { element } = await render(
      throwError(() => new HttpErrorResponse({ status: 500 })),
      appointments,
      {
        vehicles: [CLIO, ZOE],
        chosen: ZOE.id,
      },
    );
    const select = element.querySelector<HTMLSelectElement>('#book-vehicle') as HTMLSelectElement;
    expect(Array.from(select.options).map((option) => option.textContent?.trim())).toEqual([
      'Aucun véhicule précisé',
      'Renault Clio · AB-123-CD',
      'Renault Zoé · EF-456-GH',
    ]);
    expect(select.value).toBe(ZOE.id);
    const service = element.querySelector<HTMLInputElement>('input[formControlName="service"]') as HTMLInputElement;
    service.value = 'Vidange';
    service.dispatchEvent(new Event('input'));
    element.querySelector<HTMLInputElement>('.slot-picker input[type="radio"]')?.click();
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await TestBed.inject(ApplicationRef).whenStable();
    expect(appointments.create).toHaveBeenCalledWith({
      garageId: GARAGE.id,
      scheduledAt: TOMORROW_AT_NINE,
      service: 'Vidange',
      vehicleId: ZOE.id,
    });
  });

  it('offers to add a vehicle to a client who has none', async () => {
    const { element } = await render(throwError(() => new HttpErrorResponse({ status: 500 })));
    expect(element.querySelector('#book-vehicle')).toBeNull();
    expect(element.querySelector('a[href="/app/vehicles/new"]')?.textContent?.trim()).toBe('Ajouter un véhicule');
  });
});
