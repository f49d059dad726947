import { useState } from 'react';
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CASE_CLOCKS,
  CASE_KINDS,
  CHANNELS,
  ESCALATION_TARGETS,
  levelKeys,
  PRIORITIES,
  SLA_METRICS,
  type SlaMetric,
  type TEscalationStep,
  type TSlaRule,
  type TSlaTarget,
  type TUpdateSlaPolicyRequest,
} from '@loopdesk/core';
import { isApiError } from '@/lib/api';
import { errorMessage, fieldProblemMessage } from '@/lib/errors';
import { useSaveSlaPolicy, useSlaPolicy } from '../api';
import { RuleSetCard } from './rule-set-card';

type Draft = Omit<TUpdateSlaPolicyRequest, 'version'>;
const UNITS: TSlaTarget['unit'][] = ['calendar_minutes', 'business_minutes', 'close_of_working_day'];
const PERCENTS = Array.from({ length: 19 }, (_, i) => (i + 1) * 5);

function moved<T>(items: readonly T[], index: number): T[] {
  const next = [...items];
  [next[index - 1], next[index]] = [next[index]!, next[index - 1]!];
  return next;
}

/** SLA 策略: the targets by kind × priority × channel, the warning fractions and the escalation chain. */
export function SlaPolicyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: policy, isLoading } = useSlaPolicy();
  const save = useSaveSlaPolicy();
  // Edits belong to the version they started from: a save or a reload starts afresh.
  const [edit, setEdit] = useState<{ version: number; draft: Draft }>();
  const [problems, setProblems] = useState<string[]>([]);

  if (isLoading || !policy) return <Card loading />;
  const draft: Draft =
    edit?.version === policy.version ? edit.draft : { title: policy.title, rules: policy.rules, warningFractions: policy.warningFractions, escalation: policy.escalation };
  const setDraft = (next: Draft) => setEdit({ version: policy.version, draft: next });
  const levels = levelKeys(draft.warningFractions);
  const levelLabel = (level: string) => {
    const warning = /^warning_(\d+)$/.exec(level);
    return warning ? t('sla.levelWarning', { n: warning[1] }) : t('sla.levelBreach');
  };
  const setRule = (index: number, rule: TSlaRule) => setDraft({ ...draft, rules: draft.rules.map((r, i) => (i === index ? rule : r)) });
  const setStep = (index: number, step: TEscalationStep) => setDraft({ ...draft, escalation: draft.escalation.map((s, i) => (i === index ? step : s)) });
  const setTarget = (index: number, metric: SlaMetric, target: TSlaTarget | undefined) => {
    const rule = draft.rules[index]!;
    const targets = { ...rule.targets };
    if (target) targets[metric] = target;
    else delete targets[metric];
    setRule(index, { ...rule, targets });
  };
  const matchSelect = <K extends 'kinds' | 'priorities' | 'channels'>(index: number, key: K, options: readonly string[], label: (v: string) => string) => {
    const rule = draft.rules[index]!;
    return (
      <Select
        mode="multiple"
        size="small"
        style={{ minWidth: 160 }}
        placeholder={`${t(`sla.${key}`)}: ${t('sla.any')}`}
        value={rule.match[key] ?? []}
        options={options.map((v) => ({ value: v, label: label(v) }))}
        onChange={(values: string[]) => {
          const match = { ...rule.match } as Record<string, string[] | undefined>;
          if (values.length > 0) match[key] = values;
          else delete match[key];
          setRule(index, { ...rule, match: match as TSlaRule['match'] });
        }}
      />
    );
  };

  const submit = () => {
    setProblems([]);
    save.mutate(
      { version: policy.version, ...draft },
      {
        onSuccess: () => void message.success(t('sla.saved')),
        onError: (error) => {
          if (isApiError(error) && error.fields.length > 0) setProblems(error.fields.map((f) => `${f.field}: ${fieldProblemMessage(f, error.code)}`));
          void message.error(errorMessage(error));
        },
      },
    );
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} id="sla-policy">
      <Card
        title={t('sla.policyTitle')}
        extra={
          <Space>
            <Tag>{t('sla.version', { v: policy.version })}</Tag>
            <Button type="primary" data-testid="sla-save" loading={save.isPending} onClick={submit}>
              {t('sla.save')}
            </Button>
          </Space>
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('sla.policyHint')} />
          {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} data-testid="sla-problems" />}
          <Space wrap>
            <Typography.Text>{t('sla.policyName')}</Typography.Text>
            <Input data-testid="sla-title" style={{ width: 320 }} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
            <Typography.Text>{t('sla.warningFractions')}</Typography.Text>
            <Select
              mode="multiple"
              data-testid="sla-fractions"
              style={{ minWidth: 240 }}
              value={draft.warningFractions.map((f) => Math.round(f * 100))}
              options={PERCENTS.map((p) => ({ value: p, label: `${p}%` }))}
              onChange={(values: number[]) => setDraft({ ...draft, warningFractions: [...values].sort((a, b) => a - b).map((p) => p / 100) })}
            />
          </Space>
        </Space>
      </Card>

      <Card
        title={t('sla.rules')}
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setDraft({ ...draft, rules: [...draft.rules, { name: t('sla.addRule'), match: {}, targets: {} }] })}>
            {t('sla.addRule')}
          </Button>
        }
      >
        <Table<TSlaRule & { key: number }>
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={draft.rules.map((r, key) => ({ ...r, key }))}
          columns={[
            {
              title: t('sla.ruleName'),
              width: 220,
              render: (_v, r) => <Input size="small" value={r.name} onChange={(e) => setRule(r.key, { ...draft.rules[r.key]!, name: e.target.value })} />,
            },
            {
              title: t('sla.match'),
              render: (_v, r) => (
                <Space orientation="vertical" size={4}>
                  {matchSelect(r.key, 'kinds', CASE_KINDS, (v) => t(`caseKind.${v}`))}
                  {matchSelect(r.key, 'priorities', PRIORITIES, (v) => t(`priority.${v}`))}
                  {matchSelect(r.key, 'channels', CHANNELS, (v) => t(`channel.${v}`))}
                </Space>
              ),
            },
            {
              title: t('sla.targets'),
              render: (_v, r) => (
                <Space orientation="vertical" size={4}>
                  {SLA_METRICS.map((metric) => {
                    const target = r.targets[metric];
                    return (
                      <Space key={metric} size={4} wrap>
                        <Typography.Text style={{ width: 72, display: 'inline-block' }}>{t(`sla.clock.${metric}`)}</Typography.Text>
                        <Select
                          size="small"
                          style={{ width: 170 }}
                          allowClear
                          placeholder={t('sla.notSet')}
                          value={target?.unit}
                          options={UNITS.map((u) => ({ value: u, label: t(`sla.unit.${u}`) }))}
                          onChange={(unit?: TSlaTarget['unit']) =>
                            setTarget(r.key, metric, unit ? { unit, amount: unit === 'close_of_working_day' ? 0 : (target?.amount ?? 60) || 60 } : undefined)
                          }
                        />
                        {target && (
                          <InputNumber
                            size="small"
                            min={target.unit === 'close_of_working_day' ? 0 : 1}
                            max={target.unit === 'close_of_working_day' ? 250 : 525_600}
                            precision={0}
                            value={target.amount}
                            onChange={(amount) => amount !== null && setTarget(r.key, metric, { ...target, amount })}
                          />
                        )}
                      </Space>
                    );
                  })}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              width: 90,
              render: (_v, r) => (
                <Space size={2}>
                  <Button size="small" type="text" aria-label={t('sla.moveUp')} icon={<ArrowUpOutlined />} disabled={r.key === 0} onClick={() => setDraft({ ...draft, rules: moved(draft.rules, r.key) })} />
                  <Button
                    size="small"
                    type="text"
                    danger
                    aria-label={t('sla.remove')}
                    icon={<DeleteOutlined />}
                    disabled={draft.rules.length === 1}
                    onClick={() => setDraft({ ...draft, rules: draft.rules.filter((_, i) => i !== r.key) })}
                  />
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        title={t('sla.escalation')}
        extra={
          <Button
            icon={<PlusOutlined />}
            data-testid="sla-add-step"
            onClick={() => setDraft({ ...draft, escalation: [...draft.escalation, { level: 'breach', clocks: [...CASE_CLOCKS], notify: ['team_lead'], reassignTo: null }] })}
          >
            {t('sla.addStep')}
          </Button>
        }
      >
        <Table<TEscalationStep & { key: number }>
          size="small"
          pagination={false}
          scroll={{ x: true }}
          id="sla-escalation"
          dataSource={draft.escalation.map((s, key) => ({ ...s, key }))}
          columns={[
            {
              title: t('sla.stepLevel'),
              width: 140,
              render: (_v, s) => (
                <Select
                  size="small"
                  style={{ width: 130 }}
                  value={s.level}
                  status={levels.includes(s.level) ? undefined : 'error'}
                  options={levels.map((l) => ({ value: l, label: levelLabel(l) }))}
                  onChange={(level: string) => setStep(s.key, { ...draft.escalation[s.key]!, level })}
                />
              ),
            },
            {
              title: t('sla.stepClocks'),
              render: (_v, s) => (
                <Select
                  mode="multiple"
                  size="small"
                  style={{ minWidth: 220 }}
                  value={s.clocks}
                  options={CASE_CLOCKS.map((c) => ({ value: c, label: t(`sla.clock.${c}`) }))}
                  onChange={(clocks: TEscalationStep['clocks']) => setStep(s.key, { ...draft.escalation[s.key]!, clocks })}
                />
              ),
            },
            {
              title: t('sla.notify'),
              render: (_v, s) => (
                <Select
                  mode="multiple"
                  size="small"
                  style={{ minWidth: 220 }}
                  value={s.notify}
                  options={ESCALATION_TARGETS.map((x) => ({ value: x, label: t(`sla.target.${x}`) }))}
                  onChange={(notify: TEscalationStep['notify']) => setStep(s.key, { ...draft.escalation[s.key]!, notify })}
                />
              ),
            },
            {
              title: t('sla.reassignTo'),
              width: 180,
              render: (_v, s) => (
                <Select
                  size="small"
                  style={{ width: 170 }}
                  allowClear
                  placeholder={t('sla.noReassign')}
                  value={s.reassignTo ?? undefined}
                  options={ESCALATION_TARGETS.map((x) => ({ value: x, label: t(`sla.target.${x}`) }))}
                  onChange={(reassignTo?: TEscalationStep['reassignTo']) => setStep(s.key, { ...draft.escalation[s.key]!, reassignTo: reassignTo ?? null })}
                />
              ),
            },
            {
              title: t('common.actions'),
              width: 70,
              render: (_v, s) => (
                <Button
                  size="small"
                  type="text"
                  danger
                  aria-label={t('sla.remove')}
                  icon={<DeleteOutlined />}
                  onClick={() => setDraft({ ...draft, escalation: draft.escalation.filter((_, i) => i !== s.key) })}
                />
              ),
            },
          ]}
        />
      </Card>
      <RuleSetCard />
    </Space>
  );
}
