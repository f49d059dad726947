import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TGrant } from '@loopdesk/core';

export function grantState(grant: TGrant, now = Date.now()): 'active' | 'revoked' | 'expired' {
  if (grant.revokedAt) return 'revoked';
  if (grant.expiresAt && Date.parse(grant.expiresAt) <= now) return 'expired';
  return 'active';
}

const COLORS = { active: 'green', revoked: 'default', expired: 'orange' } as const;

export function GrantStatus({ grant }: { grant: TGrant }) {
  const { t } = useTranslation();
  const state = grantState(grant);
  return <Tag color={COLORS[state]}>{t(`grants.${state}`)}</Tag>;
}
