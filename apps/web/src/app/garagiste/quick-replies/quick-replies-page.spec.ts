import { TestBed } from '@angular/core/testing';
import type { QuickRepliesView, QuickReplyView } from '@promoto/shared-dto';
import { of } from 'rxjs';
import { QuickRepliesApi } from '../../core/api/quick-replies-api';
import { QuickRepliesPage } from './quick-replies-page';

const reply = (id: string, title: string): QuickReplyView => ({ id, title, content: `Texte de ${title}` });

async function render() {
  const list: QuickRepliesView = {
    garageName: 'Garage Dupont',
    items: [reply('a', 'Devis prêt'), reply('b', 'Pièce commandée')],
  };
  const api = {
    list: jest.fn(() => of(list)),
    create: jest.fn((request: { title: string; content: string }) => of({ id: 'c', ...request })),
    update: jest.fn((id: string, request: { title: string; content: string }) => of({ id, ...request })),
    remove: jest.fn(() => of(undefined)),
    reorder: jest.fn((ids: string[]) =>
      of(ids.map((id) => list.items.find((item) => item.id === id) as QuickReplyView)),
    ),
  };
  TestBed.configureTestingModule({ providers: [{ provide: QuickRepliesApi, useValue: api }] });
  const fixture = TestBed.createComponent(QuickRepliesPage);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const titles = () => Array.from(element.querySelectorAll('.reply h3')).map((title) => title.textContent?.trim());
  const button = (label: string) => element.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
  const fill = async (title: string, content: string) => {
    const titleInput = element.querySelector<HTMLInputElement>('#quick-reply-title');
    const contentInput = element.querySelector<HTMLTextAreaElement>('#quick-reply-content');
    if (!titleInput || !contentInput) throw new Error('no form');
    titleInput.value = title;
    titleInput.dispatchEvent(new Event('input'));
    contentInput.value = content;
    contentInput.dispatchEvent(new Event('input'));
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  return { api, fixture, element, titles, button, fill };
}

describe('QuickRepliesPage', () => {
  it('lists the replies in order, moves one down, edits and deletes one', async () => {
    const { api, fixture, element, titles, button, fill } = await render();
    const buttonNamed = (text: string) =>
      [...element.querySelectorAll<HTMLButtonElement>('button')].find((item) => item.textContent?.trim() === text);
    expect(titles()).toEqual(['Devis prêt', 'Pièce commandée']);
    expect(button('Monter « Devis prêt »')?.disabled).toBe(true);

    button('Descendre « Devis prêt »')?.click();
    await fixture.whenStable();
    expect(api.reorder).toHaveBeenCalledWith(['b', 'a']);
    expect(titles()).toEqual(['Pièce commandée', 'Devis prêt']);

    button('Modifier « Devis prêt »')?.click();
    await fixture.whenStable();
    await fill('Devis disponible', 'Le devis est prêt, {client}.');
    expect(api.update).toHaveBeenCalledWith('a', {
      title: 'Devis disponible',
      content: 'Le devis est prêt, {client}.',
    });
    expect(titles()).toEqual(['Pièce commandée', 'Devis disponible']);

    button('Supprimer « Pièce commandée »')?.click();
    await fixture.whenStable();
    expect(api.remove).not.toHaveBeenCalled();
    buttonNamed('Oui, supprimer')?.click();
    await fixture.whenStable();
    expect(api.remove).toHaveBeenCalledWith('b');
    expect(titles()).toEqual(['Devis disponible']);
  });

  it('adds a reply last, and asks for a title and a text first', async () => {
    const { api, element, titles, fill } = await render();
    await fill('', '');
    expect(api.create).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Ce champ est obligatoire.');

    await fill('Horaires', 'Ouvert de 8 h à 18 h.');
    expect(api.create).toHaveBeenCalledWith({ title: 'Horaires', content: 'Ouvert de 8 h à 18 h.' });
    expect(titles()).toEqual(['Devis prêt', 'Pièce commandée', 'Horaires']);
  });
});
