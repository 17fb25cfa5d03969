import { useI18n } from '../i18n/i18n-context';

/** The operations console (desktop-first), mounted under /console. */
export function ConsoleApp() {
  const { t } = useI18n();
  return <h1>{t('console.title')}</h1>;
}
