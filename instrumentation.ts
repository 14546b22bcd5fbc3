/**
 * Runs once when the app server starts: background workers live here (outbox delivery, scheduled
 * jobs, the mailbox pull, the inbound SMTP listener). Only in the Node.js runtime, and not while
 * `next build` collects pages (NEXT_RUNTIME and NEXT_PHASE are the framework's own variables).
 * MAIL_SENDER=off, MAILBOXES=off and JOBS=off disable them; INBOUND_SMTP_PORT starts the
 * listener, with the limits, relays, TLS and AUTH the other INBOUND_SMTP_* variables configure. A wrong variable stops the start here
 * with a message naming it (lib/env.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // The dev server may register again after a reload: the workers start once per process.
  const started = globalThis as { ventanillaWorkers?: boolean };
  if (started.ventanillaWorkers) return;
  started.ventanillaWorkers = true;

  const { env } = await import('./lib/env');
  const config = env();
  if (config.DATABASE_URL) {
    // The same check as `npm start`'s, for a server started directly (the e2e suite, a service
    // unit): a wrong DATABASE_URL stops it with one line; the pool itself opens on first use.
    const { openPgOrExit } = await import('./db/pg/connect');
    const { closePg } = await import('./db/pg/client');
    await closePg(await openPgOrExit(config.DATABASE_URL));
  }
  if (config.MAIL_SENDER) {
    const { startMailWorker } = await import('./lib/server/notices/mail-worker');
    startMailWorker(config);
  }
  const inboundPort = config.INBOUND_SMTP_PORT;
  if (inboundPort !== undefined) {
    const { startInboundSmtp } = await import('./lib/server/intake/mail-server');
    const { mailPolicyFromEnv } = await import('./lib/server/intake/mail-policy');
    try {
      await startInboundSmtp({
        port: inboundPort,
        host: config.INBOUND_SMTP_HOST,
        ...mailPolicyFromEnv(config),
      });
    } catch (error) {
      console.error(`inbound SMTP: not started on port ${inboundPort}:`, error);
    }
  }
  if (config.MAILBOXES) {
    const { startMailboxWorker } = await import('./lib/server/mailboxes/worker');
    await startMailboxWorker({ pollMs: config.MAILBOX_POLL_SECONDS * 1000 });
  }
  if (config.JOBS) {
    const { startJobRunner } = await import('./lib/server/jobs/job-runner');
    startJobRunner();
  }
}
