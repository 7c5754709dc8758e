/**
 * E-mail that leaves the system (issue 18 item 6, decision 59). In AWS: Amazon SES v2
 * (`functions/adapters/ses/ses-mailer.ts`); locally: `.eml` files a developer opens
 * (`functions/adapters/local/local-mailer.ts`). Both refuse what SES refuses.
 */
export interface MailMessage {
  /** One address or several (at most `mailLimits.maxRecipients`). */
  readonly to: string | readonly string[];
  /** One line: SES refuses a subject with a line break. */
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

export interface Mailer {
  /** The provider's id of the message (SES `MessageId`): its delivery, bounce and complaint events name it. */
  send(message: MailMessage): Promise<{ readonly messageId: string }>;
}

/**
 * What SES accepts, so the local mailer refuses the same messages. Source: Amazon SES Developer
 * Guide, "Service quotas": a message is at most 40 MB with the SES API v2 (10 MB with API v1),
 * after encoding, and has at most 50 recipients (To, Cc and Bcc together).
 */
export const mailLimits = {
  maxMessageBytes: 40 * 1024 * 1024,
  maxRecipients: 50,
} as const;

export const recipientsOf = (message: Pick<MailMessage, 'to'>): readonly string[] => (typeof message.to === 'string' ? [message.to] : message.to);

/** Errors SES answers the same way however often it is asked (the address or message is at fault, or the sender is not verified). */
export const permanentMailErrors: readonly string[] = ['BadRequestException', 'MessageRejected', 'MailFromDomainNotVerifiedException', 'NotFoundException'];

/** The name of the error a mailer answers when e-mail is not configured (no `mailDomain` at deploy, decision 59). */
export const mailDisabled = 'MailDisabled';
