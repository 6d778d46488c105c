export * from './lib/freeswitch-binary';
export * from './lib/freeswitch-environment';
export * from './lib/freeswitch-ports';
export * from './lib/freeswitch-process';
export * from './lib/freeswitch-orphan';
export * from './lib/parent-death';
