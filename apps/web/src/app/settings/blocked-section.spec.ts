import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { BlockView } from '@promoto/shared-dto';
import { of, throwError } from 'rxjs';
import { BlocksStore } from '../chat/blocks.store';
import { SessionScope } from '../chat/session-scope';
import { BlocksApi } from '../core/api/blocks-api';
import { SIGNED_IN_USER } from '../core/auth/signed-in-user';
import { BlockedSection } from './blocked-section';

const GARAGE: BlockView = {
  party: {
    id: '6b07bd0e44ecb3a1dc995521',
    name: 'Garage du Centre',
    role: 'garagiste',
    garageName: 'Garage du Centre',
  },
  blockedAt: '2026-12-09T17:02:00.000Z',
};

async function render(items: BlockView[]) {
  const api = { list: jest.fn(() => of({ items })), block: jest.fn(), unblock: jest.fn(() => of(undefined)) };
  TestBed.configureTestingModule({
    imports: [BlockedSection],
    providers: [
      { provide: BlocksApi, useValue: api },
      { provide: SIGNED_IN_USER, useValue: { userId: '6b07bd0e44ecb3a1dc99551e', sessionId: 's1' } },
      SessionScope,
      BlocksStore,
    ],
  });
  const fixture = TestBed.createComponent(BlockedSection);
  await fixture.whenStable();
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
  };
  return { api, element, settle };
}

describe('BlockedSection', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('lists whom my side blocked, and unblocks one', async () => {
    const { api, element, settle } = await render([GARAGE]);
    expect(element.querySelector('li')?.textContent).toContain('Garage du Centre');
    expect(element.querySelector('li')?.textContent).toContain('Bloqué le');
    const button = element.querySelector<HTMLButtonElement>('li button');
    expect(button?.getAttribute('aria-label')).toBe('Débloquer Garage du Centre');
    button?.click();
    await settle();
    expect(api.unblock).toHaveBeenCalledWith(GARAGE.party.id);
    expect(element.querySelector('li')).toBeNull();
    expect(element.textContent).toContain('Vous n’avez bloqué personne.');
    expect(element.querySelector('[role="status"]')?.textContent?.trim()).toBe('Garage du Centre est débloqué.');
  });

  it('names the member who blocked for the garage', async () => {
    const { element } = await render([
      {
        party: { id: '6b07bd0e44ecb3a1dc99551e', name: 'Camille Martin', role: 'client' },
        blockedAt: GARAGE.blockedAt,
        blockedByName: 'Marc',
      },
    ]);
    expect(element.querySelector('li')?.textContent).toContain('Bloqué par Marc le');
  });

  it('keeps the party listed and says why when unblocking failed', async () => {
    const { api, element, settle } = await render([GARAGE]);
    api.unblock.mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 0 })));
    element.querySelector<HTMLButtonElement>('li button')?.click();
    await settle();
    expect(element.querySelector('li')?.textContent).toContain('Garage du Centre');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('serveur');
  });
});
