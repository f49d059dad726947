import { useMemo } from 'react';
import { Form, Select, Tag, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BUSINESS_LINES, CASE_KINDS, CHANNELS, PRIORITIES, type TAssignmentRule } from '@loopdesk/core';
import { currentLanguage } from '@/i18n';
import { useCategories } from '@/lib/categories';
import { buildOrgTree, useOrgUnits, type OrgNode } from '@/lib/org-units';

/** The conditions routing and marking rules share: each list empty or absent means "any". */
export type RuleConditions = TAssignmentRule['conditions'];

export const CONDITION_KEYS = ['categoryIds', 'businessLines', 'orgUnitIds', 'priorities', 'channels', 'kinds'] as const;

/** How the server names a condition field in a problem, and where the form shows it. */
export const CONDITION_ERROR_FIELDS = { 'conditions.categoryIds': 'categoryIds', 'conditions.orgUnitIds': 'orgUnitIds' };

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

/** Only the conditions that say something, from form values that hold them at the top level. */
export function conditionsOf(v: Partial<Record<(typeof CONDITION_KEYS)[number], readonly string[] | undefined>>): RuleConditions {
  const out: RuleConditions = {};
  for (const key of CONDITION_KEYS) {
    const list = v[key];
    if (list && list.length > 0) Object.assign(out, { [key]: list });
  }
  return out;
}

/** The form items for the shared conditions (category and unit subtrees, business line, priority, channel, kind). */
export function RuleConditionFields() {
  const { t } = useTranslation();
  const { data: units = [] } = useOrgUnits();
  const { data: categories = [] } = useCategories();
  const en = currentLanguage() === 'en';
  const unitTree = useMemo(() => {
    const toOption = (node: OrgNode): TreeOption => ({ value: node.unit.id, title: node.unit.name, children: node.children.map(toOption) });
    return buildOrgTree(units).map(toOption);
  }, [units]);
  const categoryTree = useMemo(() => {
    const toOption = (parentId: string | null): TreeOption[] =>
      categories.filter((c) => c.parentId === parentId).map((c) => ({ value: c.id, title: en ? c.nameEn : c.nameZh, children: toOption(c.id) }));
    return toOption(null);
  }, [categories, en]);
  const multi = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const any = t('ruleConditions.any');
  return (
    <>
      <Form.Item label={t('ruleConditions.categories')} name="categoryIds">
        <TreeSelect multiple treeData={categoryTree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={any} />
      </Form.Item>
      <Form.Item label={t('ruleConditions.businessLines')} name="businessLines">
        <Select mode="multiple" options={multi(BUSINESS_LINES, 'businessLine')} placeholder={any} />
      </Form.Item>
      <Form.Item label={t('ruleConditions.orgUnits')} name="orgUnitIds">
        <TreeSelect multiple treeData={unitTree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={any} />
      </Form.Item>
      <Form.Item label={t('ruleConditions.priorities')} name="priorities">
        <Select mode="multiple" options={multi(PRIORITIES, 'priority')} placeholder={any} />
      </Form.Item>
      <Form.Item label={t('ruleConditions.channels')} name="channels">
        <Select mode="multiple" options={multi(CHANNELS, 'channel')} placeholder={any} />
      </Form.Item>
      <Form.Item label={t('ruleConditions.kinds')} name="kinds">
        <Select mode="multiple" options={multi(CASE_KINDS, 'caseKind')} placeholder={any} />
      </Form.Item>
    </>
  );
}

/** A rule's conditions as tags, `extra` appended (conditions only one kind of rule has); "any case" when none. */
export function RuleConditionTags({ conditions, extra = [] }: { conditions: RuleConditions; extra?: string[] }) {
  const { t } = useTranslation();
  const { data: units = [] } = useOrgUnits();
  const { data: categories = [] } = useCategories();
  const en = currentLanguage() === 'en';
  const c = conditions;
  const tags = [
    ...(c.categoryIds ?? []).map((id) => {
      const cat = categories.find((x) => x.id === id);
      return cat ? (en ? cat.nameEn : cat.nameZh) : id;
    }),
    ...(c.businessLines ?? []).map((b) => t(`businessLine.${b}`)),
    ...(c.orgUnitIds ?? []).map((id) => units.find((u) => u.id === id)?.name ?? id),
    ...(c.priorities ?? []).map((p) => t(`priority.${p}`)),
    ...(c.channels ?? []).map((ch) => t(`channel.${ch}`)),
    ...(c.kinds ?? []).map((k) => t(`caseKind.${k}`)),
    ...extra,
  ];
  if (tags.length === 0) return <Typography.Text type="secondary">{t('ruleConditions.any')}</Typography.Text>;
  return (
    <>
      {tags.map((x) => (
        <Tag key={x}>{x}</Tag>
      ))}
    </>
  );
}
