import { getFormatter, getTranslations } from '@/lib/i18n/server';

/** A case file as a list shows it; `href` is the download route that checks access. */
export interface ListedFile {
  id: number;
  name: string;
  mimeType: string;
  sizeBytes: number;
  href: string;
  isInternal?: boolean;
  isLetter?: boolean;
  /** Its bytes were deleted when the petitioner was anonymised: named, not linked. */
  isRemoved?: boolean;
}

/** The stored types (lib/server/cases/uploads.ts) as people name them. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/msword': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'text/plain': 'TXT',
  'text/csv': 'CSV',
};

const KB = 1024;

type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/** A size in bytes as people read it in their language: 812 B, 34 kB, 2,5 MB. */
export function sizeText(format: Formatter, bytes: number): string {
  if (bytes < KB) return `${format.number(bytes)} B`;
  if (bytes < KB * KB) {
    return format.number(bytes / KB, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
  }
  return format.number(bytes / (KB * KB), {
    style: 'unit',
    unit: 'megabyte',
    maximumFractionDigits: 1,
  });
}

/** Files with their name (the download link), type and size in the reader's language. */
export async function FileList({ files }: { files: readonly ListedFile[] }) {
  if (files.length === 0) return null;
  const t = await getTranslations('caseStory.files');
  const format = await getFormatter();
  const size = (bytes: number) => sizeText(format, bytes);
  return (
    <ul className="file-list">
      {files.map((f) => (
        <li key={f.id}>
          {f.isRemoved ? (
            <span data-testid="removed-file">{f.name}</span>
          ) : (
            <a href={f.href} download aria-label={t('download', { name: f.name })}>
              {f.name}
            </a>
          )}{' '}
          <span className="muted small">
            {TYPE_NAMES[f.mimeType] ?? f.mimeType} · {size(f.sizeBytes)}
          </span>
          {f.isLetter && <span className="tag small">{t('letter')}</span>}
          {f.isInternal && <span className="badge badge-paused small">{t('internal')}</span>}
          {f.isRemoved && <span className="tag small">{t('removed')}</span>}
        </li>
      ))}
    </ul>
  );
}
