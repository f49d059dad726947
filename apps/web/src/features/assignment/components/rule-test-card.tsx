import { useDeferredValue, useState } from 'react';
import { Alert, Button, Card, Flex, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAssignmentRule } from '@loopdesk/core';
import { errorMessage } from '@/lib/errors';
import { useUserNames } from '@/lib/users-lookup';
import { useCaseLookup, useTestRules } from '../api';

interface Props {
  rules: TAssignmentRule[];
  teamName: (id: string) => string;
}

/** Tries the rules on a case: which rule, team and person it would get now; nothing is written. */
export function RuleTestCard({ rules, teamName }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDeferredValue(text.trim());
  const { data: found = [], isFetching } = useCaseLookup(q);
  const [caseId, setCaseId] = useState<string>();
  const trial = useTestRules();
  const nameOf = useUserNames();
  const result = trial.data;
  const ruleName = (id: string) => rules.find((r) => r.id === id)?.name ?? id;
  const conditionLabel = (c: string) => t(`assignment.rules.${{ category: 'categories', businessLine: 'businessLines', orgUnit: 'orgUnits', priority: 'priorities', channel: 'channels', kind: 'kinds' }[c] ?? 'conditions'}`);

  return (
    <Card title={t('assignment.rules.testTitle')}>
      <Flex vertical gap={12}>
        <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
          <Select
            id="rule-test-case"
            style={{ width: '100%' }}
            value={caseId}
            onChange={(v: string | undefined) => setCaseId(v)}
            showSearch={{ filterOption: false, onSearch: setText }}
            allowClear
            loading={isFetching}
            placeholder={t('assignment.rules.testCase')}
            options={found.map((c) => ({ value: c.id, label: `${c.number} · ${c.title}` }))}
          />
          <Button id="rule-test-run" type="primary" disabled={!caseId} loading={trial.isPending} onClick={() => caseId && trial.mutate(caseId)}>
            {t('assignment.rules.testRun')}
          </Button>
        </Space.Compact>
        {trial.error && <Alert type="error" showIcon title={errorMessage(trial.error)} />}
        {result && (
          <Alert
            id="rule-test-result"
            type={result.ruleId ? (result.assigneeId ? 'success' : 'warning') : 'info'}
            showIcon
            title={result.ruleId ? t('assignment.rules.testResult', { rule: result.ruleName, team: teamName(result.teamId ?? '') }) : t('assignment.rules.testNoRule')}
            description={
              <Flex vertical gap={8}>
                {result.ruleId &&
                  (result.assigneeId
                    ? t('assignment.rules.testAssignee', { name: nameOf(result.assigneeId) ?? result.assigneeId })
                    : t('assignment.rules.testNobody', { why: t(`assignment.why.${result.why}`) }))}
                {result.evaluated.map((e) => (
                  <div key={e.ruleId}>
                    {ruleName(e.ruleId)}:{' '}
                    {e.failed.length === 0 ? (
                      <Tag color="green">{t('assignment.rules.matched')}</Tag>
                    ) : (
                      <Tag>{t('assignment.rules.failed', { conditions: e.failed.map(conditionLabel).join('、') })}</Tag>
                    )}
                  </div>
                ))}
              </Flex>
            }
          />
        )}
      </Flex>
    </Card>
  );
}
