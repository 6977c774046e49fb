import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Subject, throwError } from 'rxjs';
import type { ReportView } from '@promoto/shared-dto';
import { ReportsApi } from '../../core/api/reports-api';
import { ReportPanel } from './report-panel';

const PEER = '6b07bd0e44ecb3a1dc995521';
const MESSAGE = '6b07bd0e44ecb3a1dc995550';

async function render(messageId: string | null = null) {
  const answer = new Subject<ReportView>();
  const api = { report: jest.fn(() => answer) };
  TestBed.configureTestingModule({ imports: [ReportPanel], providers: [{ provide: ReportsApi, useValue: api }] });
  const fixture = TestBed.createComponent(ReportPanel);
  fixture.componentRef.setInput('userId', PEER);
  fixture.componentRef.setInput('messageId', messageId);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const choose = (label: string) => {
    const choice = Array.from(element.querySelectorAll('label.choice')).find((item) =>
      item.textContent?.includes(label),
    );
    choice?.querySelector<HTMLInputElement>('input')?.click();
  };
  const type = (text: string) => {
    const field = element.querySelector('textarea') as HTMLTextAreaElement;
    field.value = text;
    field.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  return { fixture, element, api, answer, choose, type, submit };
}

describe('ReportPanel', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('reports one message with its reason and words, then says it was received', async () => {
    const { fixture, element, api, answer, choose, type, submit } = await render(MESSAGE);
    expect(element.querySelector('legend')?.textContent?.trim()).toBe('Signaler ce message');
    choose('Harcèlement ou insultes');
    type('  Insultes après le devis ');
    await submit();
    expect(api.report).toHaveBeenCalledWith({
      messageId: MESSAGE,
      reason: 'harassment',
      details: 'Insultes après le devis',
    });
    answer.next({ id: 'r1', conversationId: 'c1', messageId: MESSAGE, reason: 'harassment', createdAt: '' });
    fixture.detectChanges();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('votre signalement a bien été reçu');
  });

  it('asks for a reason, and for words with « Autre raison », before sending the conversation’s report', async () => {
    const { element, api, choose, type, submit } = await render();
    await submit();
    expect(element.querySelector('[role="alert"]')?.textContent?.trim()).toBe('Choisissez un motif.');
    choose('Autre raison');
    await submit();
    expect(element.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Dites en quelques mots ce qui ne va pas.',
    );
    expect(api.report).not.toHaveBeenCalled();
    type('Démarchage');
    await submit();
    expect(api.report).toHaveBeenCalledWith({ userId: PEER, reason: 'other', details: 'Démarchage' });
  });

  it('says why it failed and keeps the form', async () => {
    const { element, api, choose, submit } = await render();
    api.report.mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 0 })) as never);
    choose('Arnaque ou fraude');
    await submit();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('serveur');
    expect(element.querySelector('form')).not.toBeNull();
  });
});
