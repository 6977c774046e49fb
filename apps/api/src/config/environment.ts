import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { KEY_SET_MESSAGE, KEY_SET_PATTERN, keySetProblem } from './key-set';
import { readSecretFiles, refuseUnsafeSecrets } from './secrets';

/** An empty key setting is an unset one (a compose file or chart may pass one empty). */
const unsetWhenEmpty = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The API's settings, read from the environment and checked once at start. */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, {
    message: 'must be a mongodb:// or mongodb+srv:// connection string',
  })
  MONGODB_URI!: string;

  /** Overrides the database named in MONGODB_URI (tests give each file its own). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,63}$/, {
    message: 'must be 1 to 63 letters, digits, "_" or "-"',
  })
  MONGODB_DB?: string;

  /**
   * The secret every purpose derives its key from when it has no key set of its own (below); with
   * key sets, it only verifies what it signed before, during the move to them.
   */
  @Transform(unsetWhenEmpty)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters long' })
  JWT_SECRET?: string;

  /** The keys of access tokens: `kid:secret` pairs, the first signs, every one verifies (see key-set.ts). */
  @Transform(unsetWhenEmpty)
  @IsOptional()
  @Matches(KEY_SET_PATTERN, { message: KEY_SET_MESSAGE })
  SESSION_KEYS?: string;

  /** The keys of the signed links to attachment files, as SESSION_KEYS. */
  @Transform(unsetWhenEmpty)
  @IsOptional()
  @Matches(KEY_SET_PATTERN, { message: KEY_SET_MESSAGE })
  ATTACHMENT_LINK_KEYS?: string;

  /** The keys of the e-mails' unsubscribe links, as SESSION_KEYS. */
  @Transform(unsetWhenEmpty)
  @IsOptional()
  @Matches(KEY_SET_PATTERN, { message: KEY_SET_MESSAGE })
  UNSUBSCRIBE_LINK_KEYS?: string;

  /** Access token lifetime in seconds or as a duration such as "15m", "12h", "7d". */
  @Matches(/^\d+[smhd]?$/, {
    message: 'must be a number of seconds or a duration such as 15m, 12h or 7d',
  })
  JWT_EXPIRES_IN = '15m';

  /** How long a session lasts without being used: each refresh starts this delay again. */
  @Min(60)
  @Max(31_536_000)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Type(() => Number)
  REFRESH_TOKEN_TTL_S = 2_592_000;

  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'must be an http(s) origin such as http://localhost:4200' },
  )
  FRONTEND_URL = 'http://localhost:4200';

  /** Set when several replicas run: Socket.IO rooms and rate limits are shared through Redis. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** GET /api/metrics answers only with `Authorization: Bearer <METRICS_TOKEN>`; unset, it answers 404. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters long' })
  METRICS_TOKEN?: string;

  /** How many proxies stand in front of the API (1 behind a load balancer), so client IPs are right. */
  @Min(0)
  @Max(10)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  TRUST_PROXY = 0;

  /** Register and login attempts allowed per client IP and minute. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  THROTTLE_AUTH_PER_MINUTE = 20;

  /** Token refreshes allowed per client IP and minute. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  THROTTLE_REFRESH_PER_MINUTE = 120;

  /** Messages a user may send per 10 seconds, over REST and Socket.IO together. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  THROTTLE_SEND_PER_10S = 50;

  /** Login attempts per client address and account (email) and 15 minutes: what a person mistyping meets. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  THROTTLE_LOGIN_PER_ADDRESS_AND_ACCOUNT_PER_15MIN = 10;

  /** Login attempts per account (email) and 15 minutes from all addresses together: the ceiling on distributed guessing. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  THROTTLE_LOGIN_PER_ACCOUNT_PER_15MIN = 100;

  /** Bookings a client may make per hour. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  THROTTLE_BOOKINGS_PER_HOUR = 20;

  /** Changes (status, time) to one booking per hour, each writing a notice into the thread. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  THROTTLE_BOOKING_CHANGES_PER_BOOKING_PER_HOUR = 10;

  /** Changes to the bookings of one garage per hour, all its bookings together. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  THROTTLE_BOOKING_CHANGES_PER_GARAGE_PER_HOUR = 120;

  /** Copies of their data (« Mes données ») one account may ask for per day. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  THROTTLE_DATA_EXPORTS_PER_DAY = 5;

  /** Files one account may upload per hour. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  THROTTLE_UPLOADS_PER_HOUR = 100;

  /** The most one account's files (photos re-encoded, PDFs) may weigh together, in megabytes. */
  @Min(1)
  @IsInt({ message: 'must be a whole number of megabytes' })
  @Type(() => Number)
  ATTACHMENT_QUOTA_MB = 1024;

  /** Images declaring more pixels are refused from their header, before decoding (a 48 MP phone photo passes). */
  @Min(1)
  @Max(268)
  @IsInt({ message: 'must be a whole number of megapixels' })
  @Type(() => Number)
  IMAGE_MAX_MEGAPIXELS = 50;

  /**
   * Images decoded and re-encoded at once by one process. Each takes one of libuv's thread pool
   * threads (UV_THREADPOOL_SIZE, 4 by default), which password hashing needs too: keep it below.
   */
  @Min(1)
  @Max(16)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  IMAGE_PROCESSING_CONCURRENCY = 1;

  /** libuv's thread pool, read by Node itself at start; here only to check IMAGE_PROCESSING_CONCURRENCY against it. */
  @Min(1)
  @Max(1_024)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  UV_THREADPOOL_SIZE = 4;

  /** Uploaded images waiting for their turn in one process; past it an upload is answered 503. */
  @Min(0)
  @Max(1_000)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  IMAGE_QUEUE_MAX_WAITING = 20;

  /** How long the signed links to attachment files stay valid. */
  @Min(60)
  @Max(86_400)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Type(() => Number)
  ATTACHMENT_LINK_TTL_S = 3600;

  /**
   * How long a copy of a person's data (« Mes données ») can be downloaded once ready: its signed
   * link stops working then, and the zip is deleted.
   */
  @Min(10)
  @Max(2_592_000)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Type(() => Number)
  DATA_EXPORT_TTL_S = 604_800;

  /**
   * Conversations with no activity (no message) for this many days are purged, with their messages
   * and files; unset (the default), conversations are kept as long as their accounts.
   */
  @Transform(({ value }: { value: unknown }) => (value === '' || value === undefined ? undefined : Number(value)))
  @IsOptional()
  @Min(1)
  @Max(36_500)
  @IsInt({ message: 'must be a whole number of days (unset: conversations are kept)' })
  CONVERSATION_RETENTION_DAYS?: number;

  /** How many days a quote takes its client's decisions after it is sent; refused after (409 QUOTE_EXPIRED). */
  @Min(1)
  @Max(365)
  @IsInt({ message: 'must be a whole number of days' })
  @Type(() => Number)
  QUOTE_VALIDITY_DAYS = 30;

  /**
   * Reports an admin marked handled are deleted this many days after (a year by default: long
   * enough to see an account reported again, no longer than a moderation record needs); open
   * reports stay until an admin handles them.
   */
  @Min(1)
  @Max(3_650)
  @IsInt({ message: 'must be a whole number of days' })
  @Type(() => Number)
  REPORT_RETENTION_DAYS = 365;

  /** How often each replica purges the conversations past CONVERSATION_RETENTION_DAYS. */
  @Min(1)
  @Max(86_400)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Type(() => Number)
  CONVERSATION_RETENTION_SWEEP_INTERVAL_S = 3600;

  /**
   * How long a replica holds a privacy job (a data export, an account deletion) without renewing
   * its hold: if the replica dies, another one takes the job over after this delay.
   */
  @Min(5)
  @Max(3_600)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Type(() => Number)
  PRIVACY_JOB_LEASE_S = 60;

  /** How often each replica deletes the uploads never sent within 24 hours. */
  @Min(1)
  @Max(86_400)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Type(() => Number)
  ATTACHMENT_SWEEP_INTERVAL_S = 3600;

  /** Typing events relayed per second for one sender and recipient; the rest are refused. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  TYPING_EVENTS_PER_SECOND = 5;

  /** Sockets one account may hold on one API process; a new one past it closes the oldest. */
  @Min(1)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  MAX_SOCKETS_PER_USER = 10;

  /** How long a replica trusts what it read of an account (role, garage, existence) for a token. */
  @Min(0)
  @Max(300_000)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Type(() => Number)
  ACCOUNT_CACHE_TTL_MS = 10_000;

  /**
   * How often a replica writes the responsiveness counts it kept since the last time (one update
   * per garagiste and day): the figures lag by up to this much, and a killed process loses as much.
   */
  @Min(100)
  @Max(600_000)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Type(() => Number)
  RESPONSIVENESS_FLUSH_MS = 30_000;

  /**
   * How long the first message of an idle insert waits for others to share its write (group
   * commit), in milliseconds: a send is acknowledged at least this much later, and batches fill
   * at rates where they would hold one or two messages (measured: see tools/bench/BASELINE.md).
   */
  @Min(0)
  @Max(50)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Type(() => Number)
  SEND_LINGER_MS = 2;

  /**
   * How long recorded messages wait for others before their conversations' summaries, badges
   * and e-mail schedules are written together, in milliseconds (after the acknowledgement).
   */
  @Min(0)
  @Max(60_000)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Type(() => Number)
  RECORDING_LINGER_MS = 10;

  /**
   * How long a recording's unread badges wait for other conversations' before they are written
   * together (UnreadBadges), in milliseconds: `conversation-updated` follows them, `new-message`
   * does not wait.
   */
  @Min(0)
  @Max(60_000)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Type(() => Number)
  BADGE_LINGER_MS = 100;

  /** The longest a SIGTERM may take before the process exits anyway. */
  @Min(1_000)
  @Max(120_000)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Type(() => Number)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** Where unread-message e-mails go out (smtp:// or smtps://, credentials in the URL); unset, none is sent. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The From of those e-mails. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Promoto <notifications@promoto.localhost>';

  /** How long a message stays unread before its recipient gets an e-mail (their preference may differ). */
  @Min(1)
  @Max(86_400)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Type(() => Number)
  NOTIFY_EMAIL_DELAY_S = 300;

  /** Web Push's VAPID key pair (`npx web-push generate-vapid-keys`); unset, no push is sent. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{87}$/, { message: 'must be a VAPID public key (87 base64url characters)' })
  VAPID_PUBLIC_KEY?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'must be a VAPID private key (43 base64url characters)' })
  VAPID_PRIVATE_KEY?: string;

  /** Who push services may contact about our pushes: a mailto: or https: URL. */
  @Matches(/^(mailto:\S+@\S+|https:\/\/\S+)$/, { message: 'must be a mailto: or https: URL' })
  VAPID_SUBJECT = 'mailto:notifications@promoto.localhost';

  /**
   * Where traces go, over OTLP/HTTP (an OpenTelemetry collector, `http://collector:4318`); unset,
   * no tracing at all.
   */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL such as http://otel-collector:4318' },
  )
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The service name the traces carry. */
  @Matches(/^[\w.-]{1,64}$/, { message: 'must be 1 to 64 letters, digits, ".", "_" or "-"' })
  OTEL_SERVICE_NAME = 'promoto-api';

  /** The share of requests traced (a trace started upstream keeps its own decision). */
  @Min(0)
  @Max(1)
  @IsNumber({}, { message: 'must be a number from 0 to 1' })
  @Type(() => Number)
  OTEL_TRACES_SAMPLER_ARG = 1;

  /** Browsers (push subscriptions) one account may have; a new one past it replaces the one subscribed longest ago. */
  @Min(1)
  @Max(100)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  PUSH_SUBSCRIPTIONS_PER_USER = 10;

  /**
   * Tests only: lets push endpoints on loopback through (a stand-in push service on this machine).
   * Refused unless NODE_ENV is test: in production an endpoint inside our network is always refused.
   */
  @IsBoolean({ message: 'must be true or false' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' || value === undefined ? false : value))
  PUSH_ALLOW_LOOPBACK_ENDPOINTS = false;

  /** 0.0.0.0 in a container; development binds to loopback only. */
  @Matches(/^[\w.:-]+$/, {
    message: 'must be an interface address such as 0.0.0.0 or 127.0.0.1',
  })
  HOST = '0.0.0.0';

  /** Fills an empty database with demo accounts, bookings and a conversation (`npm start` sets it). */
  @IsBoolean({ message: 'must be true or false' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' || value === undefined ? false : value))
  SEED_DEMO_DATA = false;

  @Min(1)
  @Max(65535)
  @IsInt({ message: 'must be a whole number' })
  @Type(() => Number)
  PORT = 3000;
}

function firstMessage(errors: ReturnType<typeof validateSync>): string {
  const [error] = errors;
  const detail = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
  const shown = detail.startsWith(error.property) ? detail : `${error.property} ${detail}`;
  return `Invalid configuration: environment variable ${shown}.`;
}

/**
 * ConfigModule's `validate` hook: one sentence naming the variable, or the typed settings. Secrets
 * may come from files (`JWT_SECRET_FILE`, …, see ./secrets).
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const environment = plainToInstance(Environment, readSecretFiles(raw));
  const errors = validateSync(environment);
  if (errors.length > 0) throw new Error(firstMessage(errors));
  const keyProblem = keySetProblem(environment);
  if (keyProblem) throw new Error(`Invalid configuration: ${keyProblem}`);
  if (environment.PUSH_ALLOW_LOOPBACK_ENDPOINTS && environment.NODE_ENV !== 'test') {
    throw new Error(
      'Invalid configuration: environment variable PUSH_ALLOW_LOOPBACK_ENDPOINTS is for tests only (NODE_ENV=test); unset it.',
    );
  }
  if (environment.IMAGE_PROCESSING_CONCURRENCY >= environment.UV_THREADPOOL_SIZE) {
    throw new Error(
      `Invalid configuration: environment variable IMAGE_PROCESSING_CONCURRENCY must be below UV_THREADPOOL_SIZE (${environment.UV_THREADPOOL_SIZE}), so that password hashing always has a thread.`,
    );
  }
  if (environment.NODE_ENV === 'production') refuseUnsafeSecrets(environment);
  return environment;
}
