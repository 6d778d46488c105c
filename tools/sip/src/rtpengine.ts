// rtpengine in userspace (no kernel forwarding table), bridging plain-RTP peers (SIPp) and WebRTC browsers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RTPENGINE, ensureSipPrograms } from './packages';
import { freeLoopbackPort, waitUntil } from './ports';
import { ManagedProcess } from './process';

/** Thrown when rtpengine exits during start-up. */
export class RtpEngineStartError extends Error {
  override readonly name = 'RtpEngineStartError';
}

/** A running rtpengine listening for Kamailio's ng commands on `ngPort`. */
export class RtpEngine {
  private constructor(
    private readonly process: ManagedProcess,
    /** UDP port of the ng control protocol. */
    readonly ngPort: number,
    /** rtpengine's log. */
    readonly logFile: string,
  ) {}

  /** Installs rtpengine when missing (root + apt-get) and starts it on 127.0.0.1. */
  static async start(workDir = mkdtempSync(join(tmpdir(), 'sb-rtpengine-'))): Promise<RtpEngine> {
    ensureSipPrograms(RTPENGINE);
    const ngPort = await freeLoopbackPort();
    const base = 30_000 + Math.floor(Math.random() * 300) * 100;
    const logFile = join(workDir, 'rtpengine.log');
    const args = [
      '--foreground',
      '--log-stderr',
      '--table=-1',
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${ngPort}`,
      `--port-min=${base}`,
      `--port-max=${base + 99}`,
      `--pidfile=${join(workDir, 'rtpengine.pid')}`,
      '--log-level=6',
    ];
    const process = ManagedProcess.start(RTPENGINE.path, args, logFile);
    // rtpengine opens its ng socket at once; a short grace shows whether it stayed up (bad flags exit at once).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await waitUntil(
      () => {
        if (!process.running)
          throw new RtpEngineStartError(`rtpengine stopped (${process.exitDescription}); see ${logFile}`);
        return true;
      },
      2000,
      'rtpengine did not start',
    );
    return new RtpEngine(process, ngPort, logFile);
  }

  /** Stops rtpengine. */
  stop(): Promise<void> {
    return this.process.stop();
  }
}
