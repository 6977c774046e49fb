import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ConversationView } from '@promoto/shared-dto';
import { of } from 'rxjs';
import { ME, OTHER_PEER, PEER, conversation, flush, message, page, setUpChat } from '../../../testing/chat-fakes';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { QuickRepliesApi } from '../../core/api/quick-replies-api';
import { TeamApi } from '../../core/api/team-api';
import { clientMessagesInputs } from '../../client/client.routes';
import { garageMessagesInputs } from '../../garagiste/garagiste.routes';
import { MessagingLayout } from './messaging-layout';

/** A messages page at that address, for ME, whose inbox holds these conversations. */
async function render(url: string, inbox: ConversationView[], history = [message(1, PEER, ME)]) {
  const quickRepliesApi = { list: jest.fn(() => of({ garageName: 'Garage Dupont', items: [] })) };
  TestBed.configureTestingModule({
    providers: [
      provideRouter(
        [
          { path: 'garage/messages', component: MessagingLayout, data: garageMessagesInputs },
          { path: 'app/messages', component: MessagingLayout, data: clientMessagesInputs },
        ],
        withComponentInputBinding(),
      ),
      { provide: AppointmentsApi, useValue: { list: () => of([]) } },
      { provide: QuickRepliesApi, useValue: quickRepliesApi },
      {
        provide: TeamApi,
        useValue: {
          team: () =>
            of({
              garageId: 'g00000000000000000000001',
              garageName: 'Garage Dupont',
              members: [{ userId: ME, name: 'Moi', email: 'moi@example.test', role: 'owner', joinedAt: '2030-01-01' }],
              invitations: [],
            }),
        },
      },
    ],
  });
  const chat = setUpChat();
  chat.api.conversations.mockReturnValueOnce(of(page(inbox)));
  chat.api.history.mockReturnValue(of(page(history)));
  chat.session.start();
  await flush();
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  await flush();
  harness.detectChanges();
  const element = harness.routeNativeElement as HTMLElement;
  const button = (label: string) =>
    Array.from(element.querySelectorAll('button')).find(
      (item) => (item.getAttribute('aria-label') ?? item.textContent?.trim()) === label,
    ) ?? null;
  const listed = () => Array.from(element.querySelectorAll('app-chat-list .name')).map((name) => name.textContent);
  const settle = async () => {
    await flush();
    harness.detectChanges();
  };
  return { ...chat, harness, element, button, listed, settle, quickRepliesApi };
}

describe('MessagingLayout folders and archive', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('gives the garagiste the folders, and archiving the open thread goes back to the inbox with nothing open', async () => {
    const { api, element, button, listed, settle } = await render(`/garage/messages?user=${PEER}`, [
      conversation(PEER),
      conversation(OTHER_PEER),
    ]);
    expect(element.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Dossier');
    expect(button('Boîte de réception')?.getAttribute('aria-pressed')).toBe('true');
    expect(button('Archivées')?.getAttribute('aria-pressed')).toBe('false');
    expect(listed()).toEqual(['Garage Dupont', 'Garage Dupont']);
    // « Assigner à… » beside « Marquer comme traité », offering the garage's members.
    const picker = element.querySelector<HTMLSelectElement>('app-assignee-picker select');
    expect(Array.from(picker?.options ?? []).map((option) => option.textContent?.trim())).toEqual([
      'Assigner à…',
      'Moi',
    ]);
    api.archive.mockReturnValueOnce(of(conversation(PEER, { archived: true })));

    button('Marquer comme traité')?.click();
    await settle();

    expect(api.archive).toHaveBeenCalledWith(PEER);
    expect(TestBed.inject(Router).url).toBe('/garage/messages');
    expect(listed()).toEqual(['Garage Dupont']);
    expect(element.querySelector('app-chat-window')).toBeNull();
    expect(element.querySelector('[role="status"]')?.textContent).toBe(
      'Conversation marquée comme traitée : elle est rangée dans « Archivées ».',
    );

    api.conversations.mockReturnValueOnce(of(page([conversation(PEER, { archived: true })])));
    button('Archivées')?.click();
    await settle();
    expect(api.conversations).toHaveBeenLastCalledWith({ limit: 20, folder: 'archived' });
    expect(button('Archivées')?.getAttribute('aria-pressed')).toBe('true');
    expect(element.querySelector('[role="status"]')?.textContent).toBe('');
  });

  it('offers no archive for a thread that has no message yet', async () => {
    const { element, button } = await render(`/garage/messages?user=${PEER}`, [], []);
    expect(element.querySelector('app-chat-window')).not.toBeNull();
    expect(button('Marquer comme traité')).toBeNull();
  });

  it('shows the client neither the folders nor the archive button', async () => {
    const { element, button } = await render(`/app/messages?user=${PEER}`, [conversation(PEER)]);
    expect(element.querySelector('app-chat-window')).not.toBeNull();
    expect(element.querySelector('[role="group"]')).toBeNull();
    expect(button('Marquer comme traité')).toBeNull();
  });

  it("gives each role's page the garage side's tools through one route input, garageTools", async () => {
    expect(garageMessagesInputs.garageTools).toBe(true);
    expect(clientMessagesInputs.garageTools).toBe(false);
    const garage = await render(`/garage/messages?user=${PEER}`, [conversation(PEER)]);
    // The saved replies and the team are loaded for the garage side only.
    expect(garage.quickRepliesApi.list).toHaveBeenCalledTimes(1);
    expect(garage.element.querySelector('app-assignee-picker')).not.toBeNull();
    TestBed.resetTestingModule();
    const client = await render(`/app/messages?user=${PEER}`, [conversation(PEER)]);
    expect(client.quickRepliesApi.list).not.toHaveBeenCalled();
    expect(client.element.querySelector('app-assignee-picker')).toBeNull();
  });
});
