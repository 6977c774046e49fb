import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuthResponse, LoginRequest, RegisterRequest, SuspendedAccessView, UserView } from '@promoto/shared-dto';
import { API_URL } from './api-url';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  register(request: RegisterRequest) {
    return this.http.post<AuthResponse>(`${API_URL}/auth/register`, request);
  }

  login(request: LoginRequest) {
    return this.http.post<AuthResponse>(`${API_URL}/auth/login`, request);
  }

  /** A suspended account's token for its data export and its deletion, for its e-mail and password. */
  suspendedAccess(request: LoginRequest) {
    return this.http.post<SuspendedAccessView>(`${API_URL}/auth/suspended-access`, request);
  }

  /**
   * Ends this session on the server: its tokens stop working, its sockets close. With
   * `accessToken`, the session it names (one just logged in to), not the browser's.
   */
  logout(accessToken?: string) {
    return this.http.post<void>(`${API_URL}/auth/logout`, null, {
      ...(accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : {}),
    });
  }

  /** Ends every session of the account (« Se déconnecter partout »), this one included. */
  logoutEverywhere() {
    return this.http.post<void>(`${API_URL}/auth/logout-all`, null);
  }

  me() {
    return this.http.get<UserView>(`${API_URL}/auth/me`);
  }
}
