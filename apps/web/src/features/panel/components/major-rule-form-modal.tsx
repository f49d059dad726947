import { App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISK_FLAGS, type RiskFlag, type TMajorCaseRule } from '@loopdesk/core';
import { CONDITION_ERROR_FIELDS, conditionsOf, RuleConditionFields, type RuleConditions } from '@/components/rule-conditions';
import { UsersSelect } from '@/components/user-select';
import { placeFieldErrors } from '@/lib/errors';
import { useSaveMajorRule } from '../api';

interface Values extends Required<RuleConditions> {
  name: string;
  position?: number;
  active: boolean;
  amountAtLeast?: number | null;
  riskFlags?: RiskFlag[];
  panelMemberIds?: string[];
  quorum?: number | null;
}

/** Creates or edits a major-case rule: the shared conditions, amount and risk flags, the default panel and its quorum. */
export function MajorRuleFormModal({ rule, onClose }: { rule?: TMajorCaseRule; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveMajorRule();

  const submit = (v: Values) => {
    const conditions = {
      ...conditionsOf(v),
      ...(v.amountAtLeast === undefined || v.amountAtLeast === null ? {} : { amountAtLeast: v.amountAtLeast }),
      ...(v.riskFlags && v.riskFlags.length > 0 ? { riskFlags: v.riskFlags } : {}),
    };
    const body = {
      name: v.name.trim(),
      active: v.active,
      conditions,
      panelMemberIds: v.panelMemberIds ?? [],
      quorum: v.quorum ?? null,
      ...(v.position === undefined || v.position === null ? {} : { position: v.position }),
    };
    save.mutate(rule ? { id: rule.id, update: { version: rule.version, ...body } } : { create: body }, {
      onSuccess: () => {
        void message.success(t(rule ? 'panel.rules.updated' : 'panel.rules.created'));
        onClose();
      },
      onError: (error) => placeFieldErrors(form, error, { rename: { ...CONDITION_ERROR_FIELDS, 'conditions.amountAtLeast': 'amountAtLeast', conditions: 'amountAtLeast' } }),
    });
  };

  const required = { required: true, message: t('common.required') };
  return (
    <Modal
      open
      title={rule ? `${t('panel.rules.edit')} · ${rule.name}` : t('panel.rules.create')}
      okText={rule ? t('common.save') : t('common.create')}
      okButtonProps={{ id: 'major-rule-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={720}
    >
      <Form form={form} layout="vertical" name="major-rule-form" onFinish={submit} initialValues={rule ? { ...rule, ...rule.conditions } : { active: true }}>
        <Form.Item label={t('panel.rules.name')} name="name" rules={[{ ...required, whitespace: true, max: 100 }]}>
          <Input id="major-rule-name" maxLength={100} />
        </Form.Item>
        <Form.Item label={t('panel.rules.position')} name="position">
          <InputNumber min={0} max={1_000_000} style={{ width: 160 }} />
        </Form.Item>
        <RuleConditionFields />
        <Form.Item label={t('panel.rules.amountAtLeast')} name="amountAtLeast">
          <InputNumber<number> id="major-rule-amount" min={0} max={1e13} precision={0} suffix={t('format.yuanUnit')} style={{ width: 240 }} placeholder={t('ruleConditions.any')} />
        </Form.Item>
        <Form.Item label={t('panel.rules.riskFlags')} name="riskFlags">
          <Select id="major-rule-flags" mode="multiple" options={RISK_FLAGS.map((f) => ({ value: f, label: t(`riskFlag.${f}`) }))} placeholder={t('ruleConditions.any')} />
        </Form.Item>
        <Form.Item label={t('panel.rules.panelMembers')} name="panelMemberIds" extra={t('panel.rules.panelMembersHint')}>
          <UsersSelect id="major-rule-members" />
        </Form.Item>
        <Form.Item label={t('panel.rules.quorum')} name="quorum" extra={t('panel.rules.quorumHint')}>
          <InputNumber min={1} max={15} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t('panel.rules.active')} name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
