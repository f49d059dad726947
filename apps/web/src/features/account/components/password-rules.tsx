import { Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems, type PasswordProblem } from '@loopdesk/core';

const SHOWN: PasswordProblem[] = ['too_short', 'too_few_classes'];

/** The password rules, each ticked off live as the new password is typed. */
export function PasswordRules({ password }: { password: string }) {
  const { t } = useTranslation();
  const problems = passwordProblems(password);
  const rules = problems.includes('too_long') ? [...SHOWN, 'too_long' as const] : SHOWN;
  return (
    <Space orientation="vertical" size={2} id="password-rules" aria-live="polite">
      <Typography.Text type="secondary">{t('account.passwordRules')}</Typography.Text>
      {rules.map((rule) => {
        const ok = password.length > 0 && !problems.includes(rule);
        return (
          <Typography.Text key={rule} type={ok ? 'success' : 'secondary'} data-rule={rule} data-ok={ok}>
            {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />}{' '}
            {t(`passwordRules.${rule}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
          </Typography.Text>
        );
      })}
    </Space>
  );
}
