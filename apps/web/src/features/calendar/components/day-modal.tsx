import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCalendarDay } from '@loopdesk/core';
import { isApiError } from '@/lib/api';
import { applyFieldErrors, errorMessage } from '@/lib/errors';
import { dayLook } from '../month-grid';
import { useSetCalendarDay } from '../api';

interface Values {
  offDay: boolean;
  name: string;
}

/** An admin's single-day edit; the dialog opens with the day toggled (a working day becomes a rest day and back). */
export function DayModal({ day, onClose }: { day: TCalendarDay; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSetCalendarDay();

  const submit = ({ offDay, name }: Values) =>
    save.mutate(
      { date: day.date, offDay, name: name?.trim() ? name.trim() : null },
      {
        onSuccess: (result) => {
          void message.success(t('calendar.day.saved', { cases: result.recomputedCases }));
          onClose();
        },
        onError: (error) => {
          if (!(isApiError(error) && error.status === 422 && applyFieldErrors(form, error))) void message.error(errorMessage(error));
        },
      },
    );

  return (
    <Modal
      open
      title={t('calendar.day.title', { date: day.date })}
      okText={t('common.save')}
      okButtonProps={{ id: 'calendar-day-save' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
    >
      <Typography.Paragraph type="secondary">
        {t('calendar.day.now', { look: t(`calendar.look.${dayLook(day)}`) })}
        {day.name ? ` · ${day.name}` : ''}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="calendar-day" onFinish={submit} initialValues={{ offDay: day.status !== 'rest', name: day.name ?? '' }}>
        <Form.Item name="offDay" label={t('calendar.day.kind')}>
          <Radio.Group>
            <Radio value={true}>{t('calendar.day.rest')}</Radio>
            <Radio value={false}>{t('calendar.day.working')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t('calendar.day.name')} extra={t('calendar.day.nameHint')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
