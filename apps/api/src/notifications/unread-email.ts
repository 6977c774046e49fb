import { escapeHtml, oneLine } from './email-text';
import type { OutgoingEmail } from './mailer';

export interface UnreadEmailContent {
  to: string;
  recipientName: string;
  /** The other person as the recipient knows them: the garage's name for a garagiste. */
  senderName: string;
  unreadCount: number;
  /** The latest unread messages, oldest first. */
  messages: { content: string; createdAt: Date }[];
  appointment?: { service: string; garageName: string; scheduledAt: Date };
  /** « Prendre rendez-vous », when an unread message is a reminder on one of the client's vehicles. */
  bookingUrl?: string;
  threadUrl: string;
  settingsUrl: string;
  unsubscribeUrl: string;
}

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});
const time = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * The French e-mail about a conversation left unread: plain text and HTML with the same content,
 * every user-written string escaped in the HTML, and the one-click unsubscribe headers (RFC 8058).
 */
export function composeUnreadEmail(content: UnreadEmailContent): OutgoingEmail {
  const sender = oneLine(content.senderName);
  const subject =
    content.unreadCount === 1
      ? `Nouveau message de ${sender} sur Promoto`
      : `${content.unreadCount} messages non lus de ${sender} sur Promoto`;
  const intro =
    content.unreadCount === 1
      ? `${sender} vous a écrit sur Promoto :`
      : `${sender} vous a écrit ${content.unreadCount} messages sur Promoto. Les derniers :`;
  const hidden = content.unreadCount - content.messages.length;
  const booking = content.appointment
    ? `Rendez-vous concerné : ${content.appointment.service} chez ${content.appointment.garageName}, ${dateTime.format(content.appointment.scheduledAt)}`
    : null;
  const footer = 'Vous recevez cet e-mail parce qu’un message vous attend sur Promoto depuis un moment.';

  const text = [
    `Bonjour ${oneLine(content.recipientName)},`,
    '',
    intro,
    '',
    ...content.messages.map((message) => `[${time.format(message.createdAt)}] ${message.content}`),
    ...(hidden > 0 ? [`… et ${hidden} message(s) plus ancien(s).`] : []),
    '',
    ...(booking ? [booking, ''] : []),
    ...(content.bookingUrl ? [`Prendre rendez-vous : ${content.bookingUrl}`, ''] : []),
    `Répondre : ${content.threadUrl}`,
    '',
    '--',
    footer,
    `Gérer vos notifications : ${content.settingsUrl}`,
    `Ne plus recevoir ces e-mails : ${content.unsubscribeUrl}`,
  ].join('\n');

  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f5f4;font-family:Arial,Helvetica,sans-serif;color:#1c1917">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p>Bonjour ${escapeHtml(oneLine(content.recipientName))},</p>
<p>${escapeHtml(intro)}</p>
${content.messages
  .map(
    (message) =>
      `<blockquote style="margin:12px 0;padding:8px 12px;border-left:4px solid #2563eb;background:#f8fafc;white-space:pre-wrap">` +
      `<small style="color:#57534e">${escapeHtml(time.format(message.createdAt))}</small><br>${escapeHtml(message.content)}</blockquote>`,
  )
  .join('\n')}
${hidden > 0 ? `<p style="color:#57534e">… et ${hidden} message(s) plus ancien(s).</p>` : ''}
${booking ? `<p><strong>${escapeHtml(booking)}</strong></p>` : ''}
${content.bookingUrl ? `<p style="margin:24px 0"><a href="${escapeHtml(content.bookingUrl)}" style="display:inline-block;background:#16a34a;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">Prendre rendez-vous</a></p>` : ''}
<p style="margin:24px 0"><a href="${escapeHtml(content.threadUrl)}" style="display:inline-block;background:#2563eb;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">Répondre dans Promoto</a></p>
<hr style="border:none;border-top:1px solid #e7e5e4">
<p style="font-size:12px;color:#57534e">${escapeHtml(footer)}<br>
<a href="${escapeHtml(content.settingsUrl)}">Gérer vos notifications</a> · <a href="${escapeHtml(content.unsubscribeUrl)}">Ne plus recevoir ces e-mails</a></p>
</div>
</body>
</html>
`;

  return {
    to: content.to,
    subject,
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${content.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
