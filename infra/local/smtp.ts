/**
 * The local stand-in of SES receiving (issue 8): a real SMTP server (`smtp-server`, loopback
 * or LISTEN_HOST, no TLS, no AUTH) that does what the receipt rule does in AWS: it stores each
 * raw mail in the bucket under `inbound/{id}.eml` (no tenant yet) and invokes the same inbound
 * handler (`functions/mail/inbound.ts`) with the SES notification's shape, the SMTP envelope's
 * recipients as `receipt.recipients`. The mail is answered `250` once the handler has taken it
 * in (a mail sent is a ticket when the client returns), `451` when storing failed (the client
 * tries again, as a mail server would).
 */
import { randomUUID } from 'node:crypto';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { MAIL_LIMITS } from '../../shared/mail/constants.ts';
import { listen } from './ports.ts';

export interface SmtpLocal {
  port: number;
  stop(): Promise<void>;
}

/** Mails this much larger than the limit are still taken (the handler records them as too large); beyond, SMTP refuses them. */
const SMTP_SIZE = MAIL_LIMITS.maxBytes + 5 * 1024 * 1024;

export interface SmtpOptions {
  port: number;
  host: string;
  /** Resolves once the stack's environment is set (a mail arriving earlier waits for it). */
  ready?: Promise<void>;
  log?: (line: string) => void;
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Start the SMTP server; the handler and the storage are imported on the first mail (the stack's environment is set by then). */
export async function startSmtp(opts: SmtpOptions): Promise<SmtpLocal> {
  const log = opts.log ?? (() => {});
  const deliver = async (raw: Buffer, session: SMTPServerSession) => {
    await opts.ready;
    const [{ putObject }, { handler }, { INBOUND_PREFIX }] = await Promise.all([
      import('../../shared/files/storage.ts'),
      import('../../functions/mail/inbound.ts'),
      import('../../shared/mail/inbound.ts'),
    ]);
    const id = randomUUID();
    const objectKey = `${INBOUND_PREFIX}${id}.eml`;
    await putObject(objectKey, raw, 'message/rfc822');
    const recipients = session.envelope.rcptTo.map((r) => r.address);
    return handler({ Records: [{ ses: { mail: { messageId: id }, receipt: { recipients, action: { type: 'S3', objectKey } } } }] }, { awsRequestId: id });
  };
  const server = new SMTPServer({
    name: 'helpdesk.localhost',
    banner: 'helpdesk local inbound mail (SES receiving stand-in)',
    size: SMTP_SIZE,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      readAll(stream).then(
        async (raw) => {
          if (stream.sizeExceeded) return callback(Object.assign(new Error('552 message exceeds the size limit'), { responseCode: 552 }));
          try {
            const { outcomes } = await deliver(raw, session);
            // What became of it, for the sender's log (a real mail server would say just OK): result, ticket, reason.
            callback(
              null,
              outcomes
                .map((o) => [o.result, 'number' in o && o.number !== undefined ? `#${o.number}` : '', 'reason' in o ? o.reason : ''].filter(Boolean).join(' '))
                .join('; ') || 'no recipient',
            );
          } catch (err) {
            log(`inbound mail failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
            callback(Object.assign(new Error('451 temporary failure, try again later'), { responseCode: 451 }));
          }
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });
  server.on('error', (err) => log(`SMTP server error: ${err.message}`));
  const port = await listen(server.server, opts.port, opts.host, 'SMTP_PORT');
  log(`SMTP (inbound mail) on ${opts.host}:${port}`);
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
