import type {
  AppointmentStatus,
  BookingEventAction,
  ConversationFolder,
  ErrorCode,
  GarageRole,
  PlateProblem,
  REPLY_TIME_BRACKETS_MINUTES,
  UserRole,
} from '@promoto/shared-dto';

const BOOKING_NOTICE_TITLES: Record<BookingEventAction, string> = {
  created: 'Rendez-vous demandé',
  confirmed: 'Rendez-vous confirmé',
  moved: 'Rendez-vous déplacé',
  cancelled: 'Rendez-vous annulé',
  completed: 'Rendez-vous terminé',
};

/** How a reply time bracket reads after « en », by its upper bound in minutes. */
const REPLY_WITHIN: Record<(typeof REPLY_TIME_BRACKETS_MINUTES)[number], string> = {
  5: 'moins de 5 minutes',
  15: 'moins de 15 minutes',
  30: 'moins de 30 minutes',
  60: "moins d'une heure",
  180: 'moins de 3 heures',
  360: 'moins de 6 heures',
  720: 'moins de 12 heures',
  1440: "moins d'un jour",
  2880: 'moins de 2 jours',
  4320: 'moins de 3 jours',
  10080: "moins d'une semaine",
};

/** "30 secondes", "5 minutes", "1 heure", "3 heures": a delay as a person says it. */
function frDuration(seconds: number): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${count > 1 ? 's' : ''}`;
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'heure');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'seconde');
}

/**
 * Every text the user sees, in French. Another language is a copy of this object with the
 * same shape (`typeof fr`), chosen at bootstrap.
 */
export const fr = {
  locale: 'fr-FR',
  appName: 'Promoto',
  skipToContent: 'Aller au contenu',

  common: {
    loading: 'Chargement…',
    retry: 'Réessayer',
    showMore: 'Voir plus',
    required: 'Ce champ est obligatoire.',
    tooLong: (max: number) => `${max} caractères au maximum.`,
    unreadBadge: (count: number) => (count === 1 ? '1 message non lu' : `${count} messages non lus`),
  },

  errors: {
    unreachable: 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.',
    sessionExpired: 'Votre session a expiré, reconnectez-vous.',
    unexpected: 'Une erreur inattendue est survenue. Réessayez dans un instant.',
    sendFailed: "Le message n'a pas pu être envoyé.",
    byCode: {
      VALIDATION_FAILED: 'Certaines informations sont invalides. Vérifiez le formulaire.',
      UNAUTHENTICATED: 'Vous devez être connecté pour continuer.',
      TOKEN_EXPIRED: 'Votre session a expiré, reconnectez-vous.',
      FORBIDDEN: "Vous n'avez pas accès à cette ressource.",
      NOT_FOUND: "Cet élément n'existe pas ou n'existe plus.",
      EMAIL_TAKEN: 'Un compte existe déjà avec cette adresse e-mail.',
      WEAK_PASSWORD: 'Ce mot de passe est trop facile à deviner. Choisissez-en un plus long ou moins courant.',
      CONFLICT: 'Cette action entre en conflit avec une autre modification. Rechargez la page.',
      OUTSIDE_OPENING_HOURS: 'Le garage ne reçoit pas à ce moment-là : choisissez un des créneaux proposés.',
      SLOT_TAKEN: 'Ce créneau vient d’être pris : choisissez-en un autre.',
      DUPLICATE_BOOKING: 'Vous avez déjà un rendez-vous à ce créneau dans ce garage.',
      EDIT_WINDOW_PASSED: 'Un message ne peut plus être modifié 15 minutes après son envoi.',
      RATE_LIMITED: 'Trop de tentatives. Patientez un instant puis réessayez.',
      PAYLOAD_TOO_LARGE: 'Le contenu envoyé est trop volumineux.',
      UNSUPPORTED_FILE_TYPE: 'Ce type de fichier n’est pas accepté : envoyez une photo (JPEG, PNG ou WebP) ou un PDF.',
      QUOTA_EXCEEDED: 'Votre espace de fichiers est plein : ce fichier n’a pas été envoyé.',
      LAST_OWNER: 'Le garage doit garder au moins un responsable : nommez-en un autre d’abord.',
      GARAGE_FOUNDER:
        'Le compte qui a inscrit le garage reçoit les conversations de ses clients : il reste responsable et ne peut pas quitter l’équipe.',
      INVITATION_EXPIRED: 'Cette invitation a expiré : demandez-en une nouvelle au garage.',
      INVITATION_USED: 'Cette invitation a déjà été utilisée.',
      SERVICE_UNAVAILABLE: 'Le service est momentanément indisponible. Réessayez dans un instant.',
      DATABASE_UNAVAILABLE: 'Le service est momentanément indisponible. Réessayez dans un instant.',
      INTERNAL_ERROR: 'Une erreur est survenue sur le serveur. Réessayez dans un instant.',
    } satisfies Record<ErrorCode, string>,
  },

  connection: {
    reconnecting: 'Connexion au serveur perdue. Reconnexion en cours…',
    replaced: 'La messagerie est en pause dans cet onglet : elle est ouverte dans trop d’onglets ou d’appareils.',
    resume: 'Reprendre ici',
  },

  menu: {
    mainNavigation: 'Navigation principale',
    userMenu: (name: string) => `Menu de ${name}`,
    messages: '💬 Messages',
    settings: 'Paramètres',
    logout: 'Se déconnecter',
    clientLinks: { appointments: 'Mes rendez-vous', garages: 'Trouver un garage', vehicles: 'Mes véhicules' },
    garagisteLinks: { dashboard: 'Tableau de bord' },
    team: 'Équipe',
    /** The phone's tab bar, by destination: its icon and its short label. */
    tabs: {
      appointments: { icon: '📅', label: 'Rendez-vous' },
      garages: { icon: '🔧', label: 'Garages' },
      dashboard: { icon: '📊', label: 'Tableau de bord' },
      messages: { icon: '💬', label: 'Messages' },
      settings: { icon: '⚙️', label: 'Réglages' },
    },
  },

  roles: {
    client: 'Client',
    garagiste: 'Garagiste',
  } satisfies Record<UserRole, string>,

  auth: {
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    emailInvalid: 'Saisissez une adresse e-mail valide (ex. : nom@exemple.fr).',
    passwordTooShort: (min: number) => `Le mot de passe doit contenir au moins ${min} caractères.`,
    login: {
      title: 'Connexion',
      intro: 'Retrouvez vos rendez-vous et vos conversations avec les garages.',
      submit: 'Se connecter',
      submitting: 'Connexion…',
      badCredentials: 'E-mail ou mot de passe incorrect.',
      noAccount: 'Pas encore de compte ?',
      registerLink: 'Créer un compte',
    },
    register: {
      title: 'Créer un compte',
      roleLegend: 'Vous êtes',
      roleClient: 'Client — je cherche un garage pour mon véhicule',
      roleGaragiste: 'Garagiste — je gère un garage',
      name: 'Nom complet',
      garageLegend: 'Votre garage',
      garageName: 'Nom du garage',
      garageCity: 'Ville',
      garageAddress: 'Adresse',
      passwordHint: (min: number) => `Au moins ${min} caractères.`,
      submit: 'Créer mon compte',
      submitting: 'Création du compte…',
      haveAccount: 'Déjà inscrit ?',
      loginLink: 'Se connecter',
    },
  },

  appointments: {
    title: 'Mes rendez-vous',
    empty: "Vous n'avez aucun rendez-vous pour l'instant.",
    findGarage: 'Trouver un garage',
    contactGaragiste: '💬 Contacter le garagiste',
    contactClient: '💬 Contacter le client',
    note: 'Note',
    vehicle: (vehicle: string) => `🚗 ${vehicle}`,
    statusLabel: {
      pending: 'En attente',
      confirmed: 'Confirmé',
      completed: 'Terminé',
      cancelled: 'Annulé',
    } satisfies Record<AppointmentStatus, string>,
    summary: (service: string, when: string) => `${service} — ${when}`,
  },

  /** What can be done with a booking: explicit actions, never a change on focus or arrow keys. */
  bookings: {
    confirm: 'Confirmer',
    complete: 'Terminer',
    move: 'Déplacer',
    cancel: 'Annuler…',
    moveTitle: 'Déplacer le rendez-vous',
    currently: (service: string, when: string) => `${service}, actuellement ${when}.`,
    newSlot: 'Nouveau créneau',
    moveHere: 'Déplacer ici',
    pickSlot: 'Choisissez un créneau libre.',
    back: 'Retour',
    cancelTitle: 'Annuler le rendez-vous ?',
    cancelWarning: (role: UserRole) =>
      role === 'garagiste'
        ? 'Le client sera prévenu dans la conversation, avec le motif si vous en donnez un.'
        : 'Le garage sera prévenu dans la conversation, avec le motif si vous en donnez un.',
    reason: 'Motif (facultatif)',
    cancelYes: 'Oui, annuler le rendez-vous',
    cancelNo: 'Garder le rendez-vous',
    done: {
      pending: 'Rendez-vous remis en attente.',
      confirmed: 'Rendez-vous confirmé.',
      completed: 'Rendez-vous terminé.',
      cancelled: 'Rendez-vous annulé.',
    } satisfies Record<AppointmentStatus, string>,
    movedDone: 'Rendez-vous déplacé.',
  },

  /** Choosing one of a garage's free slots. */
  slots: {
    day: 'Jour',
    loading: 'Recherche des créneaux libres…',
    noneThatDay: (day: string) => `Aucun créneau libre le ${day}.`,
    goTo: (day: string) => `Voir le ${day}`,
    times: (day: string) => `Créneaux libres le ${day}`,
  },

  /** « Horaires d'ouverture »: the owner's weekly hours and closures. */
  openingHours: {
    title: 'Horaires d’ouverture',
    intro:
      'Vos clients réservent sur ces horaires, par créneaux d’une heure. En dehors, un message automatique leur dit quand vous répondrez.',
    defaults: 'Vous n’avez pas encore défini vos horaires : le garage reçoit du lundi au samedi, de 8 h à 19 h.',
    weekTitle: 'Semaine',
    weekdays: ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'],
    closed: 'Fermé',
    opens: (day: string, index: number) => `${day} : ouverture${index > 0 ? ` ${index + 1}` : ''}`,
    closes: (day: string, index: number) => `${day} : fermeture${index > 0 ? ` ${index + 1}` : ''}`,
    addPeriod: (day: string) => `Ajouter une plage le ${day.toLowerCase()}`,
    removePeriod: (day: string, index: number) => `Retirer la plage ${index + 1} du ${day.toLowerCase()}`,
    closuresTitle: 'Fermetures',
    noClosures: 'Aucune fermeture prévue.',
    closureFrom: (index: number) => `Fermeture ${index + 1} : du`,
    closureTo: (index: number) => `Fermeture ${index + 1} : au`,
    closureLabel: (index: number) => `Fermeture ${index + 1} : motif (facultatif)`,
    addClosure: 'Ajouter une fermeture',
    removeClosure: (index: number) => `Retirer la fermeture ${index + 1}`,
    save: 'Enregistrer les horaires',
    saving: 'Enregistrement…',
    saved: 'Horaires enregistrés.',
    ownersOnly: 'Seuls les responsables du garage peuvent modifier ses horaires.',
    link: '🕒 Horaires d’ouverture',
  },

  garages: {
    title: 'Trouver un garage',
    city: 'Ville',
    query: 'Nom ou service',
    search: 'Rechercher',
    empty: 'Aucun garage ne correspond à votre recherche.',
    /** « 27 garages · 20 affichés », or « 3 garages » once all are shown. */
    count: (total: number, shown: number) =>
      `${total} garage${total > 1 ? 's' : ''}${shown < total ? ` · ${shown} affichés` : ''}`,
    services: 'Prestations',
    owner: (name: string) => `Garagiste : ${name}`,
    contact: '💬 Contacter',
    backToList: '← Tous les garages',
    book: {
      title: 'Prendre rendez-vous',
      when: 'Créneau',
      service: 'Prestation',
      note: 'Précisions (facultatif)',
      submit: 'Demander le rendez-vous',
      submitting: 'Envoi de la demande…',
      done: 'Votre demande de rendez-vous est envoyée.',
      seeAppointments: 'Voir mes rendez-vous',
    },
  },

  dashboard: {
    title: 'Tableau de bord',
    messagesSection: 'Messages Clients',
    allMessages: 'Voir tous les messages',
    appointmentsSection: 'Rendez-vous du garage',
    noAppointments: "Aucun rendez-vous pour l'instant.",
    manageQuickReplies: '⚡ Réponses rapides',
    team: '👥 Équipe',
  },

  responsiveness: {
    title: 'Réactivité',
    /** The bracket's phrase; `atMostMinutes` null is the open bracket after the last bound. */
    within: (atMostMinutes: (typeof REPLY_TIME_BRACKETS_MINUTES)[number] | null) =>
      atMostMinutes === null ? "plus d'une semaine" : REPLY_WITHIN[atMostMinutes],
    usualReply: (within: string) => `Répond généralement en ${within}`,
    answeredShare: (percent: number) => `Répond à ${percent}\u00a0% des demandes en moins de 24\u00a0h`,
    notEnough: 'Pas encore assez de demandes pour mesurer sa réactivité',
    period: (days: number) => `Sur les ${days} derniers jours`,
    usualReplyLabel: 'Délai de réponse habituel',
    answeredShareLabel: 'Réponses en moins de 24 h',
    noReplyYet: 'Aucune demande répondue pour le moment',
    noShareYet: 'Pas encore mesurable',
    percent: (percent: number) => `${percent}\u00a0%`,
    counts: (requests: number, answered: number) =>
      `${requests} demande${requests > 1 ? 's' : ''}, ${answered} avec réponse`,
    better: (days: number, before: string) => `mieux que les ${days} jours précédents (${before})`,
    worse: (days: number, before: string) => `moins bien que les ${days} jours précédents (${before})`,
    same: (days: number) => `comme les ${days} jours précédents`,
    pointsUp: (points: number, days: number, before: string) =>
      `en hausse de ${points} point${points > 1 ? 's' : ''} par rapport aux ${days} jours précédents (${before})`,
    pointsDown: (points: number, days: number, before: string) =>
      `en baisse de ${points} point${points > 1 ? 's' : ''} par rapport aux ${days} jours précédents (${before})`,
    pointsSame: (days: number, before: string) => `stable par rapport aux ${days} jours précédents (${before})`,
    unavailable: 'La réactivité n’a pas pu être chargée.',
  },

  vehicles: {
    title: 'Mes véhicules',
    intro: 'Choisissez l’un d’eux en prenant rendez-vous : le garage saura de quelle voiture il s’agit.',
    empty: 'Aucun véhicule pour l’instant.',
    add: 'Ajouter un véhicule',
    addTitle: 'Ajouter un véhicule',
    editTitle: 'Modifier le véhicule',
    edit: 'Modifier',
    editLabel: (label: string) => `Modifier ${label}`,
    delete: 'Supprimer',
    deleteLabel: (label: string) => `Supprimer ${label}`,
    confirmDelete: (label: string) => `Supprimer ${label} ? Les rendez-vous déjà pris avec ce véhicule le gardent.`,
    confirmDeleteYes: 'Oui, supprimer',
    confirmDeleteNo: 'Garder',
    details: (year: number, mileage?: number) =>
      mileage === undefined ? `${year}` : `${year} · ${mileage.toLocaleString('fr-FR')} km`,
    plate: 'Immatriculation',
    plateHint: 'Au format AB-123-CD (majuscules, espaces ou tirets facultatifs).',
    plateProblems: {
      format: 'Saisissez une immatriculation au format AB-123-CD : deux lettres, trois chiffres, deux lettres.',
      letter: 'Les lettres I, O et U ne figurent pas sur les immatriculations.',
      prefix: 'Une immatriculation ne commence pas par SS ni par WW.',
      number: 'Le numéro 000 n’existe pas : vérifiez les trois chiffres.',
    } satisfies Record<PlateProblem, string>,
    make: 'Marque',
    model: 'Modèle',
    year: 'Année',
    yearRange: (min: number, max: number) => `Saisissez une année entre ${min} et ${max}.`,
    mileage: 'Kilométrage (facultatif)',
    mileageRange: (max: number) => `Saisissez un nombre entier de kilomètres, de 0 à ${max.toLocaleString('fr-FR')}.`,
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    cancel: 'Annuler',
    backToList: '← Mes véhicules',
    /** In the booking form. */
    choose: 'Véhicule (facultatif)',
    none: 'Aucun véhicule précisé',
    manage: 'Gérer mes véhicules',
  },

  quickReplies: {
    title: 'Réponses rapides',
    intro:
      'Vos réponses enregistrées : dans une conversation, tapez / au début du message ou cliquez sur « ⚡ Réponses rapides » pour en insérer une.',
    listTitle: 'Vos réponses',
    empty: "Aucune réponse rapide pour l'instant.",
    moveUp: (title: string) => `Monter « ${title} »`,
    moveDown: (title: string) => `Descendre « ${title} »`,
    edit: 'Modifier',
    editLabel: (title: string) => `Modifier « ${title} »`,
    delete: 'Supprimer',
    deleteLabel: (title: string) => `Supprimer « ${title} »`,
    confirmDelete: (title: string) => `Supprimer la réponse « ${title} » ?`,
    confirmDeleteYes: 'Oui, supprimer',
    confirmDeleteNo: 'Garder',
    addTitle: 'Nouvelle réponse',
    editTitle: 'Modifier la réponse',
    titleLabel: 'Titre',
    contentLabel: 'Texte',
    placeholdersHint:
      'Complétés dans la conversation : {client} (le client), {garage} (votre garage), {rdv.date} et {rdv.service} (le rendez-vous).',
    save: 'Enregistrer',
    cancel: 'Annuler',
  },

  team: {
    title: 'Équipe du garage',
    intro:
      'Invitez vos collègues : chacun voit les conversations du garage avec ses clients et y répond. Choisissez leur rôle et retirez l’accès de ceux qui partent.',
    membersTitle: (garage: string) => `Membres de ${garage}`,
    you: '(vous)',
    roles: { owner: 'Responsable', staff: 'Membre' } satisfies Record<GarageRole, string>,
    roleLabel: 'Rôle',
    roleOf: (name: string) => `Rôle de ${name}`,
    remove: 'Retirer',
    removeLabel: (name: string) => `Retirer ${name} de l’équipe`,
    confirmRemove: (name: string) => `Retirer ${name} de l’équipe ? Son accès au garage s’arrête aussitôt.`,
    leave: 'Quitter l’équipe',
    confirmLeave: 'Quitter l’équipe ? Vous n’aurez plus accès aux messages du garage.',
    left: 'Vous avez quitté l’équipe du garage.',
    inviteTitle: 'Inviter quelqu’un',
    inviteHint: 'Un e-mail part avec un lien valable 7 jours, utilisable une seule fois.',
    inviteSubmit: 'Envoyer l’invitation',
    invited: (email: string) => `Invitation envoyée à ${email}.`,
    invitationsTitle: 'Invitations en attente',
    noInvitation: 'Aucune invitation en attente.',
    invitationLine: (role: string, expiresAt: string) => `${role} · expire le ${expiresAt}`,
    revoke: 'Annuler',
    revokeLabel: (email: string) => `Annuler l’invitation de ${email}`,
  },

  invitation: {
    title: 'Invitation',
    offer: (inviter: string, garage: string, role: string) =>
      `${inviter} vous invite à rejoindre l’équipe de ${garage} (${role.toLowerCase()}).`,
    forEmail: (email: string) => `Invitation pour ${email}.`,
    registerIntro: 'Créez votre compte garagiste pour rejoindre l’équipe.',
    loginIntro: 'Un compte existe pour cette adresse : saisissez son mot de passe pour rejoindre l’équipe.',
    join: (garage: string) => `Rejoindre ${garage}`,
    createAndJoin: 'Créer mon compte et rejoindre',
    invalid: 'Ce lien d’invitation n’est pas valable : il a peut-être été remplacé par une invitation plus récente.',
    expired: 'Cette invitation a expiré : demandez-en une nouvelle au garage.',
    used: 'Cette invitation a déjà été utilisée.',
    alreadyInGarage: 'Votre compte fait déjà partie d’un garage : quittez-le d’abord.',
    notInvitedAccount: 'Cette invitation est destinée à une autre adresse e-mail.',
  },

  chat: {
    clientPageTitle: 'Mes messages',
    garagePageTitle: 'Messages clients',
    conversations: 'Conversations',
    noConversation: "Aucune conversation pour l'instant",
    noConversationHint: 'Les conversations apparaissent après le premier message envoyé.',
    loadMoreConversations: 'Afficher plus de conversations',
    folderLabel: 'Dossier',
    folders: {
      inbox: 'Boîte de réception',
      archived: 'Archivées',
    } satisfies Record<ConversationFolder, string>,
    noArchived: 'Aucune conversation archivée',
    noArchivedHint:
      'Une conversation marquée comme traitée est rangée ici ; un nouveau message la remet dans la boîte de réception.',
    archive: 'Marquer comme traité',
    unarchive: 'Remettre dans la boîte de réception',
    archivedDone: 'Conversation marquée comme traitée : elle est rangée dans « Archivées ».',
    unarchivedDone: 'Conversation remise dans la boîte de réception.',
    pickConversation: 'Sélectionnez une conversation pour afficher les messages.',
    backToList: 'Retour aux conversations',
    you: 'Vous : ',
    /** Who of the garage wrote a message, above it and before its preview (« Marc · Garage Dupont »). */
    author: (name: string, garageName: string) => `${name} · ${garageName}`,
    /** Before a colleague's or a garage member's message in the conversation list. */
    authorPrefix: (name: string) => `${name} : `,
    readByGarage: 'Lu par le garage',
    noMessageYet: "Aucun message pour l'instant. Écrivez le premier !",
    threadLabel: (name: string) => `Messages avec ${name}`,
    loadOlder: 'Charger les messages précédents',
    typing: (name: string) => `${name} est en train d'écrire…`,
    composerLabel: 'Votre message',
    composerPlaceholder: 'Écrivez votre message…',
    composerHint: 'Entrée pour envoyer · Maj+Entrée pour aller à la ligne',
    send: 'Envoyer',
    sendIcon: '➤',
    charactersLeft: (left: number) => `${left} caractères restants`,
    aboutLabel: 'Rendez-vous concerné',
    aboutToggle: 'Lier le message à un rendez-vous',
    aboutIcon: '📅',
    /** The thread header's line on the booking the messages are about. */
    threadBooking: (summary: string, status: string) => `📅 ${summary} · ${status}`,
    aboutNone: 'Aucun rendez-vous en particulier',
    aboutAppointment: (summary: string, status: string) => `📅 À propos du rendez-vous : ${summary} · ${status}`,
    aboutUnknownAppointment: "📅 À propos d'un rendez-vous",
    status: {
      pending: 'Envoi en cours',
      sent: 'Envoyé',
      read: 'Lu',
      failed: 'Non envoyé',
    },
    retry: 'Réessayer',
    unknownUser: 'Utilisateur',
    newMessagesDivider: 'Nouveaux messages',
    jumpToNew: (count: number) => (count === 1 ? '↓ 1 nouveau message' : `↓ ${count} nouveaux messages`),
    edit: 'Modifier',
    delete: 'Supprimer',
    messageActions: 'Votre message',
    editLabel: 'Modifier le message',
    saveEdit: 'Enregistrer',
    cancelEdit: 'Annuler',
    edited: 'modifié',
    deletedMessage: 'Message supprimé',
    quickReplies: 'Réponses rapides',
    quickRepliesButton: 'Réponses rapides',
    quickRepliesIcon: '⚡',
    quickRepliesHint: 'Astuce : tapez / au début du message pour choisir une réponse rapide',
    /** As the API writes it: « …, Vidange (Renault Clio · AB-123-CD). Motif : … ». */
    bookingNotice: (action: BookingEventAction, when: string, service: string, reason?: string, vehicle?: string) =>
      `${BOOKING_NOTICE_TITLES[action]} — ${when}, ${service}${vehicle ? ` (${vehicle})` : ''}${reason ? `. Motif : ${reason}` : ''}`,
    /** The thread header's line on the vehicle the conversation is about. */
    threadVehicle: (vehicle: string) => `🚗 ${vehicle}`,
    attachments: {
      attach: 'Joindre',
      attachIcon: '📎',
      attachLabel: 'Joindre des photos ou un PDF',
      camera: 'Photo',
      cameraIcon: '📷',
      cameraLabel: 'Prendre une photo',
      remove: (name: string) => `Retirer ${name}`,
      dropHint: 'Déposez vos photos ou PDF ici',
      refusedType: (name: string) => `« ${name} » n’est pas accepté : envoyez une photo (JPEG, PNG ou WebP) ou un PDF.`,
      refusedSize: (name: string) => `« ${name} » dépasse 10 Mo.`,
      tooMany: (max: number) => `${max} fichiers au plus par message.`,
      uploading: (name: string) => `Envoi de ${name}`,
      openPhoto: (name: string) => `Agrandir la photo ${name}`,
      download: (name: string, size: string) => `Télécharger ${name} (${size})`,
      viewerLabel: 'Photo en plein écran',
      closeViewer: 'Fermer',
      previousPhoto: 'Photo précédente',
      nextPhoto: 'Photo suivante',
      photoPosition: (position: number, count: number) => `Photo ${position} sur ${count}`,
    },
  },

  share: {
    title: 'Envoyer à…',
    pick: 'Choisissez la conversation',
    noConversation:
      'Aucune conversation pour l’instant : écrivez d’abord à un garage (ou à un client), puis partagez de nouveau.',
    nothing: 'Il n’y a plus rien à envoyer : ce partage a déjà été envoyé ou abandonné.',
    cancel: 'Annuler',
    home: 'Retour à l’accueil',
  },

  tab: {
    unreadTitle: (count: number) => `(${count}) Messages — Promoto`,
    newMessage: 'Nouveau message',
  },

  settings: {
    title: 'Paramètres',
    emailTitle: 'E-mails',
    emailEnabled: 'M’envoyer un e-mail quand un message reste non lu',
    delay: 'Délai avant l’e-mail',
    delayHint: 'Un seul e-mail par conversation ; lire la conversation avant l’annule.',
    defaultDelay: (seconds: number) => `Par défaut (${frDuration(seconds)})`,
    duration: (seconds: number) => frDuration(seconds),
    save: 'Enregistrer',
    saved: 'Préférences enregistrées.',
    pushTitle: 'Notifications sur cet appareil',
    pushOn: 'Cet appareil reçoit une notification à chaque message quand Promoto n’est pas ouvert.',
    pushOff: 'Recevez une notification sur cet appareil à chaque message quand Promoto n’est pas ouvert.',
    pushEnable: 'Activer sur cet appareil',
    pushDisable: 'Désactiver sur cet appareil',
    pushBlocked: 'Les notifications sont bloquées pour Promoto dans ce navigateur : autorisez-les dans ses réglages.',
    pushUnsupported: 'Ce navigateur ne peut pas recevoir de notifications de Promoto.',
    sessionsTitle: 'Appareils connectés',
    sessionsIntro:
      'Vous avez oublié de vous déconnecter sur un autre appareil, ou vous l’avez perdu ? Fermez toutes vos sessions, celle-ci comprise : il faudra vous reconnecter partout.',
    logoutEverywhere: 'Se déconnecter partout',
    loggedOutEverywhere: 'Vous êtes déconnecté de tous vos appareils.',
    pushUnavailable: 'Les notifications ne sont pas disponibles pour le moment.',
    deleteAccount: {
      title: 'Supprimer mon compte',
      intro:
        'Votre profil, vos préférences, vos notifications et vos fichiers sont effacés. Vos messages restent lisibles par les personnes à qui vous avez écrit, sous le nom « Compte supprimé » ; les garages gardent leurs rendez-vous. Vous pouvez d’abord télécharger une copie de vos données ci-dessus.',
      password: 'Votre mot de passe, pour confirmer',
      submit: 'Supprimer définitivement mon compte',
      deleting: 'Suppression…',
      wrongPassword: 'Ce mot de passe n’est pas celui de votre compte : il n’a pas été supprimé.',
      done: 'Votre compte a été supprimé.',
    },
    myData: {
      title: 'Mes données',
      intro:
        'Téléchargez une copie de tout ce que Promoto conserve sur vous : votre profil, vos rendez-vous, vos conversations avec leurs photos et documents, vos préférences de notification et les e-mails envoyés. Elle est préparée en quelques instants ; un e-mail vous prévient quand elle est prête.',
      request: 'Demander une copie de mes données',
      requestAgain: 'Demander une nouvelle copie',
      pending: 'Votre copie est en préparation… Vous pouvez quitter cette page : un e-mail vous préviendra.',
      ready: (until: string) => `Votre copie est prête. Le lien de téléchargement fonctionne jusqu’au ${until}.`,
      download: (megabytes: string) => `Télécharger mes données (ZIP, ${megabytes} Mo)`,
      expired: 'Le lien de votre dernière copie a expiré : demandez-en une nouvelle.',
      failed: 'La préparation de votre copie a échoué : demandez-en une nouvelle.',
    },
  },

  /** « Données personnelles »: what Promoto keeps about a person, why and for how long, in plain words. */
  personalData: {
    title: 'Données personnelles',
    intro:
      'Voici ce que Promoto conserve sur vous, pourquoi, et pendant combien de temps. Nous ne vendons vos données à personne et ne nous en servons pas pour de la publicité.',
    what: 'Ce que nous gardons',
    why: 'Pourquoi',
    howLong: 'Combien de temps',
    items: [
      {
        title: 'Votre compte',
        what: 'Votre adresse e-mail, votre nom, votre rôle (client ou garagiste) et, pour un garagiste, son garage. Votre mot de passe n’est jamais gardé en clair : seulement une empreinte qui permet de le vérifier.',
        why: 'Pour vous connecter et pour que les garages ou les clients sachent à qui ils écrivent.',
        howLong: 'Tant que votre compte existe. Il est effacé dès que vous le supprimez.',
      },
      {
        title: 'Vos conversations, photos et documents',
        what: 'Les messages que vous échangez et les fichiers que vous y joignez.',
        why: 'Pour que vous et votre interlocuteur retrouviez ce qui a été dit et envoyé.',
        howLong:
          'Tant que l’un de vous deux a un compte, ou moins si Promoto efface les conversations sans nouveau message depuis un certain temps. Si vous supprimez votre compte, vos fichiers sont effacés ; vos messages restent lisibles par la personne à qui vous les avez écrits, sous le nom « Compte supprimé ».',
      },
      {
        title: 'Vos rendez-vous',
        what: 'Le garage, la date, la prestation, votre nom et votre note éventuelle.',
        why: 'Pour organiser la réparation de votre véhicule.',
        howLong:
          'Le garage les garde même après la suppression de votre compte : ce sont les traces de ses devis et de son travail, que la loi lui permet et lui demande de conserver.',
      },
      {
        title: 'Vos préférences de notification',
        what: 'Si vous voulez des e-mails et des notifications, leur délai, et les navigateurs abonnés aux notifications.',
        why: 'Pour vous prévenir d’un message quand vous n’êtes pas sur Promoto, comme vous l’avez choisi.',
        howLong: 'Jusqu’à ce que vous les changiez, ou que vous supprimiez votre compte.',
      },
      {
        title: 'Les e-mails envoyés',
        what: 'La trace des e-mails qui vous ont prévenu de messages non lus (pas leur contenu).',
        why: 'Pour ne jamais vous écrire deux fois pour les mêmes messages.',
        howLong: '30 jours après l’envoi.',
      },
      {
        title: 'Vos connexions',
        what: 'Chaque appareil connecté à votre compte et sa date d’expiration.',
        why: 'Pour vous garder connecté en sécurité, et pouvoir tout déconnecter si vous perdez un appareil.',
        howLong: 'Jusqu’à leur expiration, puis 30 jours après leur fin.',
      },
      {
        title: 'Les copies de vos données',
        what: 'Le fichier que vous demandez dans « Mes données ».',
        why: 'Pour vous le remettre.',
        howLong: '7 jours après sa préparation, puis il est effacé.',
      },
    ],
    rightsTitle: 'Vos droits',
    rights:
      'Dans vos paramètres, « Mes données » vous donne une copie de tout ce que nous conservons sur vous, et « Supprimer mon compte » l’efface, comme le prévoit le RGPD. Vous pouvez aussi vous adresser à la CNIL.',
    settingsLink: 'Voir mes paramètres',
    readMore: 'Ce que Promoto conserve sur vous',
  },

  time: {
    justNow: "à l'instant",
    minutesAgo: (minutes: number) => `il y a ${minutes} min`,
    hoursAgo: (hours: number) => `il y a ${hours} h`,
    daysAgo: (days: number) => (days === 1 ? 'hier' : days === 2 ? 'avant-hier' : `il y a ${days} j`),
    today: "Aujourd'hui",
    yesterday: 'Hier',
    bookingAt: (day: string, hour: number, minutes: number | null) =>
      `${day} à ${hour} h${minutes === null ? '' : ` ${String(minutes).padStart(2, '0')}`}`,
  },
} as const;
