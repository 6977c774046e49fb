import type { ApiError } from '@promoto/shared-dto';
import createClient, { type Client } from 'openapi-fetch';
import { PromotoError } from './errors';
import type { paths } from './openapi';
import type { SessionKeeper } from './session';

/** The REST API, typed from its OpenAPI document: `api.GET('/api/messages/conversations')`, … */
export type RestClient = Client<paths>;

const authorized = (request: Request, token: string | undefined) => {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
};

async function isExpired(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as Partial<ApiError> | null;
  return body?.code === 'TOKEN_EXPIRED';
}

/**
 * openapi-fetch over `fetch`, with the session's token on every request; a request answered
 * TOKEN_EXPIRED is made once more with a renewed session. A server that cannot be reached is a
 * PromotoError NETWORK_ERROR.
 */
export function createRestClient(baseUrl: string, sessions: SessionKeeper, baseFetch: typeof fetch): RestClient {
  const send = (request: Request) =>
    baseFetch(request).catch((error: Error) => {
      throw new PromotoError('NETWORK_ERROR', `${request.method} ${request.url}: ${error.message}`);
    });
  return createClient<paths>({
    baseUrl,
    fetch: async (request: Request) => {
      const token = sessions.session?.accessToken;
      const again = request.clone();
      const response = await send(authorized(request, token));
      if (token === undefined || !(await isExpired(response))) return response;
      const renewed = await sessions.renew(token).catch((error: unknown) => {
        // With nothing to renew the session with, the call fails as the API answered it.
        if (error instanceof PromotoError && error.code === 'TOKEN_EXPIRED') return null;
        throw error;
      });
      return renewed ? send(authorized(again, renewed.accessToken)) : response;
    },
  });
}

/**
 * The body of a successful answer, or the PromotoError the API answered with:
 * `const page = await unwrap(client.api.GET('/api/messages/conversations'))`.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = error as Partial<ApiError> | undefined;
  if (typeof body?.code === 'string' && typeof body.message === 'string') {
    throw new PromotoError(body.code, body.message, response.status, body.details);
  }
  throw new PromotoError('INTERNAL_ERROR', `${response.status} ${response.statusText}`, response.status);
}
