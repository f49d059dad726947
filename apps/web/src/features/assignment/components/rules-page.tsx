import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAssignmentRule } from '@loopdesk/core';
import { OrderedRulesCard } from '@/components/ordered-rules-card';
import { useDeleteRule, useRules, useSaveRule, useTeams } from '../api';
import { RuleFormModal } from './rule-form-modal';
import { RuleTestCard } from './rule-test-card';

/** 分派规则: the ordered rules, each with its conditions, team and skill; and a trial on a case. */
export function RulesPage() {
  const { t } = useTranslation();
  const { data: rules = [], isFetching } = useRules();
  const { data: teams = [] } = useTeams();
  const save = useSaveRule();
  const remove = useDeleteRule();

  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? t('common.none');
  return (
    <Flex vertical gap={16}>
      <OrderedRulesCard<TAssignmentRule>
        idPrefix="rules"
        i18nPrefix="assignment.rules"
        rules={rules}
        loading={isFetching}
        save={save}
        remove={remove}
        form={(rule, onClose) => <RuleFormModal rule={rule} teams={teams} onClose={onClose} />}
        columns={[
          { title: t('assignment.rules.team'), dataIndex: 'teamId', render: (id: string) => teamName(id) },
          {
            title: t('assignment.rules.requiredSkill'),
            dataIndex: 'requiredSkill',
            render: (s: string | null) => (s ? t(`assignment.skill.${s}`) : t('assignment.rules.noSkill')),
          },
        ]}
      />
      <RuleTestCard rules={rules} teamName={teamName} />
    </Flex>
  );
}
