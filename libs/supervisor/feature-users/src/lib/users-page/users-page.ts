import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { CreateUserRequest, Page, Role, UpdateUserRequest, UserDto } from '@switchboard/shared/contracts';
import { AuthStore, describeApiError, fieldErrorsOf } from '@switchboard/shared/data-access-auth';
import { debounceTime, distinctUntilChanged, firstValueFrom } from 'rxjs';
import { NEW_USER_FIELDS, NewUserForm } from '../new-user-form/new-user-form';
import { ROLE_OPTIONS, isRole } from '../role-options';
import { UsersApi, type UsersQuery } from '../users-api';
import { type RoleChange, type UserRowState, UsersTable } from '../users-table/users-table';

/** Rows per page: fits a 1366×768 screen with the toolbar. */
export const USERS_PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 250;

/**
 * The admin's user-management screen: search, role filter, pages, and — with `users:manage` — creating users,
 * changing roles and disabling accounts. Without `users:manage` it is a read-only list.
 */
@Component({
  selector: 'sb-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UsersTable, NewUserForm],
  templateUrl: './users-page.html',
})
export class UsersPage {
  private readonly api = inject(UsersApi);
  private readonly auth = inject(AuthStore);
  private readonly injector = inject(Injector);

  protected readonly canManage = computed(() => this.auth.hasPermission('users:manage'));
  protected readonly currentUserId = computed(() => this.auth.user()?.id ?? null);
  protected readonly roleOptions = ROLE_OPTIONS;

  protected readonly searchText = signal('');
  private readonly search = toSignal(
    toObservable(this.searchText).pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged()),
    {
      initialValue: '',
    },
  );
  protected readonly roleFilter = signal<Role | null>(null);
  /** Back to the first page whenever the search or filter changes. */
  protected readonly page = linkedSignal({
    source: () => [this.search(), this.roleFilter()] as const,
    computation: () => 1,
  });
  private readonly query = computed<UsersQuery>(() => ({
    search: this.search(),
    role: this.roleFilter(),
    page: this.page(),
    pageSize: USERS_PAGE_SIZE,
  }));

  private readonly users = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.list(params) });
  /** The page on screen: the last one loaded stays visible while the next loads, and takes row updates in place. */
  protected readonly shown = linkedSignal<Page<UserDto> | undefined, Page<UserDto> | undefined>({
    source: () => (this.users.hasValue() ? this.users.value() : undefined),
    computation: (loaded, previous) => loaded ?? previous?.value,
  });
  protected readonly loading = this.users.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.users.error();
    return error ? describeApiError(error, 'The users could not be loaded.') : null;
  });
  protected readonly pageCount = computed(() => Math.max(1, Math.ceil((this.shown()?.total ?? 0) / USERS_PAGE_SIZE)));
  protected readonly range = computed(() => {
    const shown = this.shown();
    if (!shown || shown.items.length === 0) return null;
    const first = (shown.page - 1) * shown.pageSize + 1;
    return { first, last: first + shown.items.length - 1, total: shown.total };
  });

  protected readonly rowStates = signal<Readonly<Record<string, UserRowState>>>({});
  protected readonly formOpen = signal(false);
  protected readonly creating = signal(false);
  protected readonly createErrors = signal<Readonly<Record<string, string>>>({});
  protected readonly createProblem = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  private readonly newUserButton = viewChild<ElementRef<HTMLButtonElement>>('newUserButton');

  protected filterByRole(value: string): void {
    this.roleFilter.set(isRole(value) ? value : null);
  }

  protected goToPage(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }

  protected retryLoad(): void {
    this.users.reload();
  }

  protected openForm(): void {
    this.notice.set(null);
    this.createErrors.set({});
    this.createProblem.set(null);
    this.formOpen.set(true);
  }

  protected closeForm(): void {
    this.formOpen.set(false);
    this.focusNewUserButton();
  }

  protected async createUser(request: CreateUserRequest): Promise<void> {
    this.creating.set(true);
    this.createErrors.set({});
    this.createProblem.set(null);
    try {
      const created = await firstValueFrom(this.api.create(request));
      this.formOpen.set(false);
      this.focusNewUserButton();
      this.notice.set(`Created ${created.displayName} (${created.email}).`);
      this.users.reload();
    } catch (error) {
      // Expected: 409 (email taken) or 400 with field details; 403 or network errors without.
      const fields = fieldErrorsOf(error);
      const onForm = Object.keys(fields).some((path) => (NEW_USER_FIELDS as readonly string[]).includes(path));
      this.createErrors.set(fields);
      this.createProblem.set(onForm ? null : describeApiError(error, 'The user could not be created.'));
    } finally {
      this.creating.set(false);
    }
  }

  protected changeRole({ user, role }: RoleChange): Promise<void> {
    return this.updateUser(user, { role }, role);
  }

  protected toggleDisabled(user: UserDto): Promise<void> {
    return this.updateUser(user, { disabled: !user.disabled });
  }

  private async updateUser(user: UserDto, change: UpdateUserRequest, requestedRole?: Role): Promise<void> {
    this.notice.set(null);
    this.setRowState(user.id, { busy: true, requestedRole });
    try {
      const updated = await firstValueFrom(this.api.update(user.id, change));
      this.shown.update(
        (page) => page && { ...page, items: page.items.map((item) => (item.id === updated.id ? updated : item)) },
      );
      this.setRowState(user.id, null);
    } catch (error) {
      // Expected: 409 when an admin would disable or demote themself, 404 when the user is gone, network errors.
      this.setRowState(user.id, { busy: false, error: describeApiError(error, 'The change was not saved.') });
    }
  }

  /** The button comes back once the form is gone, so focus moves after that render. */
  private focusNewUserButton(): void {
    afterNextRender(() => this.newUserButton()?.nativeElement.focus(), { injector: this.injector });
  }

  private setRowState(id: string, state: UserRowState | null): void {
    this.rowStates.update((states) => {
      const next = { ...states };
      if (state) next[id] = state;
      else delete next[id];
      return next;
    });
  }
}
