/**
 * The two-instance journey's backing services, as one long-lived process started before the app
 * servers (playwright.instances.config.ts): a throwaway PostgreSQL cluster with the `ventanilla`
 * database migrated, and a real SMTP server that keeps what it receives. Its control server
 * (loopback only) answers `GET /ready`, `POST /staff` (a team and a member of it, an agent unless
 * another role is asked for, made by the real verbs) and `GET /mail` (every message received, in arrival order).
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import pg from 'pg';
import type { Conn } from '@/db/client';
import { closePg, openPg } from '@/db/pg/client';
import { createStaffUser } from '@/lib/server/admin/create-staff-user';
import { createTeam } from '@/lib/server/admin/create-team';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { makeCtx } from '@/lib/server/core/context';
import { startPgServer } from '@/lib/server/testing/pg-server';
import { startTestSmtp } from '@/lib/server/testing/smtp';
import { DATABASE_URL, FILES_FOLDER, PORTS } from './env';

fs.rmSync(FILES_FOLDER, { recursive: true, force: true });
const cluster = await startPgServer({ port: PORTS.postgres });
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
await admin.query('CREATE DATABASE ventanilla');
await admin.end();
const db = await openPg(DATABASE_URL, { max: 4 });
const conn = db as unknown as Conn;
const smtp = await startTestSmtp(PORTS.smtp);

let staffCount = 0;
async function newStaff(input: {
  name: string;
  teamName: string;
  role?: 'agent' | 'supervisor' | 'admin';
}) {
  staffCount += 1;
  const ctx = makeCtx(conn, SYSTEM_ACTOR);
  const team = await createTeam(ctx, { name: `${input.teamName} ${staffCount}` });
  const account = {
    email: `agente-${staffCount}@ventanilla.test`,
    name: input.name,
    role: input.role ?? ('agent' as const),
    password: 'Contrasena-segura-1',
    teamId: team.id,
  };
  const { id } = await createStaffUser(ctx, account);
  return { id, ...account };
}

const server = createServer((request, response) => {
  const answer = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const route = `${request.method} ${request.url}`;
    if (route === 'GET /ready') return answer(200, { ok: true });
    if (route === 'GET /mail')
      return answer(
        200,
        smtp.received.map((mail) => ({
          messageId: mail.messageId,
          to: mail.to && 'text' in mail.to ? mail.to.text : '',
          subject: mail.subject,
          text: mail.text,
        })),
      );
    if (route === 'POST /staff')
      return void newStaff(JSON.parse(Buffer.concat(chunks).toString()))
        .then((agent) => answer(200, agent))
        .catch((error: Error) => answer(500, { error: error.stack }));
    answer(404, { error: route });
  });
});
server.listen(PORTS.backing, '127.0.0.1');

async function stop() {
  server.close();
  await smtp.close();
  await closePg(db);
  cluster.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
