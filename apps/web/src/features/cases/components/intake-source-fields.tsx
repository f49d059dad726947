import type { KeyboardEvent } from 'react';
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { OFFLINE_CHANNELS } from '@loopdesk/core';
import { useFormRules } from '@/lib/form-rules';
import { isBackDated, type IntakeValues } from '../intake';

/**
 * Enter in a date field takes the date typed (the picker's own handling, which runs first); it
 * must not also submit the whole form, as Enter in a form's field otherwise does.
 */
const enterOnlyConfirms = (event: KeyboardEvent<HTMLElement>) => {
  if (event.key === 'Enter') event.preventDefault();
};

/**
 * Where and when the feedback arrived. A receipt time over an hour ago needs a back-dating
 * reason; a regulator referral needs the regulator's reference (and may carry its deadline).
 */
export function IntakeSourceFields({ forceBackDateReason }: { forceBackDateReason: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<IntakeValues>();
  const channel = Form.useWatch('channel', form);
  const receivedAt = Form.useWatch('receivedAt', form);
  const backDated = forceBackDateReason || isBackDated(receivedAt, new Date());
  const referral = channel === 'regulator_referral';
  const rules = useFormRules();

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name="channel" label={t('cases.channel')} rules={[rules.choose]}>
          <Select id="intake-channel" options={OFFLINE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="receivedAt" label={t('cases.receivedAt')} extra={t('intake.receivedAtHint')}>
          <DatePicker
            id="intake-received-at"
            onKeyDown={enterOnlyConfirms}
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={t('intake.receivedNow')}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Col>
      {backDated && (
        <Col xs={24} md={8}>
          <Form.Item
            name="backDateReason"
            label={t('cases.backDateReason')}
            extra={t('intake.backDateHint')}
            rules={[rules.fill, { min: 2, message: t('fieldErrors.backDateReason') }]}
          >
            <Input id="intake-back-date-reason" maxLength={500} />
          </Form.Item>
        </Col>
      )}
      {referral && (
        <>
          <Col xs={24} md={8}>
            <Form.Item name="regulatorRef" label={t('cases.regulatorRef')} rules={[rules.fill]}>
              <Input id="intake-regulator-ref" maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="regulatorDeadline" label={t('cases.regulatorDeadline')}>
              <DatePicker id="intake-regulator-deadline" onKeyDown={enterOnlyConfirms} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </>
      )}
    </Row>
  );
}
