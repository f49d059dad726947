import { useState } from 'react';
import { Alert, Col, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_TYPES,
  ENTERPRISE_SIZES,
  validateUscc,
  VALUE_TIERS,
  type TCreateCustomerRequest,
  type TCustomer,
} from '@loopdesk/core';
import { OrgUnitTreeSelect } from '@/components/org-unit-tree-select';
import { useCurrentUser } from '@/lib/auth';
import { useCreateCustomer } from '@/lib/customers';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { useFormRules } from '@/lib/form-rules';

interface Values {
  type: TCustomer['type'];
  name: string;
  uscc?: string;
  legalRepresentative?: string;
  industry?: string;
  size?: TCustomer['size'];
  creditRating?: string;
  idNumber?: string;
  valueTier?: TCustomer['valueTier'];
  phone?: string;
  email?: string;
  address?: string;
  orgUnitId: string;
}

interface Props {
  onClose: () => void;
  onCreated: (customer: TCustomer) => void;
}

const blank = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

function toRequest(v: Values): TCreateCustomerRequest {
  const personal = { phone: blank(v.phone), email: blank(v.email), address: blank(v.address), valueTier: v.valueTier ?? null };
  if (v.type === 'enterprise') {
    return {
      type: 'enterprise',
      orgUnitId: v.orgUnitId,
      name: v.name.trim(),
      uscc: (v.uscc ?? '').trim().toUpperCase(),
      legalRepresentative: blank(v.legalRepresentative),
      industry: blank(v.industry),
      size: v.size ?? null,
      creditRating: blank(v.creditRating),
      ...personal,
    };
  }
  return { type: 'individual', orgUnitId: v.orgUnitId, name: v.name.trim(), idNumber: blank(v.idNumber)?.toUpperCase() ?? null, ...personal };
}

/** 新建客户: an enterprise (with its unified social credit code) or an individual. */
export function CustomerFormModal({ onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form) ?? 'enterprise';
  const create = useCreateCustomer();
  const [problem, setProblem] = useState<string>();
  const rules = useFormRules();

  const submit = (values: Values) => {
    setProblem(undefined);
    create.mutate(toRequest(values), {
      onSuccess: onCreated,
      onError: (error) => {
        const { placed, unplaced } = placeFieldErrors(form, error, {
          message: (p, code) => {
            if (p.field !== 'uscc' || code === 'duplicate') return undefined;
            const v = validateUscc(String(form.getFieldValue('uscc') ?? '').trim().toUpperCase());
            return v.valid ? undefined : t(`customers.usccReason.${v.reason}`);
          },
        });
        if (placed === 0) setProblem(unplaced[0] ?? errorMessage(error));
      },
    });
  };

  return (
    <Modal
      open
      title={t('customers.create')}
      okText={t('common.create')}
      okButtonProps={{ id: 'customer-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={720}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="customer-form" onFinish={submit} initialValues={{ type: 'enterprise', orgUnitId: me.orgUnitId }}>
        <Form.Item name="type" label={t('customers.type')}>
          <Radio.Group
            optionType="button"
            options={CUSTOMER_TYPES.map((c) => ({ value: c, label: t(`customerType.${c}`) }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t(type === 'enterprise' ? 'customers.enterpriseName' : 'customers.personName')} rules={[rules.fill]}>
              <Input maxLength={type === 'enterprise' ? 100 : 50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {type === 'enterprise' ? (
              <Form.Item name="uscc" label={t('customers.uscc')} extra={t('customers.usccHint')} rules={[rules.fill]}>
                <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
              </Form.Item>
            ) : (
              <Form.Item name="idNumber" label={t('customers.idNumber')}>
                <Input maxLength={18} />
              </Form.Item>
            )}
          </Col>
        </Row>
        {type === 'enterprise' && (
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="legalRepresentative" label={t('customers.legalRepresentative')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="industry" label={t('customers.industry')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="size" label={t('customers.size')}>
                <Select allowClear options={ENTERPRISE_SIZES.map((s) => ({ value: s, label: t(`enterpriseSize.${s}`) }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="creditRating" label={t('customers.creditRating')}>
                <Input maxLength={10} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="valueTier" label={t('customers.valueTier')}>
              <Select allowClear options={VALUE_TIERS.map((s) => ({ value: s, label: t(`valueTier.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label={t('customers.phone')} rules={[rules.phone]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="email" label={t('customers.email')} rules={[{ type: 'email', message: t('fieldErrors.email') }]}>
              <Input maxLength={254} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('customers.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('customers.orgUnit')} rules={[rules.choose]}>
          <OrgUnitTreeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
