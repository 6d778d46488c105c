export * from './lib/asterisk-binary';
export * from './lib/test-address';
export * from './lib/asterisk-environment';
export * from './lib/asterisk-process';
