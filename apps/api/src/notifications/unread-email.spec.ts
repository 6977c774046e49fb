import { composeUnreadEmail } from './unread-email';

describe('composeUnreadEmail', () => {
  const base = {
    to: 'marc@example.test',
    recipientName: 'Marc',
    senderName: 'Camille',
    threadUrl: 'http://localhost:4200/garage/messages?user=65a1b2c3d4e5f60718293a4b',
    settingsUrl: 'http://localhost:4200/garage/settings',
    unsubscribeUrl: 'http://localhost:4200/api/notifications/unsubscribe?token=t',
  };

  it('says how many older unread messages it does not quote', () => {
    const email = composeUnreadEmail({
      ...base,
      unreadCount: 7,
      messages: [{ content: 'Dernier', createdAt: new Date('2026-11-28T10:00:00Z') }],
    });
    expect(email.subject).toBe('7 messages non lus de Camille sur Promoto');
    expect(email.text).toContain('[28/11/2026 11:00] Dernier');
    expect(email.text).toContain('… et 6 message(s) plus ancien(s).');
    expect(email.html).toContain('… et 6 message(s) plus ancien(s).');
  });

  it('keeps a name with line breaks on one header line', () => {
    const email = composeUnreadEmail({
      ...base,
      senderName: 'Camille\r\nBcc: x@example.test',
      unreadCount: 1,
      messages: [{ content: 'Bonjour', createdAt: new Date() }],
    });
    expect(email.subject).toBe('Nouveau message de Camille Bcc: x@example.test sur Promoto');
    expect(email.headers).toEqual({
      'List-Unsubscribe': `<${base.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('offers « Prendre rendez-vous » for a vehicle reminder, in the text and as a button', () => {
    const bookingUrl = 'http://localhost:4200/app/garage/65a1b2c3d4e5f60718293a4c?vehicle=65a1b2c3d4e5f60718293a4d';
    const email = composeUnreadEmail({
      ...base,
      unreadCount: 1,
      messages: [
        { content: 'Rappel de Garage du Parc pour votre Renault Clio · AB-123-CD : Vidange', createdAt: new Date() },
      ],
      bookingUrl,
    });
    expect(email.text).toContain(`Prendre rendez-vous : ${bookingUrl}`);
    expect(email.html).toContain(`<a href="${bookingUrl}"`);
    expect(email.html).toContain('>Prendre rendez-vous</a>');
    expect(composeUnreadEmail({ ...base, unreadCount: 1, messages: [] }).text).not.toContain('Prendre rendez-vous');
  });
});
