import 'server-only';
import type { InboundMailReason } from '@/lib/domain/enums';

const megabytes = (bytes: number) =>
  (bytes / (1024 * 1024)).toLocaleString('es-CO', { maximumFractionDigits: 1 });

/**
 * What the case says about a message that could not be read whole, in the words the petitioner and
 * staff both read (the case text is the petition as radicated, in the entity's language).
 */
export function mailNote(
  reason: InboundMailReason | null,
  facts: { dropped: string[]; sizeBytes: number },
): string | null {
  if (reason === 'malformed') {
    return '[El cuerpo del correo no se pudo leer. El mensaje original quedó guardado en el caso.]';
  }
  if (reason === 'oversize') {
    const files =
      facts.dropped.length > 0 ? ` Adjuntos no incorporados: ${facts.dropped.join(', ')}.` : '';
    return (
      `[El correo pesaba ${megabytes(facts.sizeBytes)} MB, más que el límite del buzón: se radicó ` +
      `con el texto que se pudo leer. El mensaje completo quedó guardado en el caso.${files}]`
    );
  }
  if (reason === 'attachments') {
    return (
      `[Adjuntos no aceptados por su tipo o tamaño: ${facts.dropped.join(', ')}. ` +
      'El mensaje original quedó guardado en el caso.]'
    );
  }
  return null;
}
