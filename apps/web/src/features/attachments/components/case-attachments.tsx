import { useRef, type ChangeEvent, type HTMLAttributes } from 'react';
import { App, Button, Card, Table, Tag, Typography } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FINAL_STATUSES, type TAttachment, type TCaseDetail } from '@loopdesk/core';
import { isApiError } from '@/lib/api';
import { useCan } from '@/lib/auth';
import { errorMessage, fieldProblemMessage } from '@/lib/errors';
import { formatShortDateTime } from '@/lib/format';
import { attachmentContentUrl, useAttachments, useUploadAttachment } from '../api';
import { formatBytes } from '../size';

/** Letters, scans, statements and recordings on a case; downloads are audited personal-data reads. */
export function CaseAttachments({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const { data, isPending } = useAttachments(detail.id);
  const upload = useUploadAttachment(detail.id);
  const canUpload = useCan('cases.work') && (!FINAL_STATUSES.includes(detail.status) || detail.status === 'closed');
  const canDownload = useCan('customers.read_pii');

  const send = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    for (const file of files) {
      upload.mutate(file, {
        onSuccess: () => void message.success(t('attachments.uploaded', { name: file.name })),
        onError: (error) => {
          const problem = isApiError(error) ? error.fields[0] : undefined;
          const text = problem && isApiError(error) ? fieldProblemMessage(problem, error.code) : errorMessage(error);
          void message.error(`${file.name}: ${text}`);
        },
      });
    }
  };

  const limits = data?.limits;
  return (
    <Card
      title={t('attachments.title')}
      id="case-attachments"
      extra={
        canUpload && (
          <>
            <input ref={input} type="file" multiple hidden data-testid="attachment-input" onChange={send} />
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachment-upload" onClick={() => input.current?.click()}>
              {t('attachments.upload')}
            </Button>
          </>
        )
      }
    >
      {canUpload && limits && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('attachments.limits', { size: formatBytes(limits.maxBytes), kinds: limits.kinds.join(', ').toUpperCase() })}
        </Typography.Paragraph>
      )}
      <Table<TAttachment>
        rowKey="id"
        size="small"
        loading={isPending}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('attachments.empty') }}
        onRow={(a) => ({ 'data-testid': 'case-attachment', 'data-kind': a.kind } as HTMLAttributes<HTMLElement>)}
        columns={[
          {
            title: t('attachments.fileName'),
            dataIndex: 'fileName',
            render: (name: string, a) =>
              canDownload ? (
                <a href={attachmentContentUrl(detail.id, a.id)} download={name} data-testid="attachment-download">
                  <PaperClipOutlined /> {name}
                </a>
              ) : (
                <span title={t('attachments.noDownload')}>
                  <PaperClipOutlined /> {name}
                </span>
              ),
          },
          { title: t('attachments.kind'), dataIndex: 'kind', render: (kind: string) => <Tag>{kind.toUpperCase()}</Tag> },
          { title: t('attachments.size'), dataIndex: 'sizeBytes', render: (n: number) => formatBytes(n) },
          { title: t('attachments.uploadedBy'), dataIndex: 'uploadedBy', render: (u: TAttachment['uploadedBy']) => u?.displayName ?? t('common.none') },
          { title: t('attachments.uploadedAt'), dataIndex: 'createdAt', render: (v: string) => formatShortDateTime(v) },
          {
            title: 'SHA-256',
            dataIndex: 'sha256',
            render: (h: string) => (
              <Typography.Text code copyable={{ text: h }} title={h}>
                {h.slice(0, 12)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
