import { io } from 'socket.io-client';
import type { SupervisorSnapshot } from '@switchboard/shared/contracts';

/** The floor as a supervisor's dashboard receives it on connect (socket.io `/supervisor`, WebSocket only). */
export async function supervisorSnapshot(base: string, token: string): Promise<SupervisorSnapshot> {
  const socket = io(`${base}/supervisor`, { auth: { token }, transports: ['websocket'], reconnection: false });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<SupervisorSnapshot>((resolve, reject) => {
      socket.once('snapshot', resolve);
      socket.once('connect_error', reject);
      timer = setTimeout(() => reject(new Error('no snapshot within 10 s')), 10_000);
    });
  } finally {
    clearTimeout(timer);
    socket.disconnect();
  }
}
