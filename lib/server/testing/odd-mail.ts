import { plainMessage } from './imap-client';

/**
 * Messages that cannot be taken whole (issue 19 §3), for a mailbox of `user` (their Message-IDs
 * carry it): a body whose multipart boundary never appears, one of 1.5 MB (over a 1 MB limit), a
 * delivery report from the mailer daemon, and spam the receiving server flagged.
 */
export function oddMessages(user: string) {
  const malformed = [
    'From: Rosa Díaz <rosa@example.co>',
    'Subject: Queja por el servicio de aseo',
    `Message-ID: <roto.${user}@example.co>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="nunca-aparece"',
    '',
    'Este cuerpo no tiene el límite que declara.',
    '',
  ].join('\r\n');
  const oversize = [
    'From: Luis Gómez <luis@example.co>',
    'Subject: Envío las fotos del daño',
    `Message-ID: <grande.${user}@example.co>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Adjunto las fotos del daño en el andén frente a mi casa.',
    '--b1',
    'Content-Type: image/jpeg; name="fotos.jpg"',
    'Content-Disposition: attachment; filename="fotos.jpg"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.alloc(1_500_000, 7).toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--b1--',
    '',
  ].join('\r\n');
  const bounce = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.co>',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <rebote.${user}@mx.example.co>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"',
    '',
    '--r1',
    'Content-Type: text/plain',
    '',
    'The mail system could not deliver your message.',
    '--r1--',
    '',
  ].join('\r\n');
  const spam = plainMessage({
    from: 'ofertas@premios.example',
    subject: 'Ganó un premio',
    text: 'Reclame su premio hoy.',
    messageId: `<spam.${user}@premios.example>`,
    headers: { 'X-Spam-Flag': 'YES' },
  });
  return { malformed, oversize, bounce, spam };
}
