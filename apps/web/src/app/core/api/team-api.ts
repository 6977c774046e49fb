import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuthResponse,
  ChangeMemberRoleRequest,
  GarageInvitationView,
  GarageMemberView,
  GarageTeamView,
  InvitationPreviewView,
  InvitationRegisterRequest,
  InvitationTokenRequest,
  InviteMemberRequest,
} from '@promoto/shared-dto';
import { API_URL } from './api-url';

/** A garage's team (`/api/team`) and the invitations' links (`/api/invitations`). */
@Injectable({ providedIn: 'root' })
export class TeamApi {
  private readonly http = inject(HttpClient);

  team() {
    return this.http.get<GarageTeamView>(`${API_URL}/team`);
  }

  invite(request: InviteMemberRequest) {
    return this.http.post<GarageInvitationView>(`${API_URL}/team/invitations`, request);
  }

  revoke(invitationId: string) {
    return this.http.delete<void>(`${API_URL}/team/invitations/${encodeURIComponent(invitationId)}`);
  }

  changeRole(userId: string, request: ChangeMemberRoleRequest) {
    return this.http.patch<GarageMemberView>(`${API_URL}/team/members/${encodeURIComponent(userId)}`, request);
  }

  /** An owner removes a member, or a member leaves (their own id). */
  remove(userId: string) {
    return this.http.delete<void>(`${API_URL}/team/members/${encodeURIComponent(userId)}`);
  }

  preview(token: string) {
    const body: InvitationTokenRequest = { token };
    return this.http.post<InvitationPreviewView>(`${API_URL}/invitations/preview`, body);
  }

  register(request: InvitationRegisterRequest) {
    return this.http.post<AuthResponse>(`${API_URL}/invitations/register`, request);
  }

  /** With `accessToken`, as the session it names (one just logged in to), not as the browser's. */
  accept(token: string, accessToken?: string) {
    const body: InvitationTokenRequest = { token };
    return this.http.post<AuthResponse>(`${API_URL}/invitations/accept`, body, {
      ...(accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : {}),
    });
  }
}
