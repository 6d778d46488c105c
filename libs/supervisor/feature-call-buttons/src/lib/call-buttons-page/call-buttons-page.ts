import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { CallButtonDto, CreateCallButtonRequest, UpdateCallButtonRequest } from '@switchboard/shared/contracts';
import { AuthStore, describeApiError, fieldErrorsOf } from '@switchboard/shared/data-access-auth';
import { type Observable, firstValueFrom, of } from 'rxjs';
import { describeHours, embedSnippet, formKey } from '../button-form-model';
import { CallButtonForm } from '../call-button-form/call-button-form';
import { CallButtonsApi } from '../call-buttons-api';

/** The form on screen: a new button, or the button being edited. */
type FormMode = { kind: 'create' } | { kind: 'edit'; button: CallButtonDto };

/**
 * Click-to-call buttons: each one's queue, hours, whether it is open now, today's calls and the lines in use, the
 * snippet to paste into a site, and — with `provisioning:manage` — create, edit, switch off and delete.
 */
@Component({
  selector: 'sb-call-buttons-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CallButtonForm],
  templateUrl: './call-buttons-page.html',
  styleUrl: './call-buttons-page.css',
})
export class CallButtonsPage {
  private readonly api = inject(CallButtonsApi);
  private readonly auth = inject(AuthStore);
  private readonly origin = inject(DOCUMENT).location.origin;
  protected readonly canManage = computed(() => this.auth.hasPermission('provisioning:manage'));

  protected readonly list = rxResource({ stream: () => this.api.list() });
  protected readonly buttons = computed(() => (this.list.hasValue() ? this.list.value() : []));
  protected readonly loadError = computed(() =>
    this.list.error() ? describeApiError(this.list.error(), 'The call buttons could not be loaded.') : null,
  );
  protected readonly form = signal<FormMode | null>(null);
  private readonly queueList = rxResource({
    params: () => (this.form() ? true : undefined),
    stream: () => (this.form() ? this.api.queues() : of([])),
  });
  protected readonly queues = computed(() => (this.queueList.hasValue() ? this.queueList.value() : []));
  protected readonly editing = computed(() => {
    const form = this.form();
    return form?.kind === 'edit' ? form.button : null;
  });
  protected readonly saving = signal(false);
  protected readonly formErrors = signal<Readonly<Record<string, string>>>({});
  protected readonly formProblem = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly snippetOf = signal<string | null>(null);
  protected readonly confirmingDelete = signal<string | null>(null);
  protected readonly rowError = signal<{ id: string; message: string } | null>(null);
  protected readonly copied = signal(false);

  protected hours(button: CallButtonDto): string {
    return describeHours(button);
  }

  protected snippet(button: CallButtonDto): string {
    return embedSnippet(this.origin, button.id);
  }

  protected open(mode: FormMode): void {
    this.notice.set(null);
    this.formErrors.set({});
    this.formProblem.set(null);
    this.form.set(mode);
  }

  protected async save(body: Record<string, unknown>): Promise<void> {
    const form = this.form();
    if (!form) return;
    this.saving.set(true);
    try {
      const saved = await firstValueFrom(
        form.kind === 'create'
          ? this.api.create(body as CreateCallButtonRequest)
          : this.api.update(form.button.id, body as UpdateCallButtonRequest),
      );
      this.form.set(null);
      this.notice.set(`${form.kind === 'create' ? 'Created' : 'Saved'} call button ${saved.name}.`);
      this.snippetOf.set(form.kind === 'create' ? saved.id : this.snippetOf());
      this.list.reload();
    } catch (error) {
      // Expected: 400 with field details, 409 when the name is taken, 404 when the button went away.
      const fields = Object.entries(fieldErrorsOf(error)).map(([path, message]): [string, string] => [
        formKey(path.split('.')),
        message,
      ]);
      this.formErrors.set(Object.fromEntries(fields));
      this.formProblem.set(fields.length > 0 ? null : describeApiError(error, 'The call button could not be saved.'));
    } finally {
      this.saving.set(false);
    }
  }

  protected async setEnabled(button: CallButtonDto, enabled: boolean): Promise<void> {
    await this.act(
      button,
      () => this.api.update(button.id, { enabled }),
      `${button.name} ${enabled ? 'takes calls again' : 'is switched off'}.`,
    );
  }

  protected async remove(button: CallButtonDto): Promise<void> {
    this.confirmingDelete.set(null);
    await this.act(button, () => this.api.remove(button.id), `Deleted call button ${button.name}.`);
  }

  protected async copySnippet(button: CallButtonDto): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.snippet(button));
      this.copied.set(true);
    } catch {
      // No clipboard permission (or an insecure page): the snippet stays selectable on screen.
      this.copied.set(false);
    }
  }

  private async act(button: CallButtonDto, request: () => Observable<unknown>, done: string): Promise<void> {
    this.rowError.set(null);
    try {
      await firstValueFrom(request());
      this.notice.set(done);
      this.list.reload();
    } catch (error) {
      // Expected: 404 when someone else deleted it meanwhile, network errors.
      this.rowError.set({ id: button.id, message: describeApiError(error, 'That did not work.') });
    }
  }
}
