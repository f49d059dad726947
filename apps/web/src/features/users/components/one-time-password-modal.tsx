import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  name: string;
  password: string;
  onClose: () => void;
}

/** Shows a new or reset one-time password exactly once, with a copy button. */
export function OneTimePasswordModal({ name, password, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('users.oneTimePasswordTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('users.oneTimePasswordHint', { name })} />
        <Typography.Paragraph
          id="one-time-password"
          code
          copyable={{ text: password, tooltips: [t('common.copy'), t('common.copied')] }}
          style={{ fontSize: 20, textAlign: 'center', margin: 0 }}
        >
          {password}
        </Typography.Paragraph>
      </Space>
    </Modal>
  );
}
