import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AdminReportView } from '@promoto/shared-dto';
import { of, throwError } from 'rxjs';
import { AdminApi } from '../core/api/admin-api';
import { AdminReportsPage } from './admin-reports-page';

const report = (id: string, status: AdminReportView['status']): AdminReportView => ({
  id,
  status,
  reason: 'harassment',
  createdAt: '2026-12-09T17:05:00.000Z',
  conversationId: '6b07bd0e44ecb3a1dc995530',
  garage: { id: '6b07bd0e44ecb3a1dc995521', name: 'Garage du Centre' },
  reporter: { id: '6b07bd0e44ecb3a1dc99551e', name: 'Camille Martin', email: 'c@promoto.test', role: 'client' },
  message: { id: '6b07bd0e44ecb3a1dc995550', excerpt: 'Message insultant', createdAt: '2026-12-09T16:05:31.000Z' },
});
const OPEN = report('6b07bd0e44ecb3a1dc995590', 'open');
const HANDLED = report('6b07bd0e44ecb3a1dc995591', 'handled');

async function render() {
  const api = {
    reports: jest.fn((cursor?: string) =>
      cursor ? of({ items: [HANDLED], nextCursor: null }) : of({ items: [OPEN], nextCursor: `o${OPEN.id}` }),
    ),
  };
  TestBed.configureTestingModule({
    imports: [AdminReportsPage],
    providers: [provideRouter([]), { provide: AdminApi, useValue: api }],
  });
  const fixture = TestBed.createComponent(AdminReportsPage);
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  await settle();
  return { api, element: fixture.nativeElement as HTMLElement, settle };
}

describe('AdminReportsPage', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('lists the reports a page at a time, each with its reason, reporter, excerpt and thread link', async () => {
    const { api, element, settle } = await render();
    const first = element.querySelector(`[data-report="${OPEN.id}"]`);
    expect(first?.textContent).toContain('À traiter');
    expect(first?.textContent).toContain('Harcèlement ou insultes');
    expect(first?.textContent).toContain('Par Camille Martin');
    expect(first?.textContent).toContain('Message insultant');
    expect(first?.querySelector('a')?.getAttribute('href')).toBe(`/admin/reports/${OPEN.id}`);

    element.querySelector<HTMLButtonElement>('button.more')?.click();
    await settle();
    expect(api.reports).toHaveBeenLastCalledWith(`o${OPEN.id}`);
    expect(element.querySelector(`[data-report="${HANDLED.id}"]`)?.textContent).toContain('Traité');
    expect(element.querySelector('button.more')).toBeNull();
  });

  it('says why the list could not be loaded, and loads it again', async () => {
    TestBed.overrideProvider(AdminApi, {
      useValue: { reports: jest.fn(() => throwError(() => new HttpErrorResponse({ status: 0 }))) },
    });
    const { element, settle } = await render();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('serveur');
    const api = TestBed.inject(AdminApi) as unknown as { reports: jest.Mock };
    api.reports.mockReturnValueOnce(of({ items: [OPEN], nextCursor: null }));
    element.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    await settle();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(element.querySelector(`[data-report="${OPEN.id}"]`)).not.toBeNull();
  });
});
