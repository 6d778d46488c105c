// Test-only entry point (@switchboard/api/feature-provisioning/testing).
export * from './recording-freeswitch-commands';
export * from './xml-reader';
