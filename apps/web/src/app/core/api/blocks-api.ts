import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BlockList, BlockView } from '@promoto/shared-dto';
import { API_URL } from './api-url';

/** The parties my side blocked (`/api/blocks`): to a client, garages; to a garage's member, clients. */
@Injectable({ providedIn: 'root' })
export class BlocksApi {
  private readonly http = inject(HttpClient);
  private readonly url = `${API_URL}/blocks`;

  list() {
    return this.http.get<BlockList>(this.url);
  }

  /** Blocks the other side, named by its id (a garage's, any of its members', or a client's). */
  block(userId: string) {
    return this.http.put<BlockView>(`${this.url}/${encodeURIComponent(userId)}`, null);
  }

  unblock(userId: string) {
    return this.http.delete<void>(`${this.url}/${encodeURIComponent(userId)}`);
  }
}
