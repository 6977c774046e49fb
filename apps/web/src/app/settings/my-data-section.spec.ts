import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DataExportView } from '@promoto/shared-dto';
import { of, Subject } from 'rxjs';
import { PrivacyApi } from '../core/api/privacy-api';
import { MyDataSection } from './my-data-section';

const READY: DataExportView = {
  id: '6b07bd0e44ecb3a1dc995580',
  status: 'ready',
  requestedAt: '2026-12-09T16:10:00.000Z',
  readyAt: '2026-12-09T16:10:04.000Z',
  expiresAt: '2026-12-16T16:10:04.000Z',
  size: 2_450_000,
  url: '/api/data-exports/6b07bd0e44ecb3a1dc995580/file?expires=1797437404&signature=k1~abc',
};

async function render(latest: DataExportView | null) {
  const requested = new Subject<DataExportView>();
  const api = { latestExport: jest.fn(() => of(latest)), requestExport: jest.fn(() => requested) };
  TestBed.configureTestingModule({
    imports: [MyDataSection],
    providers: [provideRouter([]), { provide: PrivacyApi, useValue: api }],
  });
  const fixture = TestBed.createComponent(MyDataSection);
  await fixture.whenStable();
  fixture.detectChanges();
  return { fixture, element: fixture.nativeElement as HTMLElement, api, requested };
}

describe('MyDataSection', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('asks for a copy, then says it is being prepared and offers no second request meanwhile', async () => {
    const { fixture, element, api, requested } = await render(null);
    const button = element.querySelector('button');
    expect(button?.textContent?.trim()).toBe('Demander une copie de mes données');
    button?.click();
    expect(api.requestExport).toHaveBeenCalledTimes(1);
    requested.next({ id: READY.id, status: 'pending', requestedAt: READY.requestedAt });
    fixture.detectChanges();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Votre copie est en préparation');
    expect(element.querySelector('button')).toBeNull();
  });

  it('offers a ready copy’s download, its size in French and until when it works', async () => {
    const { element } = await render(READY);
    const link = element.querySelector<HTMLAnchorElement>('a[download]');
    expect(link?.getAttribute('href')).toBe(READY.url);
    expect(link?.textContent?.trim()).toBe('Télécharger mes données (ZIP, 2,5 Mo)');
    expect(element.querySelector('[role="status"]')?.textContent).toContain('16 décembre 2026');
    expect(element.querySelector('button')?.textContent?.trim()).toBe('Demander une nouvelle copie');
  });

  it('says when the last copy’s link has expired', async () => {
    const { element } = await render({ ...READY, status: 'expired', url: undefined });
    expect(element.querySelector('a[download]')).toBeNull();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('a expiré');
  });
});
