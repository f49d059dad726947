import { Button, Form, InputNumber, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { REMEDIES_WITH_AMOUNT, REMEDY_KINDS, type RemedyKind } from '@loopdesk/core';

/** A decision's remedies as a form list named `remedies`: kind, and an amount for those that have one. */
export function RemediesField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<{ remedies?: { kind: RemedyKind; amount?: number | null }[] }>();
  const required = { required: true, message: t('common.required') };
  return (
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
                      <Form.Item name={[field.name, 'amount']} noStyle rules={[{ required: true, type: 'number', min: 1, message: t('fieldErrors.decision_remedies') }]}>
                        <InputNumber<number> min={1} max={1e12} precision={0} suffix={t('format.yuanUnit')} placeholder={t('decision.amount')} style={{ width: 200 }} />
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
  );
}
