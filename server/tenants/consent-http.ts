import type { Request, Response } from 'express';
import type { ServerDeps } from '../deps';
import { browserSecretPattern, type FlowProblem } from './consent-flow';
import { renderConsentResultPage, type ConsentResult } from './consent-page';
import { consentText, type Locale } from './consent-text';

/** The browser side of the consent flow: its cookie, and answering with a result page. */

export function browserCookieName(deps: ServerDeps): string {
  // `__Host-` keeps the cookie to this exact origin; it needs Secure, which needs HTTPS.
  return deps.config.http.publicUrl.startsWith('https:') ? '__Host-sam-consent' : 'sam-consent';
}

export function browserSecretOf(deps: ServerDeps, req: Request): string | null {
  const name = browserCookieName(deps);
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name && browserSecretPattern.test(value.join('='))) return value.join('=');
  }
  return null;
}

export function sendResult(res: Response, status: number, result: ConsentResult, locale: Locale): void {
  res.status(status).type('html').send(renderConsentResultPage(result, locale));
}

export function sendProblem(
  res: Response,
  problem: FlowProblem | 'response' | 'neither',
  locale: Locale,
): void {
  sendResult(res, 400, { status: 'invalid', message: consentText(locale)(`invalid.${problem}`) }, locale);
}
