import {
  DestroyRef,
  EnvironmentInjector,
  Injectable,
  computed,
  createEnvironmentInjector,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { Drafts } from '../chat/drafts';
import { Outbox } from '../chat/outbox';
import { Session } from '../core/auth/session';
import type { SignedInUser } from '../core/auth/signed-in-user';
import { SIGNED_IN_PROVIDERS } from './provide-signed-in';

interface SignedInSession {
  /** The account and server-side session it was created for: a new login or another account is another session. */
  key: string;
  injector: EnvironmentInjector;
}

/**
 * The environment injector of the signed-in session: created when someone logs in (or a stored
 * session is restored), destroyed when they log out or another account takes this tab. The
 * chat's stores, the socket's subscriptions and the tab's notifier live in it, so each session
 * starts empty and nothing of one reaches the next. A refreshed user or tokens (the same
 * server-side session) keep it. An admin gets none: it has no conversations, and its socket is refused.
 */
@Injectable({ providedIn: 'root' })
export class SignedInScope {
  private readonly session = inject(Session);
  private readonly parent = inject(EnvironmentInjector);
  private readonly providers = inject(SIGNED_IN_PROVIDERS);
  private readonly current = signal<SignedInSession | null>(null);

  /** The session's injector; null while nobody is signed in. */
  readonly injector = computed(() => this.current()?.injector ?? null);

  constructor() {
    effect(() => {
      const user = this.session.user();
      const sessionId = this.session.sessionId();
      // An admin has no messaging: its pages (/admin) need none of the session's services.
      untracked(() =>
        this.follow(
          user && sessionId && user.role !== 'admin'
            ? { userId: user.id, sessionId, ...(user.garageId ? { garageId: user.garageId } : {}) }
            : null,
        ),
      );
    });
    inject(DestroyRef).onDestroy(() => this.current()?.injector.destroy());
  }

  private follow(user: SignedInUser | null): void {
    // A garage joined or left is another session too: the garage's conversations are the member's.
    const key = user ? `${user.userId} ${user.sessionId} ${user.garageId ?? ''}` : null;
    const current = this.current();
    if ((current?.key ?? null) === key) return;
    if (current) {
      // Logout: no draft nor unsent message stays behind on a shared computer. A new login keeps them (per account).
      if (!user) {
        current.injector.get(Drafts).clearAll();
        void current.injector.get(Outbox).clearAll();
      }
      current.injector.destroy();
    }
    this.current.set(
      user && key
        ? { key, injector: createEnvironmentInjector(this.providers(user), this.parent, 'Signed-in session') }
        : null,
    );
  }
}
