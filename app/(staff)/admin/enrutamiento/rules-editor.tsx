'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useState } from 'react';
import { SelectField } from '@/app/_components/select-field';
import { TextField } from '@/app/_components/text-field';
import { FormOutcome, useFormAction } from '@/app/_components/use-form-action';
import { CASE_TYPES, CHANNELS, PRIORITIES } from '@/lib/domain/enums';
import type { RoutingRule } from '@/lib/domain/routing';
import { saveRoutingAction } from './actions';

interface Option {
  id: number | string;
  name: string;
}
interface Row {
  key: number;
  name: string;
  typeCode: string;
  channel: string;
  categoryId: string;
  priority: string;
  keywords: string;
  teamId: string;
}

const rowOf = (rule: RoutingRule, key: number): Row => ({
  key,
  name: rule.name,
  typeCode: rule.typeCode ?? '',
  channel: rule.channel ?? '',
  categoryId: rule.categoryId ? String(rule.categoryId) : '',
  priority: rule.priority ?? '',
  keywords: (rule.keywords ?? []).join(', '),
  teamId: String(rule.teamId),
});

/**
 * The ordered rules and the default team, edited together and saved as one new version: add,
 * remove and reorder rows, then save; field messages come back per row (`rules.2.teamId`).
 */
export function RulesEditor({
  defaultTeamId,
  rules,
  teams,
  categories,
}: {
  defaultTeamId: number | null;
  rules: RoutingRule[];
  teams: Option[];
  categories: Option[];
}) {
  const t = useTranslations('routing');
  const tTypes = useTranslations('types');
  const tChannels = useTranslations('channels');
  const form = useFormAction(saveRoutingAction);
  const [fallback, setFallback] = useState(defaultTeamId ? String(defaultTeamId) : '');
  const [rows, setRows] = useState<Row[]>(() => rules.map(rowOf));
  const [nextKey, setNextKey] = useState(rules.length);
  const change = (key: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: number) =>
    setRows((all) => {
      const next = [...all];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  const add = () => {
    setRows((all) => [
      ...all,
      {
        key: nextKey,
        name: '',
        typeCode: '',
        channel: '',
        categoryId: '',
        priority: '',
        keywords: '',
        teamId: '',
      },
    ]);
    setNextKey((k) => k + 1);
  };
  const types = CASE_TYPES.map((code) => ({ id: code, name: tTypes(code) }));
  const channels = CHANNELS.map((code) => ({ id: code, name: tChannels(code) }));
  const priorities = PRIORITIES.map((code) => ({ id: code, name: t(`priorities.${code}`) }));
  const errorsOf = (i: number, field: string) => form.errors[`rules.${i}.${field}`];

  return (
    <form
      noValidate
      className="routing-form"
      onSubmit={(event) => {
        event.preventDefault();
        form.submit({
          defaultTeamId: fallback,
          rules: rows.map(({ key: _key, ...row }) => row),
        });
      }}
    >
      {/* Without a saved default team, the page's note already says where new cases go. */}
      {rows.length === 0 && defaultTeamId !== null && <p className="muted">{t('noRules')}</p>}
      <ol className="routing-rules">
        {rows.map((row, i) => {
          const n = i + 1;
          const id = (field: string) => `rule-${row.key}-${field}`;
          return (
            <li key={row.key} className="routing-rule" aria-label={t('rule', { n })}>
              <div className="routing-rule-head">
                <strong>{t('rule', { n })}</strong>
                <span className="routing-rule-tools">
                  <button
                    type="button"
                    className="button button-quiet routing-tool"
                    onClick={() => move(i, -1)}
                    disabled={i === 0}
                    aria-label={t('up', { n })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button-quiet routing-tool"
                    onClick={() => move(i, 1)}
                    disabled={i === rows.length - 1}
                    aria-label={t('down', { n })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button-quiet routing-tool"
                    onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                    aria-label={t('remove', { n })}
                  >
                    ✕
                  </button>
                </span>
              </div>
              <div className="filter-grid">
                <TextField
                  name={`rules.${i}.name`}
                  id={id('name')}
                  label={t('name')}
                  value={row.name}
                  onChange={(e) => change(row.key, { name: e.target.value })}
                  errors={errorsOf(i, 'name')}
                />
                <SelectField
                  id={id('type')}
                  label={t('type')}
                  value={row.typeCode}
                  options={types}
                  empty={t('any')}
                  errors={errorsOf(i, 'typeCode')}
                  onChange={(e) => change(row.key, { typeCode: e.target.value })}
                />
                <SelectField
                  id={id('channel')}
                  label={t('channel')}
                  value={row.channel}
                  options={channels}
                  empty={t('any')}
                  errors={errorsOf(i, 'channel')}
                  onChange={(e) => change(row.key, { channel: e.target.value })}
                />
                <SelectField
                  id={id('category')}
                  label={t('category')}
                  value={row.categoryId}
                  options={categories}
                  empty={t('any')}
                  errors={errorsOf(i, 'categoryId')}
                  onChange={(e) => change(row.key, { categoryId: e.target.value })}
                />
                <SelectField
                  id={id('priority')}
                  label={t('priority')}
                  value={row.priority}
                  options={priorities}
                  empty={t('any')}
                  errors={errorsOf(i, 'priority')}
                  onChange={(e) => change(row.key, { priority: e.target.value })}
                />
                <SelectField
                  id={id('team')}
                  label={t('team')}
                  value={row.teamId}
                  options={teams}
                  empty={t('chooseTeam')}
                  errors={errorsOf(i, 'teamId')}
                  onChange={(e) => change(row.key, { teamId: e.target.value })}
                />
              </div>
              <TextField
                name={`rules.${i}.keywords`}
                id={id('keywords')}
                label={t('keywords')}
                value={row.keywords}
                onChange={(e) => change(row.key, { keywords: e.target.value })}
                errors={errorsOf(i, 'keywords') ?? errorsOf(i, 'match')}
                aria-describedby={id('keywords-hint')}
              />
              <p id={id('keywords-hint')} className="muted small">
                {t('keywordsHint')}
              </p>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button" onClick={add}>
        {t('add')}
      </button>
      <SelectField
        id="routing-default-team"
        label={t('defaultTeam')}
        value={fallback}
        options={teams}
        empty={t('chooseTeam')}
        errors={form.errors.defaultTeamId}
        onChange={(e) => setFallback(e.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={form.isPending}>
        {t('save')}
      </button>
      <FormOutcome result={form.result} success={t('saved')} />
    </form>
  );
}
