import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { calendarYear } from '@/lib/server/admin/calendar-settings';
import { listTermSuspensions } from '@/lib/server/admin/term-suspensions';
import { CASE_TYPES } from '@/lib/domain/enums';
import { ConfigForm } from '../_config/config-form';
import {
  addClosureDayAction,
  removeClosureDayAction,
  declareTermSuspensionAction,
  updateCalendarSettingsAction,
} from './actions';
import '../_config/config.css';

export async function generateMetadata() {
  const t = await getTranslations('admin.sections');
  return { title: t('calendar') };
}

function yearOf(raw: string | string[] | undefined, now: Date): number {
  const thisYear = now.getFullYear();
  const year = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(year) && year >= thisYear - 5 && year <= thisYear + 5 ? year : thisYear;
}

/** National holidays of a year, the organisation's closure days, business hours and time zone. */
export default async function CalendarPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = requestCtx(await requireStaffPage('admin', '/admin/calendario'));
  const year = yearOf((await searchParams).anio, ctx.now);
  const t = await getTranslations('adminConfig.calendar');
  const tSections = await getTranslations('admin.sections');
  const locale = await getLocale();
  const dayFormat = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  const day = (date: string) => dayFormat.format(new Date(`${date}T12:00:00Z`));
  const view = await calendarYear(ctx, { year });
  const suspensions = await listTermSuspensions(ctx);
  const tTypes = await getTranslations('types');
  const thisYear = ctx.now.getFullYear();
  const years = Array.from({ length: 11 }, (_, i) => thisYear - 5 + i);
  const hours = Array.from({ length: 25 }, (_, h) => ({ value: String(h), label: `${h}:00` }));

  return (
    <>
      <h1>{tSections('calendar')}</h1>
      <p className="muted">{t('intro')}</p>
      <form method="get" className="config-year">
        <div className="field">
          <label htmlFor="calendar-year">{t('year')}</label>
          <select id="calendar-year" name="anio" defaultValue={String(year)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('show')}
        </button>
      </form>
      <div className="config-calendar">
        <section className="card" aria-labelledby="holidays-title">
          <h2 id="holidays-title">{t('holidays', { year })}</h2>
          <p className="muted">{t('holidaysSource')}</p>
          <ul className="config-history">
            {view.holidays.map((h) => (
              <li key={h.date}>
                <span className="nowrap">{day(h.date)}</span> — {h.name}
              </li>
            ))}
          </ul>
        </section>
        <section className="card config-closures" aria-labelledby="closures-title">
          <h2 id="closures-title">{t('closures', { year })}</h2>
          <p className="alert alert-info">{t('closureRule')}</p>
          {view.closures.length === 0 ? (
            <p>{t('noClosures')}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('date')}</th>
                    <th scope="col">{t('reason')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.closures.map((c) => (
                    <tr key={c.date}>
                      <td>
                        <span className="mono nowrap">{c.date}</span>
                        <br />
                        <span className="muted">{day(c.date)}</span>
                      </td>
                      <td>{c.reason}</td>
                      <td>
                        <ConfigForm
                          action={removeClosureDayAction}
                          submitLabel={t('remove', { date: c.date })}
                          successLabel={t('removed')}
                          compact
                          fields={[
                            { name: 'date', label: '', type: 'hidden', defaultValue: c.date },
                          ]}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>{t('addClosure')}</h3>
          <ConfigForm
            action={addClosureDayAction}
            submitLabel={t('add')}
            successLabel={t('added')}
            fields={[
              { name: 'date', label: t('date'), type: 'date', required: true },
              { name: 'reason', label: t('reason'), type: 'text', required: true },
            ]}
          />
        </section>
      </div>
      <section className="card" aria-labelledby="suspensions-title">
        <h2 id="suspensions-title">{t('suspensionsTitle')}</h2>
        <p className="muted">{t('suspensionsIntro')}</p>
        {suspensions.length === 0 ? (
          <p>{t('noSuspensions')}</p>
        ) : (
          <ul className="config-history" data-testid="suspensions">
            {suspensions.map((s) => (
              <li key={s.id}>
                <strong>{s.act}</strong> —{' '}
                {t('suspensionSpan', { from: day(s.fromDate), to: day(s.toDate) })} ·{' '}
                {s.typeCodes === null
                  ? t('allTypes')
                  : s.typeCodes.map((code) => tTypes(code)).join(', ')}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('declareSuspension')}</h3>
        <ConfigForm
          action={declareTermSuspensionAction}
          submitLabel={t('suspend')}
          successLabel={t('suspended')}
          fields={[
            { name: 'act', label: t('act'), type: 'text', required: true, hint: t('actHint') },
            { name: 'fromDate', label: t('fromDate'), type: 'date', required: true },
            { name: 'toDate', label: t('toDate'), type: 'date', required: true },
            {
              name: 'scope',
              label: t('scope'),
              type: 'select',
              defaultValue: 'all',
              options: [
                { value: 'all', label: t('allTypes') },
                { value: 'types', label: t('someTypes') },
              ],
            },
            {
              name: 'typeCodes',
              label: t('typeCodes'),
              type: 'checkboxes',
              options: CASE_TYPES.map((code) => ({ value: code, label: tTypes(code) })),
            },
          ]}
        />
      </section>
      <section className="card" aria-labelledby="hours-title">
        <h2 id="hours-title">{t('hoursTitle')}</h2>
        <p className="muted">{t('hoursIntro')}</p>
        <ConfigForm
          action={updateCalendarSettingsAction}
          submitLabel={t('saveHours')}
          successLabel={t('hoursSaved')}
          compact
          fields={[
            {
              name: 'businessHoursStart',
              label: t('start'),
              type: 'select',
              options: hours,
              defaultValue: String(view.settings.businessHoursStart),
            },
            {
              name: 'businessHoursEnd',
              label: t('end'),
              type: 'select',
              options: hours,
              defaultValue: String(view.settings.businessHoursEnd),
            },
            {
              name: 'worksSaturday',
              label: t('worksSaturday'),
              type: 'checkbox',
              defaultChecked: view.settings.worksSaturday,
            },
            {
              name: 'timeZone',
              label: t('timeZone'),
              type: 'text',
              defaultValue: view.settings.timeZone,
              hint: t('timeZoneHint'),
              required: true,
            },
          ]}
        />
      </section>
    </>
  );
}
