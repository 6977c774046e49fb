import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { MessagePreview } from '@promoto/shared-dto';
import { RouterLink } from '@angular/router';
import { Clock } from '../../core/clock';
import { formatRelative } from '../../core/format';
import { fr } from '../../i18n/fr';
import { ChatSession } from '../chat-session';
import { ConversationsStore } from '../conversations.store';
import { UnreadBadge } from '../../shared/unread-badge/unread-badge';

/** The conversations of the logged-in user, newest first, each a link to its thread. */
@Component({
  selector: 'app-chat-list',
  imports: [RouterLink, UnreadBadge],
  templateUrl: './chat-list.html',
  styleUrl: './chat-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatList {
  protected readonly store = inject(ConversationsStore);
  protected readonly session = inject(ChatSession);
  private readonly clock = inject(Clock);
  protected readonly fr = fr;

  /** The messages page that opens a thread (`?user=<id>`). */
  readonly link = input.required<string>();
  readonly selectedPeerId = input<string | null>(null);
  /** Shows only the first conversations, without "more" (the dashboard's summary). */
  readonly limit = input<number | null>(null);

  protected readonly items = computed(() => {
    const me = this.session.currentUserId();
    const now = this.clock.now();
    const limit = this.limit();
    const conversations = this.store.conversations();
    return (limit === null ? conversations : conversations.slice(0, limit)).map((conversation) => {
      const { otherUser, lastMessage, unreadCount } = conversation;
      const at = lastMessage?.createdAt ?? conversation.updatedAt;
      return {
        id: conversation.id,
        peerId: otherUser.id,
        title: otherUser.garageName ?? otherUser.name,
        // A garage's own name is its title: no person to name under it.
        subtitle: otherUser.garageName && otherUser.garageName !== otherUser.name ? otherUser.name : null,
        initial: (otherUser.garageName ?? otherUser.name).charAt(0).toUpperCase(),
        preview: lastMessage
          ? `${lastMessage.note ? fr.chat.notePrefix : ''}${previewAuthor(lastMessage, me)}${lastMessage.content}`
          : '',
        at,
        when: formatRelative(at, now),
        unreadCount,
      };
    });
  });

  protected readonly showMore = computed(() => this.limit() === null && this.store.hasMore());
}

/** « Vous : » before my own message, « Marc : » before a garage member's (a colleague's, or the garage's to its client). */
function previewAuthor(message: MessagePreview, me: string | null): string {
  if (message.senderId === me) return fr.chat.you;
  return message.senderName ? fr.chat.authorPrefix(message.senderName) : '';
}
