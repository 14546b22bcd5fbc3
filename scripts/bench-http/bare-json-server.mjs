/**
 * The machine's ceiling for `npm run bench:http`: a bare node:http server answering one constant
 * JSON body, in a process of its own like the app's server. Port as the first argument.
 */
import { createServer } from 'node:http';

const body = JSON.stringify({ ok: true, service: 'ventanilla-bench-ceiling' });
createServer((_request, response) => {
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  response.end(body);
}).listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => process.exit(0));
