export * from './fake-ari';
export * from './fake-ami';
