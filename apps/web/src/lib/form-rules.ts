import { useMemo } from 'react';
import type { FormProps, FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isCustomerPhone } from '@loopdesk/core';

/**
 * The forms' default messages, set once in the app's ConfigProvider: antd fills ${label} with the
 * Form.Item's label, so a bare `{ required: true }` says 请填写受理时间, not 此项为必填项.
 */
export function validateMessages(t: TFunction): FormProps['validateMessages'] {
  return { required: t('formRules.fill'), whitespace: t('formRules.fill') };
}

/** Amounts of whole yuan shown in the range messages with thousands separators. */
const yuan = (n: number) => n.toLocaleString('en-US');

/**
 * The rules the console's forms share, each naming its field by its label: `fill` for text to
 * type in, `value` for a date or an amount, `choose` for a choice (请选择渠道); `amount` refuses
 * a value outside what the server accepts, saying the range, rather than the input clamping it
 * silently; `phone` takes a mainland mobile number or a landline with its area code.
 */
export function useFormRules() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      fill: { required: true, whitespace: true, message: t('formRules.fill') } satisfies FormRule,
      // Not a text (a date, an amount): `whitespace` would check it as a string and refuse it.
      value: { required: true, message: t('formRules.fill') } satisfies FormRule,
      choose: { required: true, message: t('formRules.choose') } satisfies FormRule,
      amount: (min: number, max: number): FormRule => ({ type: 'integer', min, max, message: t('formRules.amountRange', { min: yuan(min), max: yuan(max) }) }),
      phone: {
        validator: async (_rule: unknown, value: string | null | undefined) => {
          if (value && value.trim() && !isCustomerPhone(value)) throw new Error(t('formRules.phone'));
        },
      } satisfies FormRule,
    }),
    [t],
  );
}
