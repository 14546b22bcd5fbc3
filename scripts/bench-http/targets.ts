/**
 * What `npm run bench:http` measures: the ceilings, the rows of issue 15's table with their goals
 * (each a ratio to a ceiling's req/s), and the slow supervisor loads of the contention runs.
 */
import type { Target } from './load';

export const ROWS = [
  'queue',
  'casos',
  'search-broad',
  'search-rare',
  'portal-case',
  'staff-case',
  'intake',
] as const;
export type RowId = (typeof ROWS)[number];

export interface Row {
  name: string;
  ceiling: 'json' | 'home';
  /** A staff page: the shell's own cost (`staffShell`) is measured for it too. */
  isStaffPage?: boolean;
  /** The least ratio of the row's req/s to its ceiling's that passes. */
  goal: number;
  target: Target;
}

export interface TargetsInput {
  /** Base URLs of the app's server and of the bare node:http server. */
  app: string;
  bare: string;
  agentCookie: string;
  supervisorCookie: string;
  /** The petitioner's signed access to `oldCase`, as a Cookie header. */
  caseCookie: string;
  oldCase: { radicado: string };
  rareWord: string;
  intake: NonNullable<Target['next']>;
}

export function benchTargets(at: TargetsInput) {
  const radicadoPath = encodeURIComponent(at.oldCase.radicado);
  const asAgent = { cookie: at.agentCookie };

  const ceilings = {
    bare: { name: 'node:http JSON constante', base: at.bare, target: { path: '/', status: 200 } },
    json: {
      name: 'JSON más barato de la app',
      base: at.app,
      // No health or constant route exists; next-auth's provider list is constant JSON, no database.
      target: { path: '/api/auth/providers', status: 200, contains: 'credentials' },
    },
    home: { name: '/ (inicio público)', base: at.app, target: { path: '/', status: 200 } },
    // Not a ceiling of any row: the least a staff page costs (the signed-in shell around a short
    // form), measured beside `/` so a staff row's ratio can be read against what the shell allows.
    staffShell: {
      name: 'página liviana del personal /avisos/preferencias',
      base: at.app,
      target: {
        path: '/avisos/preferencias',
        headers: asAgent,
        status: 200,
        contains: 'prefs-form',
      },
    },
  } satisfies Record<string, { name: string; base: string; target: Target }>;

  const rows: Record<RowId, Row> = {
    queue: {
      name: 'cola del agente JSON /api/casos (equipo mayor)',
      ceiling: 'json',
      goal: 0.5,
      target: { path: '/api/casos', headers: asAgent, status: 200, contains: '"total"' },
    },
    casos: {
      name: 'página /casos',
      ceiling: 'home',
      isStaffPage: true,
      goal: 0.9,
      target: { path: '/casos', headers: asAgent, status: 200, contains: 'search-form' },
    },
    'search-broad': {
      name: 'búsqueda "factura"',
      ceiling: 'home',
      isStaffPage: true,
      goal: 0.5,
      target: { path: '/casos/buscar?q=factura', headers: asAgent, status: 200, contains: '<mark' },
    },
    'search-rare': {
      name: `búsqueda rara "${at.rareWord}"`,
      ceiling: 'home',
      isStaffPage: true,
      goal: 0.9,
      target: {
        path: `/casos/buscar?q=${encodeURIComponent(at.rareWord)}`,
        headers: asAgent,
        status: 200,
        contains: '<mark',
      },
    },
    'portal-case': {
      name: 'caso del peticionario (dos años)',
      ceiling: 'home',
      goal: 0.9,
      target: {
        path: `/consulta/${radicadoPath}`,
        headers: { cookie: at.caseCookie },
        status: 200,
        contains: at.oldCase.radicado,
      },
    },
    'staff-case': {
      name: 'caso en la vista del agente (antiguo)',
      ceiling: 'home',
      isStaffPage: true,
      goal: 0.8,
      target: {
        path: `/casos/${radicadoPath}`,
        headers: asAgent,
        status: 200,
        contains: at.oldCase.radicado,
      },
    },
    intake: {
      name: 'radicación POST /api/v1/cases (casos/s)',
      ceiling: 'json',
      goal: 0.6,
      target: { method: 'POST', path: '/api/v1/cases', next: at.intake, status: 201 },
    },
  };

  const slowLoads = [
    // The slowest supervisor view of `npm run bench` (scripts/bench-views/quality.ts).
    {
      name: '/calidad por agente (supervisor)',
      target: { path: '/calidad?by=agent', status: 200 },
    },
    {
      name: 'exportación CSV de todos los casos (supervisor)',
      target: { path: '/api/casos/export?queue=all', status: 200 },
    },
  ].map((s) => ({ ...s, target: { ...s.target, headers: { cookie: at.supervisorCookie } } }));
  return { ceilings, rows, slowLoads };
}
