import { useState } from 'react';
import { App, Button, Card, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TUser } from '@loopdesk/core';
import { useCan } from '@/lib/auth';
import { useOrgUnits } from '@/lib/org-units';
import { useResetPassword, useUnlockUser, useUsers, type UserFilters as Filters } from '../api';
import { OneTimePasswordModal } from './one-time-password-modal';
import { UserFilters } from './user-filters';
import { UserFormModal } from './user-form-modal';
import { UsersTable } from './users-table';

type Editing = { mode: 'create' } | { mode: 'edit'; user: TUser };

/** 用户管理: filter, page, create, edit, reset password and unlock staff accounts. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('users.manage');
  const [filters, setFilters] = useState<Omit<Filters, 'limit' | 'offset'>>({});
  const [page, setPage] = useState({ limit: 50, offset: 0 });
  const { data, isFetching } = useUsers({ ...filters, ...page });
  const { data: units = [] } = useOrgUnits();
  const [editing, setEditing] = useState<Editing>();
  const [secret, setSecret] = useState<{ name: string; password: string }>();
  const reset = useResetPassword();
  const unlock = useUnlockUser();

  const orgName = (id: string) => units.find((u) => u.id === id)?.name ?? t('common.none');

  return (
    <Card
      title={t('users.title')}
      extra={
        canManage && (
          <Button id="users-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
            {t('users.create')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <UserFilters
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setPage((p) => ({ ...p, offset: 0 }));
          }}
        />
        <UsersTable
          users={data?.items ?? []}
          total={data?.total ?? 0}
          loading={isFetching}
          page={page}
          onPage={setPage}
          orgName={orgName}
          canManage={canManage}
          onEdit={(user) => setEditing({ mode: 'edit', user })}
          onResetPassword={(u) =>
            reset.mutate(u.id, {
              onSuccess: (r) => setSecret({ name: r.user.displayName, password: r.oneTimePassword }),
            })
          }
          onUnlock={(u) =>
            unlock.mutate(u.id, { onSuccess: () => void message.success(t('users.unlocked')) })
          }
        />
      </Flex>
      {editing && (
        <UserFormModal
          user={editing.mode === 'edit' ? editing.user : undefined}
          onClose={() => setEditing(undefined)}
          onCreated={(user, password) => {
            setEditing(undefined);
            setSecret({ name: user.displayName, password });
          }}
        />
      )}
      {secret && <OneTimePasswordModal {...secret} onClose={() => setSecret(undefined)} />}
    </Card>
  );
}
