/**
 * The other user of the contention runs of `npm run bench:http`, in a process of its own so that
 * reading its (large) answers costs the measuring process nothing: keeps one GET in flight, again
 * as soon as one ends, bodies read and dropped. On SIGTERM prints what it did as JSON and exits.
 *   node slow-client.mjs <url> <headers as JSON> <expected status>
 */
import http from 'node:http';

const [url, headersJson, expected] = process.argv.slice(2);
const headers = JSON.parse(headersJson ?? '{}');
const times = [];
let refused = 0;
let started = 0;

function loop() {
  started = performance.now();
  const request = http.get(url, { headers }, (response) => {
    if (response.statusCode !== Number(expected)) refused += 1;
    response.resume();
    response.on('end', () => {
      times.push(performance.now() - started);
      loop();
    });
  });
  request.on('error', () => {});
}

process.on('SIGTERM', () => {
  const total = times.reduce((sum, t) => sum + t, 0);
  const stats = {
    completed: times.length,
    meanMs: times.length ? total / times.length : null,
    refused,
    inFlightMs: performance.now() - started,
  };
  process.stdout.write(`${JSON.stringify(stats)}\n`, () => process.exit(0));
});
loop();
