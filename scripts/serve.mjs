/**
 * The app's HTTP server: Next.js's request handler behind a plain node:http server, so the app
 * knows who is on the other end of the socket. Route handlers cannot see the socket, so each
 * request carries its peer address in `x-ventanilla-peer`, set here and nowhere else (a value the
 * client sends is replaced). lib/server/core/http.ts turns it into the client's address, believing
 * X-Forwarded-For only when the peer is a configured proxy (TRUSTED_PROXIES).
 *
 * `npm start` and the e2e suite run this; `npm run serve` too. Plain `next start` would leave
 * every client sharing one address.
 */
import { createServer } from 'node:http';
import v8 from 'node:v8';
import next from 'next';

// V8 lets the heap grow to several times what is alive before collecting it, trading memory for
// fewer collections; a server that stays up gives back more than it gains. A heap that grows by a
// quarter of what is alive kept a warm server at about 300 MB instead of 380 (issue 15).
v8.setFlagsFromString('--heap-growing-percent=25');

export const PEER_HEADER = 'x-ventanilla-peer';

// Plain Node, no TypeScript: PORT is the one lib/env.ts validates (npm start checks it first).
const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? '';
  void handle(request, response);
});
server.listen(port, () => {
  console.log(`▸ Listening on http://localhost:${port}`);
});

function stop() {
  server.close(() => process.exit(0));
  // Keep-alive connections would hold the close open; nothing is mid-write after a second.
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
