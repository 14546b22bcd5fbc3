import 'server-only';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { CaseType } from '@/lib/domain/enums';
import type { GroupLabel } from '@/lib/server/supervision/quality-shared';
import type { AnalyticsGroup } from '@/lib/validation/analytics-query';
import { calendarDate } from '@/lib/i18n/formats';

/** Number formats the quality view shares; a missing ratio shows as "—", never as 0 %. */
export async function qualityFormat() {
  const format = await getFormatter();
  const tTypes = await getTranslations('types');
  const tSupervision = await getTranslations('supervision');
  const pct = (x: number | null) =>
    x === null ? '—' : format.number(x, { style: 'percent', maximumFractionDigits: 1 });
  const decimal = (x: number | null, digits = 1) =>
    x === null ? '—' : format.number(x, { maximumFractionDigits: digits });
  return {
    pct,
    decimal,
    int: (n: number) => format.number(n),
    /** A ratio as a chart value (0–100, one decimal). */
    chartPct: (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10),
    minutes: (seconds: number) => format.number(seconds / 60, { maximumFractionDigits: 0 }),
    hours: (seconds: number) => format.number(seconds / 3600, { maximumFractionDigits: 1 }),
    date: (date: string) => calendarDate(format, date),
    dateTime: (ms: number) => format.dateTime(new Date(ms), 'instant'),
    group: (by: AnalyticsGroup, g: GroupLabel): string => {
      if (g.key === null) return tSupervision('none');
      if (by === 'type') return tTypes(g.key as CaseType);
      if (by === 'month') {
        return format.dateTime(new Date(`${g.key}-15T12:00:00Z`), {
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        });
      }
      return g.name ?? String(g.key);
    },
  };
}
export type QualityFormat = Awaited<ReturnType<typeof qualityFormat>>;

/** Many groups read better as horizontal bars, each group as tall as its bars. */
export function barLayout(groups: number, series: number): { horizontal: boolean; height: number } {
  const horizontal = groups > 6;
  return { horizontal, height: horizontal ? Math.max(240, 40 + groups * (series * 10 + 14)) : 260 };
}
