import { TestBed } from '@angular/core/testing';
import type { AppointmentView, CreateReminderRequest, ReminderView } from '@promoto/shared-dto';
import { of } from 'rxjs';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { RemindersApi } from '../../core/api/reminders-api';
import { RemindersPage, vehiclesOfBookings } from './reminders-page';

const clio = { vehicleId: 'v1', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2012 };
const booking = (id: string, clientName: string, vehicle?: typeof clio) =>
  ({ id, clientName, ...(vehicle ? { vehicle } : {}) }) as AppointmentView;
const reminder = (id: string, text: string, dueAt: string): ReminderView => ({
  id,
  garageId: 'g1',
  clientId: 'c1',
  clientName: 'Camille Durand',
  vehicle: clio,
  text,
  dueAt,
  status: 'scheduled',
  createdById: 'm1',
  createdByName: 'Marc',
  createdAt: '2030-01-01T08:00:00.000Z',
});

describe('vehiclesOfBookings', () => {
  it('names each vehicle once, with its client, newest booking first', () => {
    const zoe = { ...clio, vehicleId: 'v2', model: 'Zoé', plate: 'EF-456-GH' };
    expect(
      vehiclesOfBookings([
        booking('b3', 'Camille', clio),
        booking('b2', 'Bruno'),
        booking('b1', 'Camille', clio),
        booking('b0', 'Lina', zoe),
      ]),
    ).toEqual([
      { vehicleId: 'v1', label: 'Camille — Renault Clio · AB-123-CD' },
      { vehicleId: 'v2', label: 'Lina — Renault Zoé · EF-456-GH' },
    ]);
  });
});

describe('RemindersPage', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('schedules a reminder on the vehicle a link chose, and cancels one to come', async () => {
    const later = reminder('r1', 'Contrôle technique', '2031-05-12T07:00:00.000Z');
    const api = {
      upcoming: jest.fn(() => of([later])),
      schedule: jest.fn((request: CreateReminderRequest) => of(reminder('r2', request.text, request.dueAt))),
      cancel: jest.fn(() => of(undefined)),
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: RemindersApi, useValue: api },
        { provide: AppointmentsApi, useValue: { list: () => of([booking('b1', 'Camille Durand', clio)]) } },
      ],
    });
    const fixture = TestBed.createComponent(RemindersPage);
    fixture.componentRef.setInput('vehicle', 'v1');
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const field = <T extends HTMLElement>(id: string) => element.querySelector<T>(`#${id}`) as T;
    expect(field<HTMLSelectElement>('reminder-vehicle').value).toBe('v1');

    const text = field<HTMLInputElement>('reminder-text');
    text.value = 'Vidange dans 6 mois';
    text.dispatchEvent(new Event('input'));
    const day = field<HTMLInputElement>('reminder-day');
    day.value = '2030-06-01';
    day.dispatchEvent(new Event('input'));
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(api.schedule).toHaveBeenCalledWith({
      vehicleId: 'v1',
      text: 'Vidange dans 6 mois',
      dueAt: new Date('2030-06-01T09:00').toISOString(),
    });
    const titles = () => Array.from(element.querySelectorAll('.reminder h3')).map((title) => title.textContent?.trim());
    expect(titles()).toEqual(['Vidange dans 6 mois', 'Contrôle technique']);

    element
      .querySelector<HTMLButtonElement>(
        'button[aria-label="Annuler le rappel « Contrôle technique » de Camille Durand"]',
      )
      ?.click();
    await fixture.whenStable();
    expect(api.cancel).toHaveBeenCalledWith('r1');
    expect(titles()).toEqual(['Vidange dans 6 mois']);
  });
});
