import {
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  teamsHighContrastTheme,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
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
    // Long addresses, GUIDs and subjects wrap instead of widening a 320 px pane.
    overflowWrap: 'anywhere',
  },
});

/** Controls a finger can hit: at least 44 × 44 px (Apple's and WCAG 2.5.5's size) on touch screens. */
const touchTargets = [
  '.fui-Button',
  '.fui-Tab',
  '.fui-Checkbox',
  '.fui-Checkbox__input',
  '.fui-Switch',
  '.fui-Switch__input',
  '.fui-Radio',
  '.fui-Radio__input',
  '.fui-Select__select',
  '.fui-Input',
  '.fui-Input__input',
  '.fui-SearchBox',
  '.fui-SearchBox__input',
  'summary',
];
const touchRule = (scope: string) =>
  `${touchTargets.map((t) => `${scope} ${t}`).join(', ')} { min-height: 44px; min-width: 44px; }` +
  `${scope} a[href] { display: inline-block; min-height: 44px; min-width: 44px; line-height: 44px; }`;

const useTouchStyles = makeStaticStyles(
  // Outlook on a phone (the host says so), or any screen whose main pointer is a finger.
  `${touchRule('html[data-touch="true"]')} @media (pointer: coarse) { ${touchRule(':root')} }`,
);

/** Windows contrast themes force system colours; macOS/iOS "increase contrast" asks for more. */
const contrastQuery = '(forced-colors: active), (prefers-contrast: more)';

function useMediaQuery(query: string): boolean {
  const supported = typeof window !== 'undefined' && typeof window.matchMedia === 'function';
  const [matches, setMatches] = useState(() => supported && window.matchMedia(query).matches);
  useEffect(() => {
    if (!supported) return;
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query, supported]);
  return matches;
}

export type PaneTheme = ThemeKind | 'contrast';

/**
 * Fluent theme from Office's theme (light/dark, followed live), Fluent's high-contrast theme when
 * the system asks for contrast, touch-sized controls on phones, and the strings for Office's
 * language. Outlook reports no contrast flag of its own (`themeId` and `isDarkTheme` are not
 * supported there); its web views pass the system's contrast setting on as these media queries.
 */
export function PaneShell({
  office,
  translator,
  children,
}: {
  office: OfficeHost;
  translator: Translator;
  children: ReactNode;
}) {
  const [officeTheme, setOfficeTheme] = useState<ThemeKind>(office.theme);
  useEffect(() => office.onThemeChanged(setOfficeTheme), [office]);
  const contrast = useMediaQuery(contrastQuery);
  const theme: PaneTheme = contrast ? 'contrast' : officeTheme;
  useTouchStyles();
  // On the document, so dialogs (portals outside the pane's tree) get touch-sized controls too.
  useEffect(() => {
    document.documentElement.dataset.touch = String(office.mobile);
  }, [office.mobile]);
  const styles = useStyles();
  const fluentTheme = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme }[theme];
  return (
    <FluentProvider theme={fluentTheme} lang={translator.locale} data-theme={theme}>
      <I18nProvider translator={translator}>
        <main className={styles.root}>{children}</main>
      </I18nProvider>
    </FluentProvider>
  );
}
