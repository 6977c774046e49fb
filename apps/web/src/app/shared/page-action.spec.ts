import { HttpErrorResponse } from '@angular/common/http';
import { Subject } from 'rxjs';
import { fr } from '../i18n/fr';
import { PageAction } from './page-action';

describe('PageAction', () => {
  it('says what is under way until the answer, then hands it over', () => {
    const action = new PageAction();
    const answer = new Subject<string>();
    const done: string[] = [];
    action.run(answer, (result) => done.push(result), 'r1');
    expect([action.pending(), action.busy()]).toEqual(['r1', true]);

    answer.next('ok');
    expect([action.pending(), action.busy(), action.error()]).toEqual([null, false, null]);
    expect(done).toEqual(['ok']);
  });

  it('keeps a refusal in French, and clears it when the next action starts', () => {
    const action = new PageAction();
    const refused = new Subject<void>();
    action.run(refused, () => undefined);
    expect(action.pending()).toBe('');
    refused.error(new HttpErrorResponse({ status: 0 }));
    expect(action.busy()).toBe(false);
    expect(action.error()).toBe(fr.errors.unreachable);

    action.run(new Subject<void>(), () => undefined);
    expect(action.error()).toBeNull();
  });
});
