export { FakeLiveSocket, fakeLiveSocketFactory } from './fake-live-socket';
export { ANN_AGENT, SUPPORT_QUEUE, flushDirectoryNames } from './directory-names-http';
