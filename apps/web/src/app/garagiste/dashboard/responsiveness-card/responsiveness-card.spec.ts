import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { GaragesApi } from '../../../core/api/garages-api';
import { figures, responsivenessView } from '../../../../testing/responsiveness-fakes';
import { ResponsivenessCard } from './responsiveness-card';

const GARAGE = 'g00000000000000000000001';

const VIEW = responsivenessView(
  GARAGE,
  figures({
    requests: 12,
    answered: 11,
    answeredWithin24h: 11,
    settled: 12,
    answeredWithin24hShare: 11 / 12,
    medianReply: { afterMinutes: 60, atMostMinutes: 180 },
  }),
  figures({
    requests: 10,
    answered: 10,
    answeredWithin24h: 10,
    settled: 10,
    answeredWithin24hShare: 1,
    medianReply: { afterMinutes: 720, atMostMinutes: 1440 },
  }),
);

async function render(answer: ReturnType<GaragesApi['responsiveness']>) {
  const api = { responsiveness: jest.fn(() => answer) };
  TestBed.configureTestingModule({ providers: [{ provide: GaragesApi, useValue: api }] });
  const fixture = TestBed.createComponent(ResponsivenessCard);
  fixture.componentRef.setInput('garageId', GARAGE);
  await fixture.whenStable();
  return { api, fixture, element: fixture.nativeElement as HTMLElement };
}

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim();

describe('ResponsivenessCard', () => {
  afterEach(() => TestBed.resetTestingModule());

  it("shows my garage's figures for the period and says in words how they moved", async () => {
    const { api, element } = await render(of(VIEW));
    expect(api.responsiveness).toHaveBeenCalledWith(GARAGE);
    const figures = Array.from(element.querySelectorAll('.figure'));
    expect(figures.map((figure) => text(figure.querySelector('dt')))).toEqual([
      'Délai de réponse habituel',
      'Réponses en moins de 24 h',
    ]);
    expect(text(figures[0].querySelector('.value'))).toBe('moins de 3 heures');
    expect(text(figures[0].querySelector('.trend'))).toBe("↑ mieux que les 30 jours précédents (moins d'un jour)");
    expect(figures[0].querySelector('.trend [aria-hidden="true"]')?.textContent).toBe('↑');
    expect(text(figures[1].querySelector('.value'))).toBe('92 %');
    expect(text(figures[1].querySelector('.trend'))).toBe(
      '↓ en baisse de 8 points par rapport aux 30 jours précédents (100 %)',
    );
    expect(text(element.querySelector('.counts'))).toBe('12 demandes, 11 avec réponse');
  });

  it('says in French when the figures cannot be loaded, and loads them again on « Réessayer »', async () => {
    const { api, fixture, element } = await render(throwError(() => new HttpErrorResponse({ status: 0 })));
    expect(text(element.querySelector('[role="alert"]'))).toContain('La réactivité n’a pas pu être chargée.');

    api.responsiveness.mockReturnValueOnce(of(VIEW));
    element.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(text(element.querySelector('.value'))).toBe('moins de 3 heures');
  });
});
