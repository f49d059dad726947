import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TMajorCaseRule } from '@loopdesk/core';
import { OrderedRulesCard } from '@/components/ordered-rules-card';
import { formatYuan } from '@/lib/format';
import { useUserNames } from '@/lib/users-lookup';
import { useDeleteMajorRule, useMajorRules, useSaveMajorRule } from '../api';
import { MajorRuleFormModal } from './major-rule-form-modal';

/** 重大投诉规则: the ordered rules that mark a case major, each with its default expert panel. */
export function MajorRulesPage() {
  const { t } = useTranslation();
  const { data: rules = [], isFetching } = useMajorRules();
  const save = useSaveMajorRule();
  const remove = useDeleteMajorRule();
  const nameOf = useUserNames();

  const extraTags = (r: TMajorCaseRule) => [
    ...(r.conditions.amountAtLeast === undefined || r.conditions.amountAtLeast === null ? [] : [t('panel.rules.amountTag', { amount: formatYuan(r.conditions.amountAtLeast) })]),
    ...(r.conditions.riskFlags ?? []).map((f) => t(`riskFlag.${f}`)),
  ];

  return (
    <OrderedRulesCard<TMajorCaseRule>
      idPrefix="major-rules"
      i18nPrefix="panel.rules"
      rules={rules}
      loading={isFetching}
      extraTags={extraTags}
      save={save}
      remove={remove}
      form={(rule, onClose) => <MajorRuleFormModal rule={rule} onClose={onClose} />}
      columns={[
        {
          title: t('panel.rules.panelMembers'),
          key: 'panel',
          render: (_v, r) =>
            r.panelMemberIds.length === 0 ? (
              <Typography.Text type="secondary">{t('panel.rules.noPanel')}</Typography.Text>
            ) : (
              <Space orientation="vertical" size={0}>
                <span>{r.panelMemberIds.map((id) => nameOf(id) ?? id).join('、')}</span>
                <Typography.Text type="secondary">{r.quorum ? t('panel.quorumOf', { n: r.quorum }) : t('panel.quorumMajority')}</Typography.Text>
              </Space>
            ),
        },
      ]}
    />
  );
}
