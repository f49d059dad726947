import { useMemo } from 'react';
import { App, Form, Input, InputNumber, Modal, Select, Switch, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { BUSINESS_LINES, CASE_KINDS, CHANNELS, PRIORITIES, SKILLS, type TAssignmentRule, type TTeam } from '@loopdesk/core';
import { currentLanguage } from '@/i18n';
import { placeFieldErrors } from '@/lib/errors';
import { buildOrgTree, useOrgUnits, type OrgNode } from '@/lib/org-units';
import { useCategories, useSaveRule } from '../api';

type Conditions = TAssignmentRule['conditions'];

interface Values extends Required<Conditions> {
  name: string;
  position?: number;
  active: boolean;
  teamId: string;
  requiredSkill?: TAssignmentRule['requiredSkill'];
}

interface Props {
  rule?: TAssignmentRule;
  teams: TTeam[];
  onClose: () => void;
}

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

/** Only the conditions that say something: an empty list is "any". */
function conditionsOf(v: Values): Conditions {
  const out: Conditions = {};
  for (const key of ['categoryIds', 'businessLines', 'orgUnitIds', 'priorities', 'channels', 'kinds'] as const) {
    const list = v[key];
    if (list && list.length > 0) Object.assign(out, { [key]: list });
  }
  return out;
}

/** Creates or edits an assignment rule: its conditions, team, required skill and place in the order. */
export function RuleFormModal({ rule, teams, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveRule();
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

  const submit = (v: Values) => {
    const body = { name: v.name.trim(), active: v.active, teamId: v.teamId, requiredSkill: v.requiredSkill ?? null, conditions: conditionsOf(v), ...(v.position === undefined || v.position === null ? {} : { position: v.position }) };
    save.mutate(rule ? { id: rule.id, update: { version: rule.version, ...body } } : { create: body }, {
      onSuccess: () => {
        void message.success(t(rule ? 'assignment.rules.updated' : 'assignment.rules.created'));
        onClose();
      },
      onError: (error) => placeFieldErrors(form, error, { rename: { 'conditions.categoryIds': 'categoryIds', 'conditions.orgUnitIds': 'orgUnitIds' } }),
    });
  };

  const required = { required: true, message: t('common.required') };
  const multi = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <Modal
      open
      title={rule ? `${t('assignment.rules.edit')} · ${rule.name}` : t('assignment.rules.create')}
      okText={rule ? t('common.save') : t('common.create')}
      okButtonProps={{ id: 'rule-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        name="rule-form"
        onFinish={submit}
        initialValues={
          rule
            ? { ...rule, ...rule.conditions, requiredSkill: rule.requiredSkill ?? undefined }
            : { active: true }
        }
      >
        <Form.Item label={t('assignment.rules.name')} name="name" rules={[{ ...required, whitespace: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('assignment.rules.position')} name="position">
          <InputNumber min={0} max={1_000_000} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t('assignment.rules.categories')} name="categoryIds">
          <TreeSelect multiple treeData={categoryTree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('assignment.rules.any')} />
        </Form.Item>
        <Form.Item label={t('assignment.rules.businessLines')} name="businessLines">
          <Select mode="multiple" options={multi(BUSINESS_LINES, 'businessLine')} placeholder={t('assignment.rules.any')} />
        </Form.Item>
        <Form.Item label={t('assignment.rules.orgUnits')} name="orgUnitIds">
          <TreeSelect multiple treeData={unitTree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('assignment.rules.any')} />
        </Form.Item>
        <Form.Item label={t('assignment.rules.priorities')} name="priorities">
          <Select mode="multiple" options={multi(PRIORITIES, 'priority')} placeholder={t('assignment.rules.any')} />
        </Form.Item>
        <Form.Item label={t('assignment.rules.channels')} name="channels">
          <Select mode="multiple" options={multi(CHANNELS, 'channel')} placeholder={t('assignment.rules.any')} />
        </Form.Item>
        <Form.Item label={t('assignment.rules.kinds')} name="kinds">
          <Select mode="multiple" options={multi(CASE_KINDS, 'caseKind')} placeholder={t('assignment.rules.any')} />
        </Form.Item>
        <Form.Item label={t('assignment.rules.team')} name="teamId" rules={[required]}>
          <Select id="rule-team" options={teams.map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Form.Item label={t('assignment.rules.requiredSkill')} name="requiredSkill">
          <Select allowClear placeholder={t('assignment.rules.noSkill')} options={multi(SKILLS, 'assignment.skill')} />
        </Form.Item>
        <Form.Item label={t('assignment.rules.active')} name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
