import { expect, test } from '@playwright/test';
import { createTransport } from 'nodemailer';

/**
 * The development Mailpit's own web page (its UI is built by tools/mailpit/mailpit.mjs, since
 * the Go module lacks it): a developer opens it and sees the e-mails sent to it.
 */
test('Mailpit’s web page lists an e-mail sent to its SMTP server', async ({ page }) => {
  const smtpUrl = process.env['SMTP_URL'];
  const mailpitUrl = process.env['MAILPIT_URL'];
  if (!smtpUrl || !mailpitUrl) throw new Error('SMTP_URL and MAILPIT_URL are set by npm test (its Mailpit)');
  const subject = `Votre véhicule est prêt ${Date.now().toString(36)}`;
  await createTransport(smtpUrl).sendMail({
    from: 'Promoto <notifications@promoto.localhost>',
    to: 'camille@promoto.test',
    subject,
    text: 'Bonjour Camille, votre Clio vous attend au Garage Dupont.',
  });

  const scriptErrors: string[] = [];
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  await page.goto(mailpitUrl);
  await expect(page.getByText(subject)).toBeVisible();
  await page.getByText(subject).click();
  await expect(page.getByText('Bonjour Camille, votre Clio vous attend au Garage Dupont.')).toBeVisible();
  expect(scriptErrors).toEqual([]);
});
