import { useState } from 'react';
import { Alert, App, Button, Col, Drawer, Form, Input, Row, Select, Space } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TemplateKind, TemplateLocale, TTemplate } from '@loopdesk/core';
import { isApiError, type FieldProblem } from '@/lib/api';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { useFormRules } from '@/lib/form-rules';
import { useSaveTemplate } from '../api';
import { bodyProblemText } from '../body-problem';
import { TemplateBodyFields } from './template-body-fields';
import { TemplateCategorySelect } from './template-category-select';
import { useTemplateLabels } from './template-labels';

interface Values {
  code: string;
  kind: TemplateKind;
  locale: TemplateLocale;
  categoryId?: string | null;
  title: string;
  body: string;
}

// The server's rule (ZCreateTemplateRequest), checked here first.
const CODE = /^[a-z][a-z0-9_]{1,47}$/;

/** What the form says of a field the server refused: its refusal of a body in the console's words, else the field's rule. */
function problemMessage(problem: FieldProblem, errorCode: string, t: TFunction): string | undefined {
  if (problem.field === 'body' && errorCode === 'unprocessable') return bodyProblemText(problem.message, t);
  if (problem.field === 'code') return t('templateAdmin.field.codeRule');
  if (problem.field === 'body') return t('templateAdmin.field.bodyRule');
  return undefined;
}

/** A template's values as the form holds them. */
function pick({ code, kind, locale, categoryId, title, body }: TTemplate): Values {
  return { code, kind, locale, categoryId, title, body };
}

/** Adds a template (code, kind and language fixed once created) or edits one at the version it was read. */
export function TemplateFormDrawer({ template, onClose }: { template?: TTemplate; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveTemplate();
  const { kindOptions, localeOptions } = useTemplateLabels();
  const [problem, setProblem] = useState<string>();
  const locale = Form.useWatch('locale', form) ?? template?.locale ?? 'zh-CN';

  const submit = (v: Values) => {
    setProblem(undefined);
    const common = { title: v.title.trim(), body: v.body.trim(), categoryId: v.categoryId ?? null };
    save.mutate(template ? { id: template.id, update: { version: template.version, ...common } } : { create: { code: v.code.trim(), kind: v.kind, locale: v.locale, ...common } }, {
      onSuccess: () => {
        void message.success(t(template ? 'templateAdmin.updated' : 'templateAdmin.created'));
        onClose();
      },
      onError: (error) => {
        if (isApiError(error) && error.code === 'stale_version') {
          void message.warning(t('templateAdmin.stale'));
          onClose();
          return;
        }
        // Only a new template's code and language can clash with another's.
        if (isApiError(error) && error.code === 'duplicate') {
          form.setFields([{ name: 'code', errors: [t('templateAdmin.field.codeTaken')] }]);
          return;
        }
        const { placed, unplaced } = placeFieldErrors(form, error, { message: (p, code) => problemMessage(p, code, t) });
        if (placed === 0 || unplaced.length > 0) setProblem(unplaced[0] ?? errorMessage(error));
      },
    });
  };

  const rules = useFormRules();
  return (
    <Drawer
      open
      size={1120}
      title={template ? `${t('templateAdmin.edit')} · ${template.title}` : t('templateAdmin.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button id="template-cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button id="template-submit" type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {template ? t('common.save') : t('common.create')}
          </Button>
        </Space>
      }
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        name="template-form"
        onFinish={submit}
        initialValues={template ? pick(template) : { kind: 'reply', locale: 'zh-CN', categoryId: null }}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="code" label={t('templateAdmin.field.code')} extra={template ? undefined : t('templateAdmin.field.codeHint')} rules={template ? [] : [rules.fill, { pattern: CODE, message: t('templateAdmin.field.codeRule') }]}>
              <Input id="template-code" disabled={!!template} maxLength={48} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label={t('templateAdmin.field.kind')} extra={template ? t('templateAdmin.field.fixedAfterCreate') : undefined} rules={[rules.choose]}>
              <Select<TemplateKind> id="template-kind" disabled={!!template} options={kindOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="locale" label={t('templateAdmin.field.locale')} rules={[rules.choose]}>
              <Select<TemplateLocale> id="template-locale" disabled={!!template} options={localeOptions} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="title" label={t('templateAdmin.field.title')} rules={[rules.fill]}>
              <Input id="template-title" maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="categoryId" label={t('templateAdmin.field.category')} extra={t('templateAdmin.field.categoryHint')}>
              <TemplateCategorySelect id="template-category" />
            </Form.Item>
          </Col>
        </Row>
        <TemplateBodyFields locale={locale} />
      </Form>
    </Drawer>
  );
}
