/**
 * Load for `npm run bench:http`: one target hammered by autocannon at N connections for a while,
 * every response's latency kept (autocannon's summary has no p95); a single request for checks and
 * page weights; and a slow client that keeps one heavy request in flight (the contention runs).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { percentile } from './report';

export interface Target {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** A fresh request per send (the intake API: a new case, signed, each time). */
  next?: () => { headers: Record<string, string>; body: string };
  /** What a good answer is: its status, and a text its body holds. */
  status: number;
  contains?: string;
}

export interface Measurement {
  /** Good answers (the target's status) per second. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  answers: number;
  /** Answers with another status, connection errors and timeouts. */
  failures: number;
  /** Status code → count, when something else than the expected status came back. */
  statuses: Record<string, number>;
}

export function measure(
  base: string,
  target: Target,
  options: { connections: number; seconds: number },
): Promise<Measurement> {
  const latencies: number[] = [];
  let good = 0;
  const request: autocannon.Request = {
    method: target.method ?? 'GET',
    path: target.path,
    headers: target.headers ?? {},
  };
  if (target.next) {
    const next = target.next;
    request.setupRequest = (req) => {
      const fresh = next();
      return { ...req, headers: { ...req.headers, ...fresh.headers }, body: fresh.body };
    };
  }
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        requests: [request],
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const statuses: Record<string, number> = {};
        for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
          if (Number(code) !== target.status) statuses[code] = Number(count);
        }
        resolve({
          rps: good / result.duration,
          p50: percentile(latencies, 0.5),
          p95: percentile(latencies, 0.95),
          p99: percentile(latencies, 0.99),
          answers: good,
          failures: latencies.length - good + result.errors + result.timeouts,
          statuses,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      latencies.push(ms);
      if (statusCode === target.status) good += 1;
    });
  });
}

/** One request, its body read whole (no compression asked: page weights are of the HTML itself). */
export function requestOnce(
  base: string,
  target: Target,
): Promise<{ status: number; body: string; bytes: number; ms: number }> {
  const started = performance.now();
  const fresh = target.next?.();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${target.path}`,
      { method: target.method ?? 'GET', headers: { ...target.headers, ...fresh?.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            body: body.toString('utf8'),
            bytes: body.length,
            ms: performance.now() - started,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(fresh?.body);
  });
}

/** Fails with what came back when a target does not answer as expected. */
export async function check(base: string, name: string, target: Target): Promise<number> {
  const answer = await requestOnce(base, target);
  const isOk =
    answer.status === target.status &&
    (target.contains === undefined || answer.body.includes(target.contains));
  if (!isOk) {
    throw new Error(
      `${name}: ${target.method ?? 'GET'} ${target.path} answered ${answer.status}` +
        `${target.contains ? ` (expected "${target.contains}" in the body)` : ''}: ${answer.body.slice(0, 300)}`,
    );
  }
  return answer.ms;
}

export interface SlowClientStats {
  completed: number;
  /** Mean time of the requests that ended (null when none did). */
  meanMs: number | null;
  /** Answers with another status than the target's. */
  refused: number;
  /** How long the request cut short by `stop` had been running. */
  inFlightMs: number;
}

/**
 * Another user keeping one request for the target in flight, again as soon as one ends, from a
 * process of its own (scripts/bench-http/slow-client.mjs) until `stop`.
 */
export function slowClient(base: string, target: Target) {
  const child = spawn(
    process.execPath,
    [
      path.join('scripts', 'bench-http', 'slow-client.mjs'),
      `${base}${target.path}`,
      JSON.stringify(target.headers ?? {}),
      String(target.status),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop(): Promise<SlowClientStats> {
      child.kill('SIGTERM');
      await exited;
      return JSON.parse(output) as SlowClientStats;
    },
  };
}
