import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AMOUNT_INVOLVED, CASE_KINDS, TIMINGS } from '@loopdesk/core';
import { CustomerSelect } from '@/components/customer-select';
import { UsersSelect } from '@/components/user-select';
import { useCan } from '@/lib/auth';
import { useFormRules } from '@/lib/form-rules';

/** Who raised it, what they said, and what they ask for. */
export function IntakeContentFields() {
  const { t } = useTranslation();
  const canFindCustomers = useCan('customers.read');
  const rules = useFormRules();
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="customerId" label={t('cases.customer')} extra={canFindCustomers ? t('intake.customerHint') : undefined}>
            {canFindCustomers ? <CustomerSelect id="intake-customer" /> : <Input disabled placeholder={t('intake.noCustomerLookup')} />}
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="staffComplainedAbout" label={t('cases.staffComplainedAbout')} extra={t('intake.staffComplainedHint')}>
            <UsersSelect id="intake-staff" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('cases.kind')} rules={[rules.choose]}>
            <Select id="intake-kind" options={CASE_KINDS.map((k) => ({ value: k, label: t(`caseKind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="timing" label={t('cases.timing')}>
            <Select allowClear options={TIMINGS.map((k) => ({ value: k, label: t(`timing.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="amountInvolved" label={t('cases.amountInvolved')} rules={[rules.amount(AMOUNT_INVOLVED.min, AMOUNT_INVOLVED.max)]}>
            <InputNumber<number> id="intake-amount" suffix={t('format.yuanUnit')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="text" label={t('cases.text')} extra={t('intake.textHint')} rules={[rules.fill, { min: 2, message: t('fieldErrors.text') }]}>
        <Input.TextArea id="intake-text" rows={5} maxLength={20_000} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="title" label={t('cases.title')} extra={t('intake.titleHint')} rules={[{ min: 2, message: t('fieldErrors.title') }]}>
            <Input id="intake-title" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="customerRequest" label={t('cases.customerRequest')}>
            <Input id="intake-request" maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
