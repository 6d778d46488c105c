import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  afterRenderEffect,
  computed,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { toFieldErrors } from '@switchboard/shared/contracts';
import { toFieldErrorMap } from '@switchboard/shared/data-access-auth';
import { type FieldOption, type FieldSpec, type RawValues, rawValueOf, toRequestBody } from '../admin-fields';
import type { z } from 'zod';

/**
 * A create or edit form generated from field descriptions. Checks the body with the API's own schema before
 * emitting it, and shows the server's field errors (`details[]` of a 400 or 409) beside the fields they concern.
 */
@Component({
  selector: 'sb-resource-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './resource-form.html',
  styleUrl: './resource-form.css',
})
export class ResourceForm {
  /** Form title, e.g. "New queue" or "Edit support". */
  readonly title = input.required<string>();
  /** Prefix of element ids and test ids, e.g. `queue`. */
  readonly idPrefix = input.required<string>();
  readonly fields = input.required<readonly FieldSpec[]>();
  /** The record being edited, or null for a new one. */
  readonly record = input<object | null>(null);
  /** The schema the body must pass (the create or update request schema). */
  readonly schema = input.required<z.ZodType>();
  /** Choices of fields whose options come from the API, by field key. */
  readonly loadedOptions = input<Readonly<Record<string, readonly FieldOption[]>>>({});
  readonly pending = input(false);
  /** Field errors from the server, by field path. */
  readonly serverErrors = input<Readonly<Record<string, string>>>({});
  /** A refusal that concerns no single field, as a sentence. */
  readonly problem = input<string | null>(null);
  /** The body passed the schema: save it (the whole body; the page works out what changed). */
  readonly save = output<Record<string, unknown>>();
  readonly cancelled = output<void>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly creating = computed(() => this.record() === null);
  protected readonly shownFields = computed(() =>
    this.fields().filter((field) => this.creating() || !field.createOnly),
  );
  protected readonly values = linkedSignal<Record<string, string | boolean>>(() =>
    Object.fromEntries(this.fields().map((field) => [field.key, rawValueOf(field, this.record())])),
  );
  /** Errors shown beside fields: the server's, until the next local check replaces them. */
  protected readonly errors = linkedSignal<Readonly<Record<string, string>>>(() => this.serverErrors());
  /** Errors on keys that have no input here (e.g. a form-level refine), shown above the fields. */
  protected readonly otherErrors = computed(() => {
    const keys = new Set(this.shownFields().map((field) => field.key));
    return Object.entries(this.errors())
      .filter(([path]) => !keys.has(path.split('.')[0] ?? path))
      .map(([path, message]) => (path ? `${path}: ${message}` : message));
  });

  constructor() {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('input, select')?.focus());
    // Focus follows the first error so keyboard and screen-reader users land on what needs fixing.
    afterRenderEffect(() => {
      const first = this.shownFields().find((field) => this.errors()[field.key]);
      if (first) this.host.nativeElement.querySelector<HTMLElement>(`#${this.inputId(first)}`)?.focus();
    });
  }

  protected inputId(field: FieldSpec): string {
    return `${this.idPrefix()}-${field.key}`;
  }

  protected optionsOf(field: FieldSpec): readonly FieldOption[] {
    return field.options ?? this.loadedOptions()[field.key] ?? [];
  }

  protected setValue(key: string, value: string | boolean): void {
    this.values.update((values) => ({ ...values, [key]: value }));
  }

  protected textOf(key: string): string {
    const value = this.values()[key];
    return typeof value === 'string' ? value : '';
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.pending()) return;
    const body = toRequestBody(this.fields(), this.values() as RawValues, this.creating());
    const parsed = this.schema().safeParse(body);
    if (!parsed.success) {
      this.errors.set(toFieldErrorMap(toFieldErrors(parsed.error)));
      return;
    }
    this.errors.set({});
    this.save.emit(body);
  }
}
