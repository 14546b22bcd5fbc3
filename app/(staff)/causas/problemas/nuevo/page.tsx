import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/server/auth/session';
import { causePickNames, readCausePick } from '@/lib/server/causes/cause-cases';
import { problemFormOptions } from '@/lib/server/causes/problem-options';
import { requestCtx } from '@/lib/server/core/context';
import { ProblemForm } from '../problem-form';
import '../../causes.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('causes.problems');
  return { title: t('newTitle') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A new problem, prefilled from the process or cause row it was created from. */
export default async function NewProblemPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = requestCtx(await requireStaffPage('supervision', '/causas/problemas/nuevo'));
  const params = await searchParams;
  const options = await problemFormOptions(ctx);
  const pick = {
    processId: readCausePick(params, 'processId'),
    rootCauseId: readCausePick(params, 'rootCauseId'),
  };
  const cause = options.rootCauses.find((c) => c.id === pick.rootCauseId);
  const processId =
    cause?.processId ?? (typeof pick.processId === 'number' ? pick.processId : undefined);
  const names = await causePickNames(ctx, { processId, rootCauseId: cause?.id });
  const t = await getTranslations('causes.problems');
  const about = [names.process, names.rootCause].filter(Boolean).join(': ');
  return (
    <>
      <p>
        <Link href="/causas/problemas">← {t('back')}</Link>
      </p>
      <section className="card narrow" aria-labelledby="new-problem-title">
        <h1 id="new-problem-title">{t('newTitle')}</h1>
        <ProblemForm
          options={options}
          initial={{
            title: about ? t('prefillTitle', { name: about }) : '',
            description: '',
            processId: processId ? String(processId) : '',
            rootCauseId: cause ? String(cause.id) : '',
            ownerId: '',
            correctiveAction: '',
          }}
        />
      </section>
    </>
  );
}
