import { Alert, Button, Space } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useVerifyAuditChain } from '../api';

/** Re-computes the hash chain on the server and says whether it holds. */
export function AuditVerify() {
  const { t } = useTranslation();
  const verify = useVerifyAuditChain();
  const result = verify.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button id="audit-verify" icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
        {t('audit.verify')}
      </Button>
      {result &&
        (result.ok ? (
          <Alert
            id="audit-verify-result"
            type="success"
            showIcon
            title={t('audit.verifyOk', { count: result.entriesChecked, head: result.headSeq })}
          />
        ) : (
          <Alert
            id="audit-verify-result"
            type="error"
            showIcon
            title={t('audit.verifyBroken', { seq: result.firstBrokenSeq ?? '?' })}
            description={result.problem ?? undefined}
          />
        ))}
    </Space>
  );
}
