/** The small French pages the unsubscribe link opens (no session: no app around them). */
const page = (title: string, body: string) => `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Promoto</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:48px auto;padding:0 16px;color:#1c1917">
<h1 style="font-size:1.4rem">${title}</h1>
${body}
</body>
</html>
`;

/** Asks before unsubscribing: a link opened by a mail scanner must not switch e-mails off. */
export const confirmUnsubscribePage = (actionUrl: string) =>
  page(
    'Ne plus recevoir d’e-mails',
    `<p>Vous ne recevrez plus d’e-mail quand un message reste non lu sur Promoto.</p>
<form method="post" action="${actionUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">
<button type="submit" style="background:#2563eb;color:#fff;border:none;border-radius:6px;padding:12px 20px;font-size:1rem">Confirmer</button>
</form>`,
  );

export const unsubscribedPage = () =>
  page(
    'C’est noté',
    '<p>Vous ne recevrez plus d’e-mail pour les messages non lus. Vous pouvez les réactiver dans les paramètres de votre compte Promoto.</p>',
  );
