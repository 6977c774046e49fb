import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { formatSize } from '../chat/attachment-files';
import { ConversationsStore } from '../chat/conversations.store';
import { ShareHandOff } from '../chat/share-hand-off';
import { Session, homeFor } from '../core/auth/session';
import { fr } from '../i18n/fr';
import { SharedInbox } from './shared-inbox';

/**
 * « Envoyer à… »: what the phone shared to the installed app (`?id=` of the service worker's
 * share), and my conversations to send it to. The chosen thread opens with the files staged in
 * its composer and the shared text as its draft, sent as any message once I tap « Envoyer ».
 */
@Component({
  selector: 'app-share-page',
  imports: [RouterLink],
  templateUrl: './share-page.html',
  styleUrl: './share-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SharePage {
  private readonly inbox = inject(SharedInbox);
  private readonly handOff = inject(ShareHandOff);
  private readonly router = inject(Router);
  private readonly user = inject(Session).user;
  protected readonly conversations = inject(ConversationsStore);
  protected readonly fr = fr;

  /** The share's id in the Cache Storage, from `?id=`. */
  readonly id = input<string>();

  protected readonly shared = resource({
    params: () => this.id() || undefined,
    loader: ({ params }) => this.inbox.read(params),
  });
  protected readonly files = computed(() =>
    (this.shared.value()?.files ?? []).map((file) => ({
      name: file.name,
      icon: file.type.startsWith('image/') ? '📷' : '📄',
      size: formatSize(file.size),
    })),
  );
  protected readonly home = computed(() => homeFor(this.user()?.role ?? 'client'));
  private readonly messages = computed(() =>
    this.user()?.role === 'garagiste' ? '/garage/messages' : '/app/messages',
  );

  protected async sendTo(peerId: string): Promise<void> {
    const id = this.id();
    const shared = this.shared.value();
    if (!id || !shared) return;
    this.handOff.hold(peerId, shared);
    await this.inbox.discard(id);
    await this.router.navigate([this.messages()], { queryParams: { user: peerId } });
  }

  protected async cancel(): Promise<void> {
    const id = this.id();
    if (id) await this.inbox.discard(id);
    await this.router.navigateByUrl(this.home());
  }
}
