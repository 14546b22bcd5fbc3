/**
 * Runs once when the app server starts: background workers live here (outbox delivery, scheduled
 * jobs, the inbound SMTP listener). Only in the Node.js runtime, and not while `next build`
 * collects pages. MAIL_SENDER=off and JOBS=off disable them; INBOUND_SMTP_PORT starts the listener.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // The dev server may register again after a reload: the workers start once per process.
  const started = globalThis as { ventanillaWorkers?: boolean };
  if (started.ventanillaWorkers) return;
  started.ventanillaWorkers = true;
  if (process.env.MAIL_SENDER !== 'off') {
    const { startMailWorker } = await import('./lib/server/notices/mail-worker');
    startMailWorker();
  }
  const inboundPort = Number(process.env.INBOUND_SMTP_PORT);
  if (Number.isInteger(inboundPort) && inboundPort > 0) {
    const { startInboundSmtp } = await import('./lib/server/intake/mail-server');
    try {
      await startInboundSmtp({ port: inboundPort, host: process.env.INBOUND_SMTP_HOST });
    } catch (error) {
      console.error(`inbound SMTP: could not listen on port ${inboundPort}:`, error);
    }
  }
  if (process.env.JOBS !== 'off') {
    const { startJobRunner } = await import('./lib/server/jobs/job-runner');
    startJobRunner();
  }
}
