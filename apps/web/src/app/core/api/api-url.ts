/** The API is served from the page's own origin (the dev server and ops proxy /api to it). */
export const API_URL = '/api';

/** Requests that authenticate the user themselves: no bearer token, and a 401 means bad credentials. */
export const PUBLIC_API_PATHS = [
  `${API_URL}/auth/login`,
  `${API_URL}/auth/register`,
  `${API_URL}/auth/refresh`,
  `${API_URL}/auth/suspended-access`,
];
