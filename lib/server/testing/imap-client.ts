import { ImapFlow } from 'imapflow';
import type { TestImapServer } from './imap-server';

/** The test's own IMAP session, as the mail server's delivery and as a person looking at folders. */
export async function imapSession(
  server: TestImapServer,
  user: string,
  password: string,
): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: true,
    auth: { user, pass: password },
    tls: { ca: [server.certPem] },
    logger: false,
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** The Message-IDs a folder holds, in UID order. */
export async function messageIdsIn(client: ImapFlow, folder: string): Promise<string[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    // A folder this session already had open learns of others' moves on its next command.
    await client.noop();
    if (!client.mailbox || client.mailbox.exists === 0) return [];
    const ids: string[] = [];
    for await (const m of client.fetch('1:*', { envelope: true })) {
      ids.push(m.envelope?.messageId ?? '');
    }
    return ids;
  } finally {
    lock.release();
  }
}

/** A plain message as a person's mail program would send it. */
export function plainMessage(m: {
  from: string;
  subject: string;
  text: string;
  messageId: string;
  headers?: Record<string, string>;
}): string {
  return [
    `From: ${m.from}`,
    'To: pqrs@entidad.gov.co',
    `Subject: ${m.subject}`,
    `Message-ID: ${m.messageId}`,
    'Date: Tue, 01 Dec 2026 10:00:00 -0500',
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    m.text,
    '',
  ].join('\r\n');
}
