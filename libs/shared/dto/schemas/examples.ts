import type {
  AdminAccountView,
  AdminReportView,
  AppointmentView,
  BlockView,
  ConversationParticipant,
  ConversationView,
  DataExportView,
  GarageInvitationView,
  GarageMemberView,
  GarageResponsivenessView,
  GarageView,
  MessageView,
  OpeningHoursView,
  ReminderView,
  QuickReplyView,
  QuoteView,
  ReportView,
  ResponseViews,
  UserView,
  VehicleView,
} from '../src/index';

// One conversation between Camille (a client) and Marc (the garagiste of Garage du Centre), seen by
// Camille: the ids agree across the examples, as they would in real answers.
const CAMILLE = '6b07bd0e44ecb3a1dc99551e';
const MARC = '6b07bd0e44ecb3a1dc995520';
const GARAGE = '6b07bd0e44ecb3a1dc995521';
const CONVERSATION = '6b07bd0e44ecb3a1dc995530';
const APPOINTMENT = '6b07bd0e44ecb3a1dc995540';
const VEHICLE = '6b07bd0e44ecb3a1dc995590';

const camille: UserView = { id: CAMILLE, email: 'camille@promoto.test', name: 'Camille Martin', role: 'client' };

const marc: ConversationParticipant = {
  id: MARC,
  name: 'Marc Dubois',
  role: 'garagiste',
  garageName: 'Garage du Centre',
};

const garage: GarageView = {
  id: GARAGE,
  name: 'Garage du Centre',
  city: 'Lyon',
  address: '12 rue de la République',
  services: ['Vidange', 'Freins', 'Distribution'],
  ownerId: MARC,
  ownerName: 'Marc Dubois',
};

const clio: VehicleView = {
  id: VEHICLE,
  plate: 'AB-123-CD',
  make: 'Renault',
  model: 'Clio',
  year: 2012,
  mileage: 140_000,
};

const reminder: ReminderView = {
  id: '6b07bd0e44ecb3a1dc9955a0',
  garageId: GARAGE,
  clientId: CAMILLE,
  clientName: 'Camille Martin',
  vehicle: { vehicleId: VEHICLE, plate: clio.plate, make: clio.make, model: clio.model, year: clio.year },
  text: 'Vidange dans 6 mois',
  dueAt: '2027-06-10T07:00:00.000Z',
  status: 'scheduled',
  createdById: MARC,
  createdByName: 'Marc Dubois',
  createdAt: '2026-12-10T10:12:00.000Z',
};

const appointment: AppointmentView = {
  id: APPOINTMENT,
  clientId: CAMILLE,
  clientName: 'Camille Martin',
  garageId: GARAGE,
  garageName: 'Garage du Centre',
  garagisteId: MARC,
  scheduledAt: '2026-12-10T08:00:00.000Z',
  service: 'Courroie de distribution',
  note: 'Bruit à froid',
  vehicle: { vehicleId: VEHICLE, plate: clio.plate, make: clio.make, model: clio.model, year: clio.year },
  status: 'confirmed',
  createdAt: '2026-12-01T17:42:10.000Z',
};

const message: MessageView = {
  id: '6b07bd0e44ecb3a1dc995550',
  conversationId: CONVERSATION,
  senderId: MARC,
  recipientId: CAMILLE,
  content: 'La pièce est arrivée, vous pouvez passer à 9 h ?',
  appointmentId: APPOINTMENT,
  clientMessageId: '0f7c2b8e-4a51-4b8e-9a3e-2d1c5e6f7a80',
  createdAt: '2026-12-09T16:05:31.000Z',
};

const conversation: ConversationView = {
  id: CONVERSATION,
  otherUser: marc,
  lastMessage: {
    id: message.id,
    senderId: MARC,
    content: message.content,
    appointmentId: APPOINTMENT,
    createdAt: message.createdAt,
  },
  unreadCount: 1,
  otherLastReadMessageId: '6b07bd0e44ecb3a1dc99554f',
  archived: false,
  updatedAt: message.createdAt,
};

const figures = {
  requests: 42,
  answered: 40,
  answeredWithin24h: 37,
  settled: 41,
  answeredWithin24hShare: 0.9024,
  medianReply: { afterMinutes: 30, atMostMinutes: 60 },
};

const responsiveness: GarageResponsivenessView = {
  garageId: GARAGE,
  periodDays: 30,
  current: figures,
  previous: {
    ...figures,
    requests: 35,
    answered: 31,
    answeredWithin24h: 26,
    settled: 35,
    answeredWithin24hShare: 0.7429,
  },
  computedAt: '2026-12-09T16:10:00.000Z',
};

const openingHours: OpeningHoursView = {
  garageId: GARAGE,
  timeZone: 'Europe/Paris',
  custom: true,
  weekly: [
    { day: 1, opens: '08:00', closes: '12:00' },
    { day: 1, opens: '14:00', closes: '18:30' },
    { day: 6, opens: '09:00', closes: '12:00' },
  ],
  closures: [{ from: '2026-12-24', to: '2026-12-26', label: 'Fêtes de fin d’année' }],
  slotMinutes: 60,
};

const quickReply: QuickReplyView = {
  id: '6b07bd0e44ecb3a1dc995560',
  title: 'Devis prêt',
  content: 'Bonjour {client}, le devis pour {rdv.service} est prêt.',
};

const owner: GarageMemberView = {
  userId: MARC,
  name: 'Marc Dubois',
  email: 'marc@garage-du-centre.test',
  role: 'owner',
  joinedAt: '2026-11-02T09:15:00.000Z',
};

const staff: GarageMemberView = {
  userId: '6b07bd0e44ecb3a1dc995522',
  name: 'Julie Petit',
  email: 'julie@garage-du-centre.test',
  role: 'staff',
  joinedAt: '2026-12-03T14:20:00.000Z',
};

const invitation: GarageInvitationView = {
  id: '6b07bd0e44ecb3a1dc995580',
  email: 'karim@garage-du-centre.test',
  role: 'staff',
  invitedByName: 'Marc Dubois',
  invitedAt: '2026-12-08T10:00:00.000Z',
  expiresAt: '2026-12-15T10:00:00.000Z',
};

const dataExport: DataExportView = {
  id: '6b07bd0e44ecb3a1dc995580',
  status: 'ready',
  requestedAt: '2026-12-09T16:10:00.000Z',
  readyAt: '2026-12-09T16:10:04.000Z',
  expiresAt: '2026-12-16T16:10:04.000Z',
  size: 482_113,
  url: '/api/data-exports/6b07bd0e44ecb3a1dc995580/file?expires=1797437404&signature=k1~mJ0bQ8Jp2vYw3fVnZk9aXr5sT1uD4gH6eL7cB0oN2qI',
};

const quote: QuoteView = {
  id: '6b07bd0e44ecb3a1dc995590',
  version: 1,
  messageId: '6b07bd0e44ecb3a1dc995591',
  appointmentId: APPOINTMENT,
  clientId: CAMILLE,
  garageId: GARAGE,
  status: 'open',
  lines: [
    {
      label: 'Kit de distribution',
      kind: 'part',
      quantityHundredths: 100,
      unitPriceCents: 18_000,
      vatRateBasisPoints: 2000,
      netCents: 18_000,
      vatCents: 3600,
      grossCents: 21_600,
      decision: 'approved',
      decidedAt: '2026-12-09T18:02:00.000Z',
    },
    {
      label: 'Main-d’œuvre',
      kind: 'labour',
      quantityHundredths: 250,
      unitPriceCents: 6000,
      vatRateBasisPoints: 2000,
      netCents: 15_000,
      vatCents: 3000,
      grossCents: 18_000,
      decision: 'pending',
    },
  ],
  totals: { netCents: 33_000, vatCents: 6600, grossCents: 39_600 },
  approved: { netCents: 18_000, vatCents: 3600, grossCents: 21_600 },
  sentAt: '2026-12-09T17:30:00.000Z',
  expiresAt: '2027-01-08T17:30:00.000Z',
  decidedAt: '2026-12-09T18:02:00.000Z',
};

const block: BlockView = {
  party: { id: CAMILLE, name: 'Camille Martin', role: 'client' },
  blockedAt: '2026-12-09T17:02:00.000Z',
  blockedByName: 'Marc Dubois',
};

const report: ReportView = {
  id: '6b07bd0e44ecb3a1dc995590',
  conversationId: CONVERSATION,
  messageId: '6b07bd0e44ecb3a1dc995550',
  reason: 'harassment',
  details: 'Messages insistants après mon refus du devis.',
  createdAt: '2026-12-09T17:05:00.000Z',
};

const marcAsAdminSees: AdminAccountView = {
  id: MARC,
  name: 'Marc Dubois',
  email: 'marc@promoto.test',
  role: 'garagiste',
  garageId: GARAGE,
  garageName: 'Garage du Centre',
  suspension: { suspendedAt: '2026-12-09T18:10:00.000Z', reason: 'Insultes répétées envers une cliente.' },
};

const adminReport: AdminReportView = {
  id: report.id,
  status: 'open',
  reason: 'harassment',
  details: report.details,
  createdAt: report.createdAt,
  conversationId: CONVERSATION,
  garage: { id: GARAGE, name: 'Garage du Centre' },
  reporter: { id: CAMILLE, name: 'Camille Martin', email: 'camille@promoto.test', role: 'client' },
  target: marcAsAdminSees,
  message: { id: message.id, excerpt: message.content, createdAt: message.createdAt },
};

/**
 * An example of every response view, checked by the compiler against its type and written into
 * the generated schemas (and so into the OpenAPI document).
 */
export const RESPONSE_EXAMPLES: ResponseViews = {
  AuthResponse: {
    accessToken:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2YjA3YmQwZTQ0ZWNiM2ExZGM5OTU1MWUiLCJyb2xlIjoiY2xpZW50In0.3q2nK0v8lYyq1Qy8f7b6Vb2l5dZ0mO1xW4rJ9sT2uE8',
    refreshToken: 'x7Qm2pV9cK4tN8wR1yB6hJ3fL0sD5gA2eZ9uI7oP4qM',
    user: camille,
  },
  UserView: camille,
  GarageView: garage,
  GarageList: [garage],
  GaragePage: {
    items: [garage],
    nextCursor: 'WyJHYXJhZ2UgZHUgQ2VudHJlIiwiNmIwN2JkMGU0NGVjYjNhMWRjOTk1NTFlIl0',
    total: 27,
  },
  GarageResponsivenessView: responsiveness,
  OpeningHoursView: openingHours,
  FreeSlotsView: {
    garageId: GARAGE,
    slotMinutes: 60,
    from: '2026-12-10',
    to: '2026-12-11',
    slots: ['2026-12-10T07:00:00.000Z', '2026-12-10T09:00:00.000Z', '2026-12-10T13:00:00.000Z'],
  },
  AppointmentView: appointment,
  AppointmentPage: { items: [appointment], nextCursor: null },
  MessageView: message,
  MessagePage: { items: [message], nextCursor: '6b07bd0e44ecb3a1dc99554a' },
  ConversationView: conversation,
  ConversationPage: { items: [conversation], nextCursor: null },
  ConversationParticipant: marc,
  MarkReadResponse: {
    conversationId: CONVERSATION,
    lastReadMessageId: message.id,
    readAt: '2026-12-09T16:06:02.000Z',
    unreadTotal: 0,
  },
  UnreadCountView: { total: 3 },
  UploadedAttachmentView: {
    id: '6b07bd0e44ecb3a1dc995570',
    kind: 'image',
    name: 'voyant.jpg',
    size: 184_320,
    mimeType: 'image/jpeg',
    width: 1600,
    height: 1200,
  },
  PushPublicKeyView: {
    publicKey: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
  },
  NotificationPreferencesView: { emailEnabled: true, emailDelaySeconds: null, defaultEmailDelaySeconds: 900 },
  QuickRepliesView: { garageName: 'Garage du Centre', items: [quickReply] },
  QuickReplyView: quickReply,
  QuickReplyList: [quickReply],
  GarageTeamView: {
    garageId: GARAGE,
    garageName: 'Garage du Centre',
    members: [owner, staff],
    invitations: [invitation],
  },
  GarageMemberView: staff,
  GarageInvitationView: invitation,
  InvitationPreviewView: {
    garageName: 'Garage du Centre',
    email: invitation.email,
    role: invitation.role,
    invitedByName: invitation.invitedByName,
    expiresAt: invitation.expiresAt,
    accountExists: false,
  },
  DataExportView: dataExport,
  DataExportList: [dataExport],
  SuspendedAccessView: {
    accessToken:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2YjA3YmQwZTQ0ZWNiM2ExZGM5OTU1MWUiLCJzY29wZSI6InN1c3BlbmRlZC1hY2NvdW50In0.Yk1q3wQbW0mR8cV2nT6xL4pZ9sF7dH5jK1uA3eG0iO2',
    expiresAt: '2026-12-09T16:25:00.000Z',
  },
  VehicleView: clio,
  VehicleList: [clio],
  QuoteView: quote,
  AttachmentView: {
    id: '6b07bd0e44ecb3a1dc995592',
    kind: 'document',
    name: 'devis-v1-6b07bd0e44ecb3a1dc995590.pdf',
    size: 3_412,
    mimeType: 'application/pdf',
    url: '/api/attachments/6b07bd0e44ecb3a1dc995592/file?expires=1797437404&signature=k1~Qd8vT2mZ0pL7xW3nR5bY9cF1hJ4sK6gA8eU0iO2uN7q',
  },
  ReminderView: reminder,
  ReminderList: [reminder],
  BlockView: block,
  BlockList: { items: [block] },
  ReportView: report,
  AdminReportView: adminReport,
  AdminReportPage: { items: [adminReport], nextCursor: 'o6b07bd0e44ecb3a1dc995590' },
  AdminThreadPage: { items: [message], nextCursor: null, authors: [marcAsAdminSees] },
  AdminAccountView: marcAsAdminSees,
};
