/**
 * What the digest job needs from a mailer. Portable: the Node implementations (SMTP through
 * nodemailer, or `.eml` files in an outbox) are in ./node-mailer.ts; a Worker can inject its own.
 */
export interface DigestMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic per (date, recipient): a re-delivery could be recognised as the same message. */
  messageId: string;
  date: Date;
  headers: Record<string, string>;
}

export interface Mailer {
  /** e.g. "smtp://mail.example.com:587" (no credentials) or "outbox data/outbox". */
  readonly describe: string;
  /** Resolves when the server accepted the message; rejects on any failure (then nothing was sent). */
  send(message: DigestMessage): Promise<{ messageId: string; where?: string }>;
  close?(): void;
}
