import { Injectable, computed, inject, signal } from '@angular/core';
import type { BlockView, ConversationParticipant } from '@promoto/shared-dto';
import { describeError } from '../core/api/api-error';
import { BlocksApi } from '../core/api/blocks-api';
import type { LoadStatus } from '../core/loadable';
import { SessionScope } from './session-scope';

/**
 * The parties my side blocked, for the thread (« Bloquer » / « Débloquer ») and the settings' list
 * alike: loaded on first use, then kept in step with what this tab blocks and unblocks.
 */
@Injectable()
export class BlocksStore {
  private readonly api = inject(BlocksApi);
  private readonly scope = inject(SessionScope);
  private readonly state = signal<{ status: LoadStatus; items: BlockView[]; error: string | null } | null>(null);

  readonly items = computed(() => this.state()?.items ?? []);
  readonly status = computed<LoadStatus>(() => this.state()?.status ?? 'loading');
  readonly error = computed(() => this.state()?.error ?? null);

  /** Loads the list once per session (again after a failure). */
  ensureLoaded(): void {
    const state = this.state();
    if (state && state.status !== 'error') return;
    this.load();
  }

  reload(): void {
    this.load();
  }

  /** My side's block on this person (a garage by its id, or by one of its members'), if any. */
  blockOf(peer: ConversationParticipant | null): BlockView | undefined {
    if (!peer) return undefined;
    return this.items().find(({ party }) => party.id === peer.id || party.id === peer.garageId);
  }

  /** Blocks the other side; a French sentence when it failed. */
  async block(userId: string): Promise<string | null> {
    let failure: string | null = null;
    await this.scope.settle(
      this.api.block(userId),
      (block) =>
        this.state.update((state) => ({
          status: 'ready',
          error: null,
          items: [block, ...(state?.items ?? []).filter(({ party }) => party.id !== block.party.id)],
        })),
      (error) => (failure = describeError(error)),
    );
    return failure;
  }

  /** Lifts my side's block on that party (its id as listed); a French sentence when it failed. */
  async unblock(partyId: string): Promise<string | null> {
    let failure: string | null = null;
    await this.scope.settle(
      this.api.unblock(partyId),
      () =>
        this.state.update((state) => ({
          status: 'ready',
          error: null,
          items: (state?.items ?? []).filter(({ party }) => party.id !== partyId),
        })),
      (error) => (failure = describeError(error)),
    );
    return failure;
  }

  private load(): void {
    this.state.update((state) => ({ status: 'loading', items: state?.items ?? [], error: null }));
    void this.scope.settle(
      this.api.list(),
      ({ items }) => this.state.set({ status: 'ready', items, error: null }),
      (error) =>
        this.state.update((state) => ({ status: 'error', items: state?.items ?? [], error: describeError(error) })),
    );
  }
}
