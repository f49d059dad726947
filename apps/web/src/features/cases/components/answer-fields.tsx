import { Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DECISION_OUTCOMES, REMEDY_KINDS } from '@loopdesk/core';
import { REMEDIES_WITH_AMOUNT, type ActionValues } from '../transition';

/** The decision: outcome, the letter to the customer, remedies, and when the customer received it. */
export function AnswerFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ActionValues>();
  const required = { required: true, message: t('common.required') };
  return (
    <>
      <Form.Item name="outcome" label={t('decision.outcome')} rules={[required]}>
        <Radio.Group id="action-outcome" options={DECISION_OUTCOMES.map((o) => ({ value: o, label: t(`decisionOutcome.${o}`) }))} />
      </Form.Item>
      <Form.Item name="letter" label={t('decision.letter')} extra={t('decision.letterHint')} rules={[{ ...required, whitespace: true }, { min: 10, message: t('fieldErrors.decision_letter') }]}>
        <Input.TextArea id="action-letter" rows={12} maxLength={20_000} />
      </Form.Item>
      <Form.List name="remedies">
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('decision.remedies')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field) => (
                <Space key={field.key} align="center">
                  <Form.Item name={[field.name, 'kind']} rules={[required]} noStyle>
                    <Select style={{ width: 180 }} options={REMEDY_KINDS.map((k) => ({ value: k, label: t(`remedyKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      REMEDIES_WITH_AMOUNT.includes(form.getFieldValue(['remedies', field.name, 'kind'])) ? (
                        <Form.Item name={[field.name, 'amount']} noStyle>
                          <InputNumber<number> min={0} max={1e12} precision={0} suffix={t('format.yuanUnit')} placeholder={t('decision.amount')} style={{ width: 200 }} />
                        </Form.Item>
                      ) : null
                    }
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'apology' })}>
                {t('decision.addRemedy')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Space>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="decisionReceivedAt" label={t('decision.receivedAt')} extra={t('decision.receivedAtHint')}>
        <DatePicker id="action-decision-received" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} />
      </Form.Item>
    </>
  );
}
