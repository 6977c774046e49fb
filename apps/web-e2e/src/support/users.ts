import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import type {
  AppointmentView,
  AuthResponse,
  FreeSlotsView,
  MessageView,
  Page as ResultPage,
  RegisterRequest,
  UserView,
  VehicleView,
} from '@promoto/shared-dto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parisDay } from './paris-days';

export const PASSWORD = 'e2e-password-1';
export const SCREENSHOTS_DIR = join(__dirname, '../../../../test-results/screenshots');
const SOCKET_CONNECTED_LOG = '✅ Connecté au serveur Socket.io';

export interface Account {
  email: string;
  password: string;
  user: UserView;
  token: string;
}

let counter = 0;

/** A label no other test (or earlier run on the same database) has used. */
export function unique(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${process.pid}-${counter}`;
}

/** A garage for a garagiste's registration. */
export function garageOf(name: string, city = 'Lyon') {
  return { name, city, address: '12 rue des Essais' };
}

/** Registers a fresh account through the API (unique e-mail; names need not be unique). */
export async function register(
  request: APIRequestContext,
  role: 'client' | 'garagiste',
  name: string,
  garage?: ReturnType<typeof garageOf>,
): Promise<Account> {
  const email = `${unique(role)}@promoto.test`;
  const body: RegisterRequest = {
    email,
    password: PASSWORD,
    name,
    role,
    ...(role === 'garagiste' ? { garage: garage ?? garageOf(`Garage ${name}`) } : {}),
  };
  const response = await request.post('/api/auth/register', { data: body });
  expect(response.status(), await response.text()).toBe(201);
  const auth = (await response.json()) as AuthResponse;
  return { email, password: PASSWORD, user: auth.user, token: auth.accessToken };
}

function bearer(account: Account) {
  return { Authorization: `Bearer ${account.token}` };
}

/** The garage's first free slot from tomorrow on (its opening hours, 8 h–19 h Monday to Saturday by default). */
export async function firstFreeSlot(request: APIRequestContext, client: Account, garageId: string): Promise<string> {
  const tomorrow = parisDay(1, 12).toISOString().slice(0, 10);
  const response = await request.get(`/api/garages/${garageId}/slots?from=${tomorrow}&days=7`, {
    headers: bearer(client),
  });
  expect(response.status(), await response.text()).toBe(200);
  const [slot] = ((await response.json()) as FreeSlotsView).slots;
  return slot;
}

/** One of the client's vehicles, added through the API: a Renault Clio AB-123-CD. */
export async function addVehicle(request: APIRequestContext, client: Account): Promise<VehicleView> {
  const response = await request.post('/api/vehicles', {
    headers: bearer(client),
    data: { plate: 'AB-123-CD', make: 'Renault', model: 'Clio', year: 2012 },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as VehicleView;
}

/** Books the garagiste's garage for the client, at its first free slot from tomorrow on (for one of the client's vehicles when given). */
export async function book(
  request: APIRequestContext,
  client: Account,
  garagiste: Account,
  service: string,
  vehicleId?: string,
): Promise<AppointmentView> {
  const garageId = garagiste.user.garageId ?? '';
  const scheduledAt = await firstFreeSlot(request, client, garageId);
  const response = await request.post('/api/appointments', {
    headers: bearer(client),
    data: { garageId, scheduledAt, service, ...(vehicleId ? { vehicleId } : {}) },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as AppointmentView;
}

/**
 * Picks the first free slot a slot picker offers (its group is named `legend`): on the day it
 * shows, or on the next day that has one.
 */
export async function chooseFirstSlot(scope: Page | Locator, legend: string): Promise<string> {
  const picker = scope.getByRole('group', { name: legend });
  const slots = picker.getByRole('radio');
  const later = picker.getByRole('button', { name: /^Voir le / });
  await expect(slots.first().or(later)).toBeVisible();
  if (await later.isVisible()) await later.click();
  await slots.first().check();
  return slots.first().inputValue();
}

export async function sendByApi(request: APIRequestContext, from: Account, to: Account, content: string) {
  const response = await request.post('/api/messages', {
    headers: bearer(from),
    data: { recipientId: to.user.id, content },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as MessageView;
}

/** `reader` reads their conversation with `other`, through the API. */
/** `count` messages « Message 1 » to « Message N » from one person to the other, in that order. */
export async function sendMany(request: APIRequestContext, from: Account, to: Account, count: number) {
  for (let n = 1; n <= count; n++) await sendByApi(request, from, to, `Message ${n}`);
}

export async function markRead(request: APIRequestContext, reader: Account, other: Account) {
  const response = await request.put('/api/messages/read', {
    headers: bearer(reader),
    data: { userId: other.user.id },
  });
  expect(response.status()).toBe(200);
}

/** What the server stored between two people (newest page). */
export async function storedMessages(request: APIRequestContext, account: Account, other: Account) {
  const response = await request.get(`/api/messages/conversation/${other.user.id}?limit=100`, {
    headers: bearer(account),
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as ResultPage<MessageView>).items;
}

export interface UserWindow {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen in the page. */
  problems: string[];
}

/**
 * A separate browser context (its own storage and socket) logged in through the login page,
 * with the socket connected.
 */
export async function logIn(
  browser: Browser,
  baseURL: string | undefined,
  account: Account,
  options: {
    viewport?: { width: number; height: number };
    beforeLogin?: (context: BrowserContext) => Promise<void>;
  } = {},
): Promise<UserWindow> {
  // The project's device (viewport, touch, user agent) unless the test sets a viewport of its own.
  const context = await browser.newContext({ baseURL, ...(options.viewport ? { viewport: options.viewport } : {}) });
  await options.beforeLogin?.(context);
  return logInWithin(context, account);
}

/** Logs in through the login page in a context of the test's own (a persistent profile), with the socket connected. */
export async function logInWithin(context: BrowserContext, account: Account): Promise<UserWindow> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  const connected = page.waitForEvent('console', (message) => message.text() === SOCKET_CONNECTED_LOG);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(account.user.role === 'garagiste' ? /\/garage$/ : /\/app\/appointments$/);
  await connected;
  return { context, page, problems };
}

/** Whether the test runs on a phone project: a touch screen, where Enter adds a line and the button sends. */
export function onTouchScreen(): boolean {
  return test.info().project.use.hasTouch === true;
}

/**
 * On a phone the thread header's actions (« Devis », « Assigner à… », « Marquer comme traité »,
 * « Programmer un rappel », « Signaler », « Bloquer ») are in the popup « ⋯ » opens: opens it
 * when it is closed. On a computer they are in the header already.
 */
export async function showThreadActions(page: Page): Promise<void> {
  if (!onTouchScreen()) return;
  const toggle = page.getByRole('button', { name: 'Plus d’actions' });
  await expect(toggle).toBeVisible();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.tap();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

/** A screenshot in test-results/screenshots, named after the project on phones (`name-pixel-7.png`). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const project = test.info().project.name;
  const file = project === 'chromium' ? name : `${name}-${project}`;
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${file}.png`), fullPage: true });
}

/** Sends what the composer holds as its person would: Enter on a computer, the send button on a phone. */
export async function send(page: Page): Promise<void> {
  if (onTouchScreen()) await page.getByRole('button', { name: 'Envoyer' }).tap();
  else await page.getByLabel('Votre message').press('Enter');
}

/** Adds a line in the composer: Shift+Enter on a computer, Enter on a phone. */
export async function newLine(page: Page): Promise<void> {
  await page.getByLabel('Votre message').press(onTouchScreen() ? 'Enter' : 'Shift+Enter');
}

/** The message bubbles of the open thread, in order (without its day and unread separators). */
export function bubbles(page: Page) {
  return page.getByRole('log').locator('li.message');
}

/** The bubble of one message in the open thread. */
export function bubble(page: Page, text: string) {
  return bubbles(page).filter({ hasText: text });
}

/** « 💬 Messages », whose name carries the unread total: the header's shortcut on a computer, the tab bar's on a phone. */
export function messagesShortcut(page: Page) {
  return onTouchScreen()
    ? page.locator('app-tab-bar').getByRole('link', { name: /^💬 Messages/ })
    : page.locator('app-user-menu').getByRole('link', { name: /^💬 Messages/ });
}

/**
 * The unread total that « 💬 Messages » says: its accessible name on a computer; on a phone, its
 * badge's words, as the tab bar is hidden while a thread takes the whole screen and still counts.
 */
export async function expectUnreadTotal(page: Page, count: number): Promise<void> {
  const words = count === 1 ? '1 message non lu' : `${count} messages non lus`;
  if (!onTouchScreen()) {
    await expect(messagesShortcut(page)).toHaveAccessibleName(count === 0 ? '💬 Messages' : `💬 Messages ${words}`);
    return;
  }
  const badge = page.locator('app-tab-bar .tab-badge .visually-hidden');
  if (count === 0) await expect(badge).toHaveCount(0);
  else await expect(badge).toHaveText(words);
}

/**
 * A conversation of the messages page's list, by the other person's name. On a phone the list is
 * hidden while a thread is open: it is still there, and still follows the messages.
 */
export function conversationEntry(page: Page, name: string | RegExp) {
  return page.getByRole('link', { name: typeof name === 'string' ? new RegExp(name) : name, includeHidden: true });
}
