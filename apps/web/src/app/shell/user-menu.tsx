import { Button, Dropdown } from 'antd';
import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '@/lib/auth';

/** The user's name with 我的账户 / 退出登录. */
export function UserMenu({ displayName }: { displayName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'account', icon: <UserOutlined />, label: t('nav.account') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'account') void navigate('/account');
          else logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
        },
      }}
    >
      <Button type="text" id="user-menu" icon={<UserOutlined />}>
        {displayName} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
