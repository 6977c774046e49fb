// @promoto/client: a typed client of the Promoto Messages API, for Node.js and browsers.
export { PromotoClient, type PromotoClientEvents, type PromotoClientOptions } from './lib/client';
export type { ChatSocket, SocketSettings } from './lib/connection';
export { PromotoError, RETRYABLE_CODES, type ClientErrorCode } from './lib/errors';
export type { components, paths } from './lib/openapi';
export { unwrap, type RestClient } from './lib/rest';
export { newClientMessageId, sendUntilAcknowledged, type SendOptions, type SendSettings } from './lib/sender';
export type { RenewSession, Session } from './lib/session';
