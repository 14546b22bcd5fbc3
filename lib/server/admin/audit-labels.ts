import 'server-only';
import { getTranslations } from '@/lib/i18n/server';

export type AuditLabelled = 'action' | 'actorRole' | 'visibility' | 'fromState' | 'toState';

/**
 * The audit log's codes by their labels in the reader's language (issue 17 §2), for its page and
 * its CSV: a case event by its timeline label, an administrative act by its own, a role, a
 * visibility, a state; a code without a label reads "other event" (its code stays in the database).
 */
export async function auditLabels(): Promise<(column: AuditLabelled, code: string) => string> {
  const tEvents = await getTranslations('staffCase.events');
  const tAudit = await getTranslations('adminRecords.audit');
  const tRoles = await getTranslations('roles');
  const tStates = await getTranslations('states');
  const known = (t: { has: (key: string) => boolean }, key: string) => t.has(key);
  return (column, code) => {
    switch (column) {
      case 'action':
        if (known(tEvents, code)) return tEvents(code as 'other');
        if (known(tAudit, `actions.${code}`)) return tAudit(`actions.${code}` as 'actions.other');
        return tAudit('actions.other');
      case 'actorRole':
        return known(tRoles, code) ? tRoles(code as 'agent') : code;
      case 'visibility':
        return known(tAudit, `visibility.${code}`)
          ? tAudit(`visibility.${code}` as 'visibility.internal')
          : code;
      case 'fromState':
      case 'toState':
        return known(tStates, code) ? tStates(code as 'radicada') : code;
    }
  };
}
