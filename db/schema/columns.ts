import { integer } from 'drizzle-orm/sqlite-core';

/** Every instant is stored as epoch milliseconds (UTC); local dates are derived with the org time zone. */
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const createdAt = () =>
  instant('created_at')
    .notNull()
    .$defaultFn(() => new Date());
