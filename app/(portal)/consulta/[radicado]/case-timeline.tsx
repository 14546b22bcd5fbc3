import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { CaseView } from '@/lib/server/cases/get-case';
import { FileList } from '../../../_components/file-list';
import { PUBLIC_TIMELINE_EVENTS } from '../../../_components/timeline-events';
import { calendarDate } from '@/lib/i18n/formats';
import type { AttachmentKind } from '@/lib/domain/enums';

const KNOWN_EVENTS = new Set(PUBLIC_TIMELINE_EVENTS);

export interface PublicFile {
  id: number;
  eventId: number | null;
  name: string;
  mimeType: string;
  sizeBytes: number;
  /** Only public files reach the portal: never an 'original_mail' (internal). */
  kind: AttachmentKind;
  /** Its download address under the case's portal path (lib/links/attachments.ts). */
  href: string;
}

/** The public files of one event, each a download link through the petitioner's session. */
export function PublicFiles({ files, eventId }: { files: readonly PublicFile[]; eventId: number }) {
  return (
    <FileList
      files={files
        .filter((f) => f.eventId === eventId)
        .map((f) => ({
          ...f,
          isLetter: f.kind === 'answer_letter',
        }))}
    />
  );
}

/** The public history. Bodies are rendered as text by React: markup a customer typed stays inert. */
export async function CaseTimeline({
  events,
  files,
}: {
  events: CaseView['events'];
  files: PublicFile[];
}) {
  const t = await getTranslations('portal.case');
  const tStory = await getTranslations('caseStory.portal');
  const format = await getFormatter();
  const day = (date: string) => calendarDate(format, date, 'dayLong');
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timelineTitle')}</h2>
      <ol className="timeline">
        {[...events].reverse().map((event) => {
          const data = (event.data ?? {}) as Record<string, string | undefined>;
          return (
            <li key={event.id} className="timeline-item">
              <p className="timeline-head">
                <strong>
                  {t(`events.${KNOWN_EVENTS.has(event.action) ? event.action : 'other'}`)}
                </strong>
                <time dateTime={event.createdAt.toISOString()} className="muted">
                  {format.dateTime(event.createdAt, 'instant')}
                </time>
              </p>
              {data.decision && <p className="decision">{t(`decision.${data.decision}`)}</p>}
              {data.newDueDate && <p>{t('newDueDate', { date: day(data.newDueDate) })}</p>}
              {data.destination && <p>{t('transferredTo', { destination: data.destination })}</p>}
              {event.body && <p className="prewrap">{event.body}</p>}
              {data.postedOn && <p>{tStory('posted', { date: day(data.postedOn) })}</p>}
              <PublicFiles files={files} eventId={event.id} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
