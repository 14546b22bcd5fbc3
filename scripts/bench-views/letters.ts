import { isNotNull } from 'drizzle-orm';
import { cases } from '@/db/schema';
import { makeCtx } from '@/lib/server/core/context';
import { getOrganization } from '@/lib/server/core/organization';
import { answerLetterPdf } from '@/lib/server/letters/prepare-answer-letter';
import { buildAnswerLetter } from '@/lib/server/letters/letter-model';
import { composeCaseNotice } from '@/lib/server/notices/case-notices';
import type { ViewBench, ViewBenchContext } from './types';

/** Two paragraphs of the length a real answer has (about 1 500 characters). */
const BODY = [
  'Revisamos la factura del periodo de marzo y el historial de lecturas del medidor. '.repeat(6),
  'Por lo anterior, el valor facturado corresponde al consumo medido y no procede la devolución. '.repeat(
    6,
  ),
].join('\n\n');

/** An identified case of the scale data: the letter reads its petitioner like a real answer. */
function sampleCase({ db }: ViewBenchContext) {
  const row = db.select().from(cases).where(isNotNull(cases.customerId)).limit(1).get();
  if (!row) throw new Error('The database has no identified case.');
  return row;
}

/** Rendering the answer letter (read petitioner and signer, draw the PDF) and composing a notice. */
export const benches: ViewBench[] = [
  {
    name: 'carta de respuesta (PDF)',
    run: async (bench) => {
      const ctx = makeCtx(bench.db, bench.supervisor, bench.now);
      const letter = await buildAnswerLetter(bench.db, {
        row: sampleCase(bench),
        decision: 'niega',
        body: BODY,
        signer: bench.supervisor,
        org: await getOrganization(bench.db),
        now: bench.now,
      });
      return (await answerLetterPdf(ctx, letter)).byteLength;
    },
  },
  {
    name: 'aviso de respuesta (correo)',
    run: async (bench) => {
      const row = sampleCase(bench);
      const org = await getOrganization(bench.db);
      const mail = composeCaseNotice({
        kind: 'answer',
        locale: row.locale,
        orgName: org.name,
        radicado: row.radicado,
        timeZone: org.timeZone,
        accessUrl: `https://ventanilla.example/consulta/acceso?token=bench`,
        body: BODY,
        decision: 'niega',
      });
      return mail.html.length;
    },
  },
];
