import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterNextRender,
  afterRenderEffect,
  computed,
  input,
  linkedSignal,
  output,
  viewChild,
} from '@angular/core';
import { type CreateUserRequest, createUserRequestSchema, toFieldErrors } from '@switchboard/shared/contracts';
import { toFieldErrorMap } from '@switchboard/shared/data-access-auth';
import { ROLE_OPTIONS } from '../role-options';

/** The fields of the form, in screen order (the first one with an error gets focus). */
export const NEW_USER_FIELDS = ['email', 'displayName', 'role', 'password'] as const;
type NewUserField = (typeof NEW_USER_FIELDS)[number];

/**
 * The "New user" form. Checks the input with the API's own schema before sending, and shows the server's field
 * errors (`details[]` of a 400 or 409) beside the fields they concern.
 */
@Component({
  selector: 'sb-new-user-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './new-user-form.html',
  styleUrl: './new-user-form.css',
})
export class NewUserForm {
  /** Whether the create request is under way. */
  readonly pending = input(false);
  /** Field errors from the server, by field path. */
  readonly serverErrors = input<Readonly<Record<string, string>>>({});
  /** A refusal that concerns no single field (e.g. no permission), as a sentence. */
  readonly problem = input<string | null>(null);
  /** The input passed the schema: create this user. */
  readonly create = output<CreateUserRequest>();
  /** The user closed the form without creating anyone. */
  readonly cancelled = output<void>();

  protected readonly roleOptions = ROLE_OPTIONS;
  /** Errors shown beside fields: the server's, until the next local check replaces them. */
  protected readonly errors = linkedSignal<Readonly<Record<string, string>>>(() => this.serverErrors());
  protected readonly firstInvalid = computed(() => NEW_USER_FIELDS.find((field) => this.errors()[field]) ?? null);

  private readonly email = viewChild.required<ElementRef<HTMLInputElement>>('email');
  private readonly displayName = viewChild.required<ElementRef<HTMLInputElement>>('displayName');
  private readonly role = viewChild.required<ElementRef<HTMLSelectElement>>('role');
  private readonly password = viewChild.required<ElementRef<HTMLInputElement>>('password');

  constructor() {
    afterNextRender(() => this.email().nativeElement.focus());
    // Focus follows the first error so keyboard and screen-reader users land on what needs fixing.
    afterRenderEffect(() => {
      const field = this.firstInvalid();
      if (field) this.fieldElement(field).focus();
    });
  }

  /** The id of a field's error message, for `aria-describedby`; null when the field has no error. */
  protected errorId(field: NewUserField): string | null {
    return this.errors()[field] ? `new-user-${field}-error` : null;
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.pending()) return;
    const parsed = createUserRequestSchema.safeParse({
      email: this.email().nativeElement.value,
      displayName: this.displayName().nativeElement.value,
      role: this.role().nativeElement.value,
      password: this.password().nativeElement.value,
    });
    if (!parsed.success) {
      this.errors.set(toFieldErrorMap(toFieldErrors(parsed.error)));
      return;
    }
    this.errors.set({});
    this.create.emit(parsed.data);
  }

  private fieldElement(field: NewUserField): HTMLElement {
    switch (field) {
      case 'email':
        return this.email().nativeElement;
      case 'displayName':
        return this.displayName().nativeElement;
      case 'role':
        return this.role().nativeElement;
      case 'password':
        return this.password().nativeElement;
    }
  }
}
