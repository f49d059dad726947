import { useState } from 'react';
import { App, Button, Flex, Form, Input, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel, type TCaseDetail } from '@loopdesk/core';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { useAddMessage, useRenderTemplate } from '../api';
import { MissingVariables, noBlanksRule, TemplatePicker } from './template-picker';

type Direction = TCaseDetail['messages'][number]['direction'];
const DIRECTIONS: readonly Direction[] = ['outbound', 'internal', 'inbound'];

interface Values {
  direction: Direction;
  channel?: Channel;
  body: string;
}

/** 回复客户 (from a reply template, if wanted), 内部备注, or 记录来电/来信 (a further message from the customer). */
export function MessageComposer({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const direction = Form.useWatch('direction', form) ?? 'outbound';
  const add = useAddMessage(detail.id);
  const render = useRenderTemplate();
  const [template, setTemplate] = useState<{ id: string; missing: string[] }>();
  // A reply drafted from a template replaces what is in the box; its blanks (【…】) are filled in before it is sent.
  const fillFromTemplate = (templateId: string) =>
    render.mutate(
      { templateId, caseId: detail.id, caseVersion: detail.version },
      {
        onSuccess: (r) => {
          form.setFieldValue('body', r.body);
          setTemplate({ id: templateId, missing: r.missing });
        },
        onError: (error) => void message.error(errorMessage(error)),
      },
    );

  const submit = (v: Values) =>
    add.mutate(
      { direction: v.direction, body: v.body.trim(), ...(v.direction !== 'internal' && v.channel ? { channel: v.channel } : {}) },
      {
        onSuccess: () => {
          form.resetFields(['body']);
          setTemplate(undefined);
          void message.success(t('messages.sent'));
        },
        onError: (error) => {
          if (placeFieldErrors(form, error).placed === 0) void message.error(errorMessage(error));
        },
      },
    );

  return (
    <Form form={form} name="message-composer" layout="vertical" initialValues={{ direction: 'outbound' }} onFinish={submit} style={{ marginTop: 16 }}>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 8 }}>
        <Form.Item name="direction" noStyle>
          <Segmented<Direction> id="message-direction" options={DIRECTIONS.map((d) => ({ value: d, label: t(`messages.compose_${d}`) }))} />
        </Form.Item>
        {direction !== 'internal' && (
          <Form.Item name="channel" noStyle>
            <Select<Channel>
              allowClear
              placeholder={t('messages.channelDefault', { channel: t(`channel.${detail.channel}`) })}
              options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
              style={{ width: 200 }}
            />
          </Form.Item>
        )}
        {direction === 'outbound' && <TemplatePicker id="message-template" kind="reply" detail={detail} value={template?.id} onChange={(x) => fillFromTemplate(x.id)} />}
      </Flex>
      {direction === 'outbound' && <MissingVariables missing={template?.missing ?? []} />}
      <Form.Item
        name="body"
        rules={[
          { required: true, whitespace: true, message: t('common.required') },
          ...(direction === 'outbound' ? [noBlanksRule(t)] : []),
        ]}
      >
        <Input.TextArea id="message-body" rows={3} maxLength={20_000} placeholder={t(`messages.placeholder_${direction}`)} />
      </Form.Item>
      <Button id="message-send" type="primary" htmlType="submit" loading={add.isPending}>
        {t(`messages.send_${direction}`)}
      </Button>
    </Form>
  );
}
