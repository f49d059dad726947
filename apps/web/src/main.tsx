import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import '@/i18n';
import { AppProvider } from '@/app/provider';
import { router } from '@/app/router';

function goToLogin() {
  if (router.state.location.pathname !== '/login') void router.navigate('/login', { replace: true });
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <AppProvider onSessionLost={goToLogin}>
      <RouterProvider router={router} />
    </AppProvider>
  </StrictMode>,
);
