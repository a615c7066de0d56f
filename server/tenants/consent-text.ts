/**
 * What the consent pages say, in the admin's language: English and Japanese, chosen from the
 * `ui_locales` the admin pane passes (Office's display language) or else the browser's
 * Accept-Language. The same choice is passed on to Entra's pages as `ui_locales`.
 */

export type Locale = 'en' | 'ja';

const en = {
  'title.granted': 'Consent granted',
  'title.denied': 'Consent not granted',
  'title.unconfirmed': 'Consent could not be confirmed',
  'title.invalid': 'Consent response not accepted',
  'title.confirm': 'Add {tenant} to organisation {org}?',
  close: 'You can close this window and return to the admin pane.',
  domains: 'Verified domains: {domains}',
  'invalid.response': 'This page was opened without a valid consent response.',
  'invalid.unknown':
    'This consent response is not valid here: it was not started by this service. Start again from the admin pane.',
  'invalid.expired': 'This consent link has expired. Start the consent again from the admin pane.',
  'invalid.used': 'This consent link was already used. Start again from the admin pane.',
  'invalid.other_browser':
    'This consent response did not come back to the browser that started it. Start again from the admin pane, and finish in the same window.',
  'invalid.neither': 'The response carries neither a consent nor an error.',
  'denied.entra': 'Consent was not granted. {reason}',
  'denied.signin': 'The sign-in did not complete: {reason}',
  'denied.wrong_tenant':
    'You signed in to another directory. Sign in with an administrator account of {tenant}.',
  'denied.not_admin':
    '{user} is not an administrator of {tenant}. Only a Global or Exchange administrator of that directory can add it to an organisation.',
  'denied.elsewhere':
    '{tenant} already belongs to the organisation {org}. An administrator of {tenant} can detach it first (admin pane, "Your directory").',
  'denied.declined': '{tenant} was not added to {org}.',
  unconfirmed: 'Consent could not be confirmed: {error} Try again in a few minutes.',
  'unconfirmed.role':
    "the directory did not tell whether {user} is an administrator (the app's RoleManagement.Read.Directory permission).",
  'granted.joined': '{tenant} now belongs to the organisation {org}.',
  'granted.refreshed': 'Consent granted for {tenant}.',
  'confirm.requested': 'Requested by {requester} for the organisation {org} in Smart Activity Management.',
  'confirm.new_org': '{org} is a new organisation: your directory founds it.',
  'confirm.effect':
    "Everyone in {org} will see contact history extracted from the mailboxes of {tenant} that an administrator starts, and {tenant}'s users will see {org}'s contact history. An administrator of {tenant} can detach it again at any time.",
  'confirm.signed_in': 'Signed in as {user}, administrator of {tenant}.',
  'confirm.accept': 'Add {tenant} to {org}',
  'confirm.cancel': 'Cancel',
};

type Key = keyof typeof en;

const ja: Record<Key, string> = {
  'title.granted': '同意が完了しました',
  'title.denied': '同意されませんでした',
  'title.unconfirmed': '同意を確認できませんでした',
  'title.invalid': '同意の応答を受け付けられません',
  'title.confirm': '{tenant} を組織 {org} に追加しますか?',
  close: 'このウィンドウを閉じて管理ウィンドウに戻ってください。',
  domains: '確認済みドメイン: {domains}',
  'invalid.response': 'このページは有効な同意の応答なしで開かれました。',
  'invalid.unknown':
    'この同意の応答はここでは無効です。このサービスが開始したものではありません。管理ウィンドウからやり直してください。',
  'invalid.expired': 'この同意リンクは有効期限が切れています。管理ウィンドウから同意をやり直してください。',
  'invalid.used': 'この同意リンクは既に使用されています。管理ウィンドウからやり直してください。',
  'invalid.other_browser':
    'この同意の応答は、開始したブラウザーに戻ってきませんでした。管理ウィンドウからやり直し、同じウィンドウで完了してください。',
  'invalid.neither': '応答に同意もエラーも含まれていません。',
  'denied.entra': '同意されませんでした。{reason}',
  'denied.signin': 'サインインが完了しませんでした: {reason}',
  'denied.wrong_tenant':
    '別のディレクトリにサインインしました。{tenant} の管理者アカウントでサインインしてください。',
  'denied.not_admin':
    '{user} は {tenant} の管理者ではありません。組織に追加できるのは、そのディレクトリのグローバル管理者または Exchange 管理者だけです。',
  'denied.elsewhere':
    '{tenant} は既に組織 {org} に属しています。{tenant} の管理者が先に切り離してください (管理ウィンドウの「自分のディレクトリ」)。',
  'denied.declined': '{tenant} は {org} に追加されませんでした。',
  unconfirmed: '同意を確認できませんでした: {error} 数分後にもう一度お試しください。',
  'unconfirmed.role':
    'ディレクトリから {user} が管理者かどうかを確認できませんでした (アプリの RoleManagement.Read.Directory アクセス許可)。',
  'granted.joined': '{tenant} は組織 {org} に属するようになりました。',
  'granted.refreshed': '{tenant} の同意が完了しました。',
  'confirm.requested': '{requester} が Smart Activity Management の組織 {org} への追加を依頼しました。',
  'confirm.new_org': '{org} は新しい組織です。あなたのディレクトリが最初のディレクトリになります。',
  'confirm.effect':
    '{org} の全員が、{tenant} で管理者が開始したメールボックスから抽出された連絡履歴を閲覧でき、{tenant} のユーザーは {org} の連絡履歴を閲覧できます。{tenant} の管理者はいつでも切り離せます。',
  'confirm.signed_in': '{tenant} の管理者 {user} としてサインインしています。',
  'confirm.accept': '{tenant} を {org} に追加',
  'confirm.cancel': 'キャンセル',
};

const dictionaries: Record<Locale, Record<Key, string>> = { en, ja };

export type ConsentText = (key: Key, values?: Record<string, string>) => string;

export function consentText(locale: Locale): ConsentText {
  const dictionary = dictionaries[locale];
  return (key, values = {}) =>
    dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The first of `ui_locales` (space-separated tags) or Accept-Language we speak; English otherwise. */
export function pickLocale(uiLocales: unknown, acceptLanguage: string | undefined): Locale {
  const tags = [
    ...(typeof uiLocales === 'string' ? uiLocales.slice(0, 200).split(/[\s,]+/) : []),
    ...(acceptLanguage ?? '').slice(0, 500).split(','),
  ];
  for (const tag of tags) {
    const language = tag.trim().slice(0, 2).toLowerCase();
    if (language === 'ja' || language === 'en') return language;
  }
  return 'en';
}
