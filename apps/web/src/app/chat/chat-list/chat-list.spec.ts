import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { ME, OTHER_PEER, PEER, conversation, flush, id, page, setUpChat } from '../../../testing/chat-fakes';
import { ChatList } from './chat-list';

async function render(limit: number | null = null) {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const chat = setUpChat();
  const fixture = TestBed.createComponent(ChatList);
  fixture.componentRef.setInput('link', '/garage/messages');
  fixture.componentRef.setInput('limit', limit);
  return { ...chat, fixture, element: fixture.nativeElement as HTMLElement };
}

describe('ChatList', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('says so when there is no conversation yet', async () => {
    const { session, fixture, element } = await render();
    session.start();
    await flush();
    await fixture.whenStable();
    expect(element.textContent).toContain("Aucune conversation pour l'instant");
  });

  it('lists conversations newest first with a preview, a relative time and the unread badge', async () => {
    const { session, api, fixture, element } = await render();
    // Half a minute more, as the clock may have been read just before this line.
    const fiveMinutesAgo = new Date(Date.now() - 5.5 * 60_000).toISOString();
    const anHourAgo = new Date(Date.now() - 60.5 * 60_000).toISOString();
    api.conversations.mockReturnValueOnce(
      of(
        page(
          [
            conversation(PEER, {
              unreadCount: 2,
              updatedAt: fiveMinutesAgo,
              lastMessage: { id: id(2), senderId: PEER, content: 'Votre voiture est prête', createdAt: fiveMinutesAgo },
            }),
            conversation(OTHER_PEER, {
              updatedAt: anHourAgo,
              lastMessage: { id: id(1), senderId: ME, content: 'Merci !', createdAt: anHourAgo },
            }),
          ],
          'next',
        ),
      ),
    );
    session.start();
    await flush();
    await fixture.whenStable();

    const links = Array.from(element.querySelectorAll<HTMLAnchorElement>('a.conversation'));
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      `/garage/messages?user=${PEER}`,
      `/garage/messages?user=${OTHER_PEER}`,
    ]);
    expect(links[0].querySelector('.preview')?.textContent).toBe('Votre voiture est prête');
    // Intl separates with narrow no-break spaces.
    expect(links[0].querySelector('.when')?.textContent?.replace(/\s/g, ' ')).toBe('il y a 5 min');
    expect(links[0].querySelector('.badge')?.textContent).toContain('2 messages non lus');
    expect(links[1].querySelector('.preview')?.textContent).toBe('Vous : Merci !');
    expect(links[1].querySelector('.badge')).toBeNull();
    expect(element.querySelector('button.more')?.textContent?.trim()).toBe('Afficher plus de conversations');
  });

  it('shows only the first conversations, without "more", when limited', async () => {
    const { session, api, fixture, element } = await render(1);
    api.conversations.mockReturnValueOnce(of(page([conversation(PEER), conversation(OTHER_PEER)], 'next')));
    session.start();
    await flush();
    await fixture.whenStable();
    expect(element.querySelectorAll('a.conversation')).toHaveLength(1);
    expect(element.querySelector('button.more')).toBeNull();
  });
});
