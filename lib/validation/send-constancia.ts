import { z } from 'zod';
import { id, requiredEmail } from './fields';

/** A copy of a case's constancia by e-mail, to the address the petitioner gives. */
export const SendConstanciaSchema = z.object({ caseId: id, to: requiredEmail });
