import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { contractSchemas, formatSchemas, SCHEMAS_FILE } from '../schemas/contract-schemas';
import type { ResponseViewName } from './index';

/** Objects that list their properties take no other: an example with a field its type lacks fails. */
function closed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closed);
  if (value === null || typeof value !== 'object') return value;
  const schema = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, closed(item)]));
  return 'properties' in schema && !('additionalProperties' in schema)
    ? { ...schema, additionalProperties: false }
    : schema;
}

describe('the JSON Schemas of the response views (schemas.json)', () => {
  const generated = contractSchemas();

  it('are the ones the types give: after changing a view, run `npx nx run shared-dto:schemas`', () => {
    expect(readFileSync(SCHEMAS_FILE, 'utf8')).toBe(formatSchemas(generated));
  }, 60_000);

  it('hold every view of ResponseViews with an example that its schema accepts', () => {
    const views: Record<ResponseViewName, true> = {
      AuthResponse: true,
      UserView: true,
      GarageView: true,
      GarageList: true,
      GaragePage: true,
      GarageResponsivenessView: true,
      OpeningHoursView: true,
      FreeSlotsView: true,
      AppointmentView: true,
      AppointmentPage: true,
      MessageView: true,
      MessagePage: true,
      ConversationView: true,
      ConversationPage: true,
      ConversationParticipant: true,
      MarkReadResponse: true,
      UnreadCountView: true,
      UploadedAttachmentView: true,
      PushPublicKeyView: true,
      NotificationPreferencesView: true,
      QuickRepliesView: true,
      QuickReplyView: true,
      QuickReplyList: true,
      GarageTeamView: true,
      GarageMemberView: true,
      GarageInvitationView: true,
      InvitationPreviewView: true,
      DataExportView: true,
      DataExportList: true,
      SuspendedAccessView: true,
      VehicleView: true,
      VehicleList: true,
      QuoteView: true,
      AttachmentView: true,
      ReminderView: true,
      ReminderList: true,
      BlockView: true,
      BlockList: true,
      ReportView: true,
      AdminReportView: true,
      AdminReportPage: true,
      AdminThreadPage: true,
      AdminAccountView: true,
    };
    const ajv = addFormats(new Ajv({ strict: true, allErrors: true }));
    ajv.addSchema(closed({ definitions: generated.definitions }) as object, 'contracts');
    for (const name of Object.keys(views)) {
      const validate = ajv.compile({ $ref: `contracts#/definitions/${name}` });
      const [example] = generated.definitions[name].examples as unknown[];
      expect([name, validate(example) ? [] : validate.errors]).toEqual([name, []]);
    }
  });

  it('say what TypeScript says: literal unions as enums, null as a type, dates as date-times', () => {
    const { ConversationPage, EmailDelayChoice, IsoDate, MarkReadResponse, NotificationPreferencesView, UserRole } =
      generated.definitions;
    expect(UserRole).toEqual({ type: 'string', enum: ['client', 'garagiste', 'admin'] });
    expect(IsoDate).toMatchObject({ type: 'string', format: 'date-time' });
    expect(ConversationPage.properties?.['items']).toEqual({
      type: 'array',
      items: { $ref: '#/definitions/ConversationView' },
    });
    expect(MarkReadResponse.properties?.['lastReadMessageId']).toMatchObject({ type: ['string', 'null'] });
    expect(NotificationPreferencesView.properties?.['emailDelaySeconds']).toMatchObject({
      anyOf: [{ $ref: '#/definitions/EmailDelayChoice' }, { type: 'null' }],
    });
    expect(EmailDelayChoice).toEqual({ type: 'number', enum: [300, 900, 3600, 10800] });
    expect(MarkReadResponse.required).toEqual(['conversationId', 'lastReadMessageId', 'readAt', 'unreadTotal']);
  });
});
