import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { QUICK_REPLY_LIMITS, type QuickRepliesView, type QuickReplyView } from '@promoto/shared-dto';
import { QuickRepliesApi } from '../../core/api/quick-replies-api';
import { loadable } from '../../core/loadable';
import { fr } from '../../i18n/fr';
import { ConfirmedRemoval } from '../../shared/confirmed-removal/confirmed-removal';
import { PageAction } from '../../shared/page-action';
import { FieldControl, FormField } from '../../shared/form-field/form-field';

/** The garage's saved replies: add, edit, delete and order the ones the composer offers. */
@Component({
  selector: 'app-quick-replies-page',
  imports: [FieldControl, FormField, ReactiveFormsModule],
  templateUrl: './quick-replies-page.html',
  styleUrl: './quick-replies-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuickRepliesPage {
  private readonly api = inject(QuickRepliesApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  protected readonly fr = fr;
  protected readonly limits = QUICK_REPLY_LIMITS;
  protected readonly replies = loadable(() => this.api.list(), null as QuickRepliesView | null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: ['', [Validators.required, Validators.maxLength(QUICK_REPLY_LIMITS.titleMaxLength)]],
    content: ['', [Validators.required, Validators.maxLength(QUICK_REPLY_LIMITS.contentMaxLength)]],
  });
  /** The reply the form edits; null when it adds one. */
  protected readonly editingId = signal<string | null>(null);
  /** « Supprimer » asks first; « Oui, supprimer » deletes. */
  protected readonly removal = new ConfirmedRemoval('data-reply');
  protected readonly action = new PageAction();

  protected fieldError(control: AbstractControl, max: number): string | null {
    if (!control.touched || !control.errors) return null;
    return control.errors['required'] ? fr.common.required : fr.common.tooLong(max);
  }

  /** Fills the form with the reply, and brings the form to the eye and the keyboard (it is below the list). */
  protected edit(reply: QuickReplyView): void {
    this.editingId.set(reply.id);
    this.form.setValue({ title: reply.title, content: reply.content });
    // Focusing the title brings the form to the screen; its scroll margin keeps the form's heading in view.
    afterNextRender(() => this.host.querySelector<HTMLElement>('#quick-reply-title')?.focus(), {
      injector: this.injector,
    });
  }

  protected cancelEdit(): void {
    this.editingId.set(null);
    this.form.reset();
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const request = this.form.getRawValue();
    const id = this.editingId();
    this.action.run(id ? this.api.update(id, request) : this.api.create(request), (saved) => {
      const items = this.items();
      this.setItems(id ? items.map((reply) => (reply.id === id ? saved : reply)) : [...items, saved]);
      this.cancelEdit();
    });
  }

  protected remove(reply: QuickReplyView): void {
    this.action.run(this.api.remove(reply.id), () => {
      this.removal.done();
      this.setItems(this.items().filter((item) => item.id !== reply.id));
      if (this.editingId() === reply.id) this.cancelEdit();
    });
  }

  /** Swaps the reply with its neighbour above (-1) or below (+1). */
  protected move(index: number, step: -1 | 1): void {
    const ids = this.items().map((reply) => reply.id);
    [ids[index], ids[index + step]] = [ids[index + step], ids[index]];
    this.action.run(this.api.reorder(ids), (ordered) => this.setItems(ordered));
  }

  private items(): QuickReplyView[] {
    return this.replies.value()?.items ?? [];
  }

  private setItems(items: QuickReplyView[]): void {
    const current = this.replies.value();
    if (current) this.replies.set({ ...current, items });
  }
}

