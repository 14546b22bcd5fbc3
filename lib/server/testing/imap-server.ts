import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real IMAP server for the tests: Debian's Dovecot (package dovecot-imapd, which `.ci/run`
 * installs), started in a temporary folder with its own configuration, users, Maildir store and
 * a throwaway self-signed certificate. It listens on 127.0.0.1 only: IMAP with STARTTLS and IMAPS.
 * With `oauth2.introspectionUrl`, XOAUTH2 and OAUTHBEARER are checked by asking that URL (RFC 7662
 * introspection, as Dovecot does for Microsoft 365 or Google in front of it).
 */
export interface TestImapServer {
  host: string;
  /** IMAP over TLS from the first byte. */
  port: number;
  /** Plain IMAP, STARTTLS offered. */
  plainPort: number;
  /** The certificate the server presents (the client trusts it by fingerprint in tests). */
  certPem: string;
  dir: string;
  stop: () => Promise<void>;
  /** Kills the server at once (the connection drops as a network failure would). */
  kill: () => void;
  /** Changes a user's password (Dovecot reads its users file again at the next login). */
  setPassword: (user: string, password: string) => Promise<void>;
}

export interface ImapServerOptions {
  users: { name: string; password: string }[];
  oauth2?: { introspectionUrl: string };
}

const DOVECOT = '/usr/sbin/dovecot';

export function dovecotAvailable(): boolean {
  return fs.existsSync(DOVECOT);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function makeCertificate(dir: string): { cert: string; key: string } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-days',
      '1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

function configText(
  dir: string,
  ports: { imap: number; imaps: number },
  files: { cert: string; key: string },
  options: ImapServerOptions,
): string {
  const me = os.userInfo();
  const owner = mailOwner();
  const mechanisms = options.oauth2 ? 'plain login xoauth2 oauthbearer' : 'plain login';
  const oauthPassdb = options.oauth2
    ? `passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ${dir}/oauth2.conf.ext\n}\n`
    : '';
  return `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <${files.cert}
ssl_key = <${files.key}
disable_plaintext_auth = no
auth_mechanisms = ${mechanisms}
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 0
first_valid_gid = 0
${serviceUsers(me)}mail_max_userip_connections = 50
# Refused logins answer at once: the tests try wrong ones on purpose.
auth_failure_delay = 0
imap_idle_notify_interval = 1 secs
${oauthPassdb}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    port = ${ports.imap}
  }
  inet_listener imaps {
    port = ${ports.imaps}
    ssl = yes
  }
}
service anvil {
  chroot =
  # Nor does a repeated failure slow the next login (Dovecot's authentication penalty is off).
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Procesados {
    auto = create
  }
}
`;
}

/**
 * Dovecot's login process refuses to run as root: as root it runs as the package's own users
 * (dovenull, dovecot); as anyone else, everything runs as that user.
 */
function serviceUsers(me: os.UserInfo<string>): string {
  if (me.uid === 0) {
    return 'default_internal_user = dovecot\ndefault_login_user = dovenull\n';
  }
  return (
    `default_internal_user = ${me.username}\ndefault_internal_group = ${groupName(me.gid)}\n` +
    `default_login_user = ${me.username}\n`
  );
}

/** Who owns the mail: Dovecot refuses uid 0, so as root the mail belongs to its `dovecot` user. */
function mailOwner(): { uid: number; gid: number } {
  const me = os.userInfo();
  if (me.uid !== 0) return { uid: me.uid, gid: me.gid };
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('dovecot:'));
  if (!line) throw new Error('the dovecot user is missing: is dovecot-imapd installed?');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function groupName(gid: number): string {
  const line = fs
    .readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? String(gid);
}

async function waitForPort(port: number, log: () => string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts Dovecot in the foreground; `stop` ends it and removes its folder. */
export async function startImapServer(options: ImapServerOptions): Promise<TestImapServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-imap-'));
  // Dovecot's unprivileged login process must reach its sockets under run/.
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, sub));
  const owner = mailOwner();
  for (const sub of ['mail', 'home']) fs.chownSync(path.join(dir, sub), owner.uid, owner.gid);
  const files = makeCertificate(dir);
  const ports = { imap: await freePort(), imaps: await freePort() };
  const users = new Map(options.users.map((u) => [u.name, u.password]));
  const writeUsers = () =>
    fs.writeFileSync(
      path.join(dir, 'users'),
      [...users].map(([name, password]) => `${name}:{PLAIN}${password}::::::`).join('\n') + '\n',
    );
  writeUsers();
  if (options.oauth2) {
    fs.writeFileSync(
      path.join(dir, 'oauth2.conf.ext'),
      `introspection_mode = post\nintrospection_url = ${options.oauth2.introspectionUrl}\n` +
        `username_attribute = username\nactive_attribute = active\nactive_value = true\n` +
        `force_introspection = yes\n`,
    );
  }
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(conf, configText(dir, ports, files, options));
  const log = () => {
    try {
      return fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', conf], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(ports.imaps, log);
  return {
    host: '127.0.0.1',
    port: ports.imaps,
    plainPort: ports.imap,
    certPem: fs.readFileSync(files.cert, 'utf8'),
    dir,
    kill: () => child.kill('SIGKILL'),
    setPassword: async (user, password) => {
      users.set(user, password);
      writeUsers();
      // Dovecot looks at the users file again at most once a second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
