import { Alert, Button, Card, Col, Flex, Row } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { NotFoundPage } from '@/components/status-pages';
import { isApiError } from '@/lib/api';
import { errorMessage } from '@/lib/errors';
import { useCase } from '../api';
import { CaseAttachments } from '@/features/attachments/components/case-attachments';
import { CaseDecision } from './case-decision';
import { CaseHeader } from './case-header';
import { CaseMessages } from './case-messages';
import { CaseTasks } from './case-tasks';
import { CaseTimeline } from './case-timeline';
import { CaseTriageCard } from '@/features/triage/components/case-triage-card';
import { CasePanelCard } from '@/features/panel/components/case-panel-card';
import { RegulatoryClockPanel } from '@/features/regulatory/components/regulatory-clock-panel';
import { CaseReviews } from '@/features/reviews/components/case-reviews';

/** One case: header and actions, the conversation, sub-tasks, files and the timeline. */
export function CasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { data: detail, error, isPending } = useCase(id);
  if (isPending) return <Card loading />;
  if (!detail) return isApiError(error) && error.status === 404 ? <NotFoundPage title={t('cases.notFound')} subtitle={t('cases.notFoundHint')} /> : <Alert type="error" title={errorMessage(error)} />;

  return (
    <Flex vertical gap={16}>
      <div>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} style={{ paddingInline: 0 }}>
          {t('common.back')}
        </Button>
      </div>
      <CaseHeader detail={detail} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <CasePanelCard detail={detail} />
            <CaseDecision detail={detail} />
            <CaseReviews detail={detail} />
            <CaseMessages detail={detail} />
            <CaseTasks detail={detail} />
            <CaseAttachments detail={detail} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <RegulatoryClockPanel detail={detail} />
            <CaseTriageCard detail={detail} />
            <CaseTimeline events={detail.events} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
