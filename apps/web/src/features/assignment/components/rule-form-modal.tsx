import { App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { SKILLS, type TAssignmentRule, type TTeam } from '@loopdesk/core';
import { CONDITION_ERROR_FIELDS, conditionsOf, RuleConditionFields } from '@/components/rule-conditions';
import { placeFieldErrors } from '@/lib/errors';
import { useSaveRule } from '../api';

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

/** Creates or edits an assignment rule: its conditions, team, required skill and place in the order. */
export function RuleFormModal({ rule, teams, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveRule();

  const submit = (v: Values) => {
    const body = { name: v.name.trim(), active: v.active, teamId: v.teamId, requiredSkill: v.requiredSkill ?? null, conditions: conditionsOf(v), ...(v.position === undefined || v.position === null ? {} : { position: v.position }) };
    save.mutate(rule ? { id: rule.id, update: { version: rule.version, ...body } } : { create: body }, {
      onSuccess: () => {
        void message.success(t(rule ? 'assignment.rules.updated' : 'assignment.rules.created'));
        onClose();
      },
      onError: (error) => placeFieldErrors(form, error, { rename: CONDITION_ERROR_FIELDS }),
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
        <RuleConditionFields />
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
