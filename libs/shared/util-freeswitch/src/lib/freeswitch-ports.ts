import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** The ports the repository's configuration listens on: SIP (UDP and TCP), SIP over WS and WSS, the event socket. */
export const FREESWITCH_PORTS = { sip: 5060, ws: 5066, wss: 7443, esl: 8021 } as const;

function tcpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function udpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind({ address: host, port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

/** Which of FreeSWITCH's ports are taken on `host` (`5060/udp`, `8021/tcp`, ...); empty when all are free. */
export async function takenFreeswitchPorts(host: string, eslHost = host): Promise<string[]> {
  const checks: [string, Promise<boolean>][] = [
    ['5060/udp', udpFree(host, FREESWITCH_PORTS.sip)],
    ['5060/tcp', tcpFree(host, FREESWITCH_PORTS.sip)],
    ['5066/tcp', tcpFree(host, FREESWITCH_PORTS.ws)],
    ['7443/tcp', tcpFree(host, FREESWITCH_PORTS.wss)],
    ['8021/tcp', tcpFree(eslHost, FREESWITCH_PORTS.esl)],
  ];
  const results = await Promise.all(checks.map(async ([name, free]) => ((await free) ? undefined : name)));
  return results.filter((name): name is string => name !== undefined);
}
