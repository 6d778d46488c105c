import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { Softphone } from '@switchboard/telephony/sip-angular';
import { type LevelMeter, playTestTone, startLevelMeter } from './audio-probe';

/** Microphone and speaker choice, a live microphone level meter and a speaker test tone. */
@Component({
  selector: 'sb-audio-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="settings" data-testid="audio-settings">
      <div class="sb-field">
        <label class="sb-label" for="audio-input">Microphone</label>
        <select id="audio-input" class="sb-select" data-testid="audio-input" (change)="selectInput($any($event.target).value)">
          @for (device of phone.devices().inputs; track device.deviceId) {
            <option [value]="device.deviceId" [selected]="device.deviceId === phone.devices().selectedInput">
              {{ device.label || 'Microphone' }}
            </option>
          } @empty {
            <option value="">Default microphone</option>
          }
        </select>
      </div>
      <div class="meter-row">
        <button type="button" class="sb-btn sb-btn--small" data-testid="audio-meter-toggle" (click)="toggleMeter()">
          {{ metering() ? 'Stop level check' : 'Check level' }}
        </button>
        <meter class="meter" min="0" max="1" low="0.1" high="0.8" optimum="0.4" [value]="level()" data-testid="audio-level" aria-label="Microphone level"></meter>
      </div>
      <div class="sb-field">
        <label class="sb-label" for="audio-output">Speaker</label>
        <select id="audio-output" class="sb-select" data-testid="audio-output" [disabled]="!phone.devices().outputSelectable" (change)="selectOutput($any($event.target).value)">
          @for (device of phone.devices().outputs; track device.deviceId) {
            <option [value]="device.deviceId" [selected]="device.deviceId === phone.devices().selectedOutput">
              {{ device.label || 'Speaker' }}
            </option>
          } @empty {
            <option value="">Default speaker</option>
          }
        </select>
        @if (!phone.devices().outputSelectable) {
          <span class="sb-hint">This browser plays calls on the system's default speaker.</span>
        }
      </div>
      <button type="button" class="sb-btn sb-btn--small tone" data-testid="audio-test-tone" [disabled]="playing()" (click)="testTone()">
        {{ playing() ? 'Playing…' : 'Play test tone' }}
      </button>
      @if (problem(); as message) {
        <p class="sb-alert" role="alert">{{ message }}</p>
      }
    </div>
  `,
  styles: `
    .settings { display: flex; flex-direction: column; gap: var(--sb-space-3); }
    .meter-row { display: flex; align-items: center; gap: var(--sb-space-2); }
    .meter { flex: 1; height: 12px; }
    .tone { align-self: flex-start; }
  `,
})
export class AudioSettings {
  protected readonly phone = inject(Softphone);
  protected readonly level = signal(0);
  protected readonly metering = signal(false);
  protected readonly playing = signal(false);
  protected readonly problem = signal<string | undefined>(undefined);
  private meter: LevelMeter | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.meter?.stop());
  }

  protected async selectInput(deviceId: string): Promise<void> {
    await this.attempt(() => this.phone.selectInput(deviceId));
    if (this.metering()) {
      this.stopMeter();
      await this.toggleMeter();
    }
  }

  protected selectOutput(deviceId: string): Promise<void> {
    return this.attempt(() => this.phone.selectOutput(deviceId));
  }

  protected async toggleMeter(): Promise<void> {
    if (this.metering()) {
      this.stopMeter();
      return;
    }
    await this.attempt(async () => {
      this.meter = await startLevelMeter(this.phone.devices().selectedInput, (level) => this.level.set(level));
      this.metering.set(true);
      // Device labels are only readable once the microphone was granted.
      await this.phone.refreshDevices();
    });
  }

  protected async testTone(): Promise<void> {
    this.playing.set(true);
    await this.attempt(() => playTestTone(this.phone.devices().selectedOutput));
    this.playing.set(false);
  }

  private stopMeter(): void {
    this.meter?.stop();
    this.meter = undefined;
    this.metering.set(false);
    this.level.set(0);
  }

  private async attempt(work: () => Promise<unknown>): Promise<void> {
    this.problem.set(undefined);
    try {
      await work();
    } catch (error) {
      // Device errors (permission refused, device unplugged) are shown, not thrown: the agent can pick another.
      this.problem.set(error instanceof Error ? error.message : String(error));
    }
  }
}
