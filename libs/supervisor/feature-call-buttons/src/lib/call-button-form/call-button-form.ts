import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { type CallButtonDto, type QueueDto, WEEKDAYS, type Weekday } from '@switchboard/shared/contracts';
import {
  type ButtonFormValues,
  DAY_LABELS,
  type DayHours,
  buttonValues,
  newButtonValues,
  requestBody,
  validate,
} from '../button-form-model';

/** Every IANA zone the browser knows, for the time zone input's suggestions. */
const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/**
 * Creates or edits a call button: queue, allowed origins, opening hours with a time zone and the closed message,
 * the concurrent-call cap and the per-visitor rate limit. Checks with the API's own schema before sending; the page
 * passes the server's field errors back in `serverErrors`.
 */
@Component({
  selector: 'sb-call-button-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-button-form.html',
  styleUrl: './call-button-form.css',
})
export class CallButtonForm {
  /** The button being edited, or null for a new one. */
  readonly button = input<CallButtonDto | null>(null);
  readonly queues = input.required<readonly QueueDto[]>();
  readonly pending = input(false);
  readonly serverErrors = input<Readonly<Record<string, string>>>({});
  readonly problem = input<string | null>(null);
  /** The request body, valid by the shared schema. */
  readonly save = output<Record<string, unknown>>();
  readonly cancelled = output();

  protected readonly weekdays = WEEKDAYS;
  protected readonly dayLabels = DAY_LABELS;
  protected readonly timeZones = TIME_ZONES;
  protected readonly values = linkedSignal<ButtonFormValues>(() => {
    const button = this.button();
    return button ? buttonValues(button) : newButtonValues();
  });
  private readonly localErrors = linkedSignal<CallButtonDto | null, Record<string, string>>({
    source: () => this.button(),
    computation: () => ({}),
  });
  protected readonly errors = computed(() => ({ ...this.serverErrors(), ...this.localErrors() }));
  protected readonly creating = computed(() => this.button() === null);

  protected set<K extends keyof ButtonFormValues>(key: K, value: ButtonFormValues[K]): void {
    this.values.update((values) => ({ ...values, [key]: value }));
  }

  protected setDay(day: Weekday, change: Partial<DayHours>): void {
    this.values.update((values) => ({
      ...values,
      days: { ...values.days, [day]: { ...values.days[day], ...change } },
    }));
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const errors = validate(this.values());
    this.localErrors.set(errors);
    if (Object.keys(errors).length === 0) this.save.emit(requestBody(this.values()));
  }
}
