import { getTranslations } from '@/lib/i18n/server';
import { TextField } from '@/app/_components/text-field';
import { SelectField } from '@/app/_components/select-field';
import { TextArea } from '@/app/_components/text-area';
import { MAILBOX_AUTH_KINDS, MAILBOX_SECURITY } from '@/lib/domain/enums';
import type { MailboxListing } from '@/lib/server/mailboxes/mailboxes-admin';

/**
 * The fields of a mailbox, for adding one or changing it (`current`): where it is, how to log in
 * (password, or OAuth2 with the provider's details), which folders, which team. A stored secret is
 * never sent back: left empty on a change, it is kept.
 */
export async function MailboxFields({
  idPrefix,
  current,
  teams,
}: {
  idPrefix: string;
  current?: MailboxListing;
  teams: { id: number; name: string }[];
}) {
  const t = await getTranslations('mailboxes.admin');
  const f = (key: Parameters<typeof t>[0]) => t(key);
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      {current && <input type="hidden" name="id" value={current.id} />}
      <TextField
        id={id('name')}
        name="name"
        label={f('fields.name')}
        defaultValue={current?.name}
        required
      />
      <TextField
        id={id('host')}
        name="host"
        label={f('fields.host')}
        defaultValue={current?.host}
        placeholder="outlook.office365.com"
        autoComplete="off"
        required
      />
      <TextField
        id={id('port')}
        name="port"
        type="number"
        inputMode="numeric"
        min={1}
        max={65535}
        label={f('fields.port')}
        defaultValue={current?.port ?? 993}
        required
      />
      <SelectField
        id={id('security')}
        name="security"
        label={f('fields.security')}
        defaultValue={current?.security ?? 'tls'}
        options={MAILBOX_SECURITY.map((s) => ({ id: s, name: t(`security.${s}`) }))}
      />
      <SelectField
        id={id('authKind')}
        name="authKind"
        label={f('fields.authKind')}
        defaultValue={current?.authKind ?? 'password'}
        options={MAILBOX_AUTH_KINDS.map((k) => ({ id: k, name: t(`authKind.${k}`) }))}
      />
      <TextField
        id={id('username')}
        name="username"
        label={f('fields.username')}
        defaultValue={current?.username}
        autoComplete="off"
        required
      />
      <TextField
        id={id('secret')}
        name="secret"
        type="password"
        label={current ? f('fields.secretKeep') : f('fields.secret')}
        autoComplete="new-password"
        required={!current}
      />
      <TextField
        id={id('folder')}
        name="folder"
        label={f('fields.folder')}
        defaultValue={current?.folder ?? 'INBOX'}
      />
      <TextField
        id={id('processedFolder')}
        name="processedFolder"
        label={f('fields.processedFolder')}
        defaultValue={current?.processedFolder ?? 'Procesados'}
      />
      <SelectField
        id={id('team')}
        name="teamId"
        label={f('fields.team')}
        defaultValue={current?.teamId ?? ''}
        empty={f('fields.teamByRules')}
        options={teams}
      />
      <TextField
        id={id('maxMegabytes')}
        name="maxMegabytes"
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        label={f('fields.maxMegabytes')}
        defaultValue={current?.maxMegabytes ?? 25}
      />
      <details className="mailbox-more">
        <summary>{t('more')}</summary>
        <p className="muted">{t('oauthHint')}</p>
        <TextField
          id={id('oauthTokenUrl')}
          name="oauthTokenUrl"
          type="url"
          label={f('fields.oauthTokenUrl')}
          defaultValue={current?.oauthTokenUrl ?? ''}
          placeholder="https://login.microsoftonline.com/…/oauth2/v2.0/token"
        />
        <TextField
          id={id('oauthClientId')}
          name="oauthClientId"
          label={f('fields.oauthClientId')}
          defaultValue={current?.oauthClientId ?? ''}
          autoComplete="off"
        />
        <TextField
          id={id('oauthClientSecret')}
          name="oauthClientSecret"
          type="password"
          label={f('fields.oauthClientSecret')}
          autoComplete="new-password"
        />
        <TextField
          id={id('oauthScope')}
          name="oauthScope"
          label={f('fields.oauthScope')}
          defaultValue={current?.oauthScope ?? ''}
        />
        <TextArea id={id('caPem')} name="caPem" label={f('fields.caPem')} rows={3} />
      </details>
    </>
  );
}
