// The Markdown section a run appends to results.md: the machine and commit, one table row per phase, and the
// evidence of what went wrong (SIPp failures, FreeSWITCH and API log lines, record problems).
import type { PhaseResult } from './phase';

export interface RunInfo {
  readonly startedAt: string;
  readonly commit: string;
  readonly source: string;
  readonly where: string;
  readonly machine: string;
  readonly loadBefore: string;
  readonly agents: number;
  readonly minutes: number;
}

const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value)}` : '–');
const pct = (value: number | undefined): string =>
  value !== undefined && Number.isFinite(value) ? `${Math.round(value)}%` : '–';
const mib = (value: number | undefined): string =>
  value !== undefined && Number.isFinite(value) ? `${Math.round(value)}` : '–';
const share = (part: number, whole: number): string =>
  whole > 0 ? `${part}/${whole} (${((100 * part) / whole).toFixed(1)} %)` : `${part}/0`;

const row = (lines: string[], cells: string[]): void => void lines.push(`| ${cells.join(' | ')} |`);

export function renderRun(info: RunInfo, phases: readonly PhaseResult[]): string {
  const lines: string[] = [];
  lines.push(`## ${info.startedAt} — commit ${info.commit}`, '');
  lines.push(
    `Machine: ${info.machine}; load average before: ${info.loadBefore}. API built from ${info.source}, run in ${info.where}. ` +
      `${info.agents} agents (SIPp UAS, -rtp_echo), callers stream PCMU both ways. Run took ${info.minutes.toFixed(1)} min.`,
    '',
  );
  lines.push(
    '**Calls and records**',
    '',
    '| phase | target (SIPp -l, hold) | FS held ≥ target (calls min/median) | SIPp attempted / ok / failed | UAS answered | FS caller legs | records found (legs without one / strays / not queued) | queue records correct | setup p50 / p99 ms |',
    '|---|---|---|---|---:|---:|---|---|---|',
  );
  for (const p of phases)
    row(lines, [
      p.plan.label,
      `${p.plan.target} (${p.limit}, ${p.plan.holdS} s)`,
      `${p.held.seconds} s (${p.held.minCalls}/${p.held.medianCalls})`,
      `${p.sipp.attempted} / ${p.sipp.succeeded} / ${p.sipp.failed}`,
      `${p.uas.answered}`,
      `${p.records.fsLegs}`,
      `${p.records.found} (${p.records.missing} / ${p.records.strays} / ${p.records.notQueued})`,
      share(p.records.correct, p.records.inQueue),
      `${ms(p.sipp.setupMs.p50)} / ${ms(p.sipp.setupMs.p99)}`,
    ]);
  lines.push(
    '',
    '**Lag and cost** (CPU as % of one core, over the seconds FreeSWITCH held the target)',
    '',
    '| phase | ESL→record p50 / p99 ms (API histogram, interpolated) | event→row p50 / p99 / max ms (DB) | FS event delivery p50 / p99 ms | CDR POST p50 / p99 ms | directory lookup p50 / p99 / max ms (failed) | ingest buffer max | API CPU | API peak RSS MiB | FS CPU | PG CPU | SIPp CPU callers + agents | load 1 min start → max |',
    '|---|---|---|---|---|---|---:|---:|---:|---:|---:|---|---|',
  );
  for (const p of phases) {
    const u = p.usage;
    row(lines, [
      p.plan.label,
      `${ms(p.lag.histogram.p50Ms)} / ${ms(p.lag.histogram.p99Ms)}`,
      `${ms(p.lag.stored.p50Ms)} / ${ms(p.lag.stored.p99Ms)} / ${ms(p.lag.stored.maxMs)}`,
      `${ms(p.fsDeliveryMs.p50)} / ${ms(p.fsDeliveryMs.p99)}`,
      `${ms(p.cdrPostMs.p50)} / ${ms(p.cdrPostMs.p99)}`,
      `${ms(p.directoryMs.p50)} / ${ms(p.directoryMs.p99)} / ${ms(p.directoryMs.max)} (${p.directoryMs.failed}/${p.directoryMs.probes})`,
      `${p.ingestBufferMax}`,
      pct(u['api']?.cpuPct),
      mib(u['api']?.peakRssMiB),
      pct(u['freeswitch']?.cpuPct),
      pct(u['postgres (API backends)']?.cpuPct),
      `${pct(u['sipp callers']?.cpuPct)} + ${pct(u['sipp agents']?.cpuPct)}`,
      `${p.load.atStart.toFixed(2)} → ${p.load.max.toFixed(2)}`,
    ]);
  }
  lines.push('');
  for (const p of phases) {
    lines.push(`### ${p.plan.label}: details`, '');
    lines.push(
      `- CPU and RSS over ${p.window.seconds} s ${p.window.steady ? 'while FreeSWITCH held the target' : '(whole phase: the target was never held for 10 s)'}; ` +
        `FreeSWITCH peak: ${p.held.maxCalls} calls, ${p.held.maxChannels} channels; FS peak RSS ${mib(p.usage['freeswitch']?.peakRssMiB)} MiB.`,
    );
    lines.push(
      `- Media (FreeSWITCH's RTP counters of the caller legs): ${p.media.fullBothWays}/${p.media.legs} bridged legs that lasted the hold time carried ≥ 90 % ` +
        `of 50 packets/s both ways for the hold time; median ${p.media.medianIn} packets in, ${p.media.medianOut} out.`,
    );
    lines.push(
      `- Lag histogram: ${p.lag.histogram.events} events; p50 in bucket ${p.lag.histogram.p50Within.map(ms).join('–')} ms, ` +
        `p99 in bucket ${p.lag.histogram.p99Within.map(ms).join('–')} ms (linear interpolation inside the bucket). ` +
        `DB: ${p.lag.stored.count} event rows; event→row distribution: ` +
        p.lag.stored.shares
          .filter((b) => b.pct > 0)
          .map((b) => `${Number.isFinite(b.upToMs) ? `≤${b.upToMs}` : '>2000'} ms ${b.pct.toFixed(1)} %`)
          .join(', ') +
        '.',
    );
    if (p.sipp.failed > 0 || p.sipp.exitCode !== 0)
      lines.push(
        `- SIPp exit ${p.sipp.exitCode}; failures: ${JSON.stringify(p.sipp.failures)}; retransmissions ${p.sipp.retransmissions}`,
      );
    if (p.sipp.lateChallenges > 0)
      lines.push(
        `- first 407 retransmitted after the authenticated INVITE (acknowledged, not failures): ${p.sipp.lateChallenges} calls`,
      );
    for (const r of p.sipp.refusals) lines.push(`  - refused by FreeSWITCH ×${r.count}: \`${r.status}\``);
    for (const e of p.sipp.errors) lines.push(`  - SIPp error ×${e.count}: \`${e.message}\``);
    if (p.uas.failed > 0) lines.push(`- UAS failed calls: ${p.uas.failed}`);
    for (const problem of p.records.problems.slice(0, 6))
      lines.push(`- record problem ×${problem.count}: ${problem.problem}`);
    lines.push(`- FreeSWITCH log: ${p.freeswitchLog.warnings} warnings, ${p.freeswitchLog.errors} errors`);
    for (const t of p.freeswitchLog.top) lines.push(`  - ×${t.count} [${t.level}] \`${t.message}\``);
    lines.push(`- API log: ${p.apiLog.warnings} warnings, ${p.apiLog.errors} errors`);
    for (const t of p.apiLog.top) lines.push(`  - ×${t.count} ${t.level} \`${t.message}\``);
    lines.push('');
  }
  return lines.join('\n');
}
