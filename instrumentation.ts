/**
 * Runs once when the app server starts: background workers live here (outbox delivery). Only in
 * the Node.js runtime, and not while `next build` collects pages. MAIL_SENDER=off disables it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  if (process.env.MAIL_SENDER === 'off') return;
  const { startMailWorker } = await import('./lib/server/workers/mail-worker');
  startMailWorker();
}
