import { TestBed } from '@angular/core/testing';
import { BOOKING, ME, PEER, composerField, openThread } from '../../../testing/chat-fakes';
import { ShareHandOff } from '../share-hand-off';
import { ChatComposer } from './chat-composer';

async function render(beforeRender: () => void = () => undefined, garageId?: string) {
  const chat = await openThread(undefined, null, garageId);
  beforeRender();
  const fixture = TestBed.createComponent(ChatComposer);
  fixture.componentRef.setInput('appointments', [BOOKING]);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const { composer, type, press } = composerField(fixture);
  return { ...chat, fixture, element, composer, type, press };
}

describe('ChatComposer', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
  });

  it('keeps Shift+Enter for a new line, and sends with the "Envoyer" button', async () => {
    const { element, socket, type, press } = await render();
    socket.sendMessage.mockReturnValue(new Promise(() => undefined));
    await type('Ligne 1');

    const event = await press({ shiftKey: true });
    expect(event.defaultPrevented).toBe(false);
    expect(socket.sendMessage).not.toHaveBeenCalled();

    const button = element.querySelector<HTMLButtonElement>('button[type="submit"]');
    expect(button?.getAttribute('aria-label')).toBe('Envoyer');
    button?.click();
    expect(socket.sendMessage).toHaveBeenCalledWith(expect.objectContaining({ content: 'Ligne 1' }));
  });

  it('keeps the draft of each conversation across a new window, and clears it on send', async () => {
    localStorage.setItem(`promoto.draft.${ME}.${PEER}`, 'Je reviens vers vous');
    const { composer, type, press, socket } = await render();
    expect(composer.value).toBe('Je reviens vers vous');

    await type('Je reviens vers vous demain');
    expect(localStorage.getItem(`promoto.draft.${ME}.${PEER}`)).toBe('Je reviens vers vous demain');
    socket.sendMessage.mockReturnValue(new Promise(() => undefined));
    await press({});
    expect(localStorage.getItem(`promoto.draft.${ME}.${PEER}`)).toBeNull();
  });

  it('takes what the phone shared to this thread: its files staged, its text as the draft', async () => {
    const quote = new File(['%PDF-1.4'], 'Devis.pdf', { type: 'application/pdf' });
    const { element, composer } = await render(() =>
      TestBed.inject(ShareHandOff).hold(PEER, { files: [quote], text: 'Le devis du carrossier' }),
    );
    expect(element.querySelector('.staged')?.textContent).toContain('Devis.pdf');
    expect(composer.value).toBe('Le devis du carrossier');
    expect(TestBed.inject(ShareHandOff).take(PEER)).toBeNull();
  });
});

describe('ChatComposer: internal notes', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
  });

  const noteToggle = (element: HTMLElement) =>
    Array.from(element.querySelectorAll('label')).find((label) => label.textContent?.includes('Note interne'));

  it("lets a garage's member write a note: typed and sent as one, for the team only", async () => {
    const { fixture, element, composer, socket, type, press } = await render(undefined, 'g00000000000000000000001');
    socket.sendMessage.mockReturnValue(new Promise(() => undefined));
    const toggle = noteToggle(element)?.querySelector('input') as HTMLInputElement;
    toggle.click();
    await fixture.whenStable();
    expect(element.querySelector('form')?.classList).toContain('note');
    expect(composer.placeholder).toBe('Note interne : visible par votre équipe uniquement…');

    await type('Client pressé');
    expect(socket.typing).toHaveBeenCalledWith({ recipientId: PEER, isTyping: true, note: true });
    await press({});
    expect(socket.sendMessage).toHaveBeenCalledWith(expect.objectContaining({ content: 'Client pressé', note: true }));
  });

  it("stops the client's « écrit… » before the team sees a note typed, when a member switches to a note", async () => {
    const { fixture, element, socket, type } = await render(undefined, 'g00000000000000000000001');
    await type('Bonjour');
    expect(socket.typing).toHaveBeenLastCalledWith({ recipientId: PEER, isTyping: true });
    (noteToggle(element)?.querySelector('input') as HTMLInputElement).click();
    await fixture.whenStable();

    await type('Bonjour, client pressé');
    expect(socket.typing.mock.calls.slice(-2)).toEqual([
      [{ recipientId: PEER, isTyping: false }],
      [{ recipientId: PEER, isTyping: true, note: true }],
    ]);
  });

  it('offers no note to a client', async () => {
    const { element, socket, type, press } = await render();
    socket.sendMessage.mockReturnValue(new Promise(() => undefined));
    expect(noteToggle(element)).toBeUndefined();
    await type('Bonjour');
    await press({});
    expect(socket.sendMessage).toHaveBeenCalledWith(expect.not.objectContaining({ note: true }));
  });
});

describe('ChatComposer: quick replies', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    localStorage.clear();
  });

  const replies = {
    garageName: 'Garage <Dupont>',
    items: [
      { id: 'q1', title: 'Devis prêt', content: 'Bonjour {client}, le devis est prêt.' },
      { id: 'q2', title: 'Rendez-vous confirmé', content: 'Le {rdv.date} pour {rdv.service} chez {garage}.' },
    ],
  };

  it('offers them after a / at the start, filtered as I type, and inserts one filled with Enter', async () => {
    const { fixture, element, type, press, composer, socket } = await render();
    fixture.componentRef.setInput('quickReplies', replies);
    await type('/');
    const options = () => Array.from(element.querySelectorAll('[role="option"]')).map((option) => option.textContent);
    expect(options()).toHaveLength(2);

    await type('/r');
    // A title word starting with « r » first, then « prêt », which only contains it.
    expect(options()).toEqual([expect.stringContaining('Rendez-vous confirmé'), expect.stringContaining('Devis prêt')]);
    const event = await press({});

    expect(event.defaultPrevented).toBe(true);
    expect(socket.sendMessage).not.toHaveBeenCalled();
    const when = new Date(BOOKING.scheduledAt);
    expect(composer.value).toBe(`Le mardi 12 mars à ${when.getHours()} h pour Vidange chez Garage <Dupont>.`);
    expect(element.querySelector('[role="listbox"]')).toBeNull();
  });

  it('opens the whole list from its button, chooses with the arrows, and closes with Escape', async () => {
    const { fixture, element, composer, press } = await render();
    fixture.componentRef.setInput('quickReplies', replies);
    await fixture.whenStable();
    element.querySelector<HTMLButtonElement>('.quick-replies-toggle')?.click();
    await fixture.whenStable();
    expect(element.querySelectorAll('[role="option"]')).toHaveLength(2);

    await press({ key: 'ArrowDown' });
    expect(element.querySelector('[aria-selected="true"]')?.textContent).toContain('Rendez-vous confirmé');
    await press({ key: 'ArrowUp' });
    await press({});
    expect(composer.value).toBe('Bonjour Marc Dupont, le devis est prêt.');

    element.querySelector<HTMLButtonElement>('.quick-replies-toggle')?.click();
    await fixture.whenStable();
    await press({ key: 'Escape' });
    expect(element.querySelector('[role="listbox"]')).toBeNull();
  });
});
