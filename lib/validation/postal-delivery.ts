import { z } from 'zod';
import { id, localDate } from './fields';

/** "Enviada por correo postal el …": the day the answer letter was handed to the post. */
export const PostalDeliverySchema = z.object({ caseId: id, postedOn: localDate });
export type PostalDelivery = z.infer<typeof PostalDeliverySchema>;

/** The same for a notice letter of a postal case (an outbox row of medium 'letter'). */
export const LetterPostingSchema = PostalDeliverySchema.extend({ outboxId: id });
