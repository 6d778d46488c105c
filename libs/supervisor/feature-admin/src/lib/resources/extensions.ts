import { ChangeDetectionStrategy, Component } from '@angular/core';
import {
  OUTBOUND_CLASSES,
  type ExtensionDto,
  createExtensionRequestSchema,
  updateExtensionRequestSchema,
} from '@switchboard/shared/contracts';
import type { ResourceConfig } from '../admin-fields';
import { ResourcePage } from '../resource-page/resource-page';

/** How the extensions screen lists and edits SIP extensions. */
export const EXTENSIONS_RESOURCE: ResourceConfig<ExtensionDto> = {
  path: 'extensions',
  title: 'Extensions',
  noun: 'extension',
  description: 'SIP extensions phones and agents register with; FreeSWITCH reads them through mod_xml_curl.',
  searchable: true,
  label: (ext) => ext.number,
  columns: [
    { label: 'Number', value: (ext) => `${ext.number}@${ext.domain}`, mono: true },
    { label: 'Name', value: (ext) => ext.displayName },
    { label: 'Outbound', value: (ext) => ext.outboundClass.toLowerCase() },
    { label: 'Caller ID', value: (ext) => ext.callerIdNumber ?? '—', mono: true },
    { label: 'Password', value: (ext) => (ext.hasPassword ? 'Set' : 'Per login') },
    { label: 'Status', value: (ext) => (ext.enabled ? 'Enabled' : 'Disabled') },
  ],
  fields: [
    { key: 'number', label: 'Number', kind: 'text', hint: 'SIP user, e.g. 1001.' },
    { key: 'displayName', label: 'Display name', kind: 'text' },
    {
      key: 'outboundClass',
      label: 'Outbound calls',
      kind: 'select',
      options: OUTBOUND_CLASSES.map((value) => ({ value, label: value.toLowerCase() })),
      initial: 'INTERNAL',
    },
    { key: 'callerIdNumber', label: 'Caller ID number', kind: 'text', emptyIsNull: true },
    { key: 'callerIdName', label: 'Caller ID name', kind: 'text', emptyIsNull: true },
    { key: 'callGroup', label: 'Call group', kind: 'text', emptyIsNull: true },
    { key: 'password', label: 'SIP password', kind: 'text', hint: 'Optional, 12+ characters; never shown again.' },
    { key: 'enabled', label: 'Enabled', kind: 'checkbox', initial: true },
  ],
  createSchema: createExtensionRequestSchema,
  updateSchema: updateExtensionRequestSchema,
};

/** The extensions admin screen. */
@Component({
  selector: 'sb-extensions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ResourcePage],
  template: '<sb-resource-page [config]="config" />',
})
export class ExtensionsPage {
  protected readonly config = EXTENSIONS_RESOURCE;
}
