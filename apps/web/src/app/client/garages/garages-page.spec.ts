import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { GaragePage, GaragesPageQuery, GarageView } from '@promoto/shared-dto';
import { Subject, of, type Observable } from 'rxjs';
import { GaragesApi } from '../../core/api/garages-api';
import { GaragesPage } from './garages-page';

const garage = (n: number): GarageView => ({
  id: `g${String(n).padStart(23, '0')}`,
  name: `Garage ${n}`,
  city: 'Orléans',
  address: `${n} rue Bannier, 45000 Orléans`,
  services: ['Vidange'],
  ownerId: `a${String(n).padStart(23, '0')}`,
  ownerName: 'Marc',
});

async function render(search: jest.Mock<Observable<GaragePage>, [GaragesPageQuery?]>) {
  TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: GaragesApi, useValue: { search } }] });
  const fixture = TestBed.createComponent(GaragesPage);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const stable = () => TestBed.inject(ApplicationRef).whenStable();
  const names = () => Array.from(element.querySelectorAll('.garages h2 a')).map((link) => link.textContent?.trim());
  const count = () => element.querySelector('.count')?.textContent?.trim();
  const more = () => element.querySelector<HTMLButtonElement>('button.more');
  const searchFor = async (city: string) => {
    const input = element.querySelector<HTMLInputElement>('#search-city') as HTMLInputElement;
    input.value = city;
    input.dispatchEvent(new Event('input'));
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await stable();
  };
  return { element, stable, names, count, more, searchFor };
}

describe('GaragesPage', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('says how many garages the search finds, and « Voir plus » appends the next page of the same search', async () => {
    const search = jest.fn<Observable<GaragePage>, [GaragesPageQuery?]>((query) =>
      of(
        query?.cursor
          ? { items: [garage(3)], nextCursor: null, total: 3 }
          : { items: [garage(1), garage(2)], nextCursor: 'page-2', total: 3 },
      ),
    );
    const page = await render(search);
    await page.searchFor('orleans');
    expect(page.names()).toEqual(['Garage 1', 'Garage 2']);
    expect(page.count()).toBe('3 garages · 2 affichés');
    // The address ends with the city: shown once.
    expect(page.element.querySelector('.garages .hint')?.textContent).toBe('1 rue Bannier, 45000 Orléans');

    page.more()?.click();
    await page.stable();
    expect(search).toHaveBeenLastCalledWith({ city: 'orleans', q: '', cursor: 'page-2' });
    expect(page.names()).toEqual(['Garage 1', 'Garage 2', 'Garage 3']);
    expect(page.count()).toBe('3 garages');
    expect(page.more()).toBeNull();
  });

  it('drops a next page that comes back after a new search', async () => {
    const late = new Subject<GaragePage>();
    const search = jest.fn<Observable<GaragePage>, [GaragesPageQuery?]>((query) =>
      query?.cursor
        ? late
        : of(
            query?.city === 'tours'
              ? { items: [garage(7)], nextCursor: null, total: 1 }
              : { items: [garage(1)], nextCursor: 'page-2', total: 2 },
          ),
    );
    const page = await render(search);
    page.more()?.click();
    await page.searchFor('tours');
    late.next({ items: [garage(2)], nextCursor: null, total: 2 });
    late.complete();
    await page.stable();
    expect(page.names()).toEqual(['Garage 7']);
    expect(page.count()).toBe('1 garage');
  });
});
