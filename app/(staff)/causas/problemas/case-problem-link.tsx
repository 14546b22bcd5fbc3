'use client';

import { useTranslations } from '@/lib/i18n/client';
import { FormOutcome, postTo, useFormAction } from '../../../_components/use-form-action';

/** Links the case to one of the open or in-progress problems (supervisors and admins). */
export function CaseProblemLink({
  radicado,
  problems,
}: {
  radicado: string;
  problems: { id: number; title: string }[];
}) {
  const t = useTranslations('causes.problems.caseSection');
  const post = useFormAction(
    postTo((body) => {
      const problemId = body instanceof FormData ? body.get('problemId') : body.problemId;
      return `/api/causas/problemas/${encodeURIComponent(String(problemId))}/acciones`;
    }),
    { extra: { action: 'link', radicado }, asObject: true },
  );
  if (problems.length === 0) return <p className="muted small">{t('noOpen')}</p>;
  return (
    <form onSubmit={post.onSubmit} className="form compact">
      <div className="field">
        <label htmlFor="case-problem">{t('select')}</label>
        <select id="case-problem" name="problemId" required defaultValue="">
          <option value="" disabled>
            {t('choose')}
          </option>
          {problems.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={post.isPending}>
        {t('submit')}
      </button>
      <FormOutcome result={post.result} success={t('done')} />
    </form>
  );
}
