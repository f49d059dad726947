import { App, DatePicker, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseExclusionKind } from '@loopdesk/core';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { useFormRules } from '@/lib/form-rules';
import { useNewFacts, useRecordExclusionNotice, useRequestExtension, useStartExclusion } from '../api';

interface ModalProps {
  caseId: string;
  version: number;
  onClose: () => void;
}

/** What every form here does with an answer: a message and close, or the field errors in place. */
function useFinish<T>(form: FormInstance<T>, onClose: () => void) {
  const { message } = App.useApp();
  return (text: string) => ({
    onSuccess: () => {
      void message.success(text);
      onClose();
    },
    onError: (error: unknown) => {
      if (placeFieldErrors(form, error).placed === 0) void message.error(errorMessage(error));
    },
  });
}

/** Asks for the next extension level, with the reason the complainant will be told. */
export function ExtensionRequestModal({ caseId, version, level, levelText, higher, onClose }: ModalProps & { level: number; levelText: string; higher: boolean }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ reason: string }>();
  const request = useRequestExtension(caseId, version);
  const finish = useFinish(form, onClose);
  return (
    <Modal open title={t('regulatory.requestExtension')} okButtonProps={{ id: 'extension-request-submit' }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={request.isPending} destroyOnHidden>
      <Typography.Paragraph>
        {levelText}
        {higher && <Typography.Text type="secondary"> · {t('regulatory.approvalHigher')}</Typography.Text>}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="extension-request" onFinish={(v) => request.mutate({ level, reason: v.reason.trim() }, finish(t('regulatory.requested')))}>
        <Form.Item name="reason" label={t('regulatory.reason')} extra={t('regulatory.reasonHint')} rules={[rules.fill]}>
          <Input.TextArea id="extension-reason" rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Starts a period not counted (appraisal, testing, evaluation, mediation), by default telling the complainant. */
export function ExclusionStartModal({ caseId, version, kinds, onClose }: ModalProps & { kinds: readonly CaseExclusionKind[] }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ kind: CaseExclusionKind; startAt?: Dayjs | null; notify: boolean; note?: string }>();
  const start = useStartExclusion(caseId, version);
  const finish = useFinish(form, onClose);
  return (
    <Modal open title={t('regulatory.startExclusion')} okButtonProps={{ id: 'exclusion-start-submit' }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={start.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        name="exclusion-start"
        initialValues={{ kind: kinds[0], notify: true }}
        onFinish={(v) => start.mutate({ kind: v.kind, startAt: v.startAt ? v.startAt.toISOString() : undefined, notify: v.notify, note: v.note?.trim() || undefined }, finish(t('regulatory.exclusionStarted')))}
      >
        <Form.Item name="kind" label={t('regulatory.kind')} rules={[rules.choose]}>
          <Select id="exclusion-kind" options={kinds.map((k) => ({ value: k, label: t(`regulatory.exclusionKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="startAt" label={t('regulatory.startAt')}>
          <DatePicker id="exclusion-start-at" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="notify" label={t('regulatory.notify')} valuePropName="checked" extra={t('regulatory.notifyHint')}>
          <Switch id="exclusion-notify" />
        </Form.Item>
        <Form.Item name="note" label={t('regulatory.note')}>
          <Input.TextArea id="exclusion-note" rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Records new facts and reasons: the time limit counts again from their arrival. */
export function NewFactsModal({ caseId, version, onClose }: ModalProps) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ at: Dayjs; note: string }>();
  const record = useNewFacts(caseId, version);
  const finish = useFinish(form, onClose);
  return (
    <Modal open title={t('regulatory.newFacts')} okButtonProps={{ id: 'new-facts-submit' }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={record.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('regulatory.newFactsHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="new-facts" onFinish={(v) => record.mutate({ at: v.at.toISOString(), note: v.note.trim() }, finish(t('regulatory.newFactsRecorded')))}>
        <Form.Item name="at" label={t('regulatory.newFactsAt')} rules={[rules.value]}>
          <DatePicker id="new-facts-at" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('regulatory.newFactsNote')} rules={[rules.fill]}>
          <Input.TextArea id="new-facts-note" rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The complainant was told of a period recorded without its notice: when, and how. */
export function ExclusionNoticeModal({ caseId, version, exclusionId, onClose }: ModalProps & { exclusionId: string }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ sentAt: Dayjs; note?: string }>();
  const record = useRecordExclusionNotice(caseId, version);
  const finish = useFinish(form, onClose);
  return (
    <Modal open title={t('regulatory.recordNotice')} okButtonProps={{ id: 'exclusion-notice-submit' }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={record.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('regulatory.recordNoticeHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        name="exclusion-notice"
        onFinish={(v) => record.mutate({ exclusionId, sentAt: v.sentAt.toISOString(), note: v.note?.trim() || undefined }, finish(t('regulatory.noticeRecorded')))}
      >
        <Form.Item name="sentAt" label={t('regulatory.noticeSentAt')} rules={[rules.value]}>
          <DatePicker id="exclusion-notice-sent-at" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('regulatory.noticeNote')}>
          <Input.TextArea id="exclusion-notice-note" rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
