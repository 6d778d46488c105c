export { QueuesPage, QUEUES_RESOURCE } from './lib/resources/queues';
export { ExtensionsPage, EXTENSIONS_RESOURCE } from './lib/resources/extensions';
export { AgentsPage, AGENTS_RESOURCE } from './lib/resources/agents';
export { TiersPage, TIERS_RESOURCE } from './lib/resources/tiers';
export { ProvisioningApi, type ProvisioningPath, type ProvisioningQuery } from './lib/provisioning-api';
export type { ColumnSpec, FieldOption, FieldSpec, ResourceConfig } from './lib/admin-fields';
