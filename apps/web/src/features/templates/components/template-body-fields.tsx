import { useRef, useState, type ComponentRef } from 'react';
import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplateLocale, TemplateVariable } from '@loopdesk/core';
import { useFormRules } from '@/lib/form-rules';
import { insertAtSelection, variableToken, type Selection } from '../insert-variable';
import { TemplatePreview } from './template-preview';
import { VariableList } from './variable-list';

// The server's rule (ZCreateTemplateRequest), checked here first.
const BODY_MIN = 10;
const BODY_MAX = 20_000;

/** The body with the variables to insert into it, beside its preview in the template's language. */
export function TemplateBodyFields({ locale }: { locale: TemplateLocale }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<{ body?: string }>();
  const rules = useFormRules();
  const body = Form.useWatch('body', form) ?? '';
  const bodyRef = useRef<ComponentRef<typeof Input.TextArea>>(null);
  // Until the writer has been in the text there is no cursor to insert at: a variable is appended.
  const [caretPlaced, setCaretPlaced] = useState(false);

  const insertVariable = (variable: TemplateVariable) => {
    const textarea = bodyRef.current?.resizableTextArea?.textArea;
    const selection: Selection | undefined = caretPlaced && textarea ? { start: textarea.selectionStart, end: textarea.selectionEnd } : undefined;
    const next = insertAtSelection(form.getFieldValue('body') ?? '', variableToken(variable), selection);
    form.setFieldValue('body', next.text);
    void form.validateFields(['body']).catch(() => undefined);
    // Once React has written the new text, the cursor goes just after the variable.
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(next.caret, next.caret);
    });
  };

  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item
          name="body"
          label={t('templateAdmin.field.body')}
          rules={[
            rules.fill,
            { min: BODY_MIN, message: t('templateAdmin.field.bodyRule') },
          ]}
        >
          <Input.TextArea id="template-body" ref={bodyRef} rows={12} maxLength={BODY_MAX} onFocus={() => setCaretPlaced(true)} />
        </Form.Item>
        <Form.Item label={t('templateAdmin.field.variables')}>
          <VariableList onInsert={insertVariable} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label={t('templateAdmin.field.preview')}>
          <TemplatePreview body={body} locale={locale} />
        </Form.Item>
      </Col>
    </Row>
  );
}
