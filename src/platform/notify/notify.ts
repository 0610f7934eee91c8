/** Adapters that deliver messages: e-mail over SMTP (nodemailer) or to the log; SMS to the log. */
import nodemailer from 'nodemailer'

/** A message ready to deliver. */
export interface OutgoingMessage {
  readonly channel: 'email' | 'sms'
  readonly recipient: string
  readonly subject: string
  readonly body: string
}

/** Delivers one kind of message; throws when delivery failed and may be retried. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>
}

/** Minimal logger shape (pino's). */
export interface LogSink {
  info(object: object, message?: string): void
}

/** A sender that only writes the message to the log: the default for development and SMS. */
export function createLogSender(log: LogSink): MessageSender {
  return {
    async send(message) {
      log.info({ outbox: { channel: message.channel, to: message.recipient, subject: message.subject } }, 'message (logged, not sent)')
    },
  }
}

/** Sends e-mail through the SMTP server named by smtpUrl. */
export function createSmtpSender(smtpUrl: string, from: string): MessageSender {
  const transport = nodemailer.createTransport(smtpUrl)
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.recipient, subject: message.subject, text: message.body })
    },
  }
}

/** Senders by channel. */
export interface Senders {
  readonly email: MessageSender
  readonly sms: MessageSender
}
