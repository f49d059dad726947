import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUSINESS_LINES, JR_CAUSES, type TCaseSummary, type TCategory } from '@loopdesk/core';
import { currentLanguage } from '@/i18n';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { useClassify, type ClassifyBody } from '../api';

/** What the case would be classified as if the predictions were accepted as they are. */
export function acceptedBody(c: Pick<TCaseSummary, 'kind' | 'classification'>, categories: readonly TCategory[] | undefined): ClassifyBody {
  const p = c.classification ?? {};
  const body: ClassifyBody = {};
  const kind = p.kind?.label ?? c.kind;
  if (kind === 'complaint' || kind === 'suggestion' || kind === 'inquiry' || kind === 'praise') body.kind = kind;
  const categoryId = p.category && categories?.find((x) => x.code === p.category!.label)?.id;
  if (categoryId) body.categoryId = categoryId;
  if (p.businessLine) body.businessLine = p.businessLine.label as ClassifyBody['businessLine'];
  if (p.jrCause) body.jrCause = p.jrCause.label as ClassifyBody['jrCause'];
  return body;
}

interface Props {
  target: (Pick<TCaseSummary, 'id' | 'version' | 'kind' | 'classification'> & { categoryId?: string | null; businessLine?: string | null; jrCause?: string | null }) | null;
  categories: readonly TCategory[] | undefined;
  onClose: () => void;
  onDone: () => void;
}

/** Confirm or correct kind, category, business line and cause in one dialog, prefilled with the predictions. */
export function ClassifyModal({ target, categories, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ClassifyBody>();
  const classify = useClassify();
  const [placed, setPlaced] = useState(false);
  useEffect(() => {
    if (!target) return;
    const body = acceptedBody(target, categories);
    form.setFieldsValue({
      kind: body.kind,
      categoryId: target.categoryId ?? body.categoryId ?? null,
      businessLine: (target.businessLine as ClassifyBody['businessLine']) ?? body.businessLine ?? null,
      jrCause: (target.jrCause as ClassifyBody['jrCause']) ?? body.jrCause ?? null,
      reason: null,
    });
  }, [target, categories, form]);
  const en = currentLanguage() === 'en';
  const submit = async () => {
    if (!target) return;
    const values = await form.validateFields();
    setPlaced(false);
    // A refusal shows in the dialog: under its field (a kind an answered case cannot take), or above the form (a stale version).
    await classify.mutateAsync({ id: target.id, version: target.version, body: values }).then(onDone, (err: unknown) => {
      const kindAfterAnswer = (p: { field: string }, code: string) => (p.field === 'kind' && code === 'conflict' ? t('triage.kindAfterAnswer') : undefined);
      setPlaced(placeFieldErrors(form, err, { message: kindAfterAnswer }).placed > 0);
    });
  };
  return (
    <Modal
      open={!!target}
      title={t('triage.classifyTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={classify.isPending}
      okButtonProps={{ id: 'classify-submit' }}
      destroyOnHidden
    >
      {classify.error && !placed && <div style={{ color: 'var(--ant-color-error)', marginBottom: 8 }}>{errorMessage(classify.error)}</div>}
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label={t('triage.field.kind')}>
          <Select id="classify-kind" options={(['complaint', 'suggestion', 'inquiry', 'praise'] as const).map((k) => ({ value: k, label: t(`caseKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('triage.field.category')}>
          <Select
            id="classify-category"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(categories ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: en ? c.nameEn : c.nameZh }))}
          />
        </Form.Item>
        <Form.Item name="businessLine" label={t('triage.field.businessLine')}>
          <Select id="classify-business-line" allowClear showSearch={{ optionFilterProp: 'label' }} options={BUSINESS_LINES.map((b) => ({ value: b, label: t(`businessLine.${b}`) }))} />
        </Form.Item>
        <Form.Item name="jrCause" label={t('triage.field.jrCause')}>
          <Select id="classify-jr-cause" allowClear showSearch={{ optionFilterProp: 'label' }} options={JR_CAUSES.map((c) => ({ value: c, label: t(`jrCause.${c}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('triage.reason')}>
          <Input.TextArea id="classify-reason" rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
