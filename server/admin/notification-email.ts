import type { Db } from 'mongodb';
import type { Principal } from '../auth/token-validator';
import type { Logger } from '../log';
import { describeFailure } from '../microsoft/failures';
import type { GraphClients } from '../microsoft/graph';
import type { OrganizationDoc } from '../organizations/store';
import { settingsOf } from '../organizations/store';
import { tenantsOf } from '../tenants/store';

type Language = 'en' | 'ja';

const texts: Record<
  Language,
  { subject: string; body: (org: string, admin: string, url: string) => string }
> = {
  en: {
    subject: 'Smart Activity Management is now enabled',
    body: (org, admin, url) =>
      `<p>Smart Activity Management was enabled for <b>${org}</b> by ${admin}.</p>
<p>Next, choose which users' mailboxes take part in the admin pane of the Outlook add-in. Contact points extracted from their external email cannot be deleted afterwards.</p>
<p><a href="${url}">${url}</a></p>`,
  },
  ja: {
    subject: 'Smart Activity Management が有効になりました',
    body: (org, admin, url) =>
      `<p>${admin} が <b>${org}</b> の Smart Activity Management を有効にしました。</p>
<p>次に、Outlook アドインの管理画面で連携するユーザーのメールボックスを選択してください。社外メールから抽出したコンタクトポイントは後から削除できません。</p>
<p><a href="${url}">${url}</a></p>`,
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function languageOf(
  preferred: string | null | undefined,
  acceptLanguage: string | undefined,
): Language {
  const tag = (preferred || acceptLanguage || 'en').toLowerCase();
  return tag.startsWith('ja') ? 'ja' : 'en';
}

/**
 * Tells the admin that Smart Activity Management was enabled, by Graph sendMail from the
 * configured sender mailbox (default: the admin's own) in a consented tenant of the organisation,
 * in the admin's preferred language. Never fails the enabling: it reports what happened.
 */
export async function sendEnabledNotification(
  db: Db,
  graph: GraphClients,
  log: Logger,
  org: OrganizationDoc,
  admin: Principal,
  acceptLanguage: string | undefined,
  publicUrl: string,
): Promise<{ sentTo: string | null; error: string | null }> {
  const consented = (await tenantsOf(db, org._id)).filter((t) => t.consent.state === 'granted');
  const ownTenant = consented.find((t) => t._id === admin.tenantId);
  let recipient = admin.userPrincipalName;
  let preferredLanguage: string | null = null;
  try {
    if (ownTenant) {
      const me = await graph
        .interactive(ownTenant._id)
        .api(`/users/${admin.userId}`)
        .select('mail,preferredLanguage')
        .get();
      recipient = me.mail ?? recipient;
      preferredLanguage = me.preferredLanguage ?? null;
    }
    const sender = settingsOf(org).notificationSender ?? recipient;
    const senderDomain = sender.split('@')[1]?.toLowerCase();
    const senderTenant = consented.find((t) => t.verifiedDomains.includes(senderDomain ?? '')) ?? ownTenant;
    if (!senderTenant) return { sentTo: null, error: 'No consented directory holds the sender mailbox.' };
    const language = languageOf(preferredLanguage, acceptLanguage);
    const text = texts[language];
    await graph
      .interactive(senderTenant._id)
      .api(`/users/${encodeURIComponent(sender)}/sendMail`)
      .post({
        message: {
          subject: text.subject,
          body: {
            contentType: 'HTML',
            content: text.body(
              escapeHtml(org.name),
              escapeHtml(admin.name || admin.userPrincipalName),
              publicUrl,
            ),
          },
          toRecipients: [{ emailAddress: { address: recipient } }],
        },
        saveToSentItems: false,
      });
    return { sentTo: recipient, error: null };
  } catch (err) {
    const failure = describeFailure(err);
    log.warn({ orgId: org._id, failure }, 'enable notification email not sent');
    return { sentTo: null, error: `${failure.code ? `${failure.code}: ` : ''}${failure.message}` };
  }
}
