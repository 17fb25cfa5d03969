import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

type Props = {
  title: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
  extra?: ReactNode;
  testId?: string;
};

/** The single-card page of sign-in and registration: full width on phones, centred on desktop. */
export function PageCard({ title, subtitle, children, extra, testId }: Props) {
  return (
    <div className="kd-narrow" data-testid={testId}>
      <Card className="kd-card">
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: subtitle ? 4 : 20 }}>
          {title}
        </Typography.Title>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 20 }}>
            {subtitle}
          </Typography.Paragraph>
        )}
        {children}
      </Card>
      {extra && <div className="kd-below-card">{extra}</div>}
    </div>
  );
}
