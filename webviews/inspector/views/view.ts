// What every Inspector view implements. The panel owns the run, epoch and input pickers and hands each view the
// current selection; a view only draws. Explain and Adversarial (issues 9 and 10) plug in here.
import type { RequestOptions } from '../../shared/rpc';
import type { InputChoice, InspectorHostServes, InspectorSession, InspectorViewId, SessionKey } from '../protocol';

/** The page's typed requests to the extension. */
export type HostRequest = <K extends keyof InspectorHostServes>(method: K, params: InspectorHostServes[K]['params'],
  options?: RequestOptions) => Promise<InspectorHostServes[K]['result']>;

/** What the pickers selected. */
export interface Selection {
  readonly key: SessionKey;
  readonly session: InspectorSession;
  readonly input: InputChoice;
}

export interface ViewContext {
  readonly request: HostRequest;
  /** Reveals a layer's line in the model file. */
  revealLayer(layerId: string): void;
  /** Shows an error line in the panel. */
  showError(message: string): void;
}

export interface InspectorView {
  readonly id: InspectorViewId;
  readonly label: string;
  /** Builds the view's DOM into `host` (once). */
  mount(host: HTMLElement, context: ViewContext): void;
  /** The run, epoch or input changed (also called when the view becomes visible). */
  show(selection: Selection): void;
  /** The editor's cursor is on this layer. */
  highlightLayer(layerId: string): void;
  /** The theme changed: redraw with its colours. */
  themeChanged(): void;
  /** Steps done of the running activation maximization (the Explain view's). */
  maximizeProgress?(done: number, total: number): void;
  /** Resolves once what the view started fetching has been drawn. */
  settled(): Promise<void>;
  /** Per layer: channel canvases drawn, highlighted (for the test hook). */
  layerState(): { id: string; canvases: number; highlighted: boolean }[];
}
