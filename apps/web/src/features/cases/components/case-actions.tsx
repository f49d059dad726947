import { useState } from 'react';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseAction, TCaseDetail } from '@loopdesk/core';
import { ActionModal } from './action-modal';

/** The actions that move the case forward; the rest are plain buttons, the refusals red. */
const PRIMARY: readonly CaseAction[] = ['accept', 'start', 'answer', 'resolve', 'close', 'resume'];
const DANGER: readonly CaseAction[] = ['reject', 'withdraw'];

/** One button per action the server says is open to me now (detail.availableActions). */
export function CaseActions({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<CaseAction>();
  if (detail.availableActions.length === 0) return null;
  return (
    <>
      <Space wrap id="case-actions">
        {detail.availableActions.map((action) => (
          <Button
            key={action}
            id={`case-action-${action}`}
            type={PRIMARY.includes(action) ? 'primary' : 'default'}
            danger={DANGER.includes(action)}
            onClick={() => setOpen(action)}
          >
            {t(`caseAction.${action}`)}
          </Button>
        ))}
      </Space>
      {open && <ActionModal key={open} action={open} detail={detail} onClose={() => setOpen(undefined)} />}
    </>
  );
}
