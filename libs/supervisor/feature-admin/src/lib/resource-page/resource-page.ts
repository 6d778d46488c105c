import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { Page, PbxSyncReport } from '@switchboard/shared/contracts';
import { AuthStore, describeApiError, fieldErrorsOf } from '@switchboard/shared/data-access-auth';
import { debounceTime, distinctUntilChanged, firstValueFrom, forkJoin, map, of } from 'rxjs';
import { type FieldOption, type ResourceConfig, changedFields, describePbxSync } from '../admin-fields';
import { loadOptions } from '../option-sources';
import { ProvisioningApi } from '../provisioning-api';
import { ResourceForm } from '../resource-form/resource-form';
import { type RowState, ResourceTable } from '../resource-table/resource-table';

/** Rows per page: fits a 1366×768 screen with the toolbar. */
export const ADMIN_PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 250;

/** The form on screen: a new record, or the record being edited. */
type FormMode = { kind: 'create' } | { kind: 'edit'; record: { id: string } };

/** A notice after a save or delete: what happened, and whether FreeSWITCH took it. */
interface Notice {
  text: string;
  sync: PbxSyncReport;
}

/**
 * The admin screen of one provisioning collection: list with search and pages, and — with `provisioning:manage` —
 * create, edit and delete forms. Every write reports whether FreeSWITCH took it (`pbxSync`).
 */
@Component({
  selector: 'sb-resource-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ResourceForm, ResourceTable],
  templateUrl: './resource-page.html',
  styleUrl: './resource-page.css',
})
export class ResourcePage<T extends { id: string }> {
  readonly config = input.required<ResourceConfig<T>>();

  private readonly api = inject(ProvisioningApi);
  private readonly auth = inject(AuthStore);
  protected readonly canManage = computed(() => this.auth.hasPermission('provisioning:manage'));

  protected readonly searchText = signal('');
  private readonly search = toSignal(
    toObservable(this.searchText).pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged()),
    { initialValue: '' },
  );
  protected readonly page = linkedSignal({ source: () => this.search(), computation: () => 1 });
  private readonly list = rxResource({
    params: () => ({ path: this.config().path, search: this.search(), page: this.page(), pageSize: ADMIN_PAGE_SIZE }),
    stream: ({ params }) => this.api.list<T>(params.path, params),
  });
  protected readonly shown = linkedSignal<Page<T> | undefined, Page<T> | undefined>({
    source: () => (this.list.hasValue() ? this.list.value() : undefined),
    computation: (loaded, previous) => loaded ?? previous?.value,
  });
  protected readonly loading = this.list.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.list.error();
    return error ? describeApiError(error, `The ${this.config().title.toLowerCase()} could not be loaded.`) : null;
  });
  protected readonly pageCount = computed(() => Math.max(1, Math.ceil((this.shown()?.total ?? 0) / ADMIN_PAGE_SIZE)));

  protected readonly form = signal<FormMode | null>(null);
  protected readonly formTitle = computed(() => {
    const form = this.form();
    if (!form) return '';
    return form.kind === 'create' ? `New ${this.config().noun}` : `Edit ${this.config().label(form.record as T)}`;
  });
  protected readonly formRecord = computed(() => {
    const form = this.form();
    return form?.kind === 'edit' ? form.record : null;
  });
  protected readonly formSchema = computed(() =>
    this.formRecord() ? this.config().updateSchema : this.config().createSchema,
  );
  private readonly options = rxResource({
    params: () => (this.form() ? this.config().fields.filter((field) => field.source) : undefined),
    stream: ({ params }) =>
      params.length === 0
        ? of({})
        : forkJoin(
            params.map((field) =>
              loadOptions(this.api, field.source ?? 'users').pipe(map((options) => [field.key, options] as const)),
            ),
          ).pipe(map((entries) => Object.fromEntries(entries) as Record<string, FieldOption[]>)),
  });
  protected readonly loadedOptions = computed(() => (this.options.hasValue() ? this.options.value() : {}));
  protected readonly saving = signal(false);
  protected readonly formErrors = signal<Readonly<Record<string, string>>>({});
  protected readonly formProblem = signal<string | null>(null);
  protected readonly notice = signal<Notice | null>(null);
  protected readonly syncs = signal<Readonly<Record<string, PbxSyncReport>>>({});
  protected readonly rowStates = signal<Readonly<Record<string, RowState>>>({});

  protected goToPage(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }

  protected retryLoad(): void {
    this.list.reload();
  }

  protected openCreate(): void {
    this.openForm({ kind: 'create' });
  }

  protected openEdit(record: T): void {
    this.openForm({ kind: 'edit', record });
  }

  protected closeForm(): void {
    this.form.set(null);
  }

  protected async save(body: Record<string, unknown>): Promise<void> {
    const form = this.form();
    if (!form) return;
    const { path, noun, label } = this.config();
    const changes = form.kind === 'edit' ? changedFields(body, form.record) : body;
    if (form.kind === 'edit' && Object.keys(changes).length === 0) {
      this.formProblem.set('Nothing changed.');
      return;
    }
    const request =
      form.kind === 'create' ? this.api.create<T>(path, body) : this.api.update<T>(path, form.record.id, changes);
    this.saving.set(true);
    this.formErrors.set({});
    this.formProblem.set(null);
    try {
      const saved = await firstValueFrom(request);
      this.form.set(null);
      this.syncs.update((syncs) => ({ ...syncs, [saved.id]: saved.pbxSync }));
      const verb = form.kind === 'create' ? 'Created' : 'Saved';
      this.notice.set({ text: `${verb} ${noun} ${label(saved)}.`, sync: saved.pbxSync });
      this.list.reload();
    } catch (error) {
      // Expected: 400 with field details, 409 (name or number taken) with details, 404 when the record went away.
      const fields = fieldErrorsOf(error);
      this.formErrors.set(fields);
      this.formProblem.set(
        Object.keys(fields).length > 0 ? null : describeApiError(error, `The ${noun} could not be saved.`),
      );
    } finally {
      this.saving.set(false);
    }
  }

  protected async remove(record: T): Promise<void> {
    const { path, noun, label } = this.config();
    this.notice.set(null);
    this.setRowState(record.id, { busy: true });
    try {
      const result = await firstValueFrom(this.api.remove(path, record.id));
      this.setRowState(record.id, null);
      const tiers = result.deletedTiers > 0 ? ` and ${result.deletedTiers} tier(s)` : '';
      this.notice.set({ text: `Deleted ${noun} ${label(record)}${tiers}.`, sync: result.pbxSync });
      this.list.reload();
    } catch (error) {
      // Expected: 404 when someone else deleted it, 409 when something still refers to it, network errors.
      this.setRowState(record.id, { busy: false, error: describeApiError(error, 'It was not deleted.') });
    }
  }

  protected describeSync(sync: PbxSyncReport): string {
    return describePbxSync(sync);
  }

  private openForm(mode: FormMode): void {
    this.notice.set(null);
    this.formErrors.set({});
    this.formProblem.set(null);
    this.form.set(mode);
  }

  private setRowState(id: string, state: RowState | null): void {
    this.rowStates.update((states) => {
      const next = { ...states };
      if (state) next[id] = state;
      else delete next[id];
      return next;
    });
  }
}
