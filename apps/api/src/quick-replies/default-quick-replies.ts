/** The replies a garage starts with: what garagistes write all day, with the thread's placeholders. */
export const DEFAULT_QUICK_REPLIES: readonly { title: string; content: string }[] = [
  {
    title: 'Dépôt du véhicule',
    content: 'Bonjour {client}, vous pouvez déposer le véhicule à 8 h, nous nous en occupons dans la matinée.',
  },
  {
    title: 'Rendez-vous confirmé',
    content: "C'est noté {client} : nous vous attendons le {rdv.date} pour {rdv.service}. À bientôt chez {garage} !",
  },
  {
    title: 'Devis prêt',
    content: 'Bonjour {client}, le devis est prêt. Dites-nous si vous souhaitez que nous lancions les travaux.',
  },
  {
    title: 'Pièce commandée',
    content: "La pièce est commandée, nous vous prévenons dès qu'elle arrive.",
  },
  {
    title: 'Véhicule prêt',
    content: 'Bonjour {client}, votre véhicule est prêt : vous pouvez venir le récupérer chez {garage}.',
  },
];
