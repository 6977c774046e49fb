/** The Mailpit that `npm test` starts (SMTP_URL in, MAILPIT_URL's API out), read over its HTTP API. */
export interface MailpitSettings {
  smtpUrl: string;
  apiUrl: string;
}

export function testMailpit(): MailpitSettings {
  const smtpUrl = process.env['SMTP_URL'];
  const apiUrl = process.env['MAILPIT_URL'];
  if (!smtpUrl || !apiUrl)
    throw new Error('SMTP_URL and MAILPIT_URL are not set: run the tests through `npm test` (it starts Mailpit)');
  return { smtpUrl, apiUrl };
}

export interface MailSummary {
  ID: string;
  Subject: string;
  To: { Address: string }[];
}

export interface MailMessage extends MailSummary {
  HTML: string;
  Text: string;
}

export async function mailsTo(apiUrl: string, address: string): Promise<MailSummary[]> {
  const response = await fetch(`${apiUrl}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}`);
  if (!response.ok) throw new Error(`Mailpit search answered ${response.status}`);
  return ((await response.json()) as { messages: MailSummary[] }).messages;
}

export async function mailMessage(apiUrl: string, id: string): Promise<MailMessage> {
  const response = await fetch(`${apiUrl}/api/v1/message/${id}`);
  if (!response.ok) throw new Error(`Mailpit message answered ${response.status}`);
  return (await response.json()) as MailMessage;
}

export async function mailHeaders(apiUrl: string, id: string): Promise<Record<string, string[]>> {
  const response = await fetch(`${apiUrl}/api/v1/message/${id}/headers`);
  if (!response.ok) throw new Error(`Mailpit headers answered ${response.status}`);
  return (await response.json()) as Record<string, string[]>;
}
