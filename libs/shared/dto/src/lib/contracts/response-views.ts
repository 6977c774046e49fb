import type { AdminAccountView, AdminReportView, AdminThreadPage } from './admin';
import type { AttachmentView, UploadedAttachmentView } from './attachments';
import type { BlockList, BlockView } from './blocks';
import type { NotificationPreferencesView, PushPublicKeyView } from './notifications';
import type { FreeSlotsView, OpeningHoursView } from './opening-hours';
import type { DataExportView, SuspendedAccessView } from './personal-data';
import type { QuickRepliesView, QuickReplyView } from './quick-replies';
import type { QuoteView } from './quotes';
import type { ReportView } from './reports';
import type { GarageResponsivenessView } from './responsiveness';
import type { ReminderView } from './reminders';
import type { VehicleView } from './vehicles';
import type { GarageInvitationView, GarageMemberView, GarageTeamView, InvitationPreviewView } from './team';
import type {
  AppointmentView,
  AuthResponse,
  ConversationParticipant,
  ConversationView,
  GaragePage,
  GarageView,
  MarkReadResponse,
  MessageView,
  Page,
  UnreadCountView,
  UserView,
} from './views';

/**
 * Every body the API answers with on success, by the name of its schema in the OpenAPI document
 * (`#/components/schemas/<name>`). The schemas are generated from these types (see the README's
 * "Adding a view"), and the API's routes name the entry they answer with, which the compiler checks
 * against the route's return type.
 */
export interface ResponseViews {
  AuthResponse: AuthResponse;
  UserView: UserView;
  GarageView: GarageView;
  GarageList: GarageView[];
  GaragePage: GaragePage;
  GarageResponsivenessView: GarageResponsivenessView;
  OpeningHoursView: OpeningHoursView;
  FreeSlotsView: FreeSlotsView;
  AppointmentView: AppointmentView;
  AppointmentPage: Page<AppointmentView>;
  MessageView: MessageView;
  MessagePage: Page<MessageView>;
  ConversationView: ConversationView;
  ConversationPage: Page<ConversationView>;
  ConversationParticipant: ConversationParticipant;
  MarkReadResponse: MarkReadResponse;
  UnreadCountView: UnreadCountView;
  UploadedAttachmentView: UploadedAttachmentView;
  PushPublicKeyView: PushPublicKeyView;
  NotificationPreferencesView: NotificationPreferencesView;
  QuickRepliesView: QuickRepliesView;
  QuickReplyView: QuickReplyView;
  QuickReplyList: QuickReplyView[];
  GarageTeamView: GarageTeamView;
  GarageMemberView: GarageMemberView;
  GarageInvitationView: GarageInvitationView;
  InvitationPreviewView: InvitationPreviewView;
  DataExportView: DataExportView;
  DataExportList: DataExportView[];
  SuspendedAccessView: SuspendedAccessView;
  VehicleView: VehicleView;
  VehicleList: VehicleView[];
  QuoteView: QuoteView;
  AttachmentView: AttachmentView;
  ReminderView: ReminderView;
  ReminderList: ReminderView[];
  BlockView: BlockView;
  BlockList: BlockList;
  ReportView: ReportView;
  AdminReportView: AdminReportView;
  /** Reports a page at a time: the open ones first, newest first, then the handled ones. */
  AdminReportPage: Page<AdminReportView>;
  AdminThreadPage: AdminThreadPage;
  AdminAccountView: AdminAccountView;
}

export type ResponseViewName = keyof ResponseViews;
