import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import { currentStaff } from '@/lib/server/auth/session';
import { problemsOfCase } from '@/lib/server/causes/get-problem';
import { linkableProblems } from '@/lib/server/causes/problem-options';
import { requestCtx } from '@/lib/server/core/context';
import { hasRole } from '@/lib/server/core/guard';
import { CaseProblemLink } from './case-problem-link';
import { StatusBadge } from './status-badge';
import '../causes.css';

/**
 * The case page's "Problemas" card: the problems this case is linked to, and for supervisors and
 * admins a choice of open or in-progress problems to link it to. Self-contained: it reads the
 * session and the data itself, so the case page only renders it.
 */
export async function CaseProblems({ caseId, radicado }: { caseId: number; radicado: string }) {
  const staff = await currentStaff();
  if (!staff) return null;
  const t = await getTranslations('causes.problems');
  const ctx = requestCtx(staff);
  const linked = await problemsOfCase(ctx, { caseId });
  const canLink = hasRole(staff, 'supervision');
  const choices = canLink
    ? (await linkableProblems(ctx)).filter((p) => !linked.some((l) => l.id === p.id))
    : [];
  return (
    <section className="card" aria-labelledby="case-problems-title">
      <h2 id="case-problems-title">{t('caseSection.title')}</h2>
      {linked.length === 0 ? (
        <p className="muted">{t('caseSection.none')}</p>
      ) : (
        <ul className="plain-list" data-testid="case-problems">
          {linked.map((p) => (
            <li key={p.id} className="cause-name">
              {canLink ? <Link href={`/causas/problemas/${p.id}`}>{p.title}</Link> : p.title}
              <StatusBadge status={p.status} label={t(`status.${p.status}`)} />
            </li>
          ))}
        </ul>
      )}
      {canLink ? <CaseProblemLink radicado={radicado} problems={choices} /> : null}
    </section>
  );
}
