import type { User } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import { ApiError, badRequest } from '../../http/errors';
import type { DirectoryUserRecord } from '../../integrations/directory-user';
import { describeFailure } from './failures';
import type { GraphClients } from './graph';

// userType and assignedLicenses are returned only when $selected (user resource, Graph v1.0).
const userFields = 'id,displayName,userPrincipalName,mail,jobTitle,userType,assignedLicenses';
const pageSize = 25;

function record(u: User): DirectoryUserRecord {
  return {
    id: String(u.id).toLowerCase(),
    displayName: u.displayName ?? u.userPrincipalName ?? String(u.id),
    userPrincipalName: u.userPrincipalName ?? '',
    mail: u.mail ?? null,
    jobTitle: u.jobTitle ?? null,
    guest: u.userType?.toLowerCase() === 'guest',
    licensed: (u.assignedLicenses?.length ?? 0) > 0,
  };
}

/** Microsoft 365 answered with an error while serving an admin request. */
export function graphUnavailable(err: unknown): ApiError {
  const failure = describeFailure(err);
  const status = failure.httpStatus === 403 || failure.source === 'token' ? 409 : 502;
  const code = status === 409 ? 'microsoft_365_access_denied' : 'microsoft_365_unavailable';
  return new ApiError(
    status,
    code,
    `Microsoft 365 answered: ${failure.code ? `${failure.code}: ` : ''}${failure.message}`,
  );
}

// Cursors carry only Graph's skip token and the search they belong to: never a URL we would call.
const cursorShape = z.object({ s: z.string().min(1).max(2048), q: z.string().max(64) });

function encodeCursor(skipToken: string, search: string): string {
  return Buffer.from(JSON.stringify({ s: skipToken, q: search })).toString('base64url');
}

function decodeCursor(cursor: string, search: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('invalid_cursor', 'The cursor is not valid.');
  }
  const result = cursorShape.safeParse(parsed);
  if (!result.success || result.data.q !== search)
    throw badRequest('invalid_cursor', 'The cursor is not valid for this search.');
  return result.data.s;
}

/** The skip token of a next link, whichever case Graph spells the option in (`$skiptoken`, `$skipToken`). */
function skipTokenOf(nextLink: string): string | null {
  for (const [name, value] of new URL(nextLink).searchParams)
    if (name.toLowerCase() === '$skiptoken') return value;
  return null;
}

/** OData string literal: single quotes are doubled. */
const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function listDirectoryUsers(
  graph: GraphClients,
  tenantId: string,
  search: string,
  cursor: string | undefined,
): Promise<{ users: DirectoryUserRecord[]; nextCursor: string | null }> {
  let request = graph.interactive(tenantId).api('/users').select(userFields).top(pageSize);
  if (search) {
    const s = odataString(search);
    request = request.filter(
      `startswith(displayName,${s}) or startswith(mail,${s}) or startswith(userPrincipalName,${s})`,
    );
  }
  if (cursor) request = request.skipToken(decodeCursor(cursor, search));
  let page: { value?: User[]; '@odata.nextLink'?: string };
  try {
    page = await request.get();
  } catch (err) {
    throw graphUnavailable(err);
  }
  const next = page['@odata.nextLink'] ? skipTokenOf(page['@odata.nextLink']) : null;
  return { users: (page.value ?? []).map(record), nextCursor: next ? encodeCursor(next, search) : null };
}

interface BatchResponse {
  responses: Array<{
    id: string;
    status: number;
    body?: User & { error?: { code?: string; message?: string } };
  }>;
}

/** Looks the users up in the directory, 20 per JSON batch; absent users map to null. */
export async function lookupDirectoryUsers(
  graph: GraphClients,
  tenantId: string,
  userIds: string[],
): Promise<Map<string, DirectoryUserRecord | null>> {
  const found = new Map<string, DirectoryUserRecord | null>();
  const unique = [...new Set(userIds)];
  for (let i = 0; i < unique.length; i += 20) {
    const chunk = unique.slice(i, i + 20);
    const requests = chunk.map((id, n) => ({
      id: String(n),
      method: 'GET',
      url: `/users/${id}?$select=${userFields}`,
    }));
    let answer: BatchResponse;
    try {
      answer = await graph.interactive(tenantId).api('/$batch').post({ requests });
    } catch (err) {
      throw graphUnavailable(err);
    }
    for (const response of answer.responses) {
      const id = chunk[Number(response.id)]!;
      if (response.status === 200 && response.body) found.set(id, record(response.body));
      else if (response.status === 404) found.set(id, null);
      else {
        const e = response.body?.error;
        throw new ApiError(
          502,
          'microsoft_365_unavailable',
          `Microsoft 365 answered ${response.status}${e?.code ? ` ${e.code}` : ''} for a user lookup; try again.`,
        );
      }
    }
  }
  return found;
}
