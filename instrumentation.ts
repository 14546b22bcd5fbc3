/**
 * Runs once when the app server starts: background workers live here (outbox delivery, scheduled
 * jobs). Only in the Node.js runtime, and not while `next build` collects pages.
 * MAIL_SENDER=off and JOBS=off disable them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  if (process.env.MAIL_SENDER !== 'off') {
    const { startMailWorker } = await import('./lib/server/workers/mail-worker');
    startMailWorker();
  }
  if (process.env.JOBS !== 'off') {
    const { startJobRunner } = await import('./lib/server/workers/job-runner');
    startJobRunner();
  }
}
