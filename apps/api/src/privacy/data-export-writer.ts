import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  DATA_EXPORT_FORMAT_VERSION,
  type AppointmentView,
  type ConversationView,
  type DataExportAttachment,
  type DataExportManifest,
  type DataExportMessage,
  type MessageView,
} from '@promoto/shared-dto';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { AppointmentsService } from '../appointments/appointments.service';
import { AttachmentsService } from '../attachments/attachments.service';
import type { AuthUser } from '../auth/auth-user';
import { BlocksService } from '../blocks/blocks.service';
import { SessionAccounts } from '../auth/session-accounts';
import type { Environment } from '../config/environment';
import { ConversationReader } from '../messages/conversation-reader';
import { Mailer } from '../notifications/mailer';
import { settingsUrl } from '../notifications/notification-links';
import { PersonalNotificationData } from '../notifications/personal-notification-data';
import { RemindersService } from '../reminders/reminders.service';
import { UsersService, type UserAccount } from '../users/users.service';
import { VehiclesService } from '../vehicles/vehicles.service';
import { dataExportEmail } from './data-export-email';
import { DataExportFiles } from './data-export-files';
import { DataExportLinks } from './data-export-links';
import type { JobLease, PrivacyJobHandler } from './privacy-job-runner';
import type { PrivacyJob, StoredPrivacyJob } from './privacy-job.schema';

const json = (value: unknown) => Readable.from([`${JSON.stringify(value, null, 2)}\n`]);

/** A file name safe in a zip on every system: no directories, no control or reserved characters. */
const safeName = (name: string) =>
  [...name]
    .map((character) => (character < ' ' || '/\\:*?"<>|'.includes(character) ? '_' : character))
    .join('')
    .slice(0, 120) || 'fichier';

/**
 * Writes a person's data export: a zip streamed into DataExportFiles, one entry at a time (the
 * next is added once the zip has read the previous one, so memory holds one page of messages or
 * one attachment at most), then e-mails its link. What it reads, it reads through the other
 * modules' services: the account, the bookings, the vehicles, every conversation with every message the person
 * can see and the files attached to them, the notification preferences and e-mail records, the blocks.
 * The layout is DataExportManifest's (libs/shared/dto), described in the README's « Mes données ».
 */
@Injectable()
export class DataExportWriter implements PrivacyJobHandler {
  private readonly logger = new Logger(DataExportWriter.name);
  private readonly ttlMs: number;
  private readonly frontendUrl: string;

  constructor(
    private readonly users: UsersService,
    private readonly appointments: AppointmentsService,
    private readonly vehicles: VehiclesService,
    private readonly reminders: RemindersService,
    private readonly conversations: ConversationReader,
    private readonly attachments: AttachmentsService,
    private readonly notifications: PersonalNotificationData,
    private readonly files: DataExportFiles,
    private readonly blocks: BlocksService,
    private readonly links: DataExportLinks,
    private readonly mailer: Mailer,
    config: ConfigService<Environment, true>,
  ) {
    this.ttlMs = config.get('DATA_EXPORT_TTL_S', { infer: true }) * 1000;
    this.frontendUrl = config.get('FRONTEND_URL', { infer: true });
  }

  async run(job: StoredPrivacyJob, lease: JobLease): Promise<Partial<PrivacyJob>> {
    const account = await this.users.findById(job.user);
    if (!account) throw new Error('the account no longer exists');
    const zip = new ZipFile();
    const stored = this.files.write(zip.outputStream, `promoto-data-export-${job._id.toHexString()}.zip`);
    // A storage failure stops the zip's reading: the entry being awaited would wait forever.
    const storageFailed = new Promise<never>((_, reject) => stored.catch(reject));
    const paths: string[] = [];
    const add = async (path: string, content: Readable, compress = true) => {
      paths.push(path);
      const read = new Promise<void>((resolve, reject) => {
        content.once('end', resolve).once('error', reject);
      });
      zip.addReadStreamLazy(path, { compress }, (give) => give(null, content));
      await Promise.race([read, storageFailed]);
    };

    // Suspended or not: a suspension does not take away the copy of one's data.
    const user = SessionAccounts.toAuthUser(account);
    if (!user) throw new Error('the account no longer exists');
    await add(
      'profile.json',
      json({ profile: { ...UsersService.toView(account), createdAt: account.createdAt.toISOString() } }),
    );
    await add('bookings.json', json({ bookings: await this.bookingsOf(user) }));
    await add(
      'vehicles.json',
      json({
        vehicles: await this.vehicles.listOwnedBy(user.id),
        reminders: await this.reminders.aboutClient(user.id),
      }),
    );
    await add('notifications.json', json(await this.notifications.exportOf(user.id)));
    await add('blocks.json', json({ blocks: await this.blocks.madeBy(user.id) }));
    for await (const page of this.conversations.conversationsOf(user)) {
      for (const conversation of page) {
        await lease.renew();
        await this.addConversation(conversation, user, add);
      }
    }
    const manifest: DataExportManifest = {
      format: 'promoto-data-export',
      version: DATA_EXPORT_FORMAT_VERSION,
      userId: user.id,
      generatedAt: new Date().toISOString(),
      files: [...paths],
    };
    await add('export.json', json(manifest));
    zip.end();
    const { key, size } = await stored;

    // Whole seconds, as the link's `expires` says it: the link and the copy's state expire together.
    const expiresAt = new Date(Math.ceil((Date.now() + this.ttlMs) / 1000) * 1000);
    await this.announce(account, job._id.toHexString(), expiresAt);
    return { fileKey: key, size, expiresAt };
  }

  private async bookingsOf(user: AuthUser): Promise<AppointmentView[]> {
    const bookings: AppointmentView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.appointments.listFor(user, { cursor, limit: 50 });
      bookings.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return bookings;
  }

  /**
   * The files of the conversation's messages first (so that each message can say where its file
   * is, or that its bytes were gone), then the conversation and its messages as one JSON document,
   * written a page at a time.
   */
  private async addConversation(
    conversation: ConversationView,
    user: AuthUser,
    add: (path: string, content: Readable, compress?: boolean) => Promise<void>,
  ): Promise<void> {
    const written = new Map<string, string>();
    for await (const page of this.conversations.messagesOf(conversation.id, user)) {
      for (const attachment of page.flatMap((message) => message.attachments ?? [])) {
        const file = await this.attachments.open(attachment.id, false, user);
        if (!file) {
          this.logger.warn(`data export: the bytes of attachment ${attachment.id} are gone`);
          continue;
        }
        const path = `attachments/${attachment.id}-${safeName(attachment.name)}`;
        await add(path, Readable.from([file.data]), attachment.kind === 'document');
        written.set(attachment.id, path);
      }
    }
    const messages = this.conversations.messagesOf(conversation.id, user);
    await add(
      `conversations/${conversation.id}.json`,
      Readable.from(
        (async function* () {
          yield `{\n"conversation": ${JSON.stringify(conversation)},\n"messages": [`;
          let separator = '\n';
          for await (const page of messages) {
            for (const message of page) {
              yield `${separator}${JSON.stringify(exportedMessage(message, written))}`;
              separator = ',\n';
            }
          }
          yield '\n]\n}\n';
        })(),
      ),
    );
  }

  private async announce(account: UserAccount, exportId: string, expiresAt: Date): Promise<void> {
    if (!this.mailer.enabled) return;
    const email = dataExportEmail({
      to: account.email,
      recipientName: account.name,
      downloadUrl: `${this.frontendUrl}${this.links.link(exportId, expiresAt)}`,
      settingsUrl: settingsUrl(this.frontendUrl, account.role),
      expiresAt,
    });
    // The export is ready whether or not the e-mail leaves: the settings page shows its link too.
    await this.mailer
      .send(email)
      .catch((error: Error) => this.logger.warn(`data export ${exportId}: its e-mail failed: ${error.message}`));
  }
}

function exportedMessage(message: MessageView, written: Map<string, string>): DataExportMessage {
  const { attachments, ...rest } = message;
  if (!attachments) return rest;
  return {
    ...rest,
    attachments: attachments.map(
      ({ id, kind, name, size, mimeType }): DataExportAttachment => ({
        id,
        kind,
        name,
        size,
        mimeType,
        ...(written.has(id) ? { file: written.get(id) } : {}),
      }),
    ),
  };
}
