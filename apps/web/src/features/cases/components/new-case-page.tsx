import { useState } from 'react';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TIntakeAck } from '@loopdesk/core';
import { IntakeAck } from './intake-ack';
import { IntakeForm } from './intake-form';

/** 登记工单: staff register feedback that came by phone, at the counter, by letter, fax, email or from a regulator. */
export function NewCasePage() {
  const { t } = useTranslation();
  const [ack, setAck] = useState<TIntakeAck>();
  // A new form each time, so the next case starts blank.
  const [round, setRound] = useState(0);
  return (
    <Card title={t('nav.newCase')}>
      {ack ? (
        <IntakeAck
          ack={ack}
          onAnother={() => {
            setAck(undefined);
            setRound((r) => r + 1);
          }}
        />
      ) : (
        <IntakeForm key={round} onRegistered={setAck} />
      )}
    </Card>
  );
}
