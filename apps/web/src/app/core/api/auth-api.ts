import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuthResponse, LoginRequest, RegisterRequest, UserView } from '@promoto/shared-dto';
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

  me() {
    return this.http.get<UserView>(`${API_URL}/auth/me`);
  }
}
