/**
 * Spanish reference data shared by the demo and the scale seed: the organisation, PQRS types and
 * terms, teams and staff, originating processes with their root causes, categories, templates and
 * service levels.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  caseTypes,
  caseTypeTerms,
  categories,
  organization,
  processes,
  rootCauses,
  routingRules,
  routingRuleSets,
  serviceLevels,
  staffUsers,
  teams,
  templates,
} from '@/db/schema';
import {
  CASE_TYPES,
  DEFAULT_ANONYMOUS_TYPES,
  DEFAULT_TERM_DAYS,
  type CaseType,
  type StaffRole,
} from '@/lib/domain/enums';
import { hashPasswordSync } from '@/lib/server/auth/passwords';

/** The password of every demo account; printed by `npm start` and `npm run db:seed`. */
export const DEMO_PASSWORD = 'Ventanilla2026!';
/** bcrypt cost for demo accounts: lower than production so the seed stays fast. */
const DEMO_BCRYPT_COST = 10;

export const ORGANIZATION = {
  id: 1,
  name: 'Empresa de Servicios Públicos del Valle S.A. E.S.P.',
  taxId: '890.399.011-3',
  radicadoPrefix: 'PQRS',
  timeZone: 'America/Bogota',
  privacyPolicyVersion: '2026-01',
  privacyPolicyText:
    'La Empresa de Servicios Públicos del Valle S.A. E.S.P., en cumplimiento de la Ley 1581 de 2012 y ' +
    'del Decreto 1377 de 2013, tratará sus datos personales (nombre, documento, correo electrónico, ' +
    'teléfono y dirección) con la única finalidad de radicar, tramitar y responder su petición, queja, ' +
    'reclamo, sugerencia o denuncia, y de medir la calidad de nuestra atención. Usted puede conocer, ' +
    'actualizar, rectificar y solicitar la supresión de sus datos escribiendo a ' +
    'datospersonales@espvalle.com.co. Sus datos no se comparten con terceros salvo obligación legal.',
} as const;

/** The date from which the default terms (Ley 1755 de 2015, art. 14) are recorded as in force. */
export const TERMS_VALID_FROM = new Date('2020-01-01T05:00:00Z');

export const TEAMS = [
  { key: 'atencion', name: 'Atención al Ciudadano' },
  { key: 'facturacion', name: 'Facturación y Cartera' },
  { key: 'tecnico', name: 'Servicio Técnico' },
] as const;
export type TeamKey = (typeof TEAMS)[number]['key'];

/** The demo's routing rules, in order; whatever matches none goes to Atención al Ciudadano. */
export const ROUTING_RULES: { name: string; keywords: string[]; team: TeamKey }[] = [
  {
    name: 'Cobros y facturas',
    keywords: ['factura', 'cobro', 'tarifa', 'pago'],
    team: 'facturacion',
  },
  {
    name: 'Daños y conexiones',
    keywords: ['daño', 'medidor', 'corte', 'instalación'],
    team: 'tecnico',
  },
];

export interface StaffSeed {
  email: string;
  name: string;
  role: StaffRole;
  team: TeamKey | null;
  /** Teams this person supervises. */
  supervises?: readonly TeamKey[];
}

export const STAFF: readonly StaffSeed[] = [
  { email: 'admin@ventanilla.test', name: 'Catalina Ospina Vélez', role: 'admin', team: null },
  {
    email: 'supervisor1@ventanilla.test',
    name: 'Jorge Iván Morales Duque',
    role: 'supervisor',
    team: 'atencion',
    supervises: ['atencion'],
  },
  {
    email: 'supervisor2@ventanilla.test',
    name: 'Diana Marcela Ríos Zapata',
    role: 'supervisor',
    team: 'facturacion',
    supervises: ['facturacion', 'tecnico'],
  },
  {
    email: 'agente1@ventanilla.test',
    name: 'Andrés Felipe Gómez Arias',
    role: 'agent',
    team: 'atencion',
  },
  {
    email: 'agente2@ventanilla.test',
    name: 'Valentina Cardona Henao',
    role: 'agent',
    team: 'atencion',
  },
  {
    email: 'agente3@ventanilla.test',
    name: 'Juan Camilo Salazar Ruiz',
    role: 'agent',
    team: 'facturacion',
  },
  {
    email: 'agente4@ventanilla.test',
    name: 'Luisa Fernanda Mejía Toro',
    role: 'agent',
    team: 'facturacion',
  },
  {
    email: 'agente5@ventanilla.test',
    name: 'Sebastián Arango Londoño',
    role: 'agent',
    team: 'tecnico',
  },
  {
    email: 'agente6@ventanilla.test',
    name: 'Paola Andrea Castaño Giraldo',
    role: 'agent',
    team: 'tecnico',
  },
];

export const DEMO_ACCOUNTS: readonly { email: string; role: StaffRole; name: string }[] = STAFF.map(
  ({ email, role, name }) => ({ email, role, name }),
);

export interface ProcessSeed {
  name: string;
  /** The team that handles complaints about this process. */
  team: TeamKey;
  rootCauses: readonly string[];
}

export const PROCESSES: readonly ProcessSeed[] = [
  {
    name: 'Facturación',
    team: 'facturacion',
    rootCauses: [
      'Cobro doble',
      'Tarifa o estrato mal aplicado',
      'Pago no aplicado',
      'Factura entregada tarde',
    ],
  },
  {
    name: 'Entrega y domicilios',
    team: 'tecnico',
    rootCauses: ['Entrega fuera del plazo', 'Dirección errada en el sistema', 'Pedido incompleto'],
  },
  {
    name: 'Instalación',
    team: 'tecnico',
    rootCauses: ['Visita técnica incumplida', 'Instalación defectuosa', 'Falta de materiales'],
  },
  {
    name: 'Reparaciones y mantenimiento',
    team: 'tecnico',
    rootCauses: [
      'Daño no atendido a tiempo',
      'Reparación que no resolvió la falla',
      'Escombros sin retirar',
      'Corte sin aviso previo',
    ],
  },
  {
    name: 'Punto de atención',
    team: 'atencion',
    rootCauses: ['Trato descortés del asesor', 'Tiempo de espera excesivo', 'Información errada'],
  },
  {
    name: 'Cobranza',
    team: 'facturacion',
    rootCauses: [
      'Cobro de una deuda ya pagada',
      'Llamadas de cobro insistentes',
      'Acuerdo de pago no registrado',
    ],
  },
  {
    name: 'Lectura de medidores',
    team: 'facturacion',
    rootCauses: ['Lectura estimada sin visita', 'Error al digitar la lectura', 'Medidor averiado'],
  },
  {
    name: 'Atención telefónica',
    team: 'atencion',
    rootCauses: [
      'Llamada sin solución',
      'Espera excesiva en la línea',
      'Información contradictoria',
    ],
  },
];

export const CATEGORIES = [
  'Facturación y pagos',
  'Calidad del servicio',
  'Atención al usuario',
  'Trámites y documentos',
  'Daños y emergencias',
  'Transparencia',
] as const;

export interface TemplateSeed {
  name: string;
  typeCode: CaseType | null;
  body: string;
}

/** Reply templates: placeholders the agent must fill and a line left for a personal word. */
export const TEMPLATES: readonly TemplateSeed[] = [
  {
    name: 'Acuse de recibo',
    typeCode: null,
    body:
      'Respetado(a) {{nombre}}:\n\nHemos recibido su solicitud con el radicado {{radicado}}. ' +
      'Le daremos respuesta a más tardar el {{fecha_vencimiento}}.\n\n{{linea_personal}}\n\n' +
      'Cordialmente,\nAtención al Ciudadano',
  },
  {
    name: 'Respuesta a reclamo: se concede',
    typeCode: 'R',
    body:
      'Respetado(a) {{nombre}}:\n\nEn atención a su reclamo radicado con el número {{radicado}}, ' +
      'le informamos que, revisado el caso, SE CONCEDE lo solicitado y se aplicará el ajuste en la ' +
      'próxima factura.\n\n{{linea_personal}}\n\nCordialmente,\nFacturación y Cartera',
  },
  {
    name: 'Respuesta a reclamo: se niega',
    typeCode: 'R',
    body:
      'Respetado(a) {{nombre}}:\n\nEn atención a su reclamo radicado con el número {{radicado}}, ' +
      'le informamos que SE NIEGA lo solicitado por las razones que se exponen a continuación. ' +
      'Contra esta decisión proceden los recursos de reposición y apelación.\n\n{{linea_personal}}\n\n' +
      'Cordialmente,\nFacturación y Cartera',
  },
  {
    name: 'Requerimiento de información',
    typeCode: null,
    body:
      'Respetado(a) {{nombre}}:\n\nPara continuar con el trámite del radicado {{radicado}} necesitamos ' +
      'que nos envíe la información que se indica abajo. Mientras tanto el término queda suspendido ' +
      '(Ley 1755 de 2015, art. 17).\n\n{{linea_personal}}\n\nCordialmente,\nAtención al Ciudadano',
  },
  {
    name: 'Respuesta a petición',
    typeCode: 'P',
    body:
      'Respetado(a) {{nombre}}:\n\nDamos respuesta a su petición radicada con el número {{radicado}} ' +
      'dentro del término legal, que vencía el {{fecha_vencimiento}}.\n\n{{linea_personal}}\n\n' +
      'Cordialmente,\nAtención al Ciudadano',
  },
];

/**
 * Target agent handle time per case (minutes), per type: a document request or a suggestion takes
 * little, a reclamo (investigate, decide, explain) the most. /calidad compares handle time with it.
 */
export const HANDLE_TARGET_MINUTES: Readonly<Record<CaseType, number>> = {
  P: 20,
  PD: 15,
  C: 25,
  Q: 30,
  R: 45,
  S: 10,
  D: 40,
  F: 5,
};

/** One internal service level (ANS) per type, tighter than the legal term. */
export const SERVICE_LEVELS: Readonly<
  Record<CaseType, { firstResponseHours: number; resolutionDays: number }>
> = {
  P: { firstResponseHours: 24, resolutionDays: 10 },
  PD: { firstResponseHours: 24, resolutionDays: 7 },
  C: { firstResponseHours: 48, resolutionDays: 20 },
  Q: { firstResponseHours: 8, resolutionDays: 8 },
  R: { firstResponseHours: 8, resolutionDays: 10 },
  S: { firstResponseHours: 48, resolutionDays: 15 },
  D: { firstResponseHours: 24, resolutionDays: 10 },
  F: { firstResponseHours: 48, resolutionDays: 5 },
};

/** Inserts the whole catalog into an empty database, in one transaction. */
export function insertCatalog(db: Db, options: { now: Date }): void {
  // Reference data predates the oldest seeded case (the demo spans 90 days, the scale seed 2 years).
  const createdAt = new Date(options.now.getTime() - 3 * 365 * 86_400_000);
  const passwordHash = hashPasswordSync(DEMO_PASSWORD, DEMO_BCRYPT_COST);
  db.transaction((tx) => {
    tx.insert(organization)
      .values({ ...ORGANIZATION, updatedAt: createdAt })
      .run();
    for (const code of CASE_TYPES) {
      tx.insert(caseTypes)
        .values({
          code,
          allowsAnonymous: DEFAULT_ANONYMOUS_TYPES.includes(code),
          handleTargetMinutes: HANDLE_TARGET_MINUTES[code],
        })
        .run();
      tx.insert(caseTypeTerms)
        .values({
          typeCode: code,
          termDays: DEFAULT_TERM_DAYS[code],
          validFrom: TERMS_VALID_FROM,
          reason: 'Ley 1755 de 2015, art. 14',
          createdAt,
        })
        .run();
      tx.insert(serviceLevels)
        .values({ typeCode: code, ...SERVICE_LEVELS[code], validFrom: TERMS_VALID_FROM, createdAt })
        .run();
    }
    const teamIds = new Map<TeamKey, number>();
    for (const team of TEAMS) {
      const row = tx.insert(teams).values({ name: team.name, createdAt }).returning().get();
      teamIds.set(team.key, row.id);
    }
    // Routing (issue 14): billing words go to billing, technical ones to the technicians, the rest
    // to Atención al Ciudadano; the demo teams keep their queues (manual assignment).
    const routing = tx
      .insert(routingRuleSets)
      .values({ validFrom: TERMS_VALID_FROM, defaultTeamId: teamIds.get('atencion')!, createdAt })
      .returning({ id: routingRuleSets.id })
      .get();
    ROUTING_RULES.forEach((rule, position) =>
      tx
        .insert(routingRules)
        .values({
          setId: routing.id,
          position,
          name: rule.name,
          keywords: rule.keywords,
          teamId: teamIds.get(rule.team)!,
        })
        .run(),
    );
    const supervisorOf = new Map<TeamKey, number>();
    let adminId: number | null = null;
    for (const person of STAFF) {
      const row = tx
        .insert(staffUsers)
        .values({
          email: person.email,
          name: person.name,
          passwordHash,
          role: person.role,
          teamId: person.team ? (teamIds.get(person.team) ?? null) : null,
          createdAt,
        })
        .returning({ id: staffUsers.id })
        .get();
      for (const team of person.supervises ?? []) supervisorOf.set(team, row.id);
      if (person.role === 'admin') adminId = row.id;
    }
    for (const [key, id] of teamIds) {
      tx.update(teams)
        .set({ supervisorId: supervisorOf.get(key) ?? null })
        .where(eq(teams.id, id))
        .run();
    }
    for (const process of PROCESSES) {
      const owner = supervisorOf.get(process.team) ?? null;
      const row = tx
        .insert(processes)
        .values({ name: process.name, ownerId: owner })
        .returning()
        .get();
      for (const name of process.rootCauses) {
        tx.insert(rootCauses).values({ processId: row.id, name }).run();
      }
    }
    for (const name of CATEGORIES) tx.insert(categories).values({ name }).run();
    for (const template of TEMPLATES) {
      tx.insert(templates)
        .values({ ...template, createdBy: adminId, createdAt, updatedAt: createdAt })
        .run();
    }
  });
}
