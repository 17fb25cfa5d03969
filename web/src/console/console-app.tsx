import { Spin } from 'antd';
import { lazy, Suspense } from 'react';

/** The console's code (tables, drawers, charts) loads only when someone opens /console. */
const ConsoleRoot = lazy(() => import('./console-root'));

/** The operations console (desktop-first), mounted under /console. */
export function ConsoleApp() {
  return (
    <Suspense
      fallback={
        <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin size="large" />
        </div>
      }
    >
      <ConsoleRoot />
    </Suspense>
  );
}
