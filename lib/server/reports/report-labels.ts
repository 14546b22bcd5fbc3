import 'server-only';
import { createTranslator } from 'next-intl';
import type { CaseType, Channel, Locale, ProblemStatus } from '@/lib/domain/enums';
import { loadMessages } from '@/lib/i18n/load-messages';

/** The words the report's tables and CSV use, in one language. */
export interface ReportLabels {
  locale: Locale;
  /** A key under `reports.*`. */
  t: (key: string, values?: Record<string, string | number>) => string;
  type: (code: CaseType) => string;
  channel: (channel: Channel) => string;
  problemStatus: (status: ProblemStatus) => string;
}

/**
 * The report's labels from the message catalogues, without a request: the page, the CSV route and
 * the tests all read the same words.
 */
export async function loadReportLabels(locale: Locale): Promise<ReportLabels> {
  const messages = (await loadMessages(locale)) as Parameters<
    typeof createTranslator
  >[0]['messages'];
  const translate = createTranslator({ locale, messages });
  const tr = translate as unknown as (
    key: string,
    values?: Record<string, string | number>,
  ) => string;
  return {
    locale,
    t: (key, values) => tr(`reports.${key}`, values),
    type: (code) => tr(`types.${code}`),
    channel: (channel) => tr(`channels.${channel}`),
    problemStatus: (status) => tr(`reports.problemStatus.${status}`),
  };
}
