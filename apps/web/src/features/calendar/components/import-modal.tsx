import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Radio, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CalendarImportFormat, TCalendarImportResult } from '@loopdesk/core';
import { isApiError } from '@/lib/api';
import { errorMessage } from '@/lib/errors';
import { useImportCalendar } from '../api';

/** Import a year's official schedule: paste holiday-cn JSON, or upload / paste an .ics file. All or nothing. */
export function ImportModal({ onClose }: { onClose: (result?: TCalendarImportResult) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [format, setFormat] = useState<CalendarImportFormat>('holiday_cn');
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState<string>();
  const importing = useImportCalendar();
  const problems = importing.error && isApiError(importing.error) ? importing.error.fields.map((f) => f.message) : [];

  const submit = () =>
    importing.mutate(
      { format, content },
      {
        onSuccess: (result) => {
          void message.success(t('calendar.import.done', { years: result.years.join(', '), days: result.days, cases: result.recomputedCases }));
          onClose(result);
        },
      },
    );

  return (
    <Modal
      open
      width={720}
      title={t('calendar.import.title')}
      okText={t('calendar.import.submit')}
      okButtonProps={{ disabled: content.trim() === '', id: 'calendar-import-submit' }}
      onOk={submit}
      onCancel={() => onClose()}
      confirmLoading={importing.isPending}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group id="calendar-import-format" value={format} onChange={(e) => setFormat(e.target.value as CalendarImportFormat)}>
          <Radio.Button value="holiday_cn">{t('calendar.import.holidayCn')}</Radio.Button>
          <Radio.Button value="ics">{t('calendar.import.ics')}</Radio.Button>
        </Radio.Group>
        <Typography.Text type="secondary">{t(format === 'ics' ? 'calendar.import.icsHint' : 'calendar.import.holidayCnHint')}</Typography.Text>
        <Upload
          accept={format === 'ics' ? '.ics,text/calendar' : '.json,application/json'}
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((text) => {
              setContent(text);
              setFileName(file.name);
            });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="calendar-import-file">
            {t('calendar.import.chooseFile')}
          </Button>
        </Upload>
        {fileName && <Typography.Text>{t('calendar.import.fileLoaded', { name: fileName })}</Typography.Text>}
        <Input.TextArea
          id="calendar-import-content"
          rows={10}
          value={content}
          onChange={(e) => {
            setContent(e.target.value);
            setFileName(undefined);
          }}
          placeholder={format === 'ics' ? 'BEGIN:VCALENDAR …' : '{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}'}
          style={{ fontFamily: 'monospace' }}
        />
        {importing.error && (
          <Alert
            type="error"
            showIcon
            data-testid="calendar-import-errors"
            title={isApiError(importing.error) && importing.error.status === 422 ? t('calendar.import.failed') : errorMessage(importing.error)}
            description={
              problems.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {problems.slice(0, 20).map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )
            }
          />
        )}
      </Space>
    </Modal>
  );
}
