import { env } from '@/lib/env';
import { AppError } from '@/lib/server/core/errors';
import { route } from '@/lib/server/core/route';
import { getOutboxMessage } from '@/lib/server/notices/outbox-view';
import { buildEml } from '@/lib/server/notices/transport';

/** One outgoing message as an .eml download (supervisors and admins). */
export const GET = route({ access: 'supervision' }, async (ctx, _query, { params }) => {
  const { mail } = await getOutboxMessage(ctx, { id: params.id });
  // A webhook POST is no e-mail: its JSON is on the message page.
  if (mail.medium === 'webhook') throw new AppError('NOT_FOUND', 'not an e-mail');
  const eml = await buildEml({
    from: env().MAIL_FROM,
    to: mail.toAddress,
    subject: mail.subject,
    text: mail.bodyText,
    html: mail.bodyHtml,
    messageId: mail.messageId,
  });
  return new Response(new Uint8Array(eml), {
    headers: {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="mensaje-${mail.id}.eml"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
