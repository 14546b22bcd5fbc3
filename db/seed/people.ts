/**
 * Seeded petitioners: Colombian names, documents (CC, CE, NIT), e-mail addresses and mobile numbers.
 * `customerAt(i)` is a pure function of the index, so the scale seed can make hundreds of thousands
 * of distinct customers without keeping a set of used documents.
 */
import type { DocumentType } from '@/lib/domain/enums';
import { NEIGHBOURHOODS } from './texts';

// prettier-ignore
const FIRST_NAMES = [
  'María', 'Luz Marina', 'Ana María', 'Carolina', 'Daniela', 'Sandra Patricia', 'Gloria', 'Adriana',
  'Natalia', 'Marcela', 'Claudia', 'Martha Lucía', 'Yolanda', 'Diana', 'Paula', 'Juliana', 'Beatriz',
  'Luisa', 'Mónica', 'Ángela', 'Sofía', 'Isabel', 'Lina María', 'Yesenia', 'Rosa Elena',
  'José', 'Luis Alberto', 'Carlos', 'Juan David', 'Jorge', 'Andrés', 'Óscar', 'Diego', 'Fernando',
  'Hernán', 'Jaime', 'Álvaro', 'Mauricio', 'Ricardo', 'Camilo', 'Santiago', 'Julián', 'Édgar',
  'William', 'Jhon Jairo', 'Gustavo', 'Héctor Fabio', 'Nelson', 'Rubén Darío', 'Esteban',
];

// prettier-ignore
const SURNAMES = [
  'Rodríguez', 'Gómez', 'González', 'Martínez', 'García', 'López', 'Hernández', 'Sánchez', 'Ramírez',
  'Pérez', 'Díaz', 'Muñoz', 'Rojas', 'Moreno', 'Jiménez', 'Vargas', 'Castro', 'Ortiz', 'Rubio',
  'Marín', 'Valencia', 'Quintero', 'Cárdenas', 'Ospina', 'Londoño', 'Restrepo', 'Arango', 'Zapata',
  'Mosquera', 'Caicedo', 'Bedoya', 'Henao', 'Giraldo', 'Betancur', 'Agudelo', 'Peña', 'Salazar',
  'Correa', 'Velásquez', 'Cuéllar', 'Montoya', 'Ibarra', 'Patiño', 'Murillo', 'Riascos',
];

// prettier-ignore
const COMPANIES = [
  'Panadería La Espiga S.A.S.', 'Ferretería El Tornillo S.A.S.', 'Restaurante Sabor Valluno S.A.S.',
  'Droguería San Jorge Ltda.', 'Conjunto Residencial Los Almendros P.H.', 'Colegio Nuevo Horizonte',
  'Lavandería Express del Sur S.A.S.', 'Taller Automotriz Hermanos Ríos', 'Supermercado La Economía S.A.S.',
  'Hotel Torre de Cali S.A.', 'Clínica Odontológica Sonrisas S.A.S.', 'Edificio Torres del Parque P.H.',
];

const MAIL_DOMAINS = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.co', 'gmail.com'];
const STREETS = ['Calle', 'Carrera', 'Avenida', 'Transversal', 'Diagonal'];

export interface SeedCustomer {
  documentType: DocumentType;
  documentNumber: string;
  fullName: string;
  email: string | undefined;
  phone: string | undefined;
  address: string;
}

/** Lower-case ASCII for e-mail local parts: "Ángela Peña" → "angela.pena". */
function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

/** A cheap integer hash so neighbouring indexes do not get neighbouring names. */
function mix(i: number, salt: number): number {
  let h = Math.imul(i ^ salt, 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}

function at<T>(items: readonly T[], n: number): T {
  return items[n % items.length] as T;
}

/** NIT check digit (DIAN's modulo-11 weights). */
function nitCheckDigit(nit: string): number {
  const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
  let sum = 0;
  for (let i = 0; i < nit.length; i++) {
    sum += Number(nit[nit.length - 1 - i]) * (weights[i] as number);
  }
  const rest = sum % 11;
  return rest > 1 ? 11 - rest : rest;
}

/**
 * The i-th seeded customer. Documents are unique per index: the number grows with i, spaced so
 * that numbers look varied. About 1 in 25 is a company (NIT) and 1 in 20 a foreigner (CE).
 */
export function customerAt(i: number): SeedCustomer {
  const h = mix(i, 0x5eed);
  const kind = h % 100;
  const address = `${at(STREETS, h >>> 7)} ${5 + (h % 90)} # ${1 + ((h >>> 9) % 80)}-${10 + ((h >>> 3) % 89)}, ${at(NEIGHBOURHOODS, h >>> 11)}, Cali`;
  const phone = `+57 3${String(10 + ((h >>> 5) % 40)).padStart(2, '0')} ${String(100 + ((h >>> 13) % 900))} ${String(1000 + (mix(i, 7) % 9000))}`;
  if (kind < 4) {
    const nit = String(800_000_000 + i * 13 + (h % 13));
    const company = at(COMPANIES, h >>> 3);
    return {
      documentType: 'NIT',
      documentNumber: `${nit}-${nitCheckDigit(nit)}`,
      fullName:
        i < COMPANIES.length
          ? company
          : `${company.replace(/ (S\.A\.S\.|Ltda\.|S\.A\.|P\.H\.)$/, '')} ${i}`,
      email: `contacto.${asciiSlug(company).slice(0, 20)}${i}@empresa.com.co`,
      phone,
      address,
    };
  }
  const first = at(FIRST_NAMES, h >>> 4);
  const surname1 = at(SURNAMES, h >>> 10);
  const surname2 = at(SURNAMES, mix(i, 3) >>> 6);
  const fullName = `${first} ${surname1} ${surname2}`;
  const hasEmail = h % 17 !== 0;
  const isForeigner = kind < 9;
  return {
    documentType: isForeigner ? 'CE' : 'CC',
    documentNumber: isForeigner
      ? String(300_000 + i * 7 + (h % 7))
      : String(10_000_000 + i * 1_237 + (h % 1_237)),
    fullName,
    email: hasEmail
      ? `${asciiSlug(`${first.split(' ')[0]} ${surname1}`)}${i % 1000}@${at(MAIL_DOMAINS, h >>> 2)}`
      : undefined,
    phone,
    address,
  };
}
