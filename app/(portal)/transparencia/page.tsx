import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { Semester } from '@/lib/domain/report-periods';
import { requestCtx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { VISITOR } from '@/lib/server/portal/actors';
import { percent } from '@/lib/server/reports/report-tables';
import { transparencyReport, type PublicFigures } from '@/lib/server/reports/transparency';
import { Kpis } from '@/app/_components/kpis';
import './transparency.css';
import { calendarDate } from '@/lib/i18n/formats';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portal.transparency');
  return { title: t('title') };
}

/** The report, or the 404 page when it is not published or the semester is not one. */
async function load(semester: string | string[] | undefined) {
  try {
    return await transparencyReport(requestCtx(VISITOR), {
      semester: Array.isArray(semester) ? semester[0] : semester,
    });
  } catch (error) {
    if (isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION')) {
      notFound();
    }
    throw error;
  }
}

/**
 * The public PQRS figures by semester (Ley 1712 de 2014, transparency and access to public
 * information), once the admin publishes them: no personal data, the same figures as the report.
 */
export default async function TransparencyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const report = await load((await searchParams).semestre);
  const t = await getTranslations('portal.transparency');
  const tTypes = await getTranslations('types');
  const tChannels = await getTranslations('channels');
  const format = await getFormatter();
  const day = (date: string) => calendarDate(format, date, 'dayLong');
  const semesterName = (s: Semester) => {
    const [year, half] = s.split('-');
    return t(half === '1' ? 'firstSemester' : 'secondSemester', { year: year! });
  };
  const number = (n: number) => format.number(n);
  const days = (n: number | null) =>
    n === null ? t('none') : t('days', { days: format.number(n, { maximumFractionDigits: 1 }) });
  const onTimeShare = (f: PublicFigures) => {
    const share = percent(f.onTime, f.onTime + f.late);
    return share === null ? t('none') : `${format.number(share, { maximumFractionDigits: 1 })} %`;
  };
  const { total } = report;
  const cell = (typeCode: string, channel: string) =>
    report.received.find((r) => r.typeCode === typeCode && r.channel === channel)?.count ?? 0;

  return (
    <article className="transparency" aria-labelledby="transparency-title">
      <header className="card">
        <p className="muted">{report.organization}</p>
        <h1 id="transparency-title">{t('heading')}</h1>
        <p className="lead" data-testid="transparency-period">
          {t('period', {
            semester: semesterName(report.semester),
            from: day(report.from),
            to: day(report.to),
          })}
        </p>
        <p className="muted">{t('intro')}</p>
        <nav aria-label={t('semestersLabel')} className="report-presets">
          {report.semesters.map((s, i) => (
            <Link
              key={s}
              href={`/transparencia?semestre=${s}`}
              aria-current={s === report.semester ? 'page' : undefined}
              className={s === report.semester ? 'report-preset active' : 'report-preset'}
            >
              {i === 0 ? t('current', { semester: semesterName(s) }) : semesterName(s)}
            </Link>
          ))}
        </nav>
      </header>

      {total.received === 0 ? (
        <p className="alert" role="status">
          {t('noData')}
        </p>
      ) : (
        <>
          <Kpis
            label={t('kpisLabel')}
            items={[
              { label: t('received'), value: number(total.received) },
              {
                label: t('onTimeShare'),
                value: onTimeShare(total),
                note: t('onTimeNote', {
                  onTime: total.onTime,
                  answered: total.onTime + total.late,
                }),
              },
              { label: t('late'), value: number(total.late) },
              { label: t('averageDays'), value: days(total.averageBusinessDays) },
              { label: t('transferred'), value: number(total.transferred) },
            ]}
          />
          <FigureTable
            id="by-type"
            title={t('byTypeTitle')}
            corner={t('type')}
            columns={COLUMNS.map((c) => t(c))}
            rows={[...report.byType, { typeCode: null, ...total }].map((row) => ({
              key: row.typeCode ?? 'total',
              head: row.typeCode ? tTypes(row.typeCode) : t('total'),
              isTotal: row.typeCode === null,
              cells: [
                number(row.received),
                number(row.answered),
                number(row.onTime),
                number(row.late),
                days(row.averageBusinessDays),
                number(row.transferred),
              ],
            }))}
          />
          <FigureTable
            id="by-channel"
            title={t('byChannelTitle')}
            corner={t('type')}
            columns={report.channels.map((c) => tChannels(c))}
            rows={report.byType.map((row) => ({
              key: row.typeCode,
              head: tTypes(row.typeCode),
              cells: report.channels.map((c) => number(cell(row.typeCode, c))),
            }))}
          />
        </>
      )}
      <p className="muted small">{t('note')}</p>
    </article>
  );
}

const COLUMNS = ['received', 'answered', 'onTime', 'late', 'averageDays', 'transferred'] as const;

/** A table of figures: a row per type, a number per column (labelled when rows stack on phones). */
function FigureTable({
  id,
  title,
  corner,
  columns,
  rows,
}: {
  id: string;
  title: string;
  corner: string;
  columns: string[];
  rows: { key: string; head: string; cells: string[]; isTotal?: boolean }[];
}) {
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="table-scroll">
        <table className="table labelled" data-testid={`transparency-${id}`}>
          <thead>
            <tr>
              <th scope="col">{corner}</th>
              {columns.map((c) => (
                <th key={c} scope="col" className="num">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.isTotal ? 'total-row' : undefined}>
                <th scope="row">{row.head}</th>
                {row.cells.map((value, i) => (
                  <td key={columns[i]} className="num" data-label={columns[i]}>
                    {value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
