/**
 * Inbound mail's figures for `npm run bench` (issue 8): mails per second through the real SMTP
 * port to a stored ticket, with p50/p99 from the client's first byte to the server's `250`
 * (which it sends once the ticket and message are written), and the write capacity one inbound
 * mail consumes in its own path: a new ticket from a new sender, and a reply threaded by its
 * Message-ID (effects such as the acknowledgement are the stream's, settled before each window).
 */
import { createTransport } from 'nodemailer';
import type { CapacityWindow } from './workflow.ts';

const MAILS = 200;
const CONCURRENCY = 10;
const WINDOW_MAILS = 10;
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand']);

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return { p50: at(50), p99: at(99), n: s.length };
}

/** Send, measure; prints its own section. Mail goes to `{slug}@{domain}`. */
export async function benchInbound(smtpPort: number, slug: string, domain: string, capacity: CapacityWindow): Promise<void> {
  const to = `${slug}@${domain}`;
  const transport = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: CONCURRENCY });
  const send = async (i: number, extra: Record<string, unknown> = {}) => {
    const started = performance.now();
    const info = await transport.sendMail({
      from: `Sender ${i} <sender.${i}@bench-customer.example>`,
      to,
      subject: `Bench mail ${i}: printer on floor ${i % 5} jams`,
      text: `Paper jam since this morning (${i}).\n\n-- \nSender ${i}`,
      html: `<p>Paper jam since this morning (<b>${i}</b>).</p><div class="gmail_signature">Sender ${i}</div>`,
      ...extra,
    });
    if (!/^250 (created|threaded)/.test(info.response)) throw new Error(`mail ${i}: ${info.response}`);
    return { ms: performance.now() - started, messageId: info.messageId };
  };

  try {
    // Throughput and latency: MAILS new-ticket mails, CONCURRENCY connections at once.
    const latencies: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < MAILS) latencies.push((await send(next++)).ms);
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const p = percentiles(latencies);
    console.log(`\nInbound mail through SMTP to a stored ticket (${MAILS} mails, ${CONCURRENCY} connections)`);
    console.log(`  ${(MAILS / seconds).toFixed(1)} mails/s   p50 ${p.p50.toFixed(0)} ms   p99 ${p.p99.toFixed(0)} ms`);

    // Write capacity per mail, in the mail's own path.
    const units = async (mail: () => Promise<unknown>) => {
      await capacity.settle();
      capacity.reset();
      await mail();
      return capacity
        .take()
        .filter((c) => WRITES.has(c.op))
        .reduce((a, c) => a + c.units, 0);
    };
    const created: number[] = [];
    const threaded: number[] = [];
    for (let i = 0; i < WINDOW_MAILS; i++) {
      let first = '';
      created.push(await units(async () => (first = (await send(10_000 + i)).messageId)));
      threaded.push(await units(() => send(10_000 + i, { subject: `Re: Bench mail ${10_000 + i}`, inReplyTo: first, references: [first] })));
    }
    const median = (xs: number[]) => percentiles(xs).p50;
    console.log(`  WCU per inbound mail: new ticket ${median(created)}, threaded reply ${median(threaded)} (median of ${WINDOW_MAILS})`);
  } finally {
    transport.close();
  }
}
