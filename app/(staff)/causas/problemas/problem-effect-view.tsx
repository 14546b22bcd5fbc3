import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { EffectWindow, ProblemEffect } from '@/lib/server/causes/problem-effect';

/**
 * Did the fix work: cases linked, and new complaints of the cause per week before and after the
 * problem was resolved (or the recent baseline while it is not), with the windows stated.
 */
export async function ProblemEffectView({
  effect,
  scopeName,
}: {
  effect: ProblemEffect;
  scopeName: string | null;
}) {
  const t = await getTranslations('causes.problems.effect');
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, 'day');
  const number = (n: number) => format.number(n, { maximumFractionDigits: 1 });
  const windowItem = (label: string, w: EffectWindow) => (
    <li>
      <span className="muted">{label}</span>
      <strong>{w.weekly === null ? '—' : t('weekly', { value: number(w.weekly) })}</strong>
      <span className="small">
        {t('total', { count: w.complaints, weeks: number(w.weeks) })}
        <br />
        {t('window', { from: day(w.from), to: day(w.to) })}
      </span>
    </li>
  );
  return (
    <section className="card" aria-labelledby="effect-title">
      <h2 id="effect-title">{t('title')}</h2>
      {effect.scope ? (
        <p className="muted">
          {effect.scope === 'rootCause'
            ? t('scopeCause', { name: scopeName ?? '' })
            : t('scopeProcess', { name: scopeName ?? '' })}
        </p>
      ) : null}
      <ul className="problem-effect">
        <li>
          <span className="muted">{t('linkedCases')}</span>
          <strong data-testid="effect-linked">{effect.linkedCases}</strong>
        </li>
        {effect.before && !effect.after ? windowItem(t('baseline'), effect.before) : null}
        {effect.before && effect.after ? windowItem(t('before'), effect.before) : null}
        {effect.after ? windowItem(t('after'), effect.after) : null}
        {effect.change !== null ? (
          <li>
            <span className="muted">{t('change')}</span>
            <strong>
              {format.number(effect.change, {
                style: 'percent',
                maximumFractionDigits: 0,
                signDisplay: 'exceptZero',
              })}
            </strong>
          </li>
        ) : null}
      </ul>
      {!effect.scope ? <p>{t('noScope')}</p> : null}
      {effect.scope && !effect.after ? <p>{t('notResolved')}</p> : null}
      {effect.after && effect.after.weeks < 1 ? <p>{t('tooEarly')}</p> : null}
      <p className="muted small">{t('definition')}</p>
    </section>
  );
}
