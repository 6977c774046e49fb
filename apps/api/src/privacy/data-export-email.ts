import { frenchDay, frenchTimeAt } from '../common/french-dates';
import { escapeHtml, oneLine } from '../notifications/email-text';
import type { OutgoingEmail } from '../notifications/mailer';

export interface DataExportEmailContent {
  to: string;
  recipientName: string;
  /** The signed link to the zip, absolute. */
  downloadUrl: string;
  /** The settings page, where another copy can be asked for. */
  settingsUrl: string;
  expiresAt: Date;
}

/** The e-mail that says a person's copy of their data is ready, with its link and until when it works. */
export function dataExportEmail(content: DataExportEmailContent): OutgoingEmail {
  const subject = 'Votre copie de vos données Promoto est prête';
  const until = `${frenchDay(content.expiresAt)} à ${frenchTimeAt(content.expiresAt)}`;
  const intro = 'La copie de vos données que vous avez demandée dans « Mes données » est prête.';
  const validity = `Ce lien fonctionne jusqu'au ${until} ; après, demandez-en une nouvelle dans vos paramètres.`;
  const text = `Bonjour ${oneLine(content.recipientName)},

${intro}
Téléchargez-la ici : ${content.downloadUrl}

${validity}
${content.settingsUrl}
`;
  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1c1917;line-height:1.5">
<p>Bonjour ${escapeHtml(oneLine(content.recipientName))},</p>
<p>${escapeHtml(intro)}</p>
<p style="margin:24px 0"><a href="${escapeHtml(content.downloadUrl)}" style="display:inline-block;background:#2563eb;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">Télécharger mes données</a></p>
<p style="font-size:12px;color:#57534e">${escapeHtml(validity)}<br>
<a href="${escapeHtml(content.settingsUrl)}">Mes paramètres</a></p>
</body>
</html>
`;
  return { to: content.to, subject, text, html, headers: { 'Auto-Submitted': 'auto-generated' } };
}
