import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Content-Language of the message. */
  language: string;
}

/**
 * The service's own outgoing email (the enablement notice), over SMTP to the relay in SMTP_URL.
 * The service sends as itself (SMTP_FROM) and never through a customer's mailbox, so it needs no
 * Mail.Send permission in any tenant.
 */
export class MailTransport {
  private transporter: Transporter | null = null;

  constructor(private readonly mail: Config['mail']) {}

  get configured(): boolean {
    return this.mail !== null;
  }

  async send(email: OutgoingEmail): Promise<void> {
    if (!this.mail) throw new MailNotConfiguredError();
    this.transporter ??= nodemailer.createTransport(this.mail.url);
    await this.transporter.sendMail({
      from: this.mail.from,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: { 'Content-Language': email.language, 'Auto-Submitted': 'auto-generated' },
    });
  }

  close(): void {
    this.transporter?.close();
  }
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super('Email is not set up on the server (SMTP_URL), so no notification email was sent.');
    this.name = 'MailNotConfiguredError';
  }
}
