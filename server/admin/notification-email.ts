import type { Db } from 'mongodb';
import type { Principal } from '../auth/token-validator';
import type { Logger } from '../log';
import { MailNotConfiguredError, type MailTransport } from '../mail/transport';
import { describeFailure } from '../providers/microsoft/failures';
import type { GraphClients } from '../providers/microsoft/graph';
import { notificationEmails } from '../observability/metrics';
import type { OrganizationDoc } from '../organizations/store';
import { tenantsOf } from '../tenants/store';

type Language = 'en' | 'ja';

interface Text {
  subject: string;
  lines: (org: string, admin: string) => [string, string];
}

const texts: Record<Language, Text> = {
  en: {
    subject: 'Smart Activity Management is now enabled',
    lines: (org, admin) => [
      `Smart Activity Management was enabled for ${org} by ${admin}.`,
      "Next, choose which users' mailboxes take part in the admin pane of the Outlook add-in. Contact points extracted from their external email cannot be deleted afterwards.",
    ],
  },
  ja: {
    subject: 'Smart Activity Management が有効になりました',
    lines: (org, admin) => [
      `${admin} が ${org} の Smart Activity Management を有効にしました。`,
      '次に、Outlook アドインの管理画面で連携するユーザーのメールボックスを選択してください。社外メールから抽出したコンタクトポイントは後から削除できません。',
    ],
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
 * Tells the admin that Smart Activity Management was enabled, through the service's own mail
 * transport, in the admin's preferred language (read from their directory entry). Never fails
 * the enabling: it reports what happened, including that email is not set up.
 */
export async function sendEnabledNotification(
  deps: { db: Db; graph: GraphClients; mail: MailTransport; log: Logger },
  org: OrganizationDoc,
  admin: Principal,
  acceptLanguage: string | undefined,
  publicUrl: string,
): Promise<{ sentTo: string | null; error: string | null }> {
  const { db, graph, mail, log } = deps;
  if (!mail.configured) {
    notificationEmails.inc({ outcome: 'not_configured' });
    return { sentTo: null, error: new MailNotConfiguredError().message };
  }
  let recipient = admin.userPrincipalName;
  let preferredLanguage: string | null = null;
  try {
    const consented = (await tenantsOf(db, org._id)).filter((t) => t.consent.state === 'granted');
    if (consented.some((t) => t._id === admin.tenantId)) {
      const me = await graph
        .interactive(admin.tenantId)
        .api(`/users/${admin.userId}`)
        .select('mail,preferredLanguage')
        .get();
      recipient = me.mail ?? recipient;
      preferredLanguage = me.preferredLanguage ?? null;
    }
  } catch (err) {
    // The address and language are refinements: the sign-in name is an address too.
    log.warn(
      { orgId: org._id, failure: describeFailure(err) },
      'admin profile not read for the notification email',
    );
  }
  const language = languageOf(preferredLanguage, acceptLanguage);
  const text = texts[language];
  const [enabled, next] = text.lines(org.name, admin.name || admin.userPrincipalName);
  const [enabledHtml] = text.lines(
    `<b>${escapeHtml(org.name)}</b>`,
    escapeHtml(admin.name || admin.userPrincipalName),
  );
  try {
    await mail.send({
      to: recipient,
      subject: text.subject,
      language,
      text: `${enabled}\n\n${next}\n\n${publicUrl}\n`,
      html: `<p>${enabledHtml}</p>\n<p>${escapeHtml(next)}</p>\n<p><a href="${escapeHtml(publicUrl)}">${escapeHtml(publicUrl)}</a></p>`,
    });
    notificationEmails.inc({ outcome: 'sent' });
    return { sentTo: recipient, error: null };
  } catch (err) {
    notificationEmails.inc({ outcome: 'failed' });
    const reason = err instanceof Error ? err.message : String(err);
    // SMTP answers quote the recipient: the log keeps only the codes.
    const { code, responseCode } = err as { code?: string; responseCode?: number };
    log.warn({ orgId: org._id, code, responseCode }, 'enable notification email not sent');
    return { sentTo: null, error: `The notification email could not be sent: ${reason}` };
  }
}
