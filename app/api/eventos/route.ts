import { requestCtx } from '@/lib/server/core/context';
import { route } from '@/lib/server/core/route';
import { subscribe } from '@/lib/server/notices/live';
import { unreadCount } from '@/lib/server/notices/notifications';

export const dynamic = 'force-dynamic';

const KEEP_ALIVE_MS = 20_000;

/**
 * The staff's live channel (server-sent events, issue 14 §4): `bell` with the unread count when it
 * changes, `cases` with the ids of cases that changed, `presence` with a case whose people
 * present changed. Pages refresh what they show; nothing here
 * carries case content, so the page's own checks still decide what the person may read.
 */
export const GET = route({ access: 'staff' }, (ctx, _input, { request }) => {
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => {
        try {
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          stop();
        }
      };
      let unread = await unreadCount(ctx);
      send('bell', { unread });
      const unsubscribe = subscribe((change) => {
        if (change.caseIds.length > 0) send('cases', { caseIds: change.caseIds });
        if (change.presence !== undefined) send('presence', { caseId: change.presence });
        if (!change.bellUserIds.includes(ctx.actor.id ?? -1)) return;
        void unreadCount(requestCtx(ctx.actor)).then((count) => {
          if (count === unread) return;
          unread = count;
          send('bell', { unread });
        });
      });
      const keepAlive = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(': keep-alive\n\n'));
        } catch {
          stop();
        }
      }, KEEP_ALIVE_MS);
      stop = () => {
        unsubscribe();
        clearInterval(keepAlive);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener('abort', () => stop());
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps the server's compression from holding events back.
      'Cache-Control': 'private, no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
});
