/**
 * Where the server's CPU went during each run of `npm run bench:http -- --profile <folder>`:
 *   npx tsx scripts/bench-http/profile.ts <folder> [--by file|function] [--top 30] [--path /casos]
 *     [--callers <text>]
 * Reads the .cpuprofile V8 wrote as the server stopped and windows.json (each run's span on the
 * same monotonic clock), and prints, for each path, the server's CPU time per answer (what the
 * main thread did not spend idle: comparable across runs even on a busy machine) and the self time
 * of the busiest files or functions within its run (the last run of a path, when it ran more than once: the warm-up comes first).
 * --inclusive: the time under each of the app's own functions (app/, lib/, db/), callees included:
 * what a component's body or a query costs in all, where self times spread over React and drizzle.
 * --callers: for the samples whose own function's name or file holds the text, the named frames
 * that called it (outside the leaf's package), with their share.
 */
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    by: { type: 'string', default: 'file' },
    top: { type: 'string', default: '30' },
    path: { type: 'string' },
    callers: { type: 'string' },
    inclusive: { type: 'boolean', default: false },
  },
});
const folder = positionals[0];
if (!folder) {
  process.stderr.write('uso: profile.ts <carpeta> [--by file|function] [--top N] [--path P]\n');
  process.exit(2);
}
// The main thread's (CPU.<date>.<time>.<pid>.0.<n>.cpuprofile; worker threads write their own),
// the newest: a folder used again keeps the earlier runs' too.
const profileFile = fs
  .readdirSync(folder)
  .filter((name) => /\.0\.\d+\.cpuprofile$/.test(name))
  .sort(
    (a, b) => fs.statSync(path.join(folder, b)).mtimeMs - fs.statSync(path.join(folder, a)).mtimeMs,
  )[0];
if (!profileFile) throw new Error(`no .cpuprofile in ${folder}`);
const profile = JSON.parse(fs.readFileSync(path.join(folder, profileFile), 'utf8')) as Profile;
const windows = JSON.parse(fs.readFileSync(path.join(folder, 'windows.json'), 'utf8')) as {
  path: string;
  from: number;
  to: number;
  answers: number;
}[];

const short = (url: string) =>
  url
    .replace(/^.*\/node_modules\//, 'npm:')
    .replace(/^.*\/\.next\//, '.next:')
    .replace(/^file:\/\/.*?\/(app|lib|db|scripts)\//, '$1/');
/** The build's chunks are minified: a frame in one is named by its source map (file:line). */
const sourceMaps = new Map<string, SourceMap | null>();
function original({ url, lineNumber, columnNumber }: ProfileNode['callFrame']) {
  if (!url.includes('/.next/')) return null;
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  let map = sourceMaps.get(file);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    sourceMaps.set(file, map);
  }
  const entry = map?.findEntry(lineNumber, columnNumber);
  if (!entry || !('originalSource' in entry)) return null;
  const source = entry.originalSource.replace(
    /^.*?\/(node_modules|app|lib|db)\//,
    (_, top: string) => (top === 'node_modules' ? 'npm:' : `${top}/`),
  );
  return `${source}:${entry.originalLine + 1}`;
}
const frameName = (frame: ProfileNode['callFrame']) =>
  original(frame) ?? `${short(frame.url)}:${frame.lineNumber + 1}`;

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes as (ProfileNode & { children?: number[] })[]) {
  for (const child of node.children ?? []) parents.set(child, node.id);
}
/** The frames above a sample's own, innermost first, skipping the package the leaf is in. */
const appCallers = (id: number) => {
  const leafFile = nodes.get(id)!.callFrame.url;
  const leafPackage = /node_modules\/(@[^/]+\/)?[^/]+/.exec(leafFile)?.[0] ?? leafFile;
  const frames: string[] = [];
  for (let at = parents.get(id); at !== undefined && frames.length < 4; at = parents.get(at)) {
    const frame = nodes.get(at)!.callFrame;
    if (frame.url.includes(leafPackage) || !frame.functionName) continue;
    frames.push(`${frame.functionName} ${frameName(frame)}`);
  }
  return `${keyOf(nodes.get(id)!)} ← ${frames.join(' ← ')}`;
};
/** The app's own functions on a sample's stack, each once. */
const appFramesOf = (id: number) => {
  const keys = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const frame = nodes.get(at)!.callFrame;
    const name = frameName(frame);
    if (/^(app|lib|db)\/|proxy\.ts/.test(name))
      keys.add(`${frame.functionName || '(anónima)'} ${name}`);
  }
  return keys;
};
const keyOf = (node: ProfileNode) => {
  const frame = node.callFrame;
  if (values.by === 'file') {
    return original(frame)?.replace(/:\d+$/, '') ?? (short(frame.url) || frame.functionName);
  }
  return `${frame.functionName || '(anónima)'} ${frameName(frame)}`;
};

const lastPerPath = new Map(windows.map((w) => [w.path, w]));
for (const window of lastPerPath.values()) {
  if (values.path && window.path !== values.path) continue;
  const self = new Map<string, number>();
  let at = profile.startTime;
  let sampled = 0;
  let idle = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < window.from || at > window.to) return;
    const delta = profile.timeDeltas[i] ?? 0;
    sampled += delta;
    if (nodes.get(id)!.callFrame.functionName === '(idle)') idle += delta;
    if (values.inclusive) {
      for (const key of appFramesOf(id)) self.set(key, (self.get(key) ?? 0) + delta);
      total += delta;
      return;
    }
    const leaf = keyOf(nodes.get(id)!);
    if (values.callers && !leaf.includes(values.callers)) return;
    const key = values.callers ? appCallers(id) : leaf;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
  const perAnswer = window.answers ? ((sampled - idle) / 1000 / window.answers).toFixed(2) : '—';
  process.stdout.write(
    `\n${window.path}: ${(sampled / 1000).toFixed(0)} ms muestreados, ${window.answers} respuestas, ${perAnswer} ms de CPU por respuesta\n`,
  );
  const busiest = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  for (const [key, us] of busiest) {
    const share = ((us / total) * 100).toFixed(1).padStart(5);
    process.stdout.write(`${share} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}\n`);
  }
}
