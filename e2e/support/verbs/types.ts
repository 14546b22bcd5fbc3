import type { Db } from '@/db/client';
import type { Actor } from '@/lib/server/core/actor';

/** A verb gets the parsed JSON arguments, the e2e database and the acting user (system by default). */
export type AreaVerb = (args: Record<string, any>, db: Db, actor: Actor) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
export type AreaVerbs = Record<string, AreaVerb>;
