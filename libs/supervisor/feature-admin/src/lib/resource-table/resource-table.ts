import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import type { PbxSyncReport } from '@switchboard/shared/contracts';
import type { ColumnSpec } from '../admin-fields';

/** A row's change under way or refused. */
export interface RowState {
  busy: boolean;
  error?: string;
}

/**
 * A provisioning list as a dense table: one column per spec, FreeSWITCH sync status of the rows changed in this
 * session, and (for admins) edit and two-step delete buttons.
 */
@Component({
  selector: 'sb-resource-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './resource-table.html',
  styleUrl: './resource-table.css',
})
export class ResourceTable<T extends { id: string }> {
  readonly caption = input.required<string>();
  readonly columns = input.required<readonly ColumnSpec<T>[]>();
  readonly rows = input.required<readonly T[]>();
  readonly label = input.required<(row: T) => string>();
  /** Whether the viewer may change records (`provisioning:manage`). */
  readonly canManage = input(false);
  readonly loading = input(false);
  /** What FreeSWITCH said about the last change of a row, by id. */
  readonly syncs = input<Readonly<Record<string, PbxSyncReport>>>({});
  readonly rowStates = input<Readonly<Record<string, RowState>>>({});
  readonly edit = output<T>();
  readonly remove = output<T>();

  /** The row whose delete button asks for confirmation. */
  protected readonly confirming = signal<string | null>(null);

  protected askDelete(row: T): void {
    this.confirming.set(row.id);
  }

  protected confirmDelete(row: T): void {
    this.confirming.set(null);
    this.remove.emit(row);
  }

  protected syncLabel(sync: PbxSyncReport): string {
    switch (sync.status) {
      case 'applied':
        return 'Applied';
      case 'pending':
        return 'Pending';
      case 'failed':
        return 'Failed';
    }
  }
}
