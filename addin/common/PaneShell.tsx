import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import { I18nProvider, type Translator } from './i18n';
import type { OfficeHost, ThemeKind } from './office';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
});

/** Fluent theme from Office's theme (light/dark, followed live) and the strings for Office's language. */
export function PaneShell({
  office,
  translator,
  children,
}: {
  office: OfficeHost;
  translator: Translator;
  children: ReactNode;
}) {
  const [theme, setTheme] = useState<ThemeKind>(office.theme);
  useEffect(() => office.onThemeChanged(setTheme), [office]);
  const styles = useStyles();
  return (
    <FluentProvider
      theme={theme === 'dark' ? webDarkTheme : webLightTheme}
      lang={translator.locale}
      data-theme={theme}
    >
      <I18nProvider translator={translator}>
        <main className={styles.root}>{children}</main>
      </I18nProvider>
    </FluentProvider>
  );
}
