import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { PEER, conversation, flush, page, setUpChat } from '../../../testing/chat-fakes';
import { fr } from '../../i18n/fr';
import { ArchiveToggle } from './archive-toggle';

async function render(archived: boolean) {
  const chat = setUpChat();
  chat.api.conversations.mockReturnValueOnce(of(page([conversation(PEER, { archived })])));
  chat.session.start();
  await flush();
  const fixture = TestBed.createComponent(ArchiveToggle);
  fixture.componentRef.setInput('peerId', PEER);
  const changes: boolean[] = [];
  fixture.componentInstance.changed.subscribe((value) => changes.push(value));
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const button = () => element.querySelector('button') as HTMLButtonElement;
  const click = async () => {
    button().click();
    await flush();
    await fixture.whenStable();
  };
  return { ...chat, element, button, click, changes };
}

describe('ArchiveToggle', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('marks an inbox conversation as done, then offers to put it back', async () => {
    const { api, button, click, changes } = await render(false);
    expect(button().getAttribute('aria-label')).toBe('Marquer comme traité');
    api.archive.mockReturnValueOnce(of(conversation(PEER, { archived: true })));

    await click();

    expect(api.archive).toHaveBeenCalledWith(PEER);
    expect(changes).toEqual([true]);
    expect(button().getAttribute('aria-label')).toBe('Remettre dans la boîte de réception');
  });

  it('puts an archived conversation back in the inbox', async () => {
    const { api, click, changes } = await render(true);
    api.unarchive.mockReturnValueOnce(of(conversation(PEER, { archived: false })));

    await click();

    expect(api.unarchive).toHaveBeenCalledWith(PEER);
    expect(changes).toEqual([false]);
  });

  it('says why it failed, in French, and stays as it was', async () => {
    const { api, element, button, click, changes } = await render(false);
    api.archive.mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 0 })));

    await click();

    expect(changes).toEqual([]);
    expect(element.querySelector('[role="alert"]')?.textContent?.trim()).toBe(fr.errors.unreachable);
    expect(button().getAttribute('aria-label')).toBe('Marquer comme traité');
    expect(button().disabled).toBe(false);
  });
});
