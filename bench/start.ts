import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { dependencies, overrideDependencies } from '#adapters/dependencies';
import { atKazakhstanHour } from '#domain/sms';
import type { Dependencies } from '#ports/dependencies';
import { senderSettings } from '#ports/delivery-queue';
import { createCampaign, startCampaign } from '#use-cases/campaign-commands';
import { deliveryRunner, resetSenderInvocations, senderInvocations } from '../local/delivery-runner.ts';
import { jobInvocations, jobRunner, resetJobInvocations } from '../local/job-runner.ts';
import { repositoryRoot, startLocalRuntime } from '../local/runtime.ts';

/** The size issue 18.2 speaks of: a start over 50,000 applications. */
export const startApplications = 50_000;

export interface StartMeasurement {
  readonly applications: number;
  /** The sender's configured rate (SMS a second over all its instances) in this run. */
  readonly ratePerSecond: number;
  readonly senderInstances: number;
  readonly inScope: number;
  readonly parents: number;
  /** Start SMS handed to the provider (the local notifier). */
  readonly sent: number;
  /** From the start job's first invocation to the last SMS handed over. */
  readonly seconds: number;
  /** sent ÷ seconds. */
  readonly deliveriesPerSecond: number;
  /** deliveriesPerSecond ÷ ratePerSecond: how close the pipeline keeps to the rate it may use. */
  readonly rateRatio: number;
  readonly startInvocations: number;
  readonly startLongestMs: number;
  readonly startLimitMs: number;
  readonly senderInvocations: number;
  readonly senderLongestMs: number;
  readonly senderLimitMs: number;
  /** The larger of the start's and the sender's longest invocation ÷ its limit. */
  readonly longestInvocationRatio: number;
  readonly failedInvocations: number;
}

/**
 * Issue 18.2 on the local runtime, in a process of its own (the sender reads its rate when its
 * module loads): the demo tenant seeded with `applications`, a campaign started at 10:00 in
 * Kazakhstan, the start's invocations run by the local job runner under their real limit
 * (900 s) while the sender drains the delivery queue alongside, as the SQS event source does in
 * AWS: its reserved concurrency of instances, batches of 10, each paced to its share of the rate.
 */
async function measureInThisProcess(applications: number, ratePerSecond: number, log: (line: string) => void): Promise<StartMeasurement> {
  const seedStarted = performance.now();
  const runtime = await startLocalRuntime({
    port: 0,
    data: 'memory',
    seed: { applicationCount: applications },
    log: (line) => (line.includes('[scheduler]') || line.includes('[sms-sender]')) && log(`    ${line.trim()}`),
    schedulerIntervalMs: 3_600_000,
    rateLimitScale: 1000,
    transactionConflicts: false,
    smsRatePerSecond: ratePerSecond,
  });
  log(`    seeded ${applications.toLocaleString('en-US')} applications in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
  try {
    runtime.clock.set(atKazakhstanHour(runtime.clock.now(), 10));
    const base = dependencies();
    let sent = 0;
    let lastSentAt = 0;
    overrideDependencies({
      notifier: Object.create(base.notifier, {
        sendSms: {
          value: async (message: { phone: string; text: string }) => {
            const answer = await base.notifier.sendSms(message);
            sent++;
            lastSentAt = performance.now();
            return answer;
          },
        },
      }),
    } as Partial<Dependencies>);
    const deps = dependencies();
    const now = runtime.clock.now();
    const campaign = await createCampaign(deps, { tenantId: 'temirtau', year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(), now });
    resetJobInvocations();
    resetSenderInvocations();
    const runJob = jobRunner();
    const send = deliveryRunner(runtime.deliveries, { log });
    const started = performance.now();
    await startCampaign(deps, { tenantId: 'temirtau', campaignId: campaign.campaignId, now });
    let startDone = false;
    const jobs = (async () => {
      try {
        // Each continuation is due at once; a pass that completes nothing leaves nothing due.
        while ((await runtime.scheduler.fireDue(runJob, log)).length > 0);
      } finally {
        startDone = true;
      }
    })();
    const sender = (async () => {
      while (!startDone || runtime.deliveries.depth > 0) if ((await send()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    })();
    await Promise.all([jobs, sender]);
    const seconds = (lastSentAt - started) / 1000;
    const started_ = (await deps.campaigns.get('temirtau', campaign.campaignId))!;
    const starts = jobInvocations().filter((i) => i.kind === 'campaign-start');
    const senders = senderInvocations();
    const longest = <T extends { ms: number; limitMs: number }>(list: readonly T[]) => list.reduce<T | undefined>((a, b) => (!a || b.ms / b.limitMs > a.ms / a.limitMs ? b : a), undefined);
    const startLongest = longest(starts);
    const senderLongest = longest(senders);
    const deliveriesPerSecond = sent / seconds;
    const measurement: StartMeasurement = {
      applications,
      ratePerSecond,
      senderInstances: senderSettings.reservedConcurrency,
      inScope: started_.counts.inScope,
      parents: started_.counts.applicants,
      sent,
      seconds: Number(seconds.toFixed(1)),
      deliveriesPerSecond: Number(deliveriesPerSecond.toFixed(1)),
      rateRatio: Number((deliveriesPerSecond / ratePerSecond).toFixed(3)),
      startInvocations: starts.length,
      startLongestMs: Math.round(startLongest?.ms ?? 0),
      startLimitMs: startLongest?.limitMs ?? 0,
      senderInvocations: senders.length,
      senderLongestMs: Math.round(senderLongest?.ms ?? 0),
      senderLimitMs: senderLongest?.limitMs ?? 0,
      longestInvocationRatio: Number(Math.max(startLongest ? startLongest.ms / startLongest.limitMs : 0, senderLongest ? senderLongest.ms / senderLongest.limitMs : 0).toFixed(3)),
      failedInvocations: starts.filter((i) => i.outcome === 'failed').length + senders.filter((i) => i.outcome === 'failed').length,
    };
    if (sent < measurement.parents) throw new Error(`${sent} start SMS sent for ${measurement.parents} parents in scope`);
    return measurement;
  } finally {
    await runtime.stop();
  }
}

/** Runs the measurement in a child process (a fresh sender module with this run's rate) and reads its result. */
export function measureStart(options: { applications: number; ratePerSecond: number; log: (line: string) => void }): Promise<StartMeasurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/start.ts', String(options.applications), String(options.ratePerSecond)], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let result: StartMeasurement | undefined;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('RESULT ')) result = JSON.parse(line.slice('RESULT '.length)) as StartMeasurement;
        else if (line.trim()) options.log(line);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`the start measurement ended with code ${code}${result ? '' : ' and no result'}`))));
  });
}

// `node --import tsx bench/start.ts [applications] [rate]`: this part alone (the bench runs it so).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const applications = Number(process.argv[2] ?? startApplications);
  const rate = Number(process.argv[3] ?? 100);
  const measured = await measureInThisProcess(applications, rate, (line) => console.log(line));
  console.log(`RESULT ${JSON.stringify(measured)}`);
  process.exit(0);
}
