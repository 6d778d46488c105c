import { EslConfigError } from './errors';

/** One FreeSWITCH Event Socket to connect to (inbound mode). */
export interface EslNode {
  /** Stable name used in logs, metrics and `nodeId` arguments; `HOST:PORT` when parsed from a URL. */
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly password: string;
}

const ENTRY = /^esl:\/\/:(.+)@(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

function masked(entry: string): string {
  return entry.replace(/^(esl:\/\/:).*@/, '$1***@');
}

/**
 * Parses FREESWITCH_ESL: comma-separated `esl://:PASSWORD@HOST:PORT` entries (the password URL-encoded, so a
 * `@` in it is written `%40`; IPv6 hosts in brackets). An empty value means no node. Throws {@link EslConfigError}
 * naming every bad entry (password masked).
 */
export function parseEslUrls(value: string | undefined): EslNode[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const problems: string[] = [];
  const nodes: EslNode[] = [];
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1} (${JSON.stringify(masked(entry))})`;
    const match = ENTRY.exec(entry);
    if (!match) return void problems.push(`${where} is not like esl://:PASSWORD@HOST:PORT`);
    const [, encodedPassword = '', bracketedHost = '', portText = ''] = match;
    const port = Number(portText);
    if (port < 1 || port > 65_535) return void problems.push(`${where} has port ${port}; it must be between 1 and 65535`);
    let password: string;
    try {
      password = decodeURIComponent(encodedPassword);
    } catch {
      // Expected for a bare '%' in the password: say how to write it instead of failing obscurely.
      return void problems.push(`${where} has a password that is not URL-encoded correctly (write % as %25, @ as %40)`);
    }
    const host = bracketedHost.startsWith('[') ? bracketedHost.slice(1, -1) : bracketedHost;
    const id = `${bracketedHost}:${port}`;
    if (nodes.some((node) => node.id === id)) return void problems.push(`${where} repeats ${id}`);
    nodes.push({ id, host, port, password });
  });
  if (problems.length > 0) throw new EslConfigError(`FREESWITCH_ESL: ${problems.join('; ')}`);
  return nodes;
}
