import { z } from 'zod';

/** Entra object and tenant IDs are GUIDs; we keep them lower-case. */
export const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const guid = z
  .string()
  .regex(guidPattern, 'must be a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47')
  .transform((s) => s.toLowerCase());

/** A DNS domain name, lower-cased (e.g. "contoso.co.jp"). */
export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/,
    'must be a domain name such as example.com',
  );

/** An email address, lower-cased; deliberately simple (RFC 5322 is wider than mail systems in practice). */
export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@<>()[\]\\,;:"]+@(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'must be an email address');
