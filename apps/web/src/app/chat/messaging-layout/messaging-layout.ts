import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import {
  CONVERSATION_FOLDERS,
  type AppointmentView,
  type ConversationFolder,
  type GarageMemberView,
  type QuickRepliesView,
} from '@promoto/shared-dto';
import { catchError, map, of } from 'rxjs';
import { AppointmentsApi } from '../../core/api/appointments-api';
import { QuickRepliesApi } from '../../core/api/quick-replies-api';
import { TeamApi } from '../../core/api/team-api';
import { fr } from '../../i18n/fr';
import { ArchiveToggle } from '../archive-toggle/archive-toggle';
import { AssigneePicker } from '../assignee-picker/assignee-picker';
import { ChatList } from '../chat-list/chat-list';
import { ConversationsStore } from '../conversations.store';
import { ThreadStore } from '../thread.store';
import { ChatWindow } from '../chat-window/chat-window';

/**
 * The messages page of each role, its inputs given by its route (clientMessagesInputs,
 * garageMessagesInputs): the conversation list beside the thread named
 * by the page's `?user=` (and `&appointment=` when opened from a booking). It opens that thread
 * in the thread store, closes it when the page goes (so that new messages stop counting as read),
 * and gives the thread my bookings with that person for its markers. A garagiste also files
 * conversations: the list switches between the inbox and « Archivées », and archiving the open
 * thread goes back to the inbox, with nothing open.
 */
@Component({
  selector: 'app-messaging-layout',
  imports: [ArchiveToggle, AssigneePicker, ChatList, ChatWindow],
  templateUrl: './messaging-layout.html',
  styleUrl: './messaging-layout.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessagingLayout {
  protected readonly fr = fr;
  protected readonly folders = CONVERSATION_FOLDERS;
  /** A garage's member's inbox filters, « Toutes » being no filter. */
  protected readonly assignedFilters = ['me', 'none', 'all'] as const;
  protected readonly thread = inject(ThreadStore);
  protected readonly conversations = inject(ConversationsStore);
  private readonly router = inject(Router);

  readonly heading = input.required<string>();
  /** The page's own route: list entries link to it with `?user=`. */
  readonly link = input.required<string>();
  /** Which side of a booking the other person is on. */
  readonly peerField = input.required<'garageId' | 'clientId'>();
  /**
   * The garage side's tools, which clients never see: the folders and « Marquer comme traité »,
   * « Assigner à… » (the page loads the team), the saved replies (which it loads too), and the
   * quotes and reminders written about the client's bookings (clients answer quotes).
   */
  readonly garageTools = input(false);

  /** What the last archive or unarchive did, said once it is done. */
  protected readonly archiveNotice = signal('');
  /** Whose thread the last « Marquer comme traité » archived: its notice goes once the thread is back in the inbox. */
  private readonly archivedPeer = signal<string | null>(null);

  private readonly query = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });
  protected readonly peerId = computed(() => this.query().get('user') ?? undefined);
  protected readonly appointmentId = computed(() => this.query().get('appointment') ?? undefined);

  // Bookings only name and link messages; the chat works without them, so a failure stays silent.
  private readonly bookings = toSignal(
    inject(AppointmentsApi)
      .list()
      .pipe(catchError(() => of([] as AppointmentView[]))),
    { initialValue: [] as AppointmentView[] },
  );
  // « Assigner à… » offers the garage's members: asked once for the page, not again at each thread
  // opened; without them the picker offers nobody but « Personne » and the thread works on.
  private readonly teamApi = inject(TeamApi);
  protected readonly teamMembers = rxResource({
    params: () => (this.garageTools() ? true : undefined),
    stream: () =>
      this.teamApi.team().pipe(
        map((team) => team.members),
        catchError(() => of([] as GarageMemberView[])),
      ),
  });
  // Quick replies only help with writing; without them the composer works as usual.
  private readonly quickRepliesApi = inject(QuickRepliesApi);
  protected readonly quickReplies = rxResource({
    params: () => (this.garageTools() ? true : undefined),
    stream: () => this.quickRepliesApi.list().pipe(catchError(() => of(null as QuickRepliesView | null))),
  });
  protected readonly appointments = computed(() =>
    this.bookings().filter((booking) => booking[this.peerField()] === this.peerId()),
  );

  constructor() {
    effect(() => {
      const peer = this.peerId();
      untracked(() => (peer ? this.thread.open(peer) : this.thread.close()));
    });
    effect(() => {
      // A client's thread with a garage is the garage's, whichever member's id opened it.
      const garageId = this.peerField() === 'garageId' ? this.thread.peer()?.garageId : undefined;
      if (garageId && garageId !== this.peerId()) {
        untracked(
          () =>
            void this.router.navigate([], {
              queryParams: { user: garageId },
              queryParamsHandling: 'merge',
              replaceUrl: true,
            }),
        );
      }
    });
    effect(() => {
      const archived = this.archivedPeer();
      if (archived && !this.conversations.archivedWith(archived)) untracked(() => this.clearArchiveNotice());
    });
    inject(DestroyRef).onDestroy(() => {
      this.thread.close();
      // The dashboard's summary shares the list: it shows the whole inbox.
      void this.conversations.showInbox();
    });
  }

  protected showFolder(folder: ConversationFolder): void {
    this.clearArchiveNotice();
    void this.conversations.showFolder(folder);
  }

  protected showAssigned(filter: 'me' | 'none' | 'all'): void {
    void this.conversations.showAssigned(filter === 'all' ? null : filter);
  }

  /** After archiving, the inbox with nothing open; after putting back, the inbox with the thread still open. */
  protected onArchived(archived: boolean): void {
    this.archiveNotice.set(archived ? fr.chat.archivedDone : fr.chat.unarchivedDone);
    this.archivedPeer.set(archived ? (this.peerId() ?? null) : null);
    void this.conversations.showFolder('inbox');
    if (archived) void this.router.navigate([this.link()]);
  }

  private clearArchiveNotice(): void {
    this.archiveNotice.set('');
    this.archivedPeer.set(null);
  }
}
