import { Button, Drawer } from 'antd';
import type { Agreement } from '../api/types';
import { useIsMobile } from '../hooks/use-is-mobile';
import { useI18n } from '../i18n/i18n-context';
import { AgreementBody } from './agreement-body';

type Props = { agreement: Agreement; open: boolean; onClose: () => void; onAccept?: () => void };

/** The full agreement: a bottom sheet on phones, a side panel on desktop. */
export function AgreementDrawer({ agreement, open, onClose, onAccept }: Props) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  return (
    <Drawer
      title={agreement.title}
      open={open}
      onClose={onClose}
      placement={mobile ? 'bottom' : 'right'}
      size={mobile ? '85%' : 560}
      footer={
        onAccept ? (
          <Button type="primary" block size="large" onClick={onAccept} data-testid="agreement-accept-drawer">
            {t('agreement.accept')}
          </Button>
        ) : undefined
      }
    >
      <AgreementBody agreement={agreement} />
    </Drawer>
  );
}
