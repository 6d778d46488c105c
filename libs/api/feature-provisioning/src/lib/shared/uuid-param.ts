/** `:id` route parameters: a malformed id is a 400 ValidationError, an unknown one the service's 404. */
export { uuidParam } from '@switchboard/api/util-http';
