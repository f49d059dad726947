import { Col, Form, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { BUSINESS_LINES, JR_BUSINESS_CATEGORIES, JR_CAUSES, PRIORITIES, RISK_FLAGS } from '@loopdesk/core';

/** Priority, business line, the JR/T 0169-2018 statistics dimensions and risk flags. */
export function IntakeClassificationFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name="priority" label={t('cases.priority')}>
          <Radio.Group id="intake-priority" optionType="button" options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="businessLine" label={t('cases.businessLine')}>
          <Select id="intake-business-line" allowClear showSearch={{ optionFilterProp: 'label' }} options={BUSINESS_LINES.map((b) => ({ value: b, label: t(`businessLine.${b}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="riskFlags" label={t('cases.riskFlags')}>
          <Select mode="multiple" allowClear options={RISK_FLAGS.map((f) => ({ value: f, label: t(`riskFlag.${f}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="jrBusinessCategory" label={t('cases.jrBusinessCategory')} tooltip={t('intake.jrHint')}>
          <Select id="intake-jr-category" allowClear showSearch={{ optionFilterProp: 'label' }} options={JR_BUSINESS_CATEGORIES.map((c) => ({ value: c, label: t(`jrBusinessCategory.${c}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="jrCause" label={t('cases.jrCause')} tooltip={t('intake.jrHint')}>
          <Select id="intake-jr-cause" allowClear showSearch={{ optionFilterProp: 'label' }} options={JR_CAUSES.map((c) => ({ value: c, label: t(`jrCause.${c}`) }))} />
        </Form.Item>
      </Col>
    </Row>
  );
}
