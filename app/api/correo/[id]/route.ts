import { getDb } from '@/db/client';
import { DEFAULT_FROM, buildEml } from '@/lib/server/notices/transport';
import { errorResponse } from '@/lib/server/core/route';
import { AppError } from '@/lib/server/core/errors';
import { getOutboxMessage } from '@/lib/server/notices/outbox-view';
import { requireSupervisor } from '@/lib/server/supervision/access';

/** One outgoing message as an .eml download (supervisors and admins). */
export async function GET(_request: Request, ctx: RouteContext<'/api/correo/[id]'>) {
  try {
    await requireSupervisor();
    const id = Number((await ctx.params).id);
    const found = Number.isInteger(id) && id > 0 ? getOutboxMessage(getDb(), id) : null;
    if (!found) throw new AppError('NOT_FOUND');
    const { mail } = found;
    const eml = await buildEml({
      from: process.env.MAIL_FROM ?? DEFAULT_FROM,
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
  } catch (error) {
    return errorResponse(error);
  }
}
