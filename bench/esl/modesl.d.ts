// The parts of modesl 1.2.1 (plain JavaScript, no types of its own) that the benchmark uses.
declare module 'modesl' {
  import type { EventEmitter } from 'node:events';

  export class Event {
    type: string;
    getHeader(name: string): string | undefined;
  }

  export class Connection extends EventEmitter {
    constructor(host: string, port: number, password: string, ready?: () => void);
    events(type: 'plain' | 'json', events: string, cb?: () => void): void;
    disconnect(): void;
  }
}

declare module 'modesl/lib/esl/Parser' {
  import type { EventEmitter } from 'node:events';
  import type { Socket } from 'node:net';
  import type { Event } from 'modesl';

  class Parser extends EventEmitter {
    constructor(socket: Socket);
    on(event: 'esl::event', listener: (event: Event, headers: Record<string, string>, body?: string) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  export = Parser;
}
