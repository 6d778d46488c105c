export { FakeLiveSocket, fakeLiveSocketFactory } from './fake-live-socket';
