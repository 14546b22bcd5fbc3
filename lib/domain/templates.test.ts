import { describe, expect, it } from 'vitest';
import {
  PERSONAL_LINE_SLOT,
  TEMPLATE_PLACEHOLDERS,
  TEMPLATE_SLOTS,
  findPlaceholders,
  isCannedReply,
  renderTemplate,
  unfilledPlaceholders,
  unknownPlaceholders,
  type Placeholder,
} from './templates';

const VALUES: Record<Placeholder, string> = {
  nombre: 'Ana María Pérez',
  radicado: 'PQRS-2026-000123',
  fecha_vencimiento: '8 de abril de 2026',
  fecha_radicacion: '13 de marzo de 2026',
  tipo: 'Reclamo',
  asunto: 'Cobro doble en la factura',
  agente: 'Laura Gómez',
  entidad: 'Aguas del Valle',
};

const TEMPLATE = [
  'Estimado(a) {{nombre}}:',
  '',
  'Respecto de su {{tipo}} con radicado {{radicado}} ({{asunto}}), le informamos que se reintegró el cobro.',
  '{{linea_personal}}',
  '',
  'Cordialmente,',
  '{{agente}}, {{entidad}}',
].join('\n');

const RENDERED = renderTemplate(TEMPLATE, VALUES);

describe('the placeholder catalogue', () => {
  it('lists exactly the values the server fills', () => {
    expect(TEMPLATE_PLACEHOLDERS).toEqual([
      'nombre',
      'radicado',
      'fecha_vencimiento',
      'fecha_radicacion',
      'tipo',
      'asunto',
      'agente',
      'entidad',
    ]);
  });

  it('adds the personal-line slot to what a template may use, never to what is filled', () => {
    expect(PERSONAL_LINE_SLOT).toBe('linea_personal');
    expect(TEMPLATE_SLOTS).toEqual([...TEMPLATE_PLACEHOLDERS, 'linea_personal']);
    expect(TEMPLATE_PLACEHOLDERS as readonly string[]).not.toContain('linea_personal');
  });
});

describe('findPlaceholders', () => {
  it.each([
    ['no placeholder', 'Gracias por escribirnos.', []],
    ['one', 'Hola {{nombre}}', ['nombre']],
    ['spaces inside the braces', 'Hola {{ nombre }} y {{  radicado}}', ['nombre', 'radicado']],
    ['tabs and newlines inside the braces', 'Hola {{\tnombre\n}}', ['nombre']],
    ['each name once, in order of first appearance', '{{b}} {{a}} {{b}} {{ a }}', ['b', 'a']],
    ['an unknown name', 'Vence {{fecha_limite}}', ['fecha_limite']],
    ['the personal-line slot', '{{linea_personal}}', ['linea_personal']],
    ['a name in another case', '{{Nombre}}', ['Nombre']],
    ['a name with inner spaces', '{{fecha vencimiento}}', ['fecha vencimiento']],
    ['an empty pair of braces', 'Hola {{}} y {{   }}', ['']],
    ['a name glued to text', 'Sr(a).{{nombre}}, su{{tipo}}', ['nombre', 'tipo']],
    ['triple braces (the inner pair)', '{{{nombre}}}', ['nombre']],
    ['accented names', '{{año}}', ['año']],
  ])('%s', (_label, text, expected) => {
    expect(findPlaceholders(text)).toEqual(expected);
  });

  it.each([
    ['single braces', '{nombre}'],
    ['an unclosed pair', 'Hola {{nombre'],
    ['an unopened pair', 'Hola nombre}}'],
    ['braces around braces', '{{ {nombre} }}'],
    ['an empty text', ''],
  ])('ignores %s', (_label, text) => {
    expect(findPlaceholders(text)).toEqual([]);
  });

  it('can be called again on the same text (the pattern keeps no state between calls)', () => {
    expect(findPlaceholders('{{nombre}}')).toEqual(['nombre']);
    expect(findPlaceholders('{{nombre}}')).toEqual(['nombre']);
  });
});

describe('unknownPlaceholders (admin validation of a template body)', () => {
  it('accepts every fillable placeholder and the personal-line slot', () => {
    const body = [...TEMPLATE_PLACEHOLDERS, 'linea_personal'].map((n) => `{{${n}}}`).join(' ');
    expect(unknownPlaceholders(body)).toEqual([]);
    expect(unknownPlaceholders(TEMPLATE)).toEqual([]);
  });

  it('accepts a body with no placeholder at all', () => {
    expect(unknownPlaceholders('Gracias por su sugerencia.')).toEqual([]);
  });

  it('reports misspellings, other cases, inner spaces and empty braces, once each', () => {
    expect(
      unknownPlaceholders(
        '{{nombre}} {{nombres}} {{Nombre}} {{fecha vencimiento}} {{}} {{nombres}} {{ }}',
      ),
    ).toEqual(['nombres', 'Nombre', 'fecha vencimiento', '']);
  });
});

describe('renderTemplate', () => {
  it('fills every placeholder that has a value, wherever it appears', () => {
    expect(renderTemplate('{{nombre}} · {{ nombre }} · {{radicado}}', VALUES)).toBe(
      'Ana María Pérez · Ana María Pérez · PQRS-2026-000123',
    );
  });

  it.each(TEMPLATE_PLACEHOLDERS)('fills {{%s}}', (name) => {
    expect(renderTemplate(`[{{${name}}}]`, VALUES)).toBe(`[${VALUES[name]}]`);
  });

  it('leaves the personal-line slot for the agent', () => {
    expect(RENDERED).toContain('{{linea_personal}}');
    expect(unfilledPlaceholders(RENDERED)).toEqual(['linea_personal']);
  });

  it('leaves a placeholder without a value as written', () => {
    expect(renderTemplate('Hola {{nombre}}, radicado {{ radicado }}', {})).toBe(
      'Hola {{nombre}}, radicado {{ radicado }}',
    );
    expect(renderTemplate('{{nombre}} {{radicado}}', { nombre: 'Ana' })).toBe('Ana {{radicado}}');
  });

  it('leaves unknown names alone even when a value object carries them', () => {
    const values = { ...VALUES, desconocido: 'X' } as Partial<Record<Placeholder, string>>;
    expect(renderTemplate('{{desconocido}} {{Nombre}}', values)).toBe('{{desconocido}} {{Nombre}}');
  });

  it('fills an empty string as a value (it is a value, not a missing one)', () => {
    expect(renderTemplate('[{{asunto}}]', { asunto: '' })).toBe('[]');
  });

  it('inserts values verbatim, never as replacement patterns', () => {
    expect(renderTemplate('{{asunto}}', { asunto: "$& $1 $$ $' cobro" })).toBe("$& $1 $$ $' cobro");
  });

  it('never brings in a placeholder from a value (a subject typed by the petitioner)', () => {
    const rendered = renderTemplate('Asunto: {{asunto}}. {{nombre}}', {
      asunto: 'ver {{linea_personal}} y {{{radicado}}}',
      nombre: '{{nombre}}',
    });
    expect(rendered).toBe('Asunto: ver {linea_personal} y {radicado}. {nombre}');
    expect(unfilledPlaceholders(rendered)).toEqual([]);
  });

  it('keeps single braces in a value', () => {
    expect(renderTemplate('{{asunto}}', { asunto: 'factura {marzo}' })).toBe('factura {marzo}');
  });

  it('leaves a body without placeholders unchanged', () => {
    expect(renderTemplate('Gracias.\n\nAtentamente', VALUES)).toBe('Gracias.\n\nAtentamente');
  });

  it('renders the sample template in full', () => {
    expect(RENDERED).toBe(
      [
        'Estimado(a) Ana María Pérez:',
        '',
        'Respecto de su Reclamo con radicado PQRS-2026-000123 (Cobro doble en la factura), le informamos que se reintegró el cobro.',
        '{{linea_personal}}',
        '',
        'Cordialmente,',
        'Laura Gómez, Aguas del Valle',
      ].join('\n'),
    );
  });
});

describe('unfilledPlaceholders (what blocks sending)', () => {
  it('is empty for a text ready to send', () => {
    expect(unfilledPlaceholders(RENDERED.replace('{{linea_personal}}', 'Un saludo.'))).toEqual([]);
  });

  it.each([
    ['the personal-line slot', 'Hola Ana. {{linea_personal}}', ['linea_personal']],
    ['a known placeholder', 'Hola {{nombre}}', ['nombre']],
    ['an unknown placeholder', 'Hola {{cliente}}', ['cliente']],
    ['a spaced placeholder', 'Hola {{ nombre }}', ['nombre']],
    ['empty braces', 'Hola {{ }}', ['']],
    ['several', '{{nombre}} {{linea_personal}} {{nombre}}', ['nombre', 'linea_personal']],
  ])('reports %s', (_label, text, expected) => {
    expect(unfilledPlaceholders(text)).toEqual(expected);
  });

  it('does not mistake single braces for a placeholder', () => {
    expect(unfilledPlaceholders('El código {ABC} y la fórmula f(x) = {x}')).toEqual([]);
  });
});

describe('isCannedReply', () => {
  const withoutSlot = RENDERED.replace('{{linea_personal}}', '');

  it('the rendered template with the slot deleted is canned', () => {
    expect(isCannedReply(withoutSlot, RENDERED)).toBe(true);
  });

  it('the rendered template itself (slot still there) is canned', () => {
    expect(isCannedReply(RENDERED, RENDERED)).toBe(true);
  });

  it.each([
    ['re-flowed lines and spaces', withoutSlot.replace(/\s+/g, '  ').replace(/:  /, ':\n\n')],
    ['leading and trailing whitespace', `\n\n  ${withoutSlot}  \n`],
    ['capital letters', withoutSlot.toUpperCase()],
    ['lower case', withoutSlot.toLowerCase()],
    ['accents dropped', withoutSlot.normalize('NFD').replace(/\p{M}/gu, '')],
    ['accents decomposed (NFD)', withoutSlot.normalize('NFD')],
    [
      'punctuation changed',
      withoutSlot.replace('Cordialmente,', 'Cordialmente.').replace(':', '!'),
    ],
    ['Windows line endings', withoutSlot.replace(/\n/g, '\r\n')],
    ['non-breaking spaces', withoutSlot.replace(/ /g, '\u00a0')],
  ])('still canned with only %s', (_label, sent) => {
    expect(isCannedReply(sent, RENDERED)).toBe(true);
  });

  it.each([
    ['a personal line in the slot', RENDERED.replace('{{linea_personal}}', 'Lamento la demora.')],
    ['a single word in the slot', RENDERED.replace('{{linea_personal}}', 'Gracias.')],
    ['a personal line at the end', `${withoutSlot}\nQuedo atenta a su llamada.`],
    ['a personal line at the start', `Buenos días.\n${withoutSlot}`],
    ['one word changed', withoutSlot.replace('reintegró', 'devolvió')],
    ['one word removed', withoutSlot.replace('Cordialmente,', '')],
    ['a number changed', withoutSlot.replace('000123', '000124')],
    [
      'words reordered',
      withoutSlot.replace('Laura Gómez, Aguas del Valle', 'Aguas del Valle, Laura Gómez'),
    ],
    ['a completely different reply', 'Ya le devolvimos el dinero, Ana. Perdone la molestia.'],
    ['an empty reply', ''],
  ])('not canned with %s', (_label, sent) => {
    expect(isCannedReply(sent, RENDERED)).toBe(false);
  });

  it('does not treat a word split or joined differently as the same text', () => {
    expect(isCannedReply(withoutSlot.replace('le informamos', 'leinformamos'), RENDERED)).toBe(
      false,
    );
  });

  it('ignores placeholders left in either text (they block sending on their own)', () => {
    expect(isCannedReply(`${withoutSlot} {{nombre}}`, RENDERED)).toBe(true);
  });

  it('a template without a slot sent unchanged is canned; with a line added it is not', () => {
    const plain = renderTemplate('Hola {{nombre}}. Su caso {{radicado}} fue cerrado.', VALUES);
    expect(isCannedReply(plain, plain)).toBe(true);
    expect(isCannedReply(`${plain} Le llamaré el jueves.`, plain)).toBe(false);
  });

  it('a personal template sent without its personal line is not that template', () => {
    const personal = RENDERED.replace('{{linea_personal}}', 'Lamento la demora.');
    expect(isCannedReply(RENDERED, personal)).toBe(false);
    expect(isCannedReply(withoutSlot, withoutSlot)).toBe(true);
  });
});
