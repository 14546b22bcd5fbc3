import { getTranslations } from '@/lib/i18n/server';
import { TextField } from '@/app/_components/text-field';
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
      <div className="field">
        <label htmlFor={id('security')}>{f('fields.security')}</label>
        <select id={id('security')} name="security" defaultValue={current?.security ?? 'tls'}>
          {MAILBOX_SECURITY.map((s) => (
            <option key={s} value={s}>
              {t(`security.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('authKind')}>{f('fields.authKind')}</label>
        <select id={id('authKind')} name="authKind" defaultValue={current?.authKind ?? 'password'}>
          {MAILBOX_AUTH_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`authKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
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
      <div className="field">
        <label htmlFor={id('team')}>{f('fields.team')}</label>
        <select id={id('team')} name="teamId" defaultValue={current?.teamId ?? ''}>
          <option value="">{f('fields.teamByRules')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
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
