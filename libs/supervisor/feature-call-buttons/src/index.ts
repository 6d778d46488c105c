export { CallButtonsPage } from './lib/call-buttons-page/call-buttons-page';
