import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import { cases } from '@/db/tables';
import { SYSTEM_ACTOR, type Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { setChannelWebhook } from '../admin/channel-webhooks';
import { createCaseViaApi } from '../intake/handlers';
import { createApiKey, ensureIntakeChannel } from '../intake/keys';
import type { MailTransport } from '../notices/transport';

export interface ApiChannel {
  channelId: number;
  apiKey: string;
  /** The webhook's secret as the admin was shown it (the receiver's HMAC key). */
  secret: string;
}

/** A WhatsApp channel with an API key and its webhook set to `url` by `admin`. */
export async function openApiChannel(
  db: Conn,
  admin: Actor,
  url: string,
  now: Date,
): Promise<ApiChannel> {
  const channelId = await ensureIntakeChannel(db, 'WhatsApp línea 1', 'whatsapp');
  const apiKey = (await createApiKey(db, { channelId, name: 'bot', withSigningSecret: false })).key;
  const { secret } = await setChannelWebhook(makeCtx(db, admin, now), {
    id: channelId,
    webhookUrl: url,
  });
  return { channelId, apiKey, secret: secret! };
}

/** A Reclamo from an unidentified person, filed through the API as the channel's bot would; its id. */
export async function fileThroughApi(db: Conn, apiKey: string, now: Date): Promise<number> {
  const response = await createCaseViaApi(
    makeCtx(db, SYSTEM_ACTOR, now),
    new Request('http://localhost/api/v1/cases', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        typeCode: 'R',
        subject: 'Cobro doble en la factura',
        description: 'Me cobraron dos veces el servicio de marzo; solicito la devolución.',
      }),
    }),
  );
  if (response.status !== 201) throw new Error(`filing refused: ${await response.text()}`);
  const { radicado } = (await response.json()) as { radicado: string };
  return (await one(db.select({ id: cases.id }).from(cases).where(eq(cases.radicado, radicado))))
    .id;
}

/** For webhook-only tests: any e-mail the sender tries fails the test loudly. */
export const noMailTransport: MailTransport = {
  kind: 'smtp',
  send: (m) => Promise.reject(new Error(`unexpected e-mail to ${m.to}`)),
  close: () => {},
};
