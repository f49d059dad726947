import { Button, Form, InputNumber, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { REMEDIES_WITH_AMOUNT, REMEDY_AMOUNT, REMEDY_KINDS, type RemedyKind } from '@loopdesk/core';
import { useFormRules } from '@/lib/form-rules';

/** A decision's remedies as a form list named `remedies`: kind, and an amount for those that have one. */
export function RemediesField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<{ remedies?: { kind: RemedyKind; amount?: number | null }[] }>();
  const rules = useFormRules();
  return (
    <Form.List name="remedies">
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('decision.remedies')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((field) => (
              <Space key={field.key} align="center">
                <Form.Item name={[field.name, 'kind']} rules={[rules.choose]} messageVariables={{ label: t('decision.remedies') }} noStyle>
                  <Select data-testid="remedy-kind" style={{ width: 180 }} options={REMEDY_KINDS.map((k) => ({ value: k, label: t(`remedyKind.${k}`) }))} />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const kind = form.getFieldValue(['remedies', field.name, 'kind']) as RemedyKind | undefined;
                    // No label beside the input: the messages name the amount by its remedy (经济补偿金额).
                    return kind && REMEDIES_WITH_AMOUNT.includes(kind) ? (
                      <Form.Item
                        name={[field.name, 'amount']}
                        noStyle
                        messageVariables={{ label: t('decision.amountOf', { kind: t(`remedyKind.${kind}`) }) }}
                        rules={[rules.value, rules.amount(REMEDY_AMOUNT.min, REMEDY_AMOUNT.max)]}
                      >
                        <InputNumber<number> data-testid="remedy-amount" suffix={t('format.yuanUnit')} placeholder={t('decision.amount')} style={{ width: 200 }} />
                      </Form.Item>
                    ) : null;
                  }}
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
