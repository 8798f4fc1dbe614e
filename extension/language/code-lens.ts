import * as vscode from 'vscode';
import { formatCount, type ModelCheck } from '../../runtime/language';
import type { ModelCheckCache } from './model-check-cache';

/** Extra lenses on a model's first line (the runtime adds `▶ Train` through this). */
export type LensContributor = (document: vscode.TextDocument, check: ModelCheck | undefined, range: vscode.Range) => vscode.CodeLens[];

/** `N layers · P params · M MMACs` on the first line of each model file. */
export class ModelCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly contributors: LensContributor[] = [];

  private readonly subscription: vscode.Disposable;

  constructor(private readonly checks: ModelCheckCache) {
    this.subscription = checks.onDidCheck(() => this.changed.fire());
  }

  addContributor(contributor: LensContributor): vscode.Disposable {
    this.contributors.push(contributor);
    this.changed.fire();
    return new vscode.Disposable(() => this.contributors.splice(this.contributors.indexOf(contributor), 1));
  }

  refresh(): void { this.changed.fire(); }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const check = this.checks.get(document); // the last check; a new one refreshes the lenses when it is in
    const range = new vscode.Range(0, 0, 0, 0);
    return [new vscode.CodeLens(range, { title: check ? summaryTitle(check) : 'checking…', command: '' }),
      ...this.contributors.flatMap((contribute) => contribute(document, check, range))];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function summaryTitle(check: ModelCheck): string {
  const errors = check.diagnostics.filter((d) => d.severity === 'error').length;
  const mmacs = check.totals.macs / 1e6;
  const base = `${check.layers.length} layers · ${formatCount(check.totals.params)} params · ${mmacs < 10 ? mmacs.toFixed(2) : mmacs.toFixed(1)} MMACs`;
  return errors > 0 ? `${base} · ${errors} error${errors > 1 ? 's' : ''}` : base;
}
