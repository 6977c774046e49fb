import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { VehicleRequest, VehicleView } from '@promoto/shared-dto';
import { of } from 'rxjs';
import { VehiclesApi } from '../../core/api/vehicles-api';
import { VehicleFormPage } from './vehicle-form-page';

const CLIO: VehicleView = { id: 'v1', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2012, mileage: 140000 };

async function render(id?: string) {
  const api = {
    get: jest.fn(() => of(CLIO)),
    create: jest.fn((request: VehicleRequest) => of({ id: 'v2', ...request })),
    replace: jest.fn((vehicleId: string, request: VehicleRequest) => of({ id: vehicleId, ...request })),
  };
  TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: VehiclesApi, useValue: api }] });
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  const fixture = TestBed.createComponent(VehicleFormPage);
  if (id) fixture.componentRef.setInput('id', id);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const input = (name: string) => element.querySelector<HTMLInputElement>(`#vehicle-${name}`) as HTMLInputElement;
  const type = async (name: string, value: string) => {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const submit = async () => {
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  const errorOf = (name: string) => element.querySelector(`#vehicle-${name}-error`)?.textContent?.trim() ?? null;
  return { api, navigate, input, type, submit, errorOf };
}

describe('VehicleFormPage', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('says in French what is wrong with a plate, a year or a mileage, and sends nothing', async () => {
    const { api, type, submit, errorOf } = await render();
    await type('plate', 'AB-123-CO');
    await type('make', 'Renault');
    await type('model', 'Clio');
    await type('year', '1850');
    await type('mileage', '-3');
    await submit();
    expect(errorOf('plate')).toBe('Les lettres I, O et U ne figurent pas sur les immatriculations.');
    expect(errorOf('year')).toMatch(/^Saisissez une année entre 1900 et \d{4}\.$/);
    expect(errorOf('mileage')).toMatch(/^Saisissez un nombre entier de kilomètres/);
    await type('plate', 'SS-123-CD');
    expect(errorOf('plate')).toBe('Une immatriculation ne commence pas par SS ni par WW.');
    await type('plate', 'AB-000-CD');
    expect(errorOf('plate')).toBe('Le numéro 000 n’existe pas : vérifiez les trois chiffres.');
    expect(api.create).not.toHaveBeenCalled();
  });

  it('adds a vehicle as typed (the API normalises the plate), without a mileage left empty', async () => {
    const { api, navigate, type, submit } = await render();
    await type('plate', 'ab 123 cd');
    await type('make', ' Renault ');
    await type('model', 'Clio');
    await type('year', '2012');
    await submit();
    expect(api.create).toHaveBeenCalledWith({ plate: 'ab 123 cd', make: 'Renault', model: 'Clio', year: 2012 });
    expect(navigate).toHaveBeenCalledWith('/app/vehicles');
  });

  it('edits a vehicle: the form starts from it, and the whole vehicle is sent', async () => {
    const { api, input, type, submit } = await render('v1');
    expect(api.get).toHaveBeenCalledWith('v1');
    expect(input('plate').value).toBe('AB-123-CD');
    expect(input('mileage').value).toBe('140000');
    await type('mileage', '152000');
    await submit();
    expect(api.replace).toHaveBeenCalledWith('v1', {
      plate: 'AB-123-CD',
      make: 'Renault',
      model: 'Clio',
      year: 2012,
      mileage: 152000,
    });
  });
});
