import type { GarageRole } from '@promoto/shared-dto';
import type { OutgoingEmail } from '../notifications/mailer';
import { escapeHtml, oneLine } from '../notifications/email-text';

export interface InvitationEmailContent {
  to: string;
  inviterName: string;
  garageName: string;
  role: GarageRole;
  link: string;
  expiresAt: Date;
}

const ROLE_NAMES: Record<GarageRole, string> = { owner: 'responsable', staff: 'membre' };

const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** The French e-mail that carries an invitation's link, as plain text and HTML with the same content. */
export function composeInvitationEmail(content: InvitationEmailContent): OutgoingEmail {
  const inviter = oneLine(content.inviterName);
  const garage = oneLine(content.garageName);
  const subject = `${inviter} vous invite à rejoindre ${garage} sur Promoto`;
  const intro = `${inviter} vous invite à rejoindre l'équipe de ${garage} sur Promoto, en tant que ${ROLE_NAMES[content.role]} : vous verrez les messages des clients du garage et pourrez leur répondre.`;
  const validity = `Ce lien ne sert qu'une fois et expire le ${date.format(content.expiresAt)}.`;
  const ignore = 'Si vous ne connaissez pas ce garage, ignorez cet e-mail : rien ne se passera.';
  const text = ['Bonjour,', '', intro, '', `Accepter l'invitation : ${content.link}`, '', validity, ignore].join('\n');
  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;color:#1c1917;max-width:560px">
<p>Bonjour,</p>
<p>${escapeHtml(intro)}</p>
<p style="margin:24px 0"><a href="${escapeHtml(content.link)}" style="display:inline-block;background:#2563eb;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">Accepter l'invitation</a></p>
<p style="font-size:12px;color:#57534e">${escapeHtml(validity)}<br>${escapeHtml(ignore)}</p>
</body>
</html>`;
  return { to: content.to, subject, text, html, headers: {} };
}
