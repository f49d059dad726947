import { App, Button, Flex, Form, Input, Modal, Select, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_STRATEGIES, SKILLS, type Skill, type TTeam } from '@loopdesk/core';
import { OrgUnitTreeSelect } from '@/components/org-unit-tree-select';
import { UserSelect } from '@/components/user-select';
import { applyFieldErrors } from '@/lib/errors';
import { useSaveTeam } from '../api';

interface Values {
  name: string;
  orgUnitId: string;
  strategy: TTeam['strategy'];
  active: boolean;
  members: { userId?: string; skills: Skill[] }[];
}

interface Props {
  /** The team to edit; none to create one. */
  team?: TTeam;
  onClose: () => void;
}

/** Creates or edits a team: its unit, strategy and members with their skills, in rotation order. */
export function TeamFormModal({ team, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveTeam();

  const submit = (v: Values) => {
    const members = v.members.filter((m): m is { userId: string; skills: Skill[] } => Boolean(m.userId)).map((m) => ({ userId: m.userId, skills: m.skills ?? [] }));
    save.mutate(
      team
        ? { id: team.id, update: { version: team.version, name: v.name.trim(), strategy: v.strategy, active: v.active, members } }
        : { create: { orgUnitId: v.orgUnitId, name: v.name.trim(), strategy: v.strategy, members } },
      {
        onSuccess: () => {
          void message.success(t(team ? 'assignment.teams.updated' : 'assignment.teams.created'));
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    );
  };

  const required = { required: true, message: t('common.required') };
  return (
    <Modal
      open
      title={team ? `${t('assignment.teams.edit')} · ${team.name}` : t('assignment.teams.create')}
      okText={team ? t('common.save') : t('common.create')}
      okButtonProps={{ id: 'team-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        name="team-form"
        onFinish={submit}
        initialValues={
          team
            ? { name: team.name, orgUnitId: team.orgUnitId, strategy: team.strategy, active: team.active, members: team.members.map((m) => ({ userId: m.userId, skills: m.skills })) }
            : { strategy: 'round_robin', active: true, members: [] }
        }
      >
        <Form.Item label={t('assignment.teams.name')} name="name" rules={[{ ...required, whitespace: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        {!team && (
          <Form.Item label={t('assignment.teams.orgUnit')} name="orgUnitId" rules={[required]}>
            <OrgUnitTreeSelect id="team-org-unit" />
          </Form.Item>
        )}
        <Flex gap={24}>
          <Form.Item label={t('assignment.teams.strategy')} name="strategy" style={{ flex: 1 }}>
            <Select options={ASSIGNMENT_STRATEGIES.map((s) => ({ value: s, label: t(`assignment.strategy.${s}`) }))} />
          </Form.Item>
          {team && (
            <Form.Item label={t('assignment.teams.active')} name="active" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Flex>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <Form.Item label={t('assignment.teams.members')}>
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item name={[field.name, 'userId']} rules={[required]} style={{ flex: 1, marginBottom: 0 }}>
                      <UserSelect placeholder={t('assignment.teams.member')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'skills']} style={{ flex: 1, marginBottom: 0 }}>
                      <Select mode="multiple" placeholder={t('assignment.teams.skills')} options={SKILLS.map((s) => ({ value: s, label: t(`assignment.skill.${s}`) }))} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('assignment.rules.delete')} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button id="team-add-member" type="dashed" icon={<PlusOutlined />} onClick={() => add({ skills: [] })}>
                  {t('assignment.teams.addMember')}
                </Button>
              </Flex>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
