import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  BOOKING,
  CONVERSATION,
  ME,
  PEER,
  composerField,
  flush,
  id,
  message,
  openThread,
} from '../../../testing/chat-fakes';
import { of } from 'rxjs';
import { PhoneWidth } from '../../core/phone-width';
import { ChatWindow } from './chat-window';

async function render(history = [message(1, PEER, ME), message(2, ME, PEER)], appointments = [BOOKING]) {
  const chat = await openThread(history);
  const fixture = TestBed.createComponent(ChatWindow);
  fixture.componentRef.setInput('backLink', '/app/messages');
  fixture.componentRef.setInput('appointments', appointments);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const { composer, type, press } = composerField(fixture);
  const bubbles = () => Array.from(element.querySelectorAll<HTMLElement>('[role="log"] li.message'));
  return { ...chat, fixture, element, composer, type, press, bubbles };
}

describe('ChatWindow', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
  });

  it('shows the history with own and other bubbles, the peer, and ticks on my messages', async () => {
    const { element, bubbles, socket, fixture } = await render();
    expect(element.querySelector('h2')?.textContent).toBe('Garage Dupont');
    expect(bubbles().map((item) => item.classList.contains('own'))).toEqual([false, true]);
    expect(bubbles()[1].dataset['status']).toBe('sent');
    expect(bubbles()[1].textContent).toContain('Envoyé');

    socket.messagesRead$.next({ conversationId: CONVERSATION, readerId: PEER, lastReadMessageId: id(2), readAt: '' });
    await fixture.whenStable();
    expect(bubbles()[1].dataset['status']).toBe('read');
    expect(bubbles()[1].textContent).toContain('Lu');
  });

  it('sends with Enter, linked to the booking it was opened from, and clears the field', async () => {
    const { fixture, socket, type, press, composer, bubbles } = await render();
    fixture.componentRef.setInput('initialAppointmentId', BOOKING.id);
    socket.sendMessage.mockReturnValue(new Promise(() => undefined));
    await type('La pièce est arrivée ?');

    const event = await press({});

    expect(event.defaultPrevented).toBe(true);
    expect(socket.sendMessage).toHaveBeenCalledWith(
      expect.objectContaining({ content: 'La pièce est arrivée ?', appointmentId: BOOKING.id }),
    );
    expect(composer.value).toBe('');
    const last = bubbles().at(-1);
    expect(last?.dataset['status']).toBe('pending');
    expect(last?.textContent).toContain('À propos du rendez-vous : Vidange');
  });

  it('names in its header the vehicle of the latest booking made with one, and none without', async () => {
    const clio = { vehicleId: 'v1', plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2012 };
    const older = { ...BOOKING, id: 'older', vehicle: { ...clio, plate: 'EF-456-GH', model: 'Zoé' } };
    const { element } = await render(undefined, [{ ...BOOKING, vehicle: clio }, older]);
    expect(element.querySelector('header .vehicle')?.textContent?.trim()).toBe('🚗 Renault Clio · AB-123-CD');
    TestBed.resetTestingModule();
    const without = await render();
    expect(without.element.querySelector('header .vehicle')).toBeNull();
  });

  it('offers "Réessayer" on a failed message, which sends it again', async () => {
    const { fixture, socket, type, press, bubbles } = await render([]);
    socket.sendMessage.mockRejectedValueOnce(new Error('operation has timed out'));
    await type('Bonjour');
    await press({});
    await flush();
    await fixture.whenStable();

    const failed = bubbles()[0];
    expect(failed.dataset['status']).toBe('failed');
    expect(failed.textContent).toContain("Le message n'a pas pu être envoyé.");
    socket.sendMessage.mockReturnValueOnce(new Promise(() => undefined));
    failed.querySelector<HTMLButtonElement>('.failure button')?.click();
    await fixture.whenStable();

    expect(socket.sendMessage).toHaveBeenCalledTimes(2);
    expect(bubbles()[0].dataset['status']).toBe('pending');
  });

  it('blocks the other person once confirmed: the thread stays, without a composer, until « Débloquer »', async () => {
    const { element, fixture, blocks, bubbles } = await render();
    const button = (name: string) =>
      Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find(
        (item) => item.getAttribute('aria-label') === name || item.textContent?.trim() === name,
      );
    const settle = async () => {
      await flush();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    button('Plus d’actions')?.click();
    await settle();
    button('Bloquer Garage Dupont')?.click();
    await settle();
    expect(element.querySelector('#thread-block-panel')?.textContent).toContain('Bloquer Garage Dupont ?');
    expect(blocks.block).not.toHaveBeenCalled();
    blocks.block.mockReturnValueOnce(
      of({ party: { id: PEER, name: 'Garage Dupont', role: 'garagiste', garageName: 'Garage Dupont' }, blockedAt: '' }),
    );
    Array.from(element.querySelectorAll<HTMLButtonElement>('#thread-block-panel button'))
      .find((item) => item.textContent?.trim() === 'Bloquer')
      ?.click();
    await settle();
    expect(blocks.block).toHaveBeenCalledWith(PEER);
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Vous avez bloqué Garage Dupont');
    expect(element.querySelector('app-chat-composer')).toBeNull();
    expect(bubbles()).toHaveLength(2);

    button('Débloquer')?.click();
    await settle();
    expect(blocks.unblock).toHaveBeenCalledWith(PEER);
    expect(element.querySelector('app-chat-composer')).not.toBeNull();
    expect(button('Bloquer Garage Dupont')).toBeDefined();
  });

  it('says when the other person is typing', async () => {
    const { element, fixture, socket } = await render();
    socket.typing$.next({ conversationId: CONVERSATION, userId: PEER, isTyping: true });
    await fixture.whenStable();
    expect(element.querySelector('.typing')?.textContent?.trim()).toBe("Garage Dupont est en train d'écrire…");
  });

  it('stages files dropped on the thread for the next message', async () => {
    const { element, fixture } = await render();
    const quote = new File(['%PDF-1.4'], 'Devis.pdf', { type: 'application/pdf' });
    const drop = new Event('drop', { cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [quote], types: ['Files'] } });
    element.querySelector('.window')?.dispatchEvent(drop);
    await fixture.whenStable();

    expect(drop.defaultPrevented).toBe(true);
    expect(element.querySelector('.staged')?.textContent).toContain('Devis.pdf');
  });

  it('opens a photo of the thread in the viewer', async () => {
    const photo = {
      id: id(50),
      kind: 'image' as const,
      name: 'piece.jpg',
      size: 1000,
      mimeType: 'image/jpeg',
      url: '/api/attachments/piece',
      width: 800,
      height: 600,
    };
    const { element, fixture, bubbles } = await render([message(1, PEER, ME, { content: '', attachments: [photo] })]);
    // jsdom has no modal dialogs.
    const showModal = jest.fn(function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    });
    const jsdomShowModal = HTMLDialogElement.prototype.showModal;
    HTMLDialogElement.prototype.showModal = showModal;
    // The viewer loads the first time a photo is opened.
    expect(element.querySelector('app-attachment-viewer')).toBeNull();

    bubbles()[0].querySelector<HTMLButtonElement>('.thumb')?.click();
    await fixture.whenStable();
    await flush();
    await fixture.whenStable();

    const dialog = element.querySelector('app-attachment-viewer dialog');
    expect(showModal).toHaveBeenCalled();
    expect(dialog?.hasAttribute('open')).toBe(true);
    expect(dialog?.querySelector('img')?.getAttribute('alt')).toBe('piece.jpg');
    HTMLDialogElement.prototype.showModal = jsdomShowModal;
  });

  describe("the header's actions", () => {
    async function renderAt(narrow: boolean) {
      TestBed.configureTestingModule({ providers: [{ provide: PhoneWidth, useValue: { narrow: signal(narrow) } }] });
      const rendered = await render();
      rendered.fixture.componentRef.setInput('quoting', true);
      await rendered.fixture.whenStable();
      const { element, fixture } = rendered;
      const toggle = () => element.querySelector<HTMLButtonElement>('.more-toggle') as HTMLButtonElement;
      const actions = () => element.querySelector('#thread-actions') as HTMLElement;
      const settle = () => fixture.whenStable();
      return { ...rendered, toggle, actions, settle };
    }

    it('fold into a popup behind « ⋯ » on a phone, which Escape closes, focus back on « ⋯ »', async () => {
      const { toggle, actions, settle, element } = await renderAt(true);
      expect(toggle().getAttribute('aria-haspopup')).toBe('dialog');
      expect(toggle().getAttribute('aria-controls')).toBe('thread-actions');
      expect(toggle().getAttribute('aria-expanded')).toBe('false');
      expect(actions().getAttribute('role')).toBe('dialog');
      expect(actions().classList.contains('open')).toBe(false);
      const labels = () => Array.from(actions().querySelectorAll('button')).map((item) => item.textContent?.trim());
      expect(labels()).toEqual(['🧾 Devis', '⚑ Signaler', '🚫 Bloquer']);
      expect(element.querySelector('#thread-more')).toBeNull();

      toggle().click();
      await settle();
      expect(toggle().getAttribute('aria-expanded')).toBe('true');
      expect(actions().classList.contains('open')).toBe(true);
      expect(element.ownerDocument.activeElement?.textContent?.trim()).toBe('🧾 Devis');

      element.ownerDocument.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
      await settle();
      expect(actions().classList.contains('open')).toBe(false);
      expect(element.ownerDocument.activeElement).toBe(toggle());
    });

    it('close on a tap outside the popup, and when one of them is chosen', async () => {
      const { toggle, actions, settle, element } = await renderAt(true);
      toggle().click();
      await settle();
      element.querySelector<HTMLElement>('.subtitle')?.click();
      await settle();
      expect(actions().classList.contains('open')).toBe(false);
      expect(element.ownerDocument.activeElement).toBe(toggle());

      toggle().click();
      await settle();
      actions().querySelector<HTMLButtonElement>('[aria-controls="thread-block-panel"]')?.click();
      await settle();
      expect(actions().classList.contains('open')).toBe(false);
      expect(element.textContent).toContain('Bloquer Garage Dupont ?');
      expect(element.ownerDocument.activeElement).toBe(toggle());
    });

    it('stay in the header on a desktop, « ⋯ » showing « Signaler » and « Bloquer » below it until pressed again', async () => {
      const { toggle, actions, settle, element } = await renderAt(false);
      expect(toggle().hasAttribute('aria-haspopup')).toBe(false);
      expect(toggle().getAttribute('aria-controls')).toBe('thread-more');
      expect(actions().hasAttribute('role')).toBe(false);
      expect(Array.from(actions().querySelectorAll('button')).map((item) => item.textContent?.trim())).toEqual([
        '🧾 Devis',
      ]);

      toggle().click();
      await settle();
      element.ownerDocument.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
      element.querySelector<HTMLElement>('h2')?.click();
      await settle();
      expect(element.querySelector('#thread-more')?.textContent).toContain('Signaler');
    });
  });
});
