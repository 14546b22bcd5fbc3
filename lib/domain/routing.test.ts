import { describe, expect, it } from 'vitest';
import { foldText, matchRule, pickAssignee, type RoutableCase, type RoutingRule } from './routing';

const rule = (id: number, over: Partial<RoutingRule>): RoutingRule => ({
  id,
  name: `Regla ${id}`,
  typeCode: null,
  channel: null,
  categoryId: null,
  priority: null,
  keywords: null,
  teamId: 100 + id,
  ...over,
});
const reclamoWeb: RoutableCase = {
  typeCode: 'R',
  channel: 'web',
  categoryId: null,
  priority: 'normal',
  subject: 'Cobro doble en la FACTURACIÓN de marzo',
  description: 'Me llegaron dos cobros por el mismo servicio.',
};

describe('routing rules', () => {
  it('takes the first rule whose every condition holds, or none', () => {
    const rules = [
      rule(1, { typeCode: 'Q' }),
      rule(2, { typeCode: 'R', channel: 'email' }),
      rule(3, { typeCode: 'R', channel: 'web' }),
      rule(4, { typeCode: 'R' }),
    ];
    expect(matchRule(rules, reclamoWeb)?.id).toBe(3);
    expect(matchRule(rules, { ...reclamoWeb, typeCode: 'P' })).toBeNull();
    expect(matchRule([rule(5, { priority: 'preferente' })], reclamoWeb)).toBeNull();
    expect(matchRule([rule(6, { categoryId: 9 })], { ...reclamoWeb, categoryId: 9 })?.id).toBe(6);
  });

  it('matches words at their start, ignoring case and accents, never inside a word', () => {
    expect(foldText('  Facturación, ¡YA!  ')).toBe('facturacion ya');
    const byWords = (...keywords: string[]) => matchRule([rule(1, { keywords })], reclamoWeb);
    expect(byWords('facturacion')?.id).toBe(1);
    expect(byWords('Cobro')?.id).toBe(1); // "cobros" starts with it
    expect(byWords('mismo servicio')?.id).toBe(1);
    expect(byWords('bro')).toBeNull(); // inside "cobro", not a word start
    expect(byWords('medidor', 'poste')).toBeNull();
    expect(byWords('   ')).toBeNull();
  });
});

describe('assignment within a team', () => {
  const agents = [
    { id: 7, openCases: 0 },
    { id: 3, openCases: 0 },
    { id: 5, openCases: 0 },
  ];

  it('leaves a manual team’s case in its queue, and a team with nobody available', () => {
    expect(pickAssignee('manual', agents, null)).toBeNull();
    expect(pickAssignee('round_robin', [], 3)).toBeNull();
  });

  it('turns in id order after the last one, wrapping around', () => {
    expect(pickAssignee('round_robin', agents, null)).toBe(3);
    expect(pickAssignee('round_robin', agents, 3)).toBe(5);
    expect(pickAssignee('round_robin', agents, 5)).toBe(7);
    expect(pickAssignee('round_robin', agents, 7)).toBe(3);
    // The last one went away meanwhile: the next in order still follows.
    expect(pickAssignee('round_robin', agents, 4)).toBe(5);
  });

  it('gives least-open the emptiest desk, equals in turn', () => {
    const loads = [
      { id: 3, openCases: 4 },
      { id: 5, openCases: 2 },
      { id: 7, openCases: 2 },
    ];
    expect(pickAssignee('least_open', loads, null)).toBe(5);
    expect(pickAssignee('least_open', loads, 5)).toBe(7);
    expect(pickAssignee('least_open', loads, 7)).toBe(5);
  });
});
