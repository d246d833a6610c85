import { pickLocale, t } from '../../shared/i18n';

/** The toolbar popup: for now the product's name in the browser's language. */
export function Popup({ language = navigator.language }: { language?: string }) {
  const locale = pickLocale(language);
  return (
    <main lang={locale}>
      <h1 data-testid="product-name">{t(locale, 'app.name')}</h1>
      <p>{t(locale, 'app.tagline')}</p>
    </main>
  );
}
