import { Injectable, signal } from '@angular/core';

/**
 * A suspended account's token for its data export and its deletion (POST /api/auth/suspended-access),
 * held in memory by the page that asked for it and provided there only: PrivacyApi sends it in place
 * of the browser's session, which a suspended account no longer has.
 */
@Injectable()
export class SuspendedAccess {
  readonly token = signal<string | null>(null);
}
