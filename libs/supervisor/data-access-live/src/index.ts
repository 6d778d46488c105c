export { ContactCenterZone } from './lib/contact-center-zone';
export { LiveFloorStore, type LiveConnection } from './lib/live-floor-store';
export {
  LIVE_FLOOR_OPTIONS,
  LIVE_SOCKET_FACTORY,
  type LiveFloorOptions,
  type LiveSocket,
  type LiveSocketFactory,
} from './lib/live-socket';
export type { FloorState } from './lib/floor-state';
export {
  DIRECTORY_REFRESH_MS,
  DirectoryNames,
  DirectoryNamesApi,
  injectDirectoryNames,
  queueBaseName,
  type AgentLabel,
  type QueueLabel,
} from './lib/directory-names';
