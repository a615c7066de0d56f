import { useEffect, useState } from 'react';
import type { TenantView } from '../../shared/api';
import type { ApiClient } from '../common/api';
import type { OfficeHost } from '../common/office';
import { runAdminConsent, type ConsentOutcome } from './consent';
import type { LinkToSend } from './ConsentLink';

/**
 * The directories section's state and what it asks the API: registering a directory and either
 * running its admin consent in an Office dialog or getting a link for its administrator, the
 * outcome of the latest of those, and reading the list again while a directory awaits its
 * administrator's confirmation (they may confirm elsewhere, from a sent link).
 */
export function useTenantRegistration({
  office,
  api,
  tenants,
  onChanged,
  refreshMs,
}: {
  office: OfficeHost;
  api: ApiClient;
  tenants: TenantView[];
  onChanged: () => void;
  refreshMs: number;
}) {
  const [busyTenant, setBusyTenant] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ tenantId: string; result: ConsentOutcome } | null>(null);
  const [link, setLink] = useState<LinkToSend | null>(null);
  const [error, setError] = useState<unknown>(null);

  const nameOf = (id: string) => tenants.find((x) => x.id === id)?.displayName ?? id;

  /** One registration at a time; each clears what the previous one left on screen. */
  const run = async (id: string, work: () => Promise<void>) => {
    setBusyTenant(id);
    setError(null);
    setOutcome(null);
    setLink(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusyTenant(null);
    }
  };

  const awaiting = tenants.some((x) => x.membership === 'awaiting_confirmation');
  useEffect(() => {
    if (!awaiting) return;
    const timer = setInterval(onChanged, refreshMs);
    return () => clearInterval(timer);
  }, [awaiting, onChanged, refreshMs]);

  return {
    busy: busyTenant !== null,
    outcome: outcome && { result: outcome.result, tenantName: nameOf(outcome.tenantId) },
    link,
    dismissLink: () => setLink(null),
    error,
    /** Registers the directory and opens its admin consent in an Office dialog. */
    consent: (id: string) =>
      run(id, async () => {
        const registration = await api.registerTenant(id);
        onChanged();
        const result = await runAdminConsent(office, api, id, registration.consentUrl);
        setOutcome({ tenantId: id, result });
        onChanged();
      }),
    /** A fresh link for the directory's administrator; each works once, until it expires. */
    requestLink: (id: string) =>
      run(id, async () => {
        const registration = await api.registerTenant(id);
        setLink({
          tenantId: id,
          tenantName: nameOf(id),
          url: registration.consentUrl,
          expiresAt: registration.expiresAt,
        });
        onChanged();
      }),
  };
}
