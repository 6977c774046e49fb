import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { signal } from '@angular/core';
import { of } from 'rxjs';
import { ME, OTHER_PEER, PEER, conversation, flush, page, setUpChat } from '../../testing/chat-fakes';
import { ShareHandOff } from '../chat/share-hand-off';
import { Session } from '../core/auth/session';
import { SharePage } from './share-page';
import { SharedInbox, type Shared } from './shared-inbox';

const photo = new File(['jpeg'], 'carrosserie.jpg', { type: 'image/jpeg' });

async function render(kept: Shared | null) {
  const inbox = { read: jest.fn().mockResolvedValue(kept), discard: jest.fn().mockResolvedValue(undefined) };
  TestBed.configureTestingModule({
    providers: [
      provideRouter(
        [
          { path: 'share', component: SharePage },
          { path: 'app/messages', children: [] },
        ],
        withComponentInputBinding(),
      ),
      { provide: SharedInbox, useValue: inbox },
      {
        provide: Session,
        useValue: { user: signal({ id: ME, name: 'Camille', email: 'c@example.test', role: 'client' }) },
      },
    ],
  });
  const chat = setUpChat();
  chat.api.conversations.mockReturnValueOnce(of(page([conversation(PEER), conversation(OTHER_PEER)])));
  chat.session.start();
  await flush();
  const harness = await RouterTestingHarness.create('/share?id=share-1');
  await flush();
  harness.detectChanges();
  return { harness, inbox, element: harness.routeNativeElement as HTMLElement };
}

describe('SharePage', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('offers my conversations for what was shared; the chosen thread gets it, and the share is forgotten', async () => {
    const { element, inbox, harness } = await render({ files: [photo], text: 'Regardez la portière' });
    expect(inbox.read).toHaveBeenCalledWith('share-1');
    expect(element.querySelector('h1')?.textContent).toBe('Envoyer à…');
    expect(element.querySelector('.files')?.textContent).toContain('carrosserie.jpg');
    const targets = Array.from(element.querySelectorAll<HTMLButtonElement>('.target'));
    expect(targets.map((target) => target.querySelector('.title')?.textContent)).toEqual([
      'Garage Dupont',
      'Garage Dupont',
    ]);

    targets[1].click();
    await flush();
    harness.detectChanges();

    expect(inbox.discard).toHaveBeenCalledWith('share-1');
    expect(TestBed.inject(Router).url).toBe(`/app/messages?user=${OTHER_PEER}`);
    expect(TestBed.inject(ShareHandOff).take(OTHER_PEER)).toEqual({ files: [photo], text: 'Regardez la portière' });
  });

  it('says when there is nothing left to send', async () => {
    const { element } = await render(null);
    expect(element.querySelector('.alert')?.textContent).toContain('Il n’y a plus rien à envoyer');
    expect(element.querySelector('.target')).toBeNull();
  });
});
